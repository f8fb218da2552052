// Package textfold folds place and agency names to comparison keys, so that
// "São Paulo", "SAO PAULO" and "Sao-Paulo" meet at "sao paulo". It is shared
// by the caption parser and the generator of its embedded gazetteer, which
// must agree byte for byte on the sort order of the keys.
package textfold

import (
	"strings"
	"unicode"
)

// Key returns the comparison key of s: lower case, Latin diacritics removed,
// apostrophes and dots dropped ("St. Peter's" → "st peters"), every other
// run of non-letters and non-digits turned into one space, trimmed.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʻ' || r == 'ʼ' || r == '.':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			r = unicode.ToLower(r)
			if r < 0x80 {
				b.WriteRune(r)
			} else if a, ok := ascii(r); ok {
				b.WriteString(a)
			} else {
				b.WriteRune(r)
			}
		case unicode.IsMark(r):
			// Combining accents (decomposed text) fold away like precomposed ones.
			continue
		default:
			space = true
		}
	}
	return b.String()
}

// ascii maps a lower-case Latin letter with a diacritic to its base letters.
func ascii(r rune) (string, bool) {
	switch r {
	case 'ß':
		return "ss", true
	case 'æ':
		return "ae", true
	case 'œ':
		return "oe", true
	case 'þ':
		return "th", true
	case 'ð', 'đ':
		return "d", true
	case 'ł':
		return "l", true
	case 'ø':
		return "o", true
	case 'ı':
		return "i", true
	case 'ħ':
		return "h", true
	case 'ŧ':
		return "t", true
	}
	if r >= 0x1EA0 && r <= 0x1EF9 { // Vietnamese letters with two marks
		return vietnamese(r), true
	}
	for _, g := range latinGroups {
		if strings.ContainsRune(g.from, r) {
			return g.to, true
		}
	}
	return "", false
}

// latinGroups lists precomposed lower-case letters by base letter.
var latinGroups = []struct{ from, to string }{
	{"àáâãäåāăąǎǻ", "a"},
	{"çćĉċč", "c"},
	{"ďḍ", "d"},
	{"èéêëēĕėęěẽ", "e"},
	{"ĝğġģǧ", "g"},
	{"ĥḥ", "h"},
	{"ìíîïĩīĭįǐ", "i"},
	{"ĵ", "j"},
	{"ķ", "k"},
	{"ĺļľŀḷ", "l"},
	{"ñńņňŉṇ", "n"},
	{"òóôõöōŏőǒơ", "o"},
	{"ŕŗřṛ", "r"},
	{"śŝşšșṣ", "s"},
	{"ţťțṭ", "t"},
	{"ùúûüũūŭůűųǔưǖǘǚǜ", "u"},
	{"ŵ", "w"},
	{"ýÿŷ", "y"},
	{"źżžẓ", "z"},
}

// vietnamese folds the Latin Extended Additional block U+1EA0–U+1EF9,
// which is laid out by base vowel.
func vietnamese(r rune) string {
	switch {
	case r <= 0x1EB7:
		return "a"
	case r <= 0x1EC7:
		return "e"
	case r <= 0x1ECB:
		return "i"
	case r <= 0x1EE3:
		return "o"
	case r <= 0x1EF1:
		return "u"
	default:
		return "y"
	}
}
