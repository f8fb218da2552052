package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ptokKind sorts the tokens of a caption.
type ptokKind uint8

const (
	ptWord  ptokKind = iota // letters, possibly with digits, inner hyphens, apostrophes and dots
	ptNum                   // starts with a digit: "8", "8th", "2019", "24-06-2014"
	ptPunct                 // one character of punctuation: , . ( ) / : ; - " ...
)

// ptoken is one word, number or punctuation mark of a caption.
type ptoken struct {
	text       string // as written; abbreviations keep their dot ("U.S.", "Rep.", "C.")
	start, end int    // byte offsets in the parsed text
	kind       ptokKind
	space      bool   // white space precedes the token
	low        string // text in lower case without a final dot
}

// parseMaxTokens bounds the work on one caption; the text is already capped at
// MaxParseBytes, so this only guards against pathological punctuation runs.
const parseMaxTokens = 8192

// ptokenize splits s into tokens. It never fails: any rune it does not know
// is punctuation.
func ptokenize(s string) []ptoken {
	toks := make([]ptoken, 0, len(s)/5+1)
	space := true
	for i := 0; i < len(s) && len(toks) < parseMaxTokens; {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += w
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := scanWord(s, i)
			t := ptoken{text: s[i:j], start: i, end: j, kind: ptWord, space: space}
			t.low = lowerWord(strings.TrimSuffix(t.text, "."))
			if unicode.IsDigit(r) {
				t.kind = ptNum
			}
			toks = append(toks, t)
			i = j
		default:
			toks = append(toks, ptoken{text: s[i : i+w], start: i, end: i + w, kind: ptPunct, space: space, low: s[i : i+w]})
			i += w
		}
		space = false
	}
	return toks
}

// scanWord returns the end of the word starting at i. Hyphens, apostrophes
// and dots join letters ("Jae-in", "O'Neill", "Korea's", "U.S"); a final dot
// is kept when the word is an abbreviation or an initial.
func scanWord(s string, i int) int {
	j := i
	dotted := false
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			j += w
			continue
		}
		if r == '-' || r == '\'' || r == '’' || r == '.' || r == ':' {
			n, nw := utf8.DecodeRuneInString(s[j+w:])
			if nw == 0 || !(unicode.IsLetter(n) || unicode.IsDigit(n)) {
				break
			}
			if r == ':' && !(isDigitByte(s, j-1) && unicode.IsDigit(n)) {
				break // "10:30" stays one token; "Photo:AFP" does not
			}
			if r == '\'' || r == '’' {
				p, _ := utf8.DecodeLastRuneInString(s[:j])
				if !unicode.IsLetter(p) {
					break
				}
			}
			if r == '.' && unicode.IsUpper(n) && allDigits(s[i:j]) {
				break // "March 14, 2011.The": a year ends a sentence
			}
			if r == '.' {
				dotted = true
			}
			j += w + nw
			continue
		}
		break
	}
	if j < len(s) && s[j] == '.' {
		w := s[i:j]
		if dotted && !allDigits(strings.ReplaceAll(w, ".", "")) || isAbbrev(w) {
			j++
		}
	}
	return j
}

func isDigitByte(s string, i int) bool {
	return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9'
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isAbbrev reports whether w (without its dot) is written with a dot in
// captions: a single capital letter (an initial), a title, a month or a US
// state abbreviation.
func isAbbrev(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		w = w[i+1:] // "D-Mass.", "R-Calif."
	}
	return abbrevs[strings.ToLower(w)]
}

// abbrevs are the words captions abbreviate with a dot.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true,
	"rep": true, "reps": true, "sen": true, "sens": true, "gov": true, "gen": true, "lt": true,
	"col": true, "sgt": true, "capt": true, "maj": true, "adm": true, "cpl": true, "pvt": true,
	"rev": true, "prof": true, "mt": true, "ft": true, "no": true, "vs": true, "pres": true,
	"supt": true, "insp": true, "cmdr": true, "brig": true, "amb": true, "atty": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "bros": true,
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true, "conn": true,
	"del": true, "fla": true, "ga": true, "ill": true, "ind": true, "kan": true, "ky": true,
	"la": true, "md": true, "mass": true, "mich": true, "minn": true, "miss": true, "mo": true,
	"mont": true, "neb": true, "nev": true, "okla": true, "ore": true, "pa": true, "tenn": true,
	"va": true, "vt": true, "wash": true, "wis": true, "wyo": true,
	"alta": true, "ont": true, "que": true, "sask": true, "nfld": true,
}

// bare returns the token text without a final dot or possessive.
func (t ptoken) bare() string {
	s := strings.TrimSuffix(t.text, ".")
	return trimPossessive(s)
}

// lowerWord is strings.ToLower without an allocation for words that are
// already in lower case.
func lowerWord(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// trimPossessive drops a final "'s" or "’s".
func trimPossessive(s string) string {
	if n := len(s); n < 2 || s[n-1] != 's' && s[n-1] != 'S' {
		return s
	}
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// possessive reports whether the token ends in "'s".
func (t ptoken) possessive() bool {
	return trimPossessive(t.text) != t.text
}

// isCap reports whether the token starts with an upper-case letter.
func (t ptoken) isCap() bool {
	if t.kind != ptWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

// isLower reports whether the token starts with a lower-case letter.
func (t ptoken) isLower() bool {
	if t.kind != ptWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsLower(r)
}

// allCapsWord reports whether the word has two or more letters, all upper case.
func allCapsWord(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// is reports whether the token is the punctuation or word p.
func (t ptoken) is(p string) bool { return t.text == p }

// lower is the token in lower case without a final dot.
func (t ptoken) lower() string {
	if t.low == "" && t.text != "" {
		return strings.ToLower(strings.TrimSuffix(t.text, "."))
	}
	return t.low
}
