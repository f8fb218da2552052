package parse

import (
	"strings"

	"github.com/cutline/cutline/caption"
	"unicode"
	"unicode/utf8"
)

// Some agencies and most picture archives send captions entirely in
// capitals: "SOUTH KOREAN PRESIDENT YOON SUK YEOL (C) SPEAKS AT THE
// PRESIDENTIAL OFFICE IN SEOUL". Capitals carry no sign of a name there, so
// before the text is read for people and places it is put back into the
// case of running text: words are lowered, and written with a capital only
// where the caption's shape says a name stands (a place the gazetteer
// knows, the words after a title, before a position or an age, after a
// possessive, at the head of a sentence before its verb, a venue after "at
// the"). What the shapes do not mark stays in lower case: a name the
// caption gives no sign of is missed rather than invented.

// capsBody reports a working text (credits and notes already blanked) whose
// letters are nearly all capitals.
func capsBody(w []byte) bool {
	upper, lower := 0, 0
	for _, c := range w {
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 'a' && c <= 'z':
			lower++
		}
	}
	return upper >= 24 && lower*12 <= upper
}

// capsWord is one word of a caption in capitals.
type capsWord struct {
	start, end int    // bytes of the word in the text, possessive included
	key        string // lower case, without a possessive or dots at the end
	possessive bool
	stop       bool // a sentence ends after the word
	comma      bool // a comma follows the word
	paren      bool // "(" follows the word
	pos        bool // a position in parentheses follows: "(C)", "(2ND L)"
	open       bool // "(" or a quote stands before the word
	name       bool // write it with a capital
	korean     bool // a Korean given name: no capital after its hyphen
	keep       bool // keep it as written ("U.S.", "II")
}

// capsWords cuts the text into words.
func capsWords(w []byte) []capsWord {
	var out []capsWord
	for i := 0; i < len(w); {
		r, n := utf8.DecodeRune(w[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		s := i
		for i < len(w) {
			r, n := utf8.DecodeRune(w[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-' ||
				r == '.' && i+1 < len(w) && (w[i+1] >= 'A' && w[i+1] <= 'Z' || w[i+1] >= 'a' && w[i+1] <= 'z') {
				i += n
				continue
			}
			break
		}
		e := i
		for e > s && (w[e-1] == '-' || w[e-1] == '\'') {
			e--
		}
		text := string(w[s:e])
		cw := capsWord{start: s, end: e}
		low := strings.ToLower(text)
		for _, suf := range []string{"'s", "’s", "s'", "s’"} {
			if strings.HasSuffix(low, suf) && len(low) > len(suf)+1 {
				cw.possessive = true
				if suf[0] == 's' {
					low = low[:len(low)-len(suf)+1]
				} else {
					low = low[:len(low)-len(suf)]
				}
				break
			}
		}
		cw.key = low
		cw.keep = strings.Count(text, ".") > 0 && !strings.HasSuffix(text, "-") || isRomanNumeral(text) && len(text) > 1
		// What follows the word.
		k := i
		if k < len(w) && w[k] == '.' {
			cw.stop = !(len(text) <= 3 && strings.Contains(text, "."))
			k++
		}
		for k < len(w) && w[k] == ' ' {
			k++
		}
		if i < len(w) {
			switch w[i] {
			case '!', '?', ':', ';', '|':
				cw.stop = true
			case ',':
				cw.comma = true
			}
		}
		if k < len(w) && w[k] == '(' {
			cw.paren = true
			if c := strings.IndexByte(string(w[k:min(len(w), k+24)]), ')'); c > 0 {
				inner := string(w[k+1 : k+c])
				cw.pos = parsePosition(inner) != "" || isListMarker(inner)
				if cw.pos {
					i = k + c + 1 // "(L)" is no word of the text
					for i < len(w) && w[i] == ' ' {
						i++
					}
					if i < len(w) && w[i] == ',' {
						cw.comma = true
					}
				}
			}
		}
		if s > 0 && (w[s-1] == '(' || w[s-1] == '"') {
			cw.open = true
		}
		out = append(out, cw)
	}
	return out
}

// truecase rewrites the caption's working text, in capitals, in the case
// of running text. It keeps every byte offset: only letters whose lower
// case has the same length change.
func (p *captionParser) truecase() {
	w := p.work
	words := capsWords(w)
	if len(words) == 0 {
		return
	}
	p.capsPlaces(words)
	p.capsNames(words)
	for i := range words {
		// Months and days keep their capital for the dates; "may" and
		// "march" only next to a figure.
		k := words[i].key
		switch {
		case isWeekdayName(k):
			words[i].name = true
		case monthName(k) && k != "may" && k != "march":
			words[i].name = true
		case monthName(k):
			words[i].name = i+1 < len(words) && isDigits(strings.TrimRight(words[i+1].key, "stndrh")) ||
				i > 0 && isDigits(strings.TrimRight(words[i-1].key, "stndrh"))
		}
	}
	for i, cw := range words {
		switch {
		case cw.keep:
		case cw.name:
			writeCase(w[cw.start:cw.end], true, !cw.korean)
		case len(cw.key) >= 3 && len(cw.key) <= 5 && isKnownAcronym(cw.key):
			// "KCNA", "NATO": an agency or an organisation, as written.
		default:
			first := i == 0 || words[i-1].stop
			writeCase(w[cw.start:cw.end], first, false)
		}
	}
}

// isKnownAcronym reports an agency's or an organisation's acronym that
// keeps its capitals in running text.
func isKnownAcronym(w string) bool {
	if a, ok := caption.NormalizeAgency(w); ok && strings.EqualFold(a, w) && a != "Reuters" && a != "Xinhua" && a != "Yonhap" && a != "Kyodo" {
		return true
	}
	switch w {
	case "nato", "un", "eu", "fifa", "uefa", "nasa", "opec", "asean", "apec", "imf", "ioc", "nba",
		"nfl", "nhl", "mlb", "ufc", "wwe", "bbc", "cnn", "dprk", "dmz", "jsa", "kfp", "bjp", "cpc", "npc",
		"cppcc", "psg", "fbi", "cia", "nsa", "isis", "isil", "hamas", "idf", "pga", "lpga", "atp", "wta":
		return true
	}
	return false
}

// writeCase lowers a word in place, with a capital first letter (and after
// a hyphen or an apostrophe inside a name) when capital is set.
func writeCase(b []byte, capital, afterHyphen bool) {
	up := capital
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		var c rune
		if up {
			c = unicode.ToUpper(r)
		} else {
			c = unicode.ToLower(r)
		}
		if c != r && utf8.RuneLen(c) == n {
			utf8.EncodeRune(b[i:], c)
		}
		up = capital && (r == '-' && afterHyphen || r == '\'' || r == '’') && i+n+1 < len(b)
		if up && r != '-' {
			// "O'NEILL" is O'Neill, "AL-ASSAD'S" keeps its possessive low.
			rest := strings.ToLower(string(b[i+n:]))
			up = rest != "s" && rest != "s'"
		}
		i += n
	}
}

// capsPlaces marks the places the gazetteer knows, longest first. A single
// word that names only a town must stand where places stand (after "in",
// "at", "near", "from" or next to another place): "READING" and "NICE" are
// words too.
func (p *captionParser) capsPlaces(words []capsWord) {
	for i := 0; i < len(words); i++ {
		if isFunctionWord(words[i].key) && words[i].key != "the" {
			continue
		}
		best := -1
		for j := min(len(words)-1, i+5); j >= i; j-- {
			if j > i && (words[j-1].stop || words[j-1].comma || words[j-1].possessive) {
				continue
			}
			kind := p.place(capsPhrase(words[i : j+1]))
			if kind == kindNone {
				continue
			}
			if j == i && kind != kindCountry && kind != kindRegion && !p.capsPlaceContext(words, i) {
				continue // "UNDER DAVID CAMERON": a town named David is not meant
			}
			if j == i && (monthName(words[i].key) || isFunctionWord(words[i].key) || isPlaceModifier(words[i].key)) {
				continue // "CENTRAL SEOUL"
			}
			best = j
			break
		}
		if best < 0 {
			continue
		}
		for k := i; k <= best; k++ {
			if !(k > i && k < best && isInnerConnector(words[k].key)) {
				words[k].name = true
			}
		}
		i = best
	}
}

// capsPhrase is the words' text with their case folded, possessive dropped.
func capsPhrase(ws []capsWord) string {
	parts := make([]string, len(ws))
	for i, cw := range ws {
		parts[i] = cw.key
	}
	return strings.Join(parts, " ")
}

// monthName reports a month's name, full or short.
func monthName(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
		"sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// isInnerConnector reports the lower-case words inside names ("of", "de").
func isInnerConnector(w string) bool {
	switch w {
	case "of", "the", "and", "de", "del", "da", "la", "du", "des", "upon", "on", "y", "van", "von", "der", "bin", "al":
		return true
	}
	return false
}

// capsPlaceContext reports a word standing where a place stands: after a
// place preposition, or next to a place the gazetteer knows.
func (p *captionParser) capsPlaceContext(words []capsWord, i int) bool {
	if i > 0 && !words[i-1].stop {
		switch words[i-1].key {
		case "in", "at", "near", "from", "outside", "of", "to", "across", "around":
			return true
		}
		if words[i-1].comma && (p.place(words[i-1].key) != kindNone || p.place(words[i].key) == kindBigCity) {
			return true // ", LEEDS": a big city in a list of places
		}
	}
	if words[i].comma && i+1 < len(words) {
		k := p.place(words[i+1].key)
		return k == kindCountry || k == kindRegion
	}
	return false
}

// capsNames marks the words of people's and venues' names the caption's
// shape shows.
func (p *captionParser) capsNames(words []capsWord) {
	n := len(words)
	korean := func(k int) bool { return isKoreanSurname(words[k].key) }
	// mark writes words[s..e] with capitals.
	mark := func(s, e int) {
		for k := s; k <= e; k++ {
			if !(k > s && k < e && isInnerConnector(words[k].key)) {
				words[k].name = true
				words[k].korean = k > s && korean(s)
			}
		}
	}
	// run is how far a name may run from s: words that are no common
	// vocabulary, at most max of them, to the end of a clause; a verb in
	// -s before an article ends it ("KHOMEINI HANGS A").
	run := func(s, max int) int {
		e := s - 1
		for k := s; k < n && k-s < max; k++ {
			if capsHardWord(words[k].key) && !(k > s && isInnerConnector(words[k].key) && k+1 < n && !capsHardWord(words[k+1].key)) {
				break
			}
			if k > s && strings.HasSuffix(words[k].key, "s") && k+1 < n && capsDeterminer(words[k+1].key) && !words[k].comma && !words[k].stop {
				break
			}
			if capsCommonShape(words[k].key) && !(k > s && len(words[k-1].key) <= 5 && strings.HasSuffix(words[k].key, "ing")) {
				break // "OF FESTERING BANDITRY", but "DENG XIAOPING"
			}
			e = k
			if words[k].stop || words[k].comma || words[k].paren || words[k].possessive {
				break
			}
		}
		// A name does not end in a connector or in a building word alone.
		for e >= s && isInnerConnector(words[e].key) {
			e--
		}
		return e
	}
	// Korean names are shaped as no English words are: "LEE JAE-MYUNG",
	// "RHO TAE-AK", "KIM JONG UN".
	for i := 0; i+1 < n; i++ {
		if !isKoreanSurname(words[i].key) || words[i].stop || words[i].comma || words[i].possessive {
			continue
		}
		a := words[i+1].key
		if h := strings.IndexByte(a, '-'); h > 0 && h <= 5 && len(a)-h-1 <= 5 && len(a)-h-1 >= 2 {
			mark(i, i+1)
			i++
			continue
		}
		if i+2 < n && len(a) <= 4 && len(words[i+2].key) <= 4 && !words[i+1].stop && !words[i+1].comma &&
			!capsHardWord(a) && !capsHardWord(words[i+2].key) && p.place(a) == kindNone && p.place(words[i+2].key) == kindNone &&
			!isFacilityWord(a) && !isFacilityWord(words[i+2].key) {
			mark(i, i+2)
			i += 2
		}
	}
	for i := 0; i < n; i++ {
		cw := words[i]
		if cw.name && !cw.possessive {
			continue
		}
		// After a title: "PRESIDENT JOE BIDEN", "KING CHARLES III",
		// "COACH GENO AURIEMMA"; one word only after a royal title.
		if t := titleOf(cw.key); capsTitle(cw.key) && !cw.stop && !cw.comma && i+1 < n {
			if e := run(i+1, 5); e > i+1 || e == i+1 && t == titleRoyal {
				if t == titleRoyal && !(i > 0 && words[i-1].key == "first") {
					words[i].name = true
				}
				mark(i+1, e)
				i = e
				continue
			}
		}
		// One name after a kin noun: "GRANDSONS WILLIAM AND HARRY", "HIS
		// WIFE LAURA".
		if capsKin(cw.key) && i+1 < n && !cw.stop && !cw.comma && !capsHardWord(words[i+1].key) && p.place(words[i+1].key) == kindNone {
			e := i + 1
			if e+2 < n && words[e+1].key == "and" && !capsHardWord(words[e+2].key) && !words[e].comma && !words[e].stop {
				mark(e+2, e+2)
			}
			if !(e+1 < n && !capsHardWord(words[e+1].key) && !words[e].comma && !words[e].stop) {
				mark(e, e)
				i = e
				continue
			}
		}
		// After a possessive, before a verb: "ENGLAND'S MOEEN ALI PLAYS".
		if cw.possessive && i+2 < n && !cw.stop {
			if e := run(i+1, 5); e > i+1 && capsVerbAfter(words, e) {
				mark(i+1, e)
				i = e
				continue
			}
		}
		// After the prepositions that lead to people: "OF MICHAEL GOVE",
		// "AGAINST SHANNON O'CONNELL", "UNDER DAVID CAMERON", and after
		// "and" that follows a name.
		if i+2 < n && !cw.stop && !cw.comma && (capsPersonPrep(cw.key) || cw.key == "and" && i > 0 && words[i-1].name && !p.capsPlaceWord(words, i-1)) {
			if e := run(i+1, 5); e > i+1 && !p.capsKnownPlace(words, i+1, e) {
				mark(i+1, e)
				i = e
				continue
			}
		}
		// At the head of a sentence, before its verb, a position, an age
		// or "of": "LIONEL MESSI OF ARGENTINA SCORES".
		if (i == 0 || words[i-1].stop || words[i-1].open) && !capsHardWord(cw.key) {
			if e := run(i, 5); e > i && capsVerbAfter(words, e) {
				mark(i, e)
				i = e
				continue
			}
		}
		// Before a position or an age: "KIM JONG UN (C)", "BLAZE, 8,",
		// "ANDY MURRAY OF BRITAIN (L)".
		if !capsHardWord(cw.key) && (i == 0 || capsHardWord(words[i-1].key) || words[i-1].comma || words[i-1].stop) {
			e := run(i, 5)
			if e >= i && (words[e].pos || capsOfPlacePos(words, e) ||
				words[e].comma && e+1 < n && capsAge(words[e+1].key) ||
				words[e].comma && e+1 < n && capsPositionWord(words[e+1].key)) && (e > i || words[e].pos) {
				mark(i, e)
				i = e
				continue
			}
		}
		// After a place noun and "of": "THE UKRAINIAN CITY OF MAKARIV".
		if cw.key == "of" && i > 0 && isPlaceNounBeforeOf(words[i-1].key) && i+1 < n {
			if e := run(i+1, 3); e > i {
				mark(i+1, e)
				i = e
				continue
			}
		}
		// Before an administrative noun: "RYANGGANG PROVINCE".
		if !capsHardWord(cw.key) && !isFacilityWord(cw.key) && !isOrgWord(cw.key) {
			e := i
			for e+1 < n && e-i < 3 && !words[e].comma && !words[e].stop && !capsHardWord(words[e+1].key) && !isAdminNoun(words[e+1].key) {
				e++
			}
			if e+1 < n && !words[e].comma && !words[e].stop && !words[e].possessive && isAdminNoun(words[e+1].key) &&
				(i == 0 || capsHardWord(words[i-1].key) || words[i-1].comma || words[i-1].possessive || words[i-1].name) {
				mark(i, e+1)
				i = e + 1
				continue
			}
		}
		// In, at or near a place the gazetteer does not know, when a known
		// place or a date follows: "IN KITZBUEHEL, AUSTRIA", "AT
		// HEADINGLEY, LEEDS.", "IN KIEV, SEPTEMBER 2, 2014".
		if (cw.key == "in" || cw.key == "at" || cw.key == "near" || cw.key == "outside") && !cw.stop && i+1 < n {
			s := i + 1
			if words[s].key == "the" && s+1 < n {
				s++
			}
			if e := run(s, 3); e >= s && !words[s].name && p.capsPlaceFollows(words, e) {
				mark(s, e)
				i = e
				continue
			}
		}
		// A venue after "at", "in", "on", "near" or "outside", with or
		// without "the", ending in a building word: "AT THE EMIRATES
		// STADIUM", "AT CARROW ROAD", "AT ST GEORGE'S CHAPEL".
		if capsVenuePrep(cw.key) && i+2 < n && !cw.stop {
			s := i + 1
			if words[s].key == "the" {
				s++
			}
			e, last := s, -1
			for e < n && e-s < 6 && (!capsHardWord(words[e].key) || isFacilityWord(words[e].key) || isFacilityNoun(words[e].key) ||
				e > s && (isInnerConnector(words[e].key) || titleOf(words[e].key) == titleRoyal)) {
				if isFacilityWord(words[e].key) || isFacilityNoun(words[e].key) {
					last = e
				}
				if words[e].stop || words[e].comma || words[e].paren || words[e].possessive && !(e+1 < n && (isFacilityWord(words[e+1].key) || isFacilityNoun(words[e+1].key))) {
					break
				}
				e++
			}
			if last > s {
				mark(s, last)
				i = last
			}
		}
	}
}

// capsVenuePrep reports the prepositions before a venue.
func capsVenuePrep(w string) bool {
	switch w {
	case "at", "in", "on", "near", "outside", "inside", "to", "from":
		return true
	}
	return false
}

// capsTitle reports the titles and roles after which a run of unknown
// words is a name: "PRESIDENT", "KING", "BOXER"; not the adjectives the
// title list holds for running text ("FIRST", "OFFICIAL") nor plurals.
func capsTitle(w string) bool {
	switch w {
	case "first", "official", "former", "late", "acting", "chief", "then", "interim", "deputy", "vice":
		return false
	}
	t := titleOf(w)
	return t == titleStrong || t == titleRoyal || isOfficeTitle(w)
}

// capsCommonShape reports a word shaped like a common noun, adjective or
// gerund rather than a name: "DEFEATING", "CORRUPTION", "COLORFUL".
func capsCommonShape(w string) bool {
	if len(w) < 6 {
		return false
	}
	for _, suf := range []string{"ing", "ful", "ous", "ism", "ness", "ment", "tion", "sion", "ity", "less", "able", "ible", "ical", "ally", "ized", "ised"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// capsKin reports the kin nouns after which one word is a name.
func capsKin(w string) bool {
	switch w {
	case "son", "sons", "daughter", "daughters", "wife", "husband", "grandson", "grandsons",
		"granddaughter", "granddaughters", "brother", "brothers", "sister", "sisters", "mother",
		"father", "nephew", "niece", "widow", "widower":
		return true
	}
	return false
}

// capsPersonPrep reports the prepositions after which a run of unknown
// words is a person's name more often than anything else.
func capsPersonPrep(w string) bool {
	switch w {
	case "of", "with", "against", "by", "under", "beside", "behind", "between", "alongside", "including":
		return true
	}
	return false
}

// capsDeterminer reports the words that follow a verb, not a name.
func capsDeterminer(w string) bool {
	switch w {
	case "a", "an", "the", "his", "her", "their", "its", "up", "down", "out", "off", "during":
		return true
	}
	return false
}

// capsKnownPlace reports a run the gazetteer knows.
func (p *captionParser) capsKnownPlace(words []capsWord, s, e int) bool {
	return p.place(capsPhrase(words[s:e+1])) != kindNone
}

// capsPlaceWord reports a word already marked as a place.
func (p *captionParser) capsPlaceWord(words []capsWord, k int) bool {
	return p.place(words[k].key) != kindNone
}

// capsOfPlacePos reports a name followed by "of <place> (L)".
func capsOfPlacePos(words []capsWord, e int) bool {
	if e+2 >= len(words) || words[e+1].key != "of" || words[e].comma || words[e].stop {
		return false
	}
	for k := e + 2; k < len(words) && k <= e+4; k++ {
		if words[k].pos {
			return true
		}
		if words[k].comma || words[k].stop {
			return false
		}
	}
	return false
}

// capsPlaceFollows reports, after the run ending at e, a date ("IN KIEV,
// SEPTEMBER 2", "IN BORODYANKA ON NOVEMBER 09") or a known place after a
// comma, perhaps after another unknown one and a direction ("AT ASPIRE,
// LEEDS, UNITED KINGDOM", "IN KHAN YOUNIS, SOUTHERN GAZA STRIP").
func (p *captionParser) capsPlaceFollows(words []capsWord, e int) bool {
	n := len(words)
	if e+1 >= n || words[e].stop {
		return false
	}
	k := e + 1
	if !words[e].comma && (words[k].key == "on" || words[k].key == "in") && k+1 < n {
		k++
	}
	if monthName(words[k].key) || isWeekdayName(words[k].key) || isDigits(words[k].key) && len(words[k].key) <= 2 {
		return true
	}
	if !words[e].comma {
		return false
	}
	for hop := 0; hop < 2 && k < n; hop++ {
		for k < n && (isPlaceModifier(words[k].key) || words[k].key == "in") {
			k++
		}
		for q := k; q < n && q <= k+3; q++ {
			if p.place(capsPhrase(words[k:q+1])) != kindNone || q > k && isAdminNoun(words[q].key) {
				return true
			}
			if words[q].comma || words[q].stop {
				break
			}
		}
		// Skip one unknown name and its comma.
		for k < n && !words[k].comma && !words[k].stop && k <= e+4 {
			k++
		}
		if k >= n || !words[k].comma {
			return false
		}
		k++
	}
	return false
}

// capsHasFacility reports a building word inside a venue's name ("JOINT
// BASE ANDREWS").
func capsHasFacility(ws []capsWord) bool {
	for k, cw := range ws {
		if k > 0 && (isFacilityWord(cw.key) || isFacilityNoun(cw.key)) {
			return true
		}
	}
	return false
}

// capsVerbAfter reports a name run ending at e that is followed by a verb,
// a position in parentheses, an age, "of" or "and": what follows a
// person's name at the head of a caption.
func capsVerbAfter(words []capsWord, e int) bool {
	if words[e].pos {
		return true
	}
	if e+1 >= len(words) || words[e].stop {
		return false
	}
	next := words[e+1].key
	if words[e].comma {
		return capsAge(next) || capsPositionWord(next)
	}
	return capsVerb(next) || next == "of" || next == "and" || next == "is" || next == "was" || next == "has" || capsFollowPrep(next)
}

// capsFollowPrep reports the prepositions that follow a name at the head
// of a clause: "SCOTLAND'S MICHAEL FEDO DURING THEIR MATCH".
func capsFollowPrep(w string) bool {
	switch w {
	case "during", "at", "in", "on", "after", "before", "as", "while", "with", "against", "from", "for", "to", "who", "ahead":
		return true
	}
	return false
}

// capsAge reports an age after a name: "BLAZE, 8,".
func capsAge(w string) bool {
	return isDigits(w) && len(w) <= 3
}

// capsPositionWord reports AP's positions after a comma.
func capsPositionWord(w string) bool {
	switch w {
	case "left", "right", "center", "centre", "second", "third", "front", "back", "top", "bottom":
		return true
	}
	return false
}

// isDigits reports a word of digits.
func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// capsHardWord reports a word the parser knows as something other than a
// name, which no name run crosses: function words, titles, roles,
// nationalities, groups, months, verbs and the common nouns of captions.
// Building and organisation words ("PARK", "HALL", "BRIDGES") may be
// names and do not count.
func capsHardWord(w string) bool {
	return isFunctionWord(w) || titleOf(w) != notTitle || isOfficeTitle(w) || isDemonym(w) || isGroupNoun(w) ||
		isPlaceModifier(w) || isIncidentNoun(w) || monthName(w) || isWeekdayName(w) || capsVerb(w) ||
		capsCommonNoun(w) || isDigits(w) || isAttributiveWord(w) || isNumberWord(w) || isAdminNoun(w) || capsAdverb(w)
}

// capsAdverb reports small words the function-word list leaves out.
func capsAdverb(w string) bool {
	switch w {
	case "into", "onto", "ago", "than", "because", "although", "though", "whose", "whom", "later",
		"earlier", "already", "again", "just", "only", "even", "yet", "very", "well", "much", "off",
		"out", "up", "down", "away", "back", "together", "per", "including", "according", "halfway",
		"towards", "toward", "against", "along", "beyond", "within", "throughout", "till", "until":
		return true
	}
	return false
}

// isWeekdayName reports a day's name.
func isWeekdayName(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

// capsVerb reports the verbs captions use most, in the forms they take.
func capsVerb(w string) bool {
	switch w {
	case "is", "came", "went", "became", "began", "fell", "rose", "threw", "broke", "brought", "built",
		"caught", "died", "drew", "drove", "fled", "flew", "found", "gave", "grew", "kept", "knew",
		"led", "paid", "ran", "saw", "sent", "shook", "shot", "sang", "struck", "thought", "wore",
		"wrote", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
		"will", "would", "can", "could", "may", "might", "should", "must", "speaks", "speak", "speaking",
		"waves", "wave", "waving", "attends", "attend", "attending", "arrives", "arrive", "arriving",
		"arrived", "gestures", "gesture", "gesturing", "looks", "look", "looking", "walks", "walk",
		"walking", "poses", "pose", "posing", "holds", "hold", "holding", "held", "reacts", "react",
		"reacting", "celebrates", "celebrate", "celebrating", "talks", "talk", "talking", "meets",
		"meet", "meeting", "met", "shakes", "shake", "shaking", "visits", "visit", "visiting", "visited",
		"leaves", "leave", "leaving", "left", "delivers", "deliver", "delivering", "listens", "listen",
		"listening", "smiles", "smile", "smiling", "sits", "sit", "sitting", "stands", "stand",
		"standing", "takes", "take", "taking", "took", "taken", "gives", "give", "giving", "receives",
		"receive", "receiving", "addresses", "address", "addressing", "watches", "watch", "watching",
		"inspects", "inspect", "inspecting", "plays", "play", "playing", "runs", "run", "running",
		"scores", "score", "scoring", "scored", "kicks", "kick", "jumps", "jump", "jumping", "competes",
		"compete", "competing", "drives", "drive", "driving", "rides", "ride", "riding", "carries",
		"carry", "carrying", "greets", "greet", "greeting", "hugs", "hug", "hugging", "kisses", "kiss",
		"shouts", "shout", "shouting", "cheers", "cheer", "cheering", "cries", "cry", "crying", "prays",
		"pray", "praying", "votes", "vote", "voting", "signs", "sign", "signing", "signed", "lays",
		"lay", "laying", "leads", "lead", "leading", "joins", "join", "joining", "chats", "chat",
		"chatting", "laughs", "laugh", "laughing", "points", "point", "pointing", "raises", "raise",
		"raising", "reads", "reading", "wears", "wear", "wearing", "wins", "win", "winning", "won",
		"loses", "lose", "lost", "fights", "fight", "fighting", "fires", "throws", "throw", "throwing",
		"catches", "hits", "hit", "hitting", "swims", "skates", "dives", "falls", "fall", "falling",
		"crosses", "passes", "controls", "control", "vies", "vie", "battles", "battle", "heads",
		"shoots", "shoot", "shooting", "saves", "tackles", "serves", "returns", "return", "returning",
		"prepares", "prepare", "preparing", "performs", "perform", "performing", "sings", "sing",
		"singing", "dances", "dance", "dancing", "marches", "march", "marching", "protests", "protest",
		"protesting", "gathers", "gather", "gathering", "gathered", "waits", "wait", "waiting", "rests",
		"rest", "sleeps", "eats", "eat", "eating", "buys", "sells", "works", "work", "working", "cleans",
		"clean", "cleaning", "clears", "searches", "search", "searching", "rescues", "rescue", "helps",
		"help", "helping", "examines", "treats", "mourns", "mourn", "mourning", "weeps", "shows", "show",
		"showing", "shown", "seen", "sees", "pictured", "released", "says", "said", "tells", "told",
		"answers", "answer", "asks", "ask", "applauds", "applaud", "bows", "salutes", "salute", "kneels",
		"kneel", "embraces", "embrace", "clap", "claps", "clapping", "sprays", "pours", "lights",
		"light", "burns", "burn", "burning", "destroyed", "damaged", "killed", "injured", "wounded",
		"arrested", "detained", "evacuated", "displaced", "collapsed", "flooded", "covered", "crowned",
		"named", "elected", "sworn", "accepts", "accept", "announces", "announce", "unveils", "unveil",
		"opens", "open", "closes", "close", "launches", "launch", "tests", "test", "checks", "check",
		"places", "place", "puts", "put", "sets", "set", "uses", "use", "using", "used", "makes", "make",
		"making", "made", "gets", "get", "getting", "goes", "go", "going", "comes", "come", "coming",
		"enters", "enter", "entering", "exits", "exit", "boards", "board", "lands", "land", "departs",
		"depart", "flies", "fly", "flying", "celebrated", "attended", "addressed", "greeted", "waved",
		"spoke", "stood", "sat", "walked", "looked", "reacted", "gestured", "posed":
		return true
	}
	return false
}

// capsCommonNoun reports common nouns of captions that are not names.
func capsCommonNoun(w string) bool {
	switch w {
	case "people", "gas", "tear", "hangs", "hang", "person", "man", "men", "woman", "women", "child",
		"children", "boy", "boys", "girl", "girls", "baby", "family", "families", "crowd", "crowds",
		"residents", "resident", "workers", "worker", "rescuers", "rescue", "firefighters",
		"firefighter", "soldiers", "soldier", "troops", "police", "officers", "officer", "protesters",
		"protester", "demonstrators", "supporters", "supporter", "fans", "fan", "players", "player",
		"team", "teammates", "members", "member", "leaders", "officials", "official", "lawmakers",
		"delegates", "journalists", "reporters", "photographers", "visitors", "tourists", "students",
		"student", "pupils", "teachers", "doctors", "nurses", "medics", "patients", "volunteers",
		"refugees", "migrants", "voters", "mourners", "relatives", "pilgrims", "worshippers", "ball",
		"goal", "match", "game", "news", "conference", "ceremony", "rally", "meeting", "summit",
		"session", "speech", "statement", "flag", "flags", "car", "cars", "vehicle", "vehicles", "house",
		"houses", "home", "homes", "street", "streets", "road", "building", "buildings", "fire", "water",
		"smoke", "snow", "rain", "flood", "floods", "earthquake", "quake", "storm", "hurricane",
		"typhoon", "wildfire", "war", "attack", "missile", "missiles", "tank", "tanks", "weapons", "gun",
		"guns", "picture", "photo", "photograph", "image", "screen", "tv", "television", "video",
		"phone", "smartphone", "sign", "banner", "banners", "placard", "placards", "portrait", "statue",
		"memorial", "victims", "victim", "funeral", "wedding", "election", "elections", "campaign",
		"day", "night", "morning", "afternoon", "evening", "week", "year", "years", "time", "first",
		"second", "third", "final", "last", "new", "old", "former", "late", "during", "against", "front",
		"side", "stage", "podium", "trophy", "medal", "gold", "silver", "bronze", "round", "half",
		"minute", "hole", "shot", "lap", "race", "event", "government", "president", "opposition",
		"party", "military", "army", "navy", "security", "border", "area", "city", "town", "village",
		"country", "state", "province", "region", "capital", "district", "site", "scene", "part",
		"parts", "top", "end", "start", "way", "hand", "hands", "head", "face", "eyes", "arms", "body",
		"bodies", "coffin", "dog", "horse", "show", "fashion", "collection", "film", "movie", "premiere",
		"festival", "awards", "award", "concert", "music", "art", "exhibition", "market", "stock",
		"shares", "prices", "company", "bank", "plant", "factory", "farm", "field", "fields", "sea",
		"river", "beach", "sky", "air", "outside", "inside", "hospital", "school", "church", "mosque",
		"temple", "palace", "office", "embassy", "court", "parliament", "assembly", "station", "airport",
		"port", "camp", "shelter", "tent", "tents", "debris", "rubble", "ruins", "damage", "aftermath",
		"protest", "demonstration", "strike", "clashes", "violence", "peace", "talks", "deal", "visit",
		"tour", "trip", "official's", "military's", "olympics", "cup", "league", "championship",
		"tournament", "open", "prix", "semifinal", "quarterfinal", "training", "practice", "qualifying",
		"warm-up", "dressing", "room", "press", "media", "photo-op", "file", "handout", "pool",
		"undated", "unidentified", "unknown", "man's", "woman's", "men's", "women's", "children's",
		"people's", "world's", "country's", "city's":
		return true
	}
	return false
}
