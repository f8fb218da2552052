package parse

import (
	"github.com/cutline/cutline/caption"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxParseBytes is how much of a caption Parse reads. Captions are a few
// hundred bytes (IPTC IIM caps them at 2,000); anything longer is cut here
// so that the work per call stays bounded whatever the input.
const MaxParseBytes = 16 << 10

// ParseOptions tune ParseWith. The zero value is the default.
type ParseOptions struct {
	// Reference gives a year to a date written without one ("SEOUL, Nov 25
	// (Reuters)"), when no other date in the caption does: the date's last
	// occurrence on or before Reference, within a year, as a picture is
	// never taken after it. Pass the photo's EXIF date, or today. When
	// zero, such dates get a year only from another date in the caption,
	// and Taken stays empty otherwise.
	Reference time.Time
}

// Parse reads the facts a caption states: the credited agency, photographer
// and "via" chain, the file / handout / pool flags, the date the picture
// was taken, the people named with their position in the frame, the places
// named and the usage restrictions. It never fails: what it cannot read it
// leaves empty. Only the first MaxParseBytes of text are read.
func Parse(text string) caption.Facts {
	return ParseWith(text, ParseOptions{})
}

// ParseWith is Parse with options.
func ParseWith(text string, opts ParseOptions) caption.Facts {
	p := newCaptionParser(text, opts)
	return p.run()
}

// captionParser holds the state of one Parse call. work is a copy of the text in
// which spans already explained (restrictions, credits, the dateline) are
// blanked out, so that later passes do not read a photographer as a person
// or a restriction as a place; blanking keeps byte offsets.
type captionParser struct {
	text  string
	work  []byte
	opts  ParseOptions
	facts caption.Facts
	toks  []ptoken
	// frozen is work as a string once the blanking passes are done; the
	// token passes slice it instead of copying.
	frozen string
	used   []bool // tokens already claimed by a date or a place
	// leadAgency is the agency implied by a picture number at the start
	// ("epa08776543"), used when no credit names one.
	leadAgency string
	// places caches gazetteer look-ups: the names and places passes ask
	// about the same runs of words many times.
	places map[string]placeKind
	// prefixes caches gazetteerHasPrefix for the landmark scan.
	prefixes map[string]bool
	// descriptive is the last token of a run of names followed by a plural
	// possessive ("Lakers'"), which describes the next person.
	descriptive int
	// datelineCredit is the agency of a story dateline ("SEOUL, Nov 25
	// (Reuters) -"), the weakest credit.
	datelineCredit string
}

func newCaptionParser(text string, opts ParseOptions) *captionParser {
	t := parseCleanText(text)
	return &captionParser{text: t, work: []byte(t), opts: opts, descriptive: -1, places: map[string]placeKind{}, prefixes: map[string]bool{}}
}

func (p *captionParser) run() caption.Facts {
	if strings.TrimSpace(p.text) == "" {
		return caption.Facts{}
	}
	p.restrictions()
	p.leadMarkers()
	dl := p.dateline()
	p.credits()
	p.textFlags()
	if capsBody(p.work) {
		p.truecase()
	}
	p.frozen = string(p.work)
	p.toks = ptokenize(p.frozen)
	p.used = make([]bool, len(p.toks))
	dates := p.findDates()
	for _, d := range dates {
		for i := d.first; i <= d.last && i < len(p.used); i++ {
			p.used[i] = true
		}
	}
	var places []string
	places = append(places, dl.places...)
	places = append(places, p.findPlaces()...)
	p.facts.Taken = p.chooseTaken(dl, dates, american(places))
	people := p.findPeople()
	p.facts.People = people
	p.facts.Places = cleanPlaces(places, people)
	return p.facts
}

// blank removes text[start:end] from the working copy, leaving a "|" so
// that words on either side are never read as one run.
func (p *captionParser) blank(start, end int) {
	if start < 0 {
		start = 0
	}
	if end > len(p.work) {
		end = len(p.work)
	}
	for i := start; i < end; i++ {
		p.work[i] = ' '
	}
	if start < end {
		p.work[start] = '|'
	}
}

// parseCleanText cuts text to MaxParseBytes on a rune boundary, replaces
// invalid UTF-8, and folds typographic variants (curly quotes, dashes,
// no-break spaces, line breaks) to the plain characters the passes expect.
func parseCleanText(text string) string {
	if len(text) > MaxParseBytes {
		cut := MaxParseBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	text = strings.ToValidUTF8(text, " ")
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch r {
		case '’', '‘', '`', '´', 'ʼ':
			r = '\''
		case '“', '”', '„', '«', '»':
			r = '"'
		case '\u2010', '\u2011', '\u2212':
			r = '-'
		case '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a', '\t', '\r', '\n', '\v', '\f':
			r = ' '
		case '\u200b', '\u200c', '\u200d', '\ufeff':
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			r = ' '
		}
		if r == ' ' && b.Len() > 0 && b.String()[b.Len()-1] == ' ' {
			continue // one space between words: the passes match literal phrases
		}
		b.WriteRune(r)
	}
	return b.String()
}

// asciiLower lower-cases the ASCII letters of s only, so that byte offsets
// in the result are offsets in s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// findWord returns the offsets of every occurrence of the lower-case phrase
// in low (an asciiLower text) that stands as whole words.
func findWord(low, phrase string) [][2]int {
	var out [][2]int
	for i := 0; i < len(low); {
		j := strings.Index(low[i:], phrase)
		if j < 0 {
			break
		}
		s, e := i+j, i+j+len(phrase)
		if (s == 0 || !isWordByte(low[s-1])) && (e == len(low) || !isWordByte(low[e])) {
			out = append(out, [2]int{s, e})
		}
		i = s + 1
	}
	return out
}

// isWordByte reports an ASCII letter or digit, or a byte of a multi-byte
// rune (letters of other scripts).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// parseNameCase turns a name written in capitals into name case: "JUNG YEON-JE"
// → "Jung Yeon-je", "Brendan SMIALOWSKI" → "Brendan Smialowski",
// "O'NEILL" → "O'Neill". Words not in capitals are kept as written. After a
// hyphen, Korean given names stay lower case as AFP and Yonhap write them;
// other hyphenated names are capitalised ("Jean-Pierre").
func parseNameCase(s string) string {
	words := strings.Fields(s)
	korean := false
	for _, w := range words {
		if isKoreanSurname(strings.ToLower(w)) {
			korean = true
		}
	}
	for i, w := range words {
		if !allCapsWord(w) || isRomanNumeral(w) {
			continue
		}
		parts := strings.Split(strings.ToLower(w), "-")
		for j, creditPart := range parts {
			if j > 0 && korean && len(words) <= 3 {
				continue
			}
			parts[j] = parseCapitalize(creditPart)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

// parseTitleCase name-cases every word in capitals of a place or organisation,
// keeping short function words lower case ("UNITED STATES OF AMERICA" →
// "United States of America"), dotted abbreviations and short legal-form
// suffixes ("Volkswagen AG") as written.
func parseTitleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if !allCapsWord(w) || strings.Contains(w, ".") || (len(words) > 1 && len(w) <= 3 && (isAcronymLike(w) || i > 0 && isLegalSuffix(strings.ToLower(w)))) {
			continue
		}
		lw := strings.ToLower(w)
		if i > 0 && (lw == "of" || lw == "the" || lw == "and" || lw == "de" || lw == "on" || lw == "upon") {
			words[i] = lw
			continue
		}
		parts := strings.Split(lw, "-")
		for j := range parts {
			parts[j] = parseCapitalize(parts[j])
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

// isAcronymLike reports a short capitalised word that reads as an acronym
// inside a longer name in capitals ("DC" in "WASHINGTON DC").
func isAcronymLike(w string) bool {
	switch strings.ToLower(w) {
	case "dc", "us", "uk", "uae", "usa", "eu", "un", "nyc", "ny", "la", "dmz", "jsa", "drc":
		return true
	}
	return false
}

// parseCapitalize upper-cases the first letter of a lower-case word and the
// letter after an apostrophe that follows one letter ("o'neill" →
// "O'Neill"), and handles "mc" ("mcdonald" → "McDonald").
func parseCapitalize(w string) string {
	if w == "" {
		return w
	}
	rs := []rune(w)
	rs[0] = unicode.ToUpper(rs[0])
	if len(rs) > 2 && rs[1] == '\'' {
		rs[2] = unicode.ToUpper(rs[2])
	}
	if len(rs) > 3 && rs[0] == 'M' && rs[1] == 'c' {
		rs[2] = unicode.ToUpper(rs[2])
	}
	return string(rs)
}

// isRomanNumeral reports "II", "III", "IV"... as written after royal names.
func isRomanNumeral(w string) bool {
	switch w {
	case "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI":
		return true
	}
	return false
}

// isKoreanSurname reports the common Korean family names in their usual
// romanisations; AFP writes Korean given names "Yeon-je", not "Yeon-Je".
func isKoreanSurname(w string) bool {
	switch w {
	case "kim", "lee", "yi", "rhee", "park", "pak", "bak", "choi", "choe", "jung", "jeong", "chung",
		"kang", "cho", "jo", "yoon", "yun", "jang", "chang", "lim", "im", "han", "oh", "seo", "suh",
		"shin", "sin", "kwon", "kwan", "hwang", "ahn", "an", "song", "ryu", "yoo", "yu", "hong",
		"jeon", "jun", "chun", "ko", "go", "moon", "mun", "yang", "son", "sohn", "bae", "baek",
		"paik", "heo", "huh", "nam", "noh", "roh", "no", "ha", "kwak", "sung", "seong", "cha",
		"joo", "ju", "woo", "koo", "gu", "min", "ryoo", "jin", "byun", "byeon", "um", "eom",
		"chae", "won", "pyo", "na", "ra", "do", "tak", "ji", "choo", "chu", "ok", "kong", "gong",
		"yeo", "so", "shim", "sim", "ma", "gil", "wi", "pyun", "bang", "ban", "hyun", "hyeon",
		"maeng", "ryoo's", "kil", "ki", "yeom", "yum", "cheon", "chon", "ham", "hahn", "seok",
		"suk", "jee", "jegal", "namgung", "hwangbo", "dokgo", "sunwoo", "seomun":
		return true
	}
	return false
}

// place is lookupPlace with the parser's cache.
func (p *captionParser) place(s string) placeKind {
	if k, ok := p.places[s]; ok {
		return k
	}
	k := lookupPlace(s)
	if len(p.places) < 4096 {
		p.places[s] = k
	}
	return k
}

// hasPrefix is gazetteerHasPrefix with the parser's cache.
func (p *captionParser) hasPrefix(key string) bool {
	if v, ok := p.prefixes[key]; ok {
		return v
	}
	v := gazetteerHasPrefix(key)
	if len(p.prefixes) < 4096 {
		p.prefixes[key] = v
	}
	return v
}
