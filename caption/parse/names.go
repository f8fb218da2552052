package parse

import (
	"github.com/cutline/cutline/caption"
	"strconv"
	"strings"

	"github.com/cutline/cutline/caption/internal/textfold"
)

// People are found without a list of names, from how captions write them:
// a run of capitalised words ("US Rep. Ilhan Omar", "South Korean
// Unification Minister Lee In-young", "Serbia's Novak Djokovic") is cut after
// its last title or possessive, stripped of nationality and other leading
// words, and kept when what remains is shaped like a name of two to six
// words that is not a place, an organisation or an event. A position marker
// after it ("(L)", "(2nd from R)", AP's ", left,") gives the position; a list
// marker ("(L-R)", "From left,") numbers the people of its sentence.

// personHit is a person found at a token range.
type personHit struct {
	caption.Person
	first, last int
}

// findPeople lists the people named in the working text.
func (p *captionParser) findPeople() []caption.Person {
	toks := p.toks
	var hits []personHit
	byWord := map[string]int{}
	for i := 0; i < len(toks); i++ {
		if !p.nameStart(i) {
			continue
		}
		seq := p.nameRun(i)
		i = seq[len(seq)-1]
		h, ok := p.personIn(seq)
		if !ok {
			continue
		}
		i = max(i, h.last) // "Kate, Princess of Wales": the title is read
		h.Position = p.positionAfter(h.last)
		if h.Name == "" {
			// A single word with a position marker: a surname already named
			// ("Kim (R)") or someone known by one name ("Neymar (L)").
			word := toks[h.first].bare()
			if j, ok := byWord[word]; ok {
				if hits[j].Position == "" {
					hits[j].Position = h.Position
				}
				continue
			}
			h.Name = word
		}
		// Index the first and last words of the name for later surnames;
		// the first person to use a word keeps it.
		words := strings.Fields(h.Name)
		for _, w := range []string{words[0], words[len(words)-1]} {
			if _, ok := byWord[w]; !ok {
				byWord[w] = len(hits)
			}
		}
		hits = append(hits, h)
	}
	p.numberLists(hits)
	return mergePeople(hits)
}

// nameStart reports whether a run of name words can start at token i.
func (p *captionParser) nameStart(i int) bool {
	t := p.toks[i]
	return !p.used[i] && t.isCap()
}

// nameRun returns the token indexes of the run of name words starting at i:
// capitalised words, particles between them, and "al-" names. A possessive
// word ends the run.
func (p *captionParser) nameRun(i int) []int {
	toks := p.toks
	seq := []int{i}
	if toks[i].possessive() {
		return seq
	}
	for k := i + 1; k < len(toks) && len(seq) < 12; k++ {
		t := toks[k]
		if p.used[k] || t.kind != ptWord {
			break
		}
		if t.isCap() {
			if allCapsWord(t.bare()) && len(t.bare()) > 2 && !isRomanNumeral(t.bare()) && len(seq) > 0 && !p.capsSurname(k) {
				break
			}
			seq = append(seq, k)
			if t.possessive() {
				break
			}
			continue
		}
		lw := t.lower()
		if isArabicArticle(lw) {
			seq = append(seq, k)
			continue
		}
		if isParticle(lw) && k+1 < len(toks) && !p.used[k+1] && (toks[k+1].isCap() || isArabicArticle(toks[k+1].lower()) || isParticle(toks[k+1].lower())) {
			seq = append(seq, k)
			continue
		}
		break
	}
	// "the Lakers' LeBron James": a plural possessive ends a run that only
	// describes.
	if k := seq[len(seq)-1] + 1; k < len(toks) && toks[k].is("'") && !toks[k].space {
		p.descriptive = seq[len(seq)-1]
	}
	// A run never ends on a particle.
	for len(seq) > 1 && !toks[seq[len(seq)-1]].isCap() && !isArabicArticle(toks[seq[len(seq)-1]].lower()) {
		seq = seq[:len(seq)-1]
	}
	return seq
}

// personIn finds the person named by a run of name words, if any. A hit
// with an empty Name is a single word followed by a position marker.
func (p *captionParser) personIn(seq []int) (personHit, bool) {
	toks := p.toks
	n := len(seq)
	word := func(k int) string { return toks[seq[k]].lower() }
	start := 0
	royal := -1
	cut := false
	titled := false // the run was cut after an office title ("President Obama")
	// Everything up to a possessive that is not last describes the person:
	// "Serbia's Novak Djokovic", "Real Madrid's Vinicius Junior".
	for k := 0; k < n-1; k++ {
		if toks[seq[k]].possessive() {
			start = k + 1
			cut = true
		}
	}
	// Cut after the last title: "US Rep.", "Speaker", "Unification Minister".
	for k := start; k < n; k++ {
		rest := n - 1 - k
		switch titleOf(toks[seq[k]].text) {
		case titleStrong:
			if rest >= 1 {
				start, royal, cut = k+1, -1, true
				titled = isOfficeTitle(word(k))
			}
		case titleWeak:
			if rest >= 2 && (k == start || titleOf(word(k-1)) != notTitle || isDemonym(word(k-1)) || isNameOpener(word(k-1))) {
				start, royal, cut = k+1, -1, true
				titled = false
			}
		case titleRoyal:
			if k+1 < n-1 && word(k+1) == "emeritus" {
				rest-- // "Pope Emeritus Benedict XVI"
			}
			single := rest == 1 || rest == 2 && isRomanNumeral(toks[seq[n-1]].bare())
			switch {
			case single && (k == start || titleOf(word(k-1)) != notTitle || isDemonym(word(k-1)) || isNameOpener(word(k-1)) || toks[seq[k-1]].possessive()):
				royal = k
			case rest >= 2 && k == start:
				start, cut = k+1, true
			}
		}
	}
	if royal >= 0 {
		start = royal
	}
	// Leading words that describe: nationality, organisations, "The", "US".
	for start < n-1 {
		w := word(start)
		if royal == start {
			break
		}
		titled = titled && titleOf(w) != notTitle
		if isKoreanSurname(w) && n-start == 2 && titleOf(w) == notTitle {
			break // "Park Jin", "Moon Jae-in": a surname first
		}
		if isFunctionWord(w) || isDemonym(w) || isNameOpener(w) || isOrgWord(w) && !(w == "bill" && n-start == 2) || titleOf(w) != notTitle || isPortfolio(w) ||
			len(toks[seq[start]].bare()) <= 3 && allCapsWord(toks[seq[start]].bare()) && p.isAcronymPrefix(toks[seq[start]].bare()) ||
			(n-start >= 3 && (p.place(toks[seq[start]].bare()) == kindCountry || p.place(toks[seq[start]].bare()) == kindRegion)) {
			start++
			cut = true
			continue
		}
		break
	}
	for a := 0; a < n; a++ {
		if !isKnownOrgFirst(word(a)) {
			continue
		}
		for b := min(n-1, a+3); b > a; b-- {
			if isKnownOrgName(textfold.Key(p.span(seq[a], seq[b]))) {
				return personHit{}, false // "Black Lives Matter", "Goldman Sachs"
			}
		}
	}
	if p.descriptive == seq[n-1] {
		return personHit{}, false
	}
	if p.stormName(seq) || p.brandContext(seq[0], seq[n-1]) {
		return personHit{}, false // "Hurricane Ian", "signage for Credit Suisse"
	}
	last := seq[n-1]
	if toks[last].possessive() && last+1 < len(toks) && toks[last+1].isCap() && isFacilityWord(toks[last+1].lower()) {
		return personHit{}, false // "Bestepe People's Mosque", "St Peter's Square"
	}
	if toks[last].possessive() && strings.EqualFold(toks[last].bare(), "people") {
		return personHit{}, false // "Luhansk People's Republic", "National People's Congress"
	}
	if followedByContest(toks, last) {
		return personHit{}, false // "the second Investec Test match"
	}
	rest := seq[start:]
	if len(rest) == 1 && n == 1 {
		if e, ok := p.nobleApposition(rest[0]); ok && p.singleNameOK(rest[0]) {
			return personHit{Person: caption.Person{Name: p.span(rest[0], e)}, first: rest[0], last: e}, true
		}
	}
	if len(rest) == 1 {
		k := rest[0]
		if p.singleNameOK(k) && (p.positionAfter(k) != "" || titled || p.singleNameContext(k)) {
			return personHit{first: k, last: k}, true
		}
		return personHit{}, false
	}
	first := rest[0]
	last = rest[len(rest)-1]
	if !toks[first].isCap() {
		return personHit{}, false // "de Marseille": a name starts with a capital
	}
	if last+1 < len(toks) && toks[last+1].isLower() && titleOf(toks[last+1].lower()) != notTitle {
		// "Toronto Raptors forward Scottie Barnes", "People Power Party
		// leader": the run describes the person named next.
		return personHit{}, false
	}
	if seq[0] >= 2 && toks[seq[0]-1].lower() == "of" && toks[seq[0]-2].isCap() && titleOf(toks[seq[0]-2].text) == notTitle {
		// "Kylian Mbappe of Paris Saint-Germain": the team or country of
		// the person named before.
		return personHit{}, false
	}
	if seq[0] >= 2 && toks[seq[0]-1].lower() == "between" && isContestWord(toks[seq[0]-2].lower()) ||
		seq[0] >= 3 && toks[seq[0]-1].lower() == "and" && p.afterContest(seq[0]-1) {
		return personHit{}, false // "the match between Paris Saint-Germain and ..."
	}
	if !cut && first > 0 && toks[first-1].kind == ptWord {
		// "the Boston Celtics", "a Samsung Electronics": an article before
		// the run makes it a thing.
		switch toks[first-1].lower() {
		case "the", "a", "an":
			return personHit{}, false
		}
	}
	if !p.nameShaped(rest, royal >= 0) {
		return personHit{}, false
	}
	name := trimPossessive(p.span(first, last))
	return personHit{Person: caption.Person{Name: name}, first: first, last: last}, true
}

// singleNameOK reports whether a single capitalised word may be a person.
func (p *captionParser) singleNameOK(k int) bool {
	t := p.toks[k]
	w := t.lower()
	return nameWordOK(t.bare(), true) && !isFunctionWord(w) && !isDemonym(w) && !isOrgWord(w) &&
		!isNameOpener(w) && titleOf(w) == notTitle && p.singlePlaceOK(k) &&
		!isGroupNoun(w) && !isFacilityWord(w) && monthOfWord(t) == 0 && !weekdayWord(t) &&
		!isNumberWord(w) && !isAttributiveWord(w) && !(allCapsWord(t.bare()) && len(t.bare()) <= 4)
}

// capsSurname reports a surname written in capitals after a given name in
// mixed case, as AFP and French agencies write names in running text
// ("Professor Paul RAJOANARIVELO, leader of ..."): the word closes the
// name and is no agency, place or acronym.
func (p *captionParser) capsSurname(k int) bool {
	toks := p.toks
	t := toks[k]
	b := t.bare()
	if k == 0 || len(b) < 4 || !allCapsWord(b) || strings.ContainsAny(b, ".") {
		return false
	}
	prev := toks[k-1]
	if prev.kind != ptWord || !prev.isCap() || allCapsWord(prev.bare()) || !nameWordOK(prev.bare(), true) ||
		titleOf(prev.lower()) != notTitle || isNameOpener(prev.lower()) || isOrgWord(prev.lower()) {
		return false
	}
	if k+1 < len(toks) && toks[k+1].kind == ptWord {
		return false // "Joe Biden NATO summit": a name ends at punctuation
	}
	if _, ok := caption.NormalizeAgency(b); ok {
		return false
	}
	return p.place(b) == kindNone && !isOrgWord(strings.ToLower(b))
}

// singlePlaceOK reports whether a single word may be a name although a
// place has it: only a small town ("Obama" in Japan) after an office title
// ("President Obama").
func (p *captionParser) singlePlaceOK(k int) bool {
	kind := p.place(p.toks[k].bare())
	if kind == kindNone {
		return true
	}
	return kind == kindCity && k > 0 && p.toks[k-1].isCap() && isOfficeTitle(p.toks[k-1].lower())
}

// singleNameContext reports the places where a single capitalised word is
// a person known by one name: after a lower-case role or kin noun ("former
// first lady Laura", "ex-president Saleh", "defender Rojas") and before an
// age ("Blaze, 8, from Swindon").
func (p *captionParser) singleNameContext(k int) bool {
	toks := p.toks
	if k > 0 && toks[k-1].kind == ptWord && toks[k-1].isLower() && !p.used[k-1] && isKinOrRoleBefore(toks[k-1].lower()) {
		return !(k+1 < len(toks) && toks[k+1].kind == ptWord && toks[k+1].isCap())
	}
	// "grandsons William and Harry": the second of two after a plural.
	if k >= 3 && toks[k-1].is("and") && toks[k-2].kind == ptWord && toks[k-2].isCap() && !toks[k-3].isCap() &&
		toks[k-3].kind == ptWord && strings.HasSuffix(toks[k-3].lower(), "s") && isKinOrRoleBefore(toks[k-3].lower()) &&
		p.singleNameOK(k-2) && !(k+1 < len(toks) && toks[k+1].kind == ptWord && toks[k+1].isCap()) {
		return true
	}
	// "Blaze, 8," and "Amana, 45,": an age in commas.
	if k+3 < len(toks) && toks[k+1].is(",") && toks[k+2].kind == ptNum && allDigits(toks[k+2].text) &&
		len(toks[k+2].text) <= 3 && toks[k+3].is(",") {
		return true
	}
	return false
}

// isOfficeTitle reports the titles of offices after which a single name is
// a person: "President Obama", "Chancellor Merkel", "Mayor Oh".
func isOfficeTitle(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "president", "minister", "chancellor", "premier", "governor", "gov", "senator", "sen",
		"rep", "representative", "congressman", "congresswoman", "mayor", "secretary", "speaker",
		"chairman", "chairwoman", "leader", "ambassador", "general", "gen", "commander", "dr",
		"mr", "mrs", "ms", "prof", "professor", "justice", "emir", "coach", "manager", "captain",
		"admiral", "adm", "colonel", "col", "lieutenant", "lt", "sergeant", "sgt", "envoy",
		"chief", "director", "imam", "rabbi", "cardinal", "archbishop", "patriarch", "sir", "dame",
		"lord", "baroness", "baron":
		return true
	}
	return false
}

// followedByContest reports a run followed by a lower-case word naming a
// contest or an event, which makes the run its name: "the Investec Test
// match", "the Brooklyn Senior Games".
func followedByContest(toks []ptoken, e int) bool {
	if e+1 >= len(toks) || toks[e+1].kind != ptWord || !toks[e+1].isLower() {
		return false
	}
	switch toks[e+1].lower() {
	case "match", "matches", "game", "games", "tournament", "championship", "championships",
		"conference", "summit", "festival", "awards", "cup", "final", "finals", "series",
		"contest", "competition", "race", "prix", "semifinal", "semi-final", "quarterfinal",
		"quarter-final", "derby", "fixture", "exhibition", "expo", "forum", "ceremony",
		"party", "parties", "movement", "militia", "faction", "bloc", "coalition":
		return true // "Bhartya Janta party (BJP)": a party
	}
	return false
}

// nameShaped reports whether the tokens are shaped like a person's name.
func (p *captionParser) nameShaped(rest []int, royal bool) bool {
	toks := p.toks
	if len(rest) < 2 || len(rest) > 6 {
		return false
	}
	var words []string
	for i, k := range rest {
		t := toks[k]
		b := t.bare()
		lw := strings.ToLower(b)
		words = append(words, b)
		if !t.isCap() {
			if isParticle(lw) || isArabicArticle(lw) {
				continue
			}
			return false
		}
		if !nameWordOK(b, i == 0) && !(royal && i == 0) {
			if !(i == len(rest)-1 && isRomanNumeral(b)) {
				return false
			}
		}
		if allCapsWord(b) && len(b) > 2 && !isRomanNumeral(b) && !(i > 0 && p.capsSurname(k)) {
			return false
		}
		if isDemonym(lw) || monthOfWord(t) != 0 && i == 0 || weekdayWord(t) || isNumberWord(lw) || isAttributiveWord(lw) {
			return false // "Marine One", "Game Seven", "Iran-backed Huthi"
		}
		if i == 0 && lw == "bill" && len(rest) >= 2 {
			continue // "Bill Clinton": a given name, not a law
		}
		if i > 0 && titleOf(lw) == titleStrong {
			return false
		}
		last := i == len(rest)-1
		plural := strings.HasSuffix(lw, "s") && isFacilityWord(strings.TrimSuffix(lw, "s"))
		if (isOrgWord(lw) || isFacilityWord(lw) || plural) && !(i == 0 && isKoreanSurname(lw)) {
			if !last || len(rest) > 2 || !isSurnameWord(lw) {
				return false
			}
		}
	}
	if i := 0; isNameOpener(strings.ToLower(words[i])) && !royal {
		return false
	}
	whole := strings.Join(words, " ")
	if p.place(whole) != kindNone || isKnownOrgName(textfold.Key(whole)) {
		return false
	}
	return true
}

// isSurnameWord reports organisation or building words that are also
// common surnames, so that "Tony Hall" and "Margaret Court" stay people.
func isSurnameWord(w string) bool {
	switch w {
	case "hall", "hill", "park", "court", "field", "fields", "wall", "street", "house", "cross",
		"temple", "lane", "rock", "castle", "price", "banks", "ford", "wood", "woods", "moss",
		"stone", "brook", "bridges", "king", "bishop", "mills", "towers", "marsh", "grove",
		"heath", "dale", "glen", "ridge", "forest", "green", "white", "black", "brown", "gray",
		"grey", "fox", "bell", "church", "chapel", "gates", "post", "bowl", "banks's", "fair",
		"march", "may", "day", "rose", "star", "wild", "young", "stars", "power", "parker",
		"porter", "walker", "fisher", "baker", "mason", "taylor", "carter", "cook", "hunter",
		"driver", "judge", "page", "major", "knight", "marshall", "summit", "heat", "eid":
		return true
	}
	return false
}

// positionAfter reads a position marker after token k: "(L)", "(2nd from R)"
// possibly after another parenthesis such as "(D-MN)", or AP's ", left,".
func (p *captionParser) positionAfter(k int) string {
	toks := p.toks
	i := k + 1
	// "Andy Murray of Britain (L)": the country or team of the person
	// stands between the name and the marker.
	if i+1 < len(toks) && toks[i].kind == ptWord && toks[i].lower() == "of" && toks[i+1].isCap() {
		j := i + 1
		for j < len(toks) && j <= i+4 && toks[j].kind == ptWord && toks[j].isCap() {
			j++
		}
		// "Jacque Chirac of Paris, France, left,": the place may have a
		// country after it.
		for j+1 < len(toks) && toks[j].is(",") && toks[j+1].isCap() && p.place(toks[j+1].bare()) != kindNone {
			j += 2
			for j < len(toks) && toks[j].kind == ptWord && toks[j].isCap() {
				j++
			}
		}
		if j < len(toks) && (toks[j].is("(") || toks[j].is(",")) {
			i = j
		}
	}
	for skips := 0; skips < 3 && i < len(toks); skips++ {
		t := toks[i]
		switch {
		case t.is("("):
			close := -1
			for j := i + 1; j < len(toks) && j <= i+10; j++ {
				if toks[j].is(")") {
					close = j
					break
				}
				if toks[j].is("(") {
					break
				}
			}
			if close < 0 {
				return ""
			}
			inner := string(p.work[toks[i].end:toks[close].start])
			if pos := parsePosition(inner); pos != "" {
				return pos
			}
			if isListMarker(inner) {
				return ""
			}
			i = close + 1
		case t.is(","):
			j := i + 1
			for j < len(toks) && j <= i+5 && toks[j].kind == ptWord && toks[j].isLower() {
				j++
			}
			if j == i+1 {
				return ""
			}
			if j < len(toks) && !(toks[j].is(",") || toks[j].is(".") || toks[j].is(")") || toks[j].is(";")) {
				return ""
			}
			return parsePosition(string(p.work[toks[i+1].start:toks[j-1].end]))
		default:
			return ""
		}
	}
	return ""
}

// parsePosition reads the inside of a position marker: "L", "R", "C",
// "left", "centre", "2nd L", "2nd from R", "second from left", "L, front",
// "4th from L, front row", "2L". It returns "L", "R", "C" or "2nd L" and
// the like, or "" when the text is not a position.
func parsePosition(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > 40 {
		return ""
	}
	s = strings.NewReplacer(",", " ", ".", " ", ";", " ", "/", " ").Replace(s)
	if len(s) >= 3 && s[0] >= '1' && s[0] <= '9' && s[1] == '-' {
		s = s[:1] + " " + s[2:] // EPA's "(2-R)"
	}
	side, ord := "", ""
	for _, w := range strings.Fields(s) {
		sd := ""
		if len(w) == 1 && w[0] >= '2' && w[0] <= '9' {
			ord = ordinalSuffix(w)
			continue
		}
		switch w {
		case "l", "left":
			sd = "L"
		case "r", "right":
			sd = "R"
		case "c", "center", "centre", "middle":
			sd = "C"
		case "from", "row", "front", "back", "top", "bottom", "rear", "standing", "seated",
			"sitting", "foreground", "background", "in", "the", "at", "on", "far", "second-row",
			"first", "1st", "row's":
			continue
		default:
			if o := ordinalWord(w); o != "" {
				ord = o
				continue
			}
			if len(w) >= 2 && (w[len(w)-1] == 'l' || w[len(w)-1] == 'r') && allDigits(w[:len(w)-1]) {
				if o := ordinalWord(ordinalSuffix(w[:len(w)-1])); o != "" {
					ord = o
				}
				sd = strings.ToUpper(w[len(w)-1:])
				break
			}
			return ""
		}
		if sd != "" {
			if side != "" && side != sd {
				return "" // "L-R" is a list, not a position
			}
			side = sd
		}
	}
	if side == "" {
		return ""
	}
	if ord != "" {
		return ord + " " + side
	}
	return side
}

func ordinalSuffix(n string) string {
	switch n {
	case "2":
		return "2nd"
	case "3":
		return "3rd"
	}
	return n + "th"
}

// isListMarker reports the markers that order the people of a sentence:
// "L-R", "L to R", "from left", "left to right", "R-L", "from right".
func isListMarker(s string) bool {
	return listDirection(s) != ""
}

// listDirection returns "left" or "right" for a list marker, or "".
func listDirection(s string) string {
	if len(s) > 40 {
		return ""
	}
	// Lower case, dashes as spaces, single spaces, no edge punctuation.
	var buf [48]byte
	b := buf[:0]
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '-' || c == ' ':
			if !space {
				b = append(b, ' ')
			}
			space = true
			continue
		case c == ',' || c == ':' || c == ';' || c == '.':
			continue
		case c >= 0x80:
			if strings.HasPrefix(s[i:], "–") { // en dash
				if !space {
					b = append(b, ' ')
				}
				space = true
				i += len("–") - 1
				continue
			}
			return ""
		}
		b = append(b, c)
		space = false
	}
	switch strings.TrimSpace(string(b)) {
	case "l r", "l to r", "from l", "from left", "left to right", "from left to right", "clockwise from left", "clockwise from top left":
		return "left"
	case "r l", "r to l", "from r", "from right", "right to left", "from right to left":
		return "right"
	}
	return ""
}

// numberLists gives "from left 1", "from left 2"... to the people of a
// sentence that has a list marker: after it ("(L-R) A, B and C attend",
// "From left, A, B...") or before it (AP's "A, B and C, from left, attend").
func (p *captionParser) numberLists(hits []personHit) {
	toks := p.toks
	depth := 0
	for i := 0; i < len(toks); i++ {
		dir, end := "", i
		switch {
		case toks[i].is(")"):
			depth = max(0, depth-1)
		case toks[i].is("(") && listDirection(p.parenText(i)) == "":
			depth++
		case toks[i].is("("):
			j := i + 1
			for j < len(toks) && j <= i+8 && !toks[j].is(")") {
				j++
			}
			if j < len(toks) && toks[j].is(")") {
				dir, end = listDirection(string(p.work[toks[i].end:toks[j].start])), j
			}
		case depth == 0 && toks[i].kind == ptWord && (toks[i].lower() == "from" || toks[i].lower() == "left" || toks[i].lower() == "clockwise") &&
			!(i > 0 && ordinalWord(toks[i-1].lower()) != ""): // "second from left" is a position
			for j := min(len(toks)-1, i+4); j > i; j-- {
				if d := listDirection(string(p.work[toks[i].start:toks[j].end])); d != "" {
					dir, end = d, j
					break
				}
			}
		}
		if dir == "" {
			continue
		}
		after := p.sentenceHits(hits, end+1, true)
		before := p.sentenceHits(hits, i-1, false)
		reSubmatch := after
		if len(after) == 0 || (len(before) >= 2 && i > 0 && toks[i-1].is(",")) {
			reSubmatch = before
		}
		for n, h := range reSubmatch {
			hits[h].Position = "from " + dir + " " + strconv.Itoa(n+1)
		}
		i = end
	}
}

// parenText returns the text inside the parenthesis opened at token i (up
// to eight tokens), or "".
func (p *captionParser) parenText(i int) string {
	toks := p.toks
	for j := i + 1; j < len(toks) && j <= i+8; j++ {
		if toks[j].is(")") {
			return string(p.work[toks[i].end:toks[j].start])
		}
	}
	return ""
}

// sentenceHits returns the indexes of the hits in the same sentence as
// token k, after it (forward) or before it.
func (p *captionParser) sentenceHits(hits []personHit, k int, forward bool) []int {
	toks := p.toks
	// A sentence is at most 120 tokens here: the bound keeps a caption
	// full of list markers linear.
	lo, hi := k, k
	if forward {
		for hi < len(toks) && hi-k < 120 && !isSentenceStop(toks[hi]) {
			hi++
		}
	} else {
		for lo >= 0 && k-lo < 120 && !isSentenceStop(toks[lo]) {
			lo--
		}
	}
	var out []int
	for i, h := range hits {
		if forward && h.first >= k && h.first < hi || !forward && h.first > lo && h.last <= k {
			out = append(out, i)
		}
	}
	return out
}

func isSentenceStop(t ptoken) bool {
	return t.kind == ptPunct && (t.text == "." || t.text == "|" || t.text == "!" || t.text == "?" || t.text == ";")
}

// mergePeople removes repeated people, keeping the first mention and the
// first position given.
func mergePeople(hits []personHit) []caption.Person {
	var out []caption.Person
	index := map[string]int{}
	for _, h := range hits {
		k := textfold.Key(h.Name)
		if i, ok := index[k]; ok {
			if out[i].Position == "" {
				out[i].Position = h.Position
			}
			continue
		}
		index[k] = len(out)
		out = append(out, h.Person)
	}
	return out
}

// isContestWord reports the nouns after which "between A and B" names two
// sides, not two people: "the match between Arsenal and Chelsea".
func isContestWord(w string) bool {
	switch w {
	case "match", "game", "final", "semifinal", "semi-final", "quarterfinal", "quarter-final",
		"clash", "derby", "fixture", "tie", "contest", "bout", "friendly", "playoff", "play-off",
		"encounter", "showdown", "series", "rivalry", "race", "meeting":
		return true
	}
	return false
}

// afterContest reports whether the "and" at token k closes "<contest>
// between A and".
func (p *captionParser) afterContest(k int) bool {
	for j := k - 1; j >= 1 && j >= k-8; j-- {
		if p.toks[j].lower() == "between" {
			return isContestWord(p.toks[j-1].lower())
		}
		if p.toks[j].kind == ptPunct && p.toks[j].text != "-" {
			return false
		}
	}
	return false
}

// isNumberWord reports spelled numbers, which no name contains.
func isNumberWord(w string) bool {
	switch w {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand",
		"million", "billion":
		return true
	}
	return false
}

// isAcronymPrefix reports the short capitals that stand before names as
// descriptions ("US Rep.", "UK Prime Minister", "UN envoy"), as opposed to
// initials that are part of a name ("JD Vance").
func (p *captionParser) isAcronymPrefix(w string) bool {
	switch strings.ReplaceAll(w, ".", "") {
	case "EU", "UN", "IMF", "WHO", "WTO", "GOP", "FBI", "CIA", "NBA", "NFL", "FIFA", "IOC", "ECB":
		return true
	}
	k := p.place(w)
	return k == kindCountry || k == kindRegion
}
