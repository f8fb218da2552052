package parse

import (
	"regexp"
	"strings"
	"unicode"
)

// Restrictions are found in two ways. Phrases that mean nothing else
// ("Editorial use only", "No third party sales", "Mandatory credit") are
// matched in any case. Agencies also write restrictions as sentences in
// capitals ("NO COMMERCIAL OR EDITORIAL SALES IN SOUTH KOREA", "SOUTH KOREA
// OUT"), so every run of capitals is split into clauses and each clause that
// starts with "NO" or ends with "<place or medium> OUT" is one restriction.

// restrictionPhrases are the restriction wordings read in any case, longest
// first where one contains another; "for", "strictly", "photo" and
// "picture" before them are kept with them.
var restrictionPhrases = []string{
	"restricted to editorial use only", "restricted to editorial use", "editorial use only",
	"no third party sales", "no third-party sales", "no resales", "no archives", "no archive",
	"no commercial use", "not for resale", "not for sale", "mandatory credit", "must credit",
	"credit mandatory", "non-commercial use only", "no redistribution", "not for redistribution",
	"for use only in the republic of korea", "for use only in south korea", "for use only in japan",
	"for use only in china", "not for use in south korea", "not for use in japan",
	"not for use by reuters third party distributors", "use subject to restrictions",
}

// findAllIf runs re over s (at most four matches) only when the lower-case
// text low contains the word the expression needs: the expressions are
// rare, the check is cheap.
func findAllIf(re *regexp.Regexp, s, low, need string) [][]int {
	if !strings.Contains(low, need) {
		return nil
	}
	return re.FindAllStringIndex(s, 4)
}

// paSlug matches PA's "See PA story <slug>" to the end of its sentence.
var paSlug = regexp.MustCompile(`(?i)\bsee pa story [^.|(]{1,60}`)

// embargo matches an embargo line: "Embargoed until December 30, 2022 –
// 23:00 GMT /".
var embargo = regexp.MustCompile(`(?i)\bembargo(?:ed)?\s+(?:until|till|to)\s+[^/;()|]{3,60}?(?:\s*/|\s*$|\.\s)`)

// capsRuns returns the runs of words without lower-case letters in s (as
// capsRun would match them), trimmed to whole words: a run that stops inside
// a word ("... KOREA. Kim") gives back the partial word.
func capsRuns(s string) [][2]int {
	var out [][2]int
	inRun := func(c byte) bool {
		return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(" ,.;:/&'\"()-", c) >= 0
	}
	for i := 0; i < len(s); {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			i++
			continue
		}
		j := i
		for j < len(s) && inRun(s[j]) {
			j++
		}
		start, end := i, j
		// End on a capital, a digit, a dot, a closing parenthesis or quote.
		for end > start && strings.IndexByte(" ,;:/&'-(", s[end-1]) >= 0 {
			end--
		}
		if start > 0 && isLetterByte(s[start-1]) {
			k := strings.IndexByte(s[start:end], ' ')
			if k < 0 {
				i = j + 1
				continue
			}
			start += k + 1
		}
		if end < len(s) && isLetterByte(s[end]) {
			k := strings.LastIndexByte(s[start:end], ' ')
			if k < 0 {
				start = end
			} else {
				end = start + k
			}
		}
		for end > start && s[end-1] == ' ' {
			end--
		}
		if end > start {
			out = append(out, [2]int{start, end})
		}
		i = j + 1
	}
	return out
}

// isLetterByte reports an ASCII letter or the first byte of a multi-byte
// rune (treated as a letter: captions in capitals are ASCII).
func isLetterByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// capsNotes are agency notes in capitals that are not restrictions but must
// not be read as names or places; they are removed to the end of their run.
var capsNotes = []string{"TPX IMAGES OF THE DAY", "SEARCH \"", "ATTENTION EDITORS", "THIS PICTURE WAS MADE AVAILABLE", "AFP CAN NOT", "EDITORS NOTE", "EDITOR'S NOTE", "THIS IMAGE", "THIS PICTURE", "DISTRIBUTED AS A SERVICE", "REUTERS IS UNABLE", "THE CONTENT OF THIS IMAGE"}

// restrictions finds the usage restrictions, records them in the facts
// (as written, each once) and blanks them and the agency notes out.
func (p *captionParser) restrictions() {
	type span struct{ start, end int }
	var found []span
	add := func(start, end int) {
		for start < end && p.text[start] == ' ' {
			start++
		}
		for end > start && strings.ContainsRune(" ,.;:-", rune(p.text[end-1])) {
			end--
		}
		if end-start < 4 {
			return
		}
		for _, f := range found {
			if start >= f.start && end <= f.end {
				return
			}
		}
		found = append(found, span{start, end})
	}
	low := asciiLower(p.text)
	for _, ph := range restrictionPhrases {
		for _, m := range findWord(low, ph) {
			start := m[0]
			for _, pre := range []string{"for ", "strictly ", "photo ", "picture "} {
				if start >= len(pre) && low[start-len(pre):start] == pre && (start == len(pre) || !isWordByte(low[start-len(pre)-1])) {
					start -= len(pre)
					break
				}
			}
			add(start, m[1])
		}
	}
	for _, m := range findAllIf(embargo, p.text, low, "embargo") {
		end := m[1]
		for end > m[0] && strings.ContainsRune(" /.", rune(p.text[end-1])) {
			end--
		}
		add(m[0], end)
	}
	// "<Place> OUT" with the place in any case: "South Korea OUT".
	for _, m := range findWord(p.text, "OUT") {
		words := strings.Fields(p.text[max(0, m[0]-60):m[0]])
		if len(words) > 0 && m[0]-60 > 0 {
			words = words[1:] // the first may be cut
		}
		// Only the words right before OUT: "/ South Korea OUT" → "South Korea".
		for k := len(words) - 1; k >= 0; k-- {
			if !wordOfLetters(words[k]) {
				words = words[k+1:]
				break
			}
		}
		for k := min(4, len(words)); k >= 1; k-- {
			tail := strings.Join(words[len(words)-k:], " ")
			if kd := lookupPlace(tail); kd == kindCountry || kd == kindRegion {
				if start := strings.LastIndex(p.text[:m[0]], tail); start >= 0 {
					add(start, m[1])
				}
				break
			}
		}
	}
	for _, m := range capsRuns(p.text) {
		run := p.text[m[0]:m[1]]
		if !strings.Contains(run, " ") {
			continue
		}
		for _, c := range capsClauses(run) {
			start, end := m[0]+c[0], m[0]+c[1]
			if s, e, ok := capsRestriction(p.text[start:end]); ok {
				add(start+s, start+e)
			}
		}
	}
	// Order by position so that restrictions read as the caption has them.
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && found[j].start < found[j-1].start; j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	seen := map[string]bool{}
	for _, f := range found {
		r := strings.Trim(p.text[f.start:f.end], ` "'()`)
		k := strings.ToLower(r)
		if r != "" && !seen[k] {
			seen[k] = true
			p.facts.Restrictions = append(p.facts.Restrictions, r)
		}
		p.blank(f.start, f.end)
	}
	for _, m := range capsRuns(string(p.work)) {
		run := string(p.work[m[0]:m[1]])
		for _, note := range capsNotes {
			if i := strings.Index(run, note); i >= 0 {
				p.blank(m[0]+i, m[1])
				break
			}
		}
	}
	// PA's story slug: "See PA story CRICKET England Moeen." names a story,
	// not people.
	for _, m := range findAllIf(paSlug, string(p.work), asciiLower(string(p.work)), "pa story") {
		p.blank(m[0], m[1])
	}
	// Notes to editors in mixed case run to the end of their sentence:
	// "NOTE TO EDITORS: Use of this image is subject to ...".
	for _, note := range []string{"NOTE TO EDITORS", "EDITOR'S NOTE", "EDITORS' NOTE", "Editor's note", "Editors note"} {
		w := string(p.work)
		if i := strings.Index(w, note); i >= 0 {
			end := strings.Index(w[i:], ". ")
			if end < 0 || end > 400 {
				end = min(len(w)-i, 400)
			}
			p.blank(i, i+end+1)
		}
	}
}

// capsClauses splits a run of capitals at full stops, slashes, semicolons
// and dashes standing apart ("A - B", "A --- B"), and again before every
// "NO " so that "NO MARKETING NO ADVERTISING" gives two clauses. It returns
// [start, end) offsets.
func capsClauses(run string) [][2]int {
	var out [][2]int
	emit := func(a, b int) {
		for a < b && run[a] == ' ' {
			a++
		}
		for b > a && run[b-1] == ' ' {
			b--
		}
		if a >= b {
			return
		}
		s := a
		for {
			i := strings.Index(run[s+1:b], " NO ")
			if i < 0 {
				break
			}
			cut := s + 1 + i
			out = append(out, [2]int{s, cut})
			s = cut + 1
		}
		out = append(out, [2]int{s, b})
	}
	last := 0
	for i := 0; i < len(run); i++ {
		switch c := run[i]; {
		case c == '.' || c == ';' || c == '/':
			emit(last, i)
			last = i + 1
		case c == '-':
			j := i
			for j < len(run) && run[j] == '-' {
				j++
			}
			spaced := (i == 0 || run[i-1] == ' ') && (j == len(run) || run[j] == ' ')
			if j-i >= 2 || spaced {
				emit(last, i)
				last = j
			}
			i = j - 1
		}
	}
	emit(last, len(run))
	return out
}

// capsRestriction reports whether a clause in capitals is a restriction,
// and which part of it: "NO ARCHIVES", "NO COMMERCIAL OR EDITORIAL SALES IN
// JAPAN", "SOUTH KOREA OUT" (of "YONHAP SOUTH KOREA OUT", whose first word
// is a credit), "TV OUT".
func capsRestriction(c string) (int, int, bool) {
	c = strings.TrimRight(c, ` "')`)
	lead := len(c) - len(strings.TrimLeft(c, ` "'(`))
	body := c[lead:]
	if strings.HasPrefix(body, "NO ") && len(strings.Fields(body)) >= 2 {
		return lead, len(c), true
	}
	if strings.HasSuffix(body, " OUT") {
		words := strings.Fields(strings.TrimSuffix(body, " OUT"))
		if len(words) == 0 {
			return 0, 0, false
		}
		// The longest tail of at most three words that names a place or a
		// medium is what is "out"; the words before it belong to a credit.
		n := 1
		for k := min(3, len(words)); k >= 1; k-- {
			tail := strings.Join(words[len(words)-k:], " ")
			if lookupPlace(tail) != kindNone || isMedium(tail) {
				n = k
				break
			}
		}
		tail := strings.Join(words[len(words)-n:], " ") + " OUT"
		i := strings.LastIndex(c, tail)
		if i < 0 {
			return 0, 0, false
		}
		return i, i + len(tail), true
	}
	return 0, 0, false
}

// isMedium reports the media that restrictions exclude ("TV OUT").
func isMedium(s string) bool {
	switch strings.ToLower(s) {
	case "tv", "mags", "magazines", "online", "internet", "tabloids", "print", "newspapers",
		"web", "mobile", "books", "archives", "sales", "international", "local", "regional",
		"national", "foreign":
		return true
	}
	return false
}

// leadFile matches the markers agencies put before a file photo's caption.
var leadFile = regexp.MustCompile(`^\s*(?:\(FILES?\)|\[FILES?\]|FILE PHOTO\s*[:\-–—]|FILE PICTURE\s*[:\-–—]|FILE\s*[\-–—:]|FILES\s*[\-–—:])\s*`)

// leadEPA matches EPA's picture number ("epa08776543").
var leadEPA = regexp.MustCompile(`^\s*(?i:epa)\d{5,}\s*`)

// leadTag matches the tags agencies put before a picked or best picture.
var leadTag = regexp.MustCompile(`^\s*(?:TOPSHOT|TOP SHOT|BESTPIX|BEST PIX|EDITORS NOTE|EDITORS' NOTE|EDITOR'S NOTE|UPDATE|CORRECTION|REFILE|CORRECTED|RETRANSMITTED|WIDER IMAGE|EXCLUSIVE)\s*[-–—:]\s*`)

// leadMarkers reads and removes the markers at the start of a caption:
// "FILE -", "FILE PHOTO:", "(FILES)", "TOPSHOT -", EPA's picture number.
func (p *captionParser) leadMarkers() {
	for range 4 {
		w := string(p.work)
		if m := leadFile.FindStringIndex(w); m != nil && strings.TrimSpace(w[m[0]:m[1]]) != "" {
			p.facts.File = true
			p.blank(m[0], m[1])
			continue
		}
		if m := leadTag.FindStringIndex(w); m != nil {
			p.blank(m[0], m[1])
			continue
		}
		if m := leadEPA.FindStringIndex(w); m != nil {
			p.leadAgency = "EPA"
			p.blank(m[0], m[1])
			continue
		}
		if t := strings.TrimLeft(w, " |"); len(t) < len(w) && len(w)-len(t) > 0 && strings.HasPrefix(t, "(") {
			// Another leading parenthesis, e.g. "(FILES)" after a blanked prefix.
			if m := leadFile.FindStringIndex(t); m != nil {
				off := len(w) - len(t)
				p.facts.File = true
				p.blank(off+m[0], off+m[1])
				continue
			}
		}
		break
	}
}

// Phrases of the text that set the flags, matched as whole words in any
// case.
var (
	fileWords = []string{"file photo", "file photos", "file picture", "file pictures", "file image",
		"file pic", "file photograph", "file handout photo", "file handout picture",
		"archive photo", "archive picture", "archive image", "archival photo", "archival picture",
		"(files)", "(file)"}
	poolWords    = []string{"pool photo", "pool photos", "pool picture", "pool image", "pool pic", "pool photograph", "(pool)", "via pool", "pool via"}
	handoutWords = []string{"handout"}
)

// textFlags sets the file, pool and handout flags from the whole text, in
// addition to what the credits said.
func (p *captionParser) textFlags() {
	low := asciiLower(p.text)
	has := func(words []string) bool {
		for _, w := range words {
			if strings.HasPrefix(w, "(") {
				if strings.Contains(low, w) {
					return true
				}
				continue
			}
			for _, m := range findWord(low, w) {
				if !onScreen(low, m[0]) {
					return true
				}
			}
		}
		return false
	}
	p.facts.File = p.facts.File || has(fileWords) || len(findWord(p.text, "FILES")) > 0 || strings.Contains(p.text, "**FILE**")
	p.facts.Pool = p.facts.Pool || has(poolWords)
	p.facts.Handout = p.facts.Handout || has(handoutWords)
}

// wordOfLetters reports a word made of letters, dots, hyphens and
// apostrophes: a word of a name, not punctuation or a credit.
func wordOfLetters(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '.' && r != '-' && r != '\'' {
			return false
		}
	}
	return true
}

// onScreen reports whether the phrase at offset i of the lower-case text is
// something a screen shows ("a television showing a file image of ..."),
// not what the picture is.
func onScreen(low string, i int) bool {
	before := strings.Fields(low[max(0, i-70):i])
	if len(before) > 8 {
		before = before[len(before)-8:]
	}
	for _, w := range before {
		switch strings.Trim(w, ",.;:()") {
		case "screen", "screens", "television", "tv", "broadcast", "broadcasting", "monitor",
			"monitors", "showing", "displaying", "displayed", "featuring", "projected", "billboard":
			return true
		}
	}
	return false
}
