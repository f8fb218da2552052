package caption

import (
	"strings"
	"unicode"
)

// creditJunkName reports whether a by-line or credit token names no
// person: the placeholders agencies put in the by-line when the
// photographer is not named ("STR" for an AFP stringer, "-", "HANDOUT",
// "POOL", "Staff"), empty values some software writes ("null", "N/A"),
// and agency names themselves ("AFP", "REUTERS").
func creditJunkName(s string) bool {
	k := strings.ToLower(strings.Join(strings.Fields(s), " "))
	k = strings.Trim(k, " .:;,()[]")
	switch k {
	case "", "str", "stringer", "strs", "ho", "handout", "handout photo", "pool", "pool photo",
		"staff", "staff photographer", "null", "nil", "none", "n/a", "na", "unknown",
		"anonymous", "various sources", "photographer", "file", "file photo", "files",
		"photo", "undated", "courtesy":
		return true
	}
	if strings.IndexFunc(k, unicode.IsLetter) < 0 {
		return true // "-", "--", "?", "***", digits
	}
	if _, ok := creditAgencyName(s); ok {
		return true
	}
	return false
}

// creditMaxAgencyLen is longer than any agency name or alias.
const creditMaxAgencyLen = 64

// creditMaxParts bounds the "/"-separated parts read from a by-line or a
// credit: real ones have two to four; a hostile field of thousands of
// slashes must not cost thousands of table walks.
const creditMaxParts = 16

// creditAgencyName normalises an agency name, also accepting Getty's
// regional source names ("Getty Images North America", "Getty Images
// AsiaPac") that the agency table leaves out.
func creditAgencyName(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > creditMaxAgencyLen {
		return "", false // no agency has so long a name; spare the table walk
	}
	if a, ok := NormalizeAgency(s); ok {
		return a, true
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "getty images ") {
		switch strings.TrimSpace(low[len("getty images "):]) {
		case "north america", "south america", "europe", "asiapac", "asia pacific",
			"news", "sport", "entertainment", "for", "latam", "middle east":
			return "Getty Images", true
		}
	}
	return "", false
}

// creditCleanName strips what is not the photographer's name from a
// by-line or a parsed photographer: a "Photo by" or "By" prefix, a
// copyright sign, and agency parts after a slash ("JUNG YEON-JE/AFP",
// "Kim Hong-Ji / Reuters"). It returns "" when what is left names no one.
func creditCleanName(s string) string {
	for _, part := range strings.SplitN(s, "/", creditMaxParts+1)[:min(creditMaxParts, strings.Count(s, "/")+1)] {
		p := strings.TrimSpace(part)
		for changed := true; changed; {
			changed = false
			p = strings.TrimSpace(strings.TrimPrefix(p, "©"))
			for _, prefix := range []string{"photo by ", "photograph by ", "photos by ", "by ", "copyright ", "(c) "} {
				if len(p) > len(prefix) && strings.EqualFold(p[:len(prefix)], prefix) {
					p = strings.TrimSpace(p[len(prefix):])
					changed = true
					break
				}
			}
		}
		p = creditUnwrap(p)
		if !creditJunkName(p) {
			return p
		}
	}
	return ""
}

// creditUnwrap removes one pair of parentheses around the whole of s
// ("(Kim Hong-Ji)") but keeps a parenthesis that is part of the text
// ("Creator1 (ref2017.1)").
func creditUnwrap(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' && strings.Count(s, "(") == 1 && strings.Count(s, ")") == 1 {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// creditNameCase writes a name in capitals, as AFP by-lines come ("JUNG
// YEON-JE", "LUDOVIC MARIN"), in name case ("Jung Yeon-je", "Ludovic
// Marin"). A name that already has lower-case letters is returned as
// given: its case is the photographer's own and is not ours to change.
func creditNameCase(s string) string {
	hasUpper := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return s
		}
		if unicode.IsUpper(r) {
			hasUpper = true
		}
	}
	if !hasUpper {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		low := strings.ToLower(w)
		if i > 0 && i < len(words)-1 && creditParticle(low) {
			words[i] = low
			continue
		}
		parts := strings.Split(low, "-")
		korean := len(parts) == 2 && creditKoreanSyllable(parts[0]) && creditKoreanSyllable(parts[1])
		for j, p := range parts {
			if korean && j == 1 {
				continue // Korean given names: "Yeon-je", "Jong-un"
			}
			parts[j] = creditCapitalise(p)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

// creditCapitalise capitalises a lower-case word, and the letter after an
// apostrophe ("o'brien" → "O'Brien") or a "Mc" ("mcdonald" → "McDonald").
func creditCapitalise(w string) string {
	rs := []rune(w)
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
			up = false
		}
		if r == '\'' || r == '’' || r == '.' {
			up = true
		}
	}
	if len(rs) > 3 && rs[0] == 'M' && rs[1] == 'c' {
		rs[2] = unicode.ToUpper(rs[2])
	}
	return string(rs)
}

// creditParticle lists the name particles written in lower case inside a
// name ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
func creditParticle(w string) bool {
	switch w {
	case "de", "del", "della", "der", "den", "di", "da", "du", "dos", "das", "van", "von", "bin", "ibn":
		return true
	}
	return false
}

// creditKoreanSyllable reports whether w (lower case) is one syllable of
// romanised Korean (Revised or McCune–Reischauer, with the common
// variants "oo", "ee", "ou"): an optional initial consonant, a vowel and
// an optional final consonant. Korean given names are hyphenated pairs of
// such syllables ("yeon-je", "hong-ji", "jae-in"); "jean-pierre" is not.
func creditKoreanSyllable(w string) bool {
	initials := []string{"kk", "tt", "pp", "ss", "jj", "ch", "sh", "g", "k", "n", "d", "t", "r", "l", "m", "b", "p", "s", "j", "h", "y", "w", ""}
	vowels := []string{"yae", "yeo", "wae", "ae", "ya", "eo", "ye", "wa", "oe", "yo", "wo", "we", "wi", "yu", "eu", "ui", "oo", "ee", "ou", "a", "e", "o", "u", "i"}
	finals := []string{"ng", "k", "n", "t", "l", "m", "p", "g", ""}
	if w == "" || len(w) > 7 {
		return false
	}
	for _, in := range initials {
		if !strings.HasPrefix(w, in) {
			continue
		}
		rest := w[len(in):]
		for _, v := range vowels {
			if !strings.HasPrefix(rest, v) {
				continue
			}
			tail := rest[len(v):]
			for _, f := range finals {
				if tail == f {
					return true
				}
			}
		}
	}
	return false
}
