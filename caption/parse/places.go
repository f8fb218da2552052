package parse

import (
	"github.com/cutline/cutline/caption"
	"strings"

	"github.com/cutline/cutline/caption/internal/textfold"
)

// Places are read from the structure of captions, with the gazetteer as a
// second opinion:
//
//	a dateline                   SEOUL, Nov 25 (Reuters)      → Seoul
//	in / near / outside <Place>  in Washington, DC            → Washington, DC
//	at / on / to <Place>         at the US Capitol            → US Capitol
//	<noun> of <Place>            the truce village of Panmunjom → Panmunjom
//	a following ", <Place>"      in Seoul, South Korea        → Seoul, South Korea
//
// After "in" and its kin any capitalised name that is not an organisation,
// an event or a date is a place; after "at", "on", "to" and the like (which
// also introduce people and things) only a gazetteer name or a name ending
// in a building or feature word ("Stadium", "Palace", "Zone") is.

// prepStrength says how surely a preposition introduces a place.
type prepStrength uint8

const (
	prepNone prepStrength = iota
	prepWeak
	prepStrong
)

// prepOf classifies a lower-case word as a place preposition.
func prepOf(w string) prepStrength {
	switch w {
	case "in", "near", "outside", "inside", "across", "around", "into", "throughout", "within",
		"off", "nearby":
		return prepStrong
	case "at", "from", "to", "toward", "towards", "through", "on", "of", "over", "along",
		"beside", "behind", "opposite", "via", "past", "above", "below", "under",
		"onto", "visit", "visits", "visiting", "leaves", "leave",
		"leaving", "arrives", "arrive", "arriving", "reach", "reached", "reaches", "tour",
		"tours", "touring", "entering", "enter", "enters", "crossing", "cross", "crosses",
		"flee", "fled", "flees":
		return prepWeak
	}
	return prepNone
}

// findPlaces lists the places named in the working text, in order, and marks
// their tokens as used so that they are not read as people.
func (p *captionParser) findPlaces() []string {
	toks := p.toks
	var found []placeHit
	add := func(at int, name string) { found = append(found, placeHit{at, name}) }
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != ptWord || !t.isLower() || p.used[i] {
			continue
		}
		w := t.lower()
		strength := prepOf(w)
		if w == "of" && i > 0 && toks[i-1].kind == ptWord && isPlaceNounBeforeOf(toks[i-1].lower()) &&
			!(toks[i-1].isCap() && isInstitutionBeforeOf(toks[i-1].lower())) {
			strength = prepStrong
			if p.officeOf(i - 1) {
				continue // "the Chief Minister of the western state of Gujarat": a title
			}
		}
		if (w == "with" || w == "between") && i > 0 && toks[i-1].kind == ptWord && isBorderWord(toks[i-1].lower()) {
			strength = prepStrong // "near the border with Syria", "the border between Sudan and Chad"
		}
		if strength == prepNone {
			continue
		}
		if w == "from" && p.hometownFrom(i) {
			continue // "Blaze, 8, from Swindon": where a person is from
		}
		afterName := false
		if w == "of" && strength == prepWeak {
			// "Mitch McConnell of Kentucky", "Cobi Jones #13 of the USA":
			// where a person is from, not a place in the picture.
			for k := i - 1; k >= 0 && k >= i-3; k-- {
				if toks[k].kind == ptWord {
					afterName = toks[k].isCap()
					break
				}
			}
		}
		j := i + 1
		article := false
		if j < len(toks) && toks[j].is("the") {
			article = true
			j++
		}
		for j < len(toks) && toks[j].isLower() && isPlaceModifier(toks[j].lower()) {
			j++
		}
		// "the Yemeni capital Sanaa", "the river Rhine": a nationality and a
		// place noun before the name.
		if j+1 < len(toks) && toks[j].isCap() && isDemonym(toks[j].lower()) && toks[j+1].isLower() && isNounBeforeName(toks[j+1].lower()) {
			j++
		}
		if j+1 < len(toks) && toks[j].isLower() && isNounBeforeName(toks[j].lower()) && toks[j+1].isCap() {
			j++
			strength = prepStrong
		}
		ps, pe, ok := p.placeSeq(j)
		if !ok {
			continue
		}
		if !p.acceptPlace(ps, pe, strength, w, article) {
			if pe > ps {
				i = pe // a name that is no place is not read again from inside
			}
			continue
		}
		if afterName && p.place(p.span(ps, pe)) != kindLandmark && !isFacilityWord(strings.ToLower(toks[pe].bare())) {
			continue
		}
		end := pe
		if !(pe > ps && isForeignStreetWord(toks[ps].lower())) {
			end = p.extendPlace(pe) // but "Place de la Nation statue" is on the square
		}
		add(ps, p.placeText(ps, end))
		p.markUsed(ps, end)
		if ok, s, e := p.possessivePlace(end); ok {
			add(s, p.placeText(s, e))
			p.markUsed(end+1, e)
			end = e
		}
		// ", South Korea", ", DC", ", California", "and Kyiv": more places
		// in a row, also after another name in parentheses ("Kyiv (Kiev),
		// Ukraine").
		k0 := end + 1
		if k0+2 < len(toks) && toks[k0].is("(") && toks[k0+1].isCap() && toks[k0+2].is(")") {
			k0 += 3
		}
		if k0 < len(toks) && toks[k0].isLower() && toks[k0].lower() == toks[end].lower() {
			k0++ // "Conference Centre centre, Ghana": a word written twice
		}
		for k := k0; k+1 < len(toks) && (toks[k].is(",") || toks[k].is("and")); {
			q := k + 1
			for q < len(toks) && toks[q].isLower() && isPlaceModifier(toks[q].lower()) {
				q++ // ", west London"
			}
			qs, qe, ok := p.placeSeq(q)
			if !ok {
				break
			}
			name := p.placeText(qs, qe)
			if isDC(name) {
				found[len(found)-1].name = normalizeDC(found[len(found)-1].name + ", DC")
				p.markUsed(k, qe)
				k = qe + 1
				continue
			}
			if p.place(name) == kindNone {
				break
			}
			qe = p.extendPlace(qe)
			add(qs, p.placeText(qs, qe))
			p.markUsed(k, qe)
			if ok, s, e := p.possessivePlace(qe); ok {
				add(s, p.placeText(s, e))
				p.markUsed(qe+1, e)
				qe = e
			}
			k = qe + 1
		}
		i = end
	}
	// "Iwate prefecture", "Rongjiang county": a name before a lower-case
	// administrative noun is an area wherever it stands.
	for i := 0; i+1 < len(toks); i++ {
		if p.used[i] || !toks[i].isCap() || i > 0 && toks[i-1].isCap() {
			continue
		}
		e := i
		for e+1 < len(toks) && e-i < 3 && toks[e+1].isCap() && !p.used[e+1] {
			e++
		}
		if e+1 >= len(toks) || !toks[e+1].isLower() || p.used[e+1] || !isAdminNoun(toks[e+1].lower()) || toks[e].possessive() {
			i = e
			continue
		}
		w := toks[i].lower()
		if isFunctionWord(w) || isDemonym(w) || titleOf(w) != notTitle || isOrgWord(strings.ToLower(toks[e].bare())) || monthOfWord(toks[i]) != 0 {
			i = e
			continue
		}
		add(i, p.placeText(i, e+1))
		p.markUsed(i, e+1)
		i = e + 1
	}
	// ", Istanbul, Turkey, April 17, 2017.": known places in a row, with no
	// preposition, just before the date that ends the sentence.
	for i := 0; i+2 < len(toks); i++ {
		if !toks[i].is(",") {
			continue
		}
		var runs [][2]int
		k := i
		for k+1 < len(toks) && toks[k].is(",") {
			s, e, ok := p.placeSeq(k + 1)
			if !ok || toks[e].possessive() || p.place(p.span(s, e)) == kindNone {
				break
			}
			runs = append(runs, [2]int{s, e})
			k = e + 1
		}
		if len(runs) == 0 || !dateStartsAt(toks, k) {
			continue
		}
		// "Storm Ciaran hits Brittany, France, November 2, 2023": the row
		// may start after a verb with a region or a big city the gazetteer
		// knows, when another place follows it.
		s := i - 1
		for s > 0 && s > i-4 && toks[s-1].isCap() {
			s--
		}
		if s > 0 && s < i && toks[s-1].kind == ptWord && toks[s-1].isLower() && !p.used[s] {
			if s2, e2, ok := p.placeSeq(s); ok && e2 == i-1 && !toks[e2].possessive() && p.place(p.span(s2, e2)).strong() {
				runs = append([][2]int{{s2, e2}}, runs...)
			}
		}
		for _, r := range runs {
			add(r[0], p.placeText(r[0], r[1]))
			p.markUsed(r[0], r[1])
		}
		i = k
	}
	// Reuters' subject tags name the country: "(MYANMAR - Tags: RELIGION)".
	for i := 0; i+4 < len(toks); i++ {
		if !toks[i].is("(") {
			continue
		}
		e := i + 1
		for e < len(toks) && e-i <= 4 && toks[e].kind == ptWord && allCapsWord(toks[e].bare()) {
			e++
		}
		if e == i+1 || e+1 >= len(toks) || !toks[e].is("-") || !strings.EqualFold(toks[e+1].text, "Tags") {
			continue
		}
		name := parseNameCase(p.span(i+1, e-1))
		if k := p.place(name); k == kindCountry || k == kindRegion {
			add(i+1, name)
			p.markUsed(i+1, e-1)
		}
		i = e
	}
	// Landmarks the gazetteer knows are places wherever they are named:
	// "shows the Brandenburg Gate".
	for i := 0; i < len(toks); i++ {
		if p.used[i] || !toks[i].isCap() || !p.hasPrefix(textfold.Key(toks[i].text)+" ") {
			continue
		}
		// How far can the run grow and still be the start of a name?
		far := i
		for e := i + 1; e < len(toks) && e <= i+5 && p.hasPrefix(textfold.Key(p.span(i, e))); e++ {
			far = e
		}
		if far == i && p.place(toks[i].text) == kindLandmark && !toks[i].possessive() && !isFunctionWord(toks[i].lower()) &&
			!(i+1 < len(toks) && toks[i+1].isCap()) && !(i > 0 && toks[i-1].isCap()) {
			add(i, p.placeText(i, i)) // "the Kremlin", "Panmunjom"
			p.markUsed(i, i)
			continue
		}
		for e := far; e > i; e-- {
			if p.used[e] || toks[e].possessive() || !toks[e].isCap() {
				continue
			}
			if e+1 < len(toks) && toks[e+1].isCap() || i > 0 && toks[i-1].isCap() {
				continue // "New York Knicks": part of a longer name
			}
			if k := p.place(p.span(i, e)); k == kindLandmark || k == kindRegion && e > i {
				add(i, p.placeText(i, e))
				p.markUsed(i, e)
				i = e
				break
			}
		}
	}
	// Text order, whichever pass found them.
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && found[j].at < found[j-1].at; j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.name
	}
	return out
}

// isAdminNoun reports the lower-case nouns of administrative areas that
// follow a name: "Iwate prefecture", "Kherson oblast".
func isAdminNoun(w string) bool {
	switch w {
	case "prefecture", "province", "county", "oblast", "governorate", "district", "region":
		return true
	}
	return false
}

// isBorderWord reports the nouns after which "with" and "between" name
// places: "the border with Syria".
func isBorderWord(w string) bool {
	switch w {
	case "border", "borders", "frontier", "boundary", "crossing":
		return true
	}
	return false
}

// isNounBeforeName reports lower-case nouns written before a place's name:
// "the capital Sanaa", "the river Rhine", "the Yemeni capital Sanaa".
func isNounBeforeName(w string) bool {
	switch w {
	case "capital", "river", "lake", "city", "town", "village", "port", "island", "province",
		"region", "state", "resort", "enclave", "district":
		return true
	}
	return false
}

// hometownFrom reports a "from" that says where a person comes from: after
// an age ("Blaze, 8, from Swindon", "Reuben Smith age 5 from Hampshire",
// "an 11-month-old boy from Huaihua").
func (p *captionParser) hometownFrom(i int) bool {
	toks := p.toks
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := toks[k]
		switch {
		case t.kind == ptNum && allDigits(t.text) && len(t.text) <= 3:
			return true
		case t.kind == ptWord && (strings.HasSuffix(t.lower(), "-old") || t.lower() == "aged"):
			return true
		case t.kind == ptPunct && t.text != ",":
			return false
		}
	}
	return false
}

// possessivePlace reads the place a possessive place owns: "China's
// eastern Shandong province", "Siberia's Tuva region", "Seoul's Gangnam
// district". e is the last token of the possessive place; the returned
// range is the owned place's.
func (p *captionParser) possessivePlace(e int) (bool, int, int) {
	toks := p.toks
	if e < 0 || e >= len(toks) || !toks[e].possessive() {
		return false, 0, 0
	}
	q := e + 1
	for q < len(toks) && toks[q].isLower() && isPlaceModifier(toks[q].lower()) {
		q++
	}
	qs, qe, ok := p.placeSeq(q)
	if !ok || toks[qe].possessive() {
		return false, 0, 0
	}
	last := strings.ToLower(toks[qe].bare())
	name := p.span(qs, qe)
	switch {
	case isAdminWord(last) && qe > qs:
	case p.place(name).strong() && !followedByEventNoun(toks, qe):
	case lowerPlaceNounFollows(toks, qe):
	default:
		return false, 0, 0
	}
	if isKnownOrgName(textfold.Key(name)) || p.afterTitle(qs) {
		return false, 0, 0
	}
	return true, qs, p.extendPlace(qe)
}

// lowerPlaceNounFollows reports "Tuva region", "Gangnam district": a
// lower-case administrative or place noun right after the name.
func lowerPlaceNounFollows(toks []ptoken, e int) bool {
	return e+1 < len(toks) && toks[e+1].isLower() && isLowerPlaceNoun(toks[e+1].lower())
}

// isAdminWord reports the capitalised words that end the names of
// administrative areas: "Shandong Province", "Lyuliang City".
func isAdminWord(w string) bool {
	switch w {
	case "province", "prefecture", "county", "district", "region", "city", "town", "village",
		"oblast", "governorate", "municipality", "township", "borough", "state", "territory",
		"department", "canton", "parish", "commune", "krai", "republic":
		return true
	}
	return false
}

// placeHit is a place found at a token.
type placeHit struct {
	at   int
	name string
}

// placeSeq reads a run of capitalised words that can name a place,
// starting at token j: "Washington", "Demilitarized Zone", "Great Hall of
// the People", "St. Peter's Square", "The Hague". It returns the token range.
func (p *captionParser) placeSeq(j int) (int, int, bool) {
	toks := p.toks
	if j+2 < len(toks) && toks[j].kind == ptNum && len(toks[j].text) <= 4 && allDigits(toks[j].text) && !p.used[j] && toks[j+1].isCap() {
		// "10 Downing Street": a house number before a street.
		if s, e, ok := p.placeSeq(j + 1); ok && isFacilityWord(strings.ToLower(toks[e].bare())) && s == j+1 {
			return j, e, true
		}
	}
	if j >= len(toks) || p.used[j] || !toks[j].isCap() {
		return 0, 0, false
	}
	if monthOfWord(toks[j]) != 0 || weekdayWord(toks[j]) {
		return 0, 0, false
	}
	if toks[j].is("The") && !(j+1 < len(toks) && toks[j+1].isCap() && p.place("The "+toks[j+1].text) != kindNone) {
		return 0, 0, false
	}
	end := j
	for k := j; k < len(toks) && k-j < 10; k++ {
		t := toks[k]
		if k > j {
			if t.is("&") && !p.used[k] && k+1 < len(toks) && toks[k+1].isCap() && p.facilityRunFrom(k+1) {
				continue // "Hollywood & Highland Center"
			}
			if p.used[k] || t.kind != ptWord {
				break
			}
			if t.isCap() {
				if monthOfWord(t) != 0 || weekdayWord(t) {
					break
				}
			} else {
				// "of", "de", "the" inside a name, when a capitalised word follows.
				lw := t.lower()
				inner := lw == "of" || lw == "de" || lw == "del" || lw == "da" || lw == "la" ||
					lw == "upon" || lw == "du" || lw == "des" || (lw == "the" && toks[k-1].lower() == "of") ||
					(lw == "and" && k+1 < len(toks) && (p.place(p.span(j, k+1)) != kindNone || p.facilityRunFrom(k+1)))
				// "de la": two connectors, then the name ("Place de la Nation").
				nextInner := k+2 < len(toks) && (lw == "de" || lw == "du") && (toks[k+1].lower() == "la" || toks[k+1].lower() == "los" || toks[k+1].lower() == "las") && toks[k+2].isCap()
				if !inner || k+1 >= len(toks) || !(toks[k+1].isCap() || toks[k+1].lower() == "the" || nextInner) {
					break
				}
				continue
			}
		}
		if allCapsWord(t.bare()) && len(t.bare()) > 3 && p.place(t.text) == kindNone {
			break
		}
		if k > j && t.isCap() && toks[k-1].isCap() && isFacilityWord(toks[k-1].lower()) && !isFacilityWord(t.lower()) &&
			p.place(p.span(j, k)) == kindNone && !orgHeadAhead(toks, k) && !p.facilityBeforeName(k) {
			// A building word ends a name unless another follows ("Capitol
			// Hill", "Madison Square Garden") or the gazetteer knows the
			// longer name ("Camp David"): "the House Nancy Pelosi" is two.
			break
		}
		end = k
		if t.possessive() {
			// "St. Peter's Square" goes on; "Seoul's Gangnam district" stops.
			if !(k+1 < len(toks) && toks[k+1].isCap() && isFacilityWord(toks[k+1].lower())) {
				break
			}
		}
	}
	// Connectors never end a place.
	for end > j && !toks[end].isCap() {
		end--
	}
	// "East Room of the White House": when what follows "of" is a place of
	// its own, the run is two places; the caller reads the second one after
	// the "of".
	if p.place(p.span(j, end)) == kindNone {
		for k := j + 1; k < end; k++ {
			if toks[k].lower() != "of" {
				continue
			}
			y := k + 1
			if toks[y].lower() == "the" {
				y++
			}
			tail := p.span(y, end)
			kind := p.place(tail)
			lastTail := strings.ToLower(toks[end].bare())
			// "Zhuanwa Village of Lyuliang City": an area of a larger one.
			areaOfArea := end > y && k-1 > j && isAdminWord(lastTail) && isAdminWord(toks[k-1].lower())
			if kind.strong() || end > y && isFacilityWord(lastTail) || areaOfArea {
				end = k - 1
				break
			}
		}
	}
	return j, end, true
}

// acceptPlace decides whether the run toks[s..e] after the preposition prep
// names a place.
func (p *captionParser) acceptPlace(s, e int, strength prepStrength, prep string, article bool) bool {
	toks := p.toks
	name := p.span(s, e)
	first := toks[s].lower()
	last := strings.ToLower(toks[e].bare())
	kind := p.place(trimPossessive(name))
	if toks[e].possessive() {
		// "in Seoul's Gangnam district" names Seoul; "in Pelosi's office"
		// and "from North Korea's KCNA" name owners.
		return strength == prepStrong && kind != kindNone && !isDemonym(last)
	}
	if isFunctionWord(first) && kind == kindNone && !(e-s >= 2 && isFacilityWord(last)) {
		return false // "All England Lawn Tennis and Croquet Club" is a place
	}
	if s == e && (isDemonym(first) || titleOf(first) != notTitle || isAttributiveWord(first)) && kind == kindNone {
		return false // "in the Kurdish-dominated southeastern city of Diyarbakir"
	}
	// "Place de la Nation", "Plaza de Mayo", "Piazza del Popolo": a
	// square or a street named in its own language.
	facility := e > s && isForeignStreetWord(first) || e == s+1 && isNamedFacility(first) && toks[e].isCap()
	for k := s; k <= e; k++ {
		if isFacilityNoun(strings.ToLower(toks[k].bare())) && k > s {
			facility = true
		}
	}
	// The word that heads the name decides what it is: "Premier League",
	// "Labour Party", "World War II" are not places.
	head := e
	for head > s && isRomanNumeral(toks[head].bare()) {
		head--
	}
	if hw := strings.ToLower(toks[head].bare()); hw == "city" && head > s && kind == kindNone && strength == prepStrong {
		return true // "in Quebec City", "in Lusail City"
	}
	if s == e && (kind == kindNone || kind == kindCity) && allCapsWord(toks[s].bare()) {
		return false // "at U.N. headquarters": an organisation
	}
	if isKnownOrgName(textfold.Key(name)) {
		return false // "past Goldman Sachs headquarters"
	}
	if hw := strings.ToLower(toks[head].bare()); isOrgWord(hw) && !isFacilityNoun(hw) && kind == kindNone {
		return false
	}
	if e+1 < len(toks) && toks[e+1].is("'") && !toks[e+1].space {
		return false // "Golden State Warriors' Stephen Curry": a team
	}
	if prep == "of" && strength == prepWeak && (kind == kindCountry || kind == kindRegion) {
		return false // "the invasion of Ukraine", "the leader of North Korea"
	}
	if prep == "on" || prep == "over" {
		if kind != kindCountry && kind != kindRegion && p.withinArea(e) {
			// A town placed in its area is where the picture is: "smoke
			// rises over Khan Younis in the southern Gaza Strip", "a strike
			// on Kharkiv, Ukraine".
			return true
		}
		if kind != kindLandmark && !facility && !lowerFacilityFollows(toks, e) {
			// "an attack on Ukraine", "talks on North Korea": a subject, not
			// where the picture is; "on Capitol Hill", "on Jeju Island" are.
			return false
		}
	}
	if s == e && kind == kindNone && (isFacilityWord(first) || isOrgWord(first)) {
		return false // "the House", "the Palace": a name is needed
	}
	if kind == kindNone && followedByEventNoun(toks, e) {
		return false
	}
	if kind == kindNone && p.afterTitle(s) {
		return false
	}
	switch {
	case kind != kindNone && (kind.strong() || strength == prepStrong || prep == "at"):
		return true
	case facility:
		return true
	case strength == prepStrong:
		return true
	case prep == "at" && article && e > s:
		return true
	case lowerFacilityFollows(toks, e):
		return true // "from Kawaguchiko town", "at Etihad stadium"
	case p.regionFollows(e):
		return true // "from Weehawken, New Jersey": City, State
	case prep == "at" && p.knownPlaceFollows(e):
		return true // "at Aspire, Leeds", "at Headingley, Leeds": a venue, then its city
	case prep == "at" && p.venueIn(s, e):
		return true // "arrives at Wimbledon in London"
	case prep == "at" && e > s && p.hasParticle(s, e):
		return true // "at Parc des Princes"
	}
	return false
}

// facilityBeforeName reports a word that names a base, a camp or a mount
// before its one-word name, the run ending there: "Joint Base Andrews",
// "Camp Humphreys", "Fort Bragg".
func (p *captionParser) facilityBeforeName(k int) bool {
	toks := p.toks
	if !isNamedFacility(strings.ToLower(toks[k-1].bare())) {
		return false
	}
	return !(k+1 < len(toks) && toks[k+1].kind == ptWord && toks[k+1].isCap()) && !toks[k].possessive()
}

// isNamedFacility reports the words written before a place's own name.
func isNamedFacility(w string) bool {
	switch w {
	case "base", "camp", "fort", "mount", "mt", "lake", "cape":
		return true
	}
	return false
}

// orgHeadAhead reports a run of capitalised words from k that ends in a
// word naming an organisation, not a building: "Japan Ground Self-Defense
// Force" is one name, not the place "Japan Ground".
func orgHeadAhead(toks []ptoken, k int) bool {
	for ; k < len(toks) && toks[k].kind == ptWord && toks[k].isCap(); k++ {
		if k+1 < len(toks) && toks[k+1].kind == ptWord && toks[k+1].isCap() {
			continue
		}
		w := strings.ToLower(toks[k].bare())
		return isOrgWord(w) && !isFacilityWord(w) && !isFacilityNoun(w) && !isAdminWord(w)
	}
	return false
}

// officeOf reports "<office> of the [modifiers]" before the place noun at
// k: the area an office holder governs, not where the picture is.
func (p *captionParser) officeOf(k int) bool {
	toks := p.toks
	for k--; k > 0 && toks[k].kind == ptWord && toks[k].isLower() && (isPlaceModifier(toks[k].lower()) || toks[k].is("the")); k-- {
	}
	return k > 0 && toks[k].is("of") && toks[k-1].kind == ptWord && isOfficeTitle(toks[k-1].lower())
}

// isForeignStreetWord reports the word that starts a square's or a
// street's name in French, Spanish, Italian, Portuguese or German.
func isForeignStreetWord(w string) bool {
	switch w {
	case "place", "plaza", "piazza", "piazzale", "praça", "praca", "plaça", "rue", "calle", "avenida",
		"paseo", "largo", "rua", "platz", "quai", "pont", "porte", "parc":
		return true
	}
	return false
}

// dateStartsAt reports ", April 17, 2017" or ", 17 April 2017" at k.
func dateStartsAt(toks []ptoken, k int) bool {
	if k+2 >= len(toks) || !toks[k].is(",") {
		return false
	}
	a, b := toks[k+1], toks[k+2]
	return monthOfWord(a) != 0 && b.kind == ptNum || a.kind == ptNum && monthOfWord(b) != 0
}

// isIncidentNoun reports a word naming what happened at a place ("the
// Chardon High school shootings", "the Grenfell Tower fire").
func isIncidentNoun(w string) bool {
	switch w {
	case "shooting", "shootings", "attack", "attacks", "bombing", "bombings", "massacre",
		"blast", "explosion", "fire", "crash", "disaster", "siege", "kidnapping", "kidnappings",
		"abduction", "riot", "riots", "stampede", "collapse", "victims", "tragedy":
		return true
	}
	return false
}

// extendPlace takes in a lower-case place noun ("Haneda airport",
// "Zaporizhzhia region") and an acronym in parentheses ("Demilitarized Zone
// (DMZ)") after a place, returning the new last token.
func (p *captionParser) extendPlace(e int) int {
	toks := p.toks
	if e+1 < len(toks) && toks[e+1].isLower() && !p.used[e+1] && !toks[e].possessive() {
		if lw := toks[e+1].lower(); (isLowerPlaceNoun(lw) || isFacilityWord(lw) || lw == "zone") &&
			!(titleOf(lw) != notTitle && e+2 < len(toks) && toks[e+2].isCap()) && lw != toks[e].lower() {
			e++ // "Haneda airport", "Kakhovka dam", "Gangnam district"
		}
	}
	if e+3 < len(toks) && toks[e+1].is("(") && toks[e+3].is(")") && isAcronym(toks[e+2].text) {
		e += 3
	}
	return e
}

// isAcronym reports two to six capital letters: "DMZ", "JSA".
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// placeText is the text of a place as written, without a possessive, with
// DC normalised.
func (p *captionParser) placeText(s, e int) string {
	// In running text a place in capitals is an acronym ("DPRK", "DMZ"):
	// keep it as written. Datelines are name-cased where they are read.
	return normalizeDC(trimPossessive(p.span(s, e)))
}

// span is the caption text of tokens s..e.
func (p *captionParser) span(s, e int) string {
	if s < 0 || e >= len(p.toks) || s > e {
		return ""
	}
	return string(p.work[p.toks[s].start:p.toks[e].end])
}

func (p *captionParser) markUsed(s, e int) {
	for k := s; k <= e && k < len(p.used); k++ {
		p.used[k] = true
	}
}

// cleanPlaces drops repeated places (the first spelling stays) and places
// that are the name of a person found in the caption.
func cleanPlaces(places []string, people []caption.Person) []string {
	seen := map[string]bool{}
	for _, pers := range people {
		seen[textfold.Key(pers.Name)] = true
	}
	var out []string
	for _, pl := range places {
		pl = strings.TrimSpace(pl)
		k := textfold.Key(pl)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, pl)
	}
	return out
}

// american reports whether one of the places is the United States or one
// of its states.
func american(places []string) bool {
	for _, pl := range places {
		for _, creditPart := range strings.Split(pl, ",") {
			if isUSPlace(textfold.Key(creditPart)) {
				return true
			}
		}
	}
	return false
}

// isUSPlace reports the United States and its states by folded key.
func isUSPlace(k string) bool {
	switch k {
	case "us", "usa", "united states", "united states of america", "america", "dc",
		"alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
		"delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
		"kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
		"minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
		"new hampshire", "new jersey", "new mexico", "new york", "north carolina",
		"north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
		"south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia",
		"washington", "west virginia", "wisconsin", "wyoming", "calif", "fla", "ariz", "pa",
		"nj", "ny", "mass", "mich", "tenn", "wash", "va", "ga", "ill":
		return true
	}
	return false
}

// facilityRunFrom reports whether the capitalised words from token k end
// with a building word: "... and Croquet Club", "... and Albert Museum".
func (p *captionParser) facilityRunFrom(k int) bool {
	last := -1
	for ; k < len(p.toks) && p.toks[k].isCap() && !p.used[k]; k++ {
		last = k
	}
	return last >= 0 && isFacilityNoun(p.toks[last].lower())
}

// isFacilityNoun is isFacilityWord that also takes the plural: "Unified
// Hospitals", "Royal Botanic Gardens".
func isFacilityNoun(w string) bool {
	return isFacilityWord(w) || len(w) > 4 && strings.HasSuffix(w, "s") && isFacilityWord(w[:len(w)-1])
}
