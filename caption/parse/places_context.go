package parse

// This file holds the readings of what stands around a run of capitalised
// words after a preposition, which decide with the gazetteer whether
// acceptPlace takes it for a place: the area it lies in, the city of a
// venue, a building noun after it, an event it is the name of.

// withinArea reports a run followed by the region or country it lies in:
// ", Ukraine", or "in" with "the" or a compass word before the area ("in
// the southern Gaza Strip", "in northern Israel"), the way a place is
// situated and a person is not.
func (p *captionParser) withinArea(e int) bool {
	toks := p.toks
	if p.regionFollows(e) {
		return true
	}
	k := e + 1
	if k >= len(toks) || toks[k].kind != ptWord || toks[k].lower() != "in" {
		return false
	}
	k++
	situated := false
	if k < len(toks) && toks[k].is("the") {
		situated = true
		k++
	}
	for k < len(toks) && toks[k].isLower() && isPlaceModifier(toks[k].lower()) {
		situated = true
		k++
	}
	if !situated {
		return false
	}
	qs, qe, ok := p.placeSeq(k)
	if !ok {
		return false
	}
	kind := p.place(p.span(qs, qe))
	return kind == kindRegion || kind == kindCountry
}

// isInstitutionBeforeOf reports the place nouns that, capitalised before
// "of", start an institution's name instead: "the Bank of England" is a
// bank, "the bank of the Seine" is where the picture is.
func isInstitutionBeforeOf(w string) bool {
	return w == "bank" || w == "banks"
}

// venueIn reports "at <name> in <a place the gazetteer knows>": a venue and
// its city ("arrives at Wimbledon in London"), unless the "at" follows a
// verb of looking or aiming, which is done at people ("smiles at Meghan in
// London").
func (p *captionParser) venueIn(s, e int) bool {
	toks := p.toks
	at := s - 1
	for at > 0 && at > s-4 && toks[at].lower() != "at" {
		at-- // "at the", "at nearby"
	}
	if at < 1 || toks[at].lower() != "at" || toks[at-1].kind != ptWord || isAtPersonVerb(toks[at-1].lower()) {
		return false
	}
	if e+2 >= len(toks) || toks[e+1].kind != ptWord || toks[e+1].lower() != "in" {
		return false
	}
	qs, qe, ok := p.placeSeq(e + 2)
	return ok && p.place(p.span(qs, qe)).strong()
}

// isAtPersonVerb reports the verbs whose "at" introduces a person: "looks
// at", "smiles at", "points at", "aims at".
func isAtPersonVerb(w string) bool {
	switch w {
	case "look", "looks", "looked", "looking", "glance", "glances", "glancing", "stare", "stares",
		"staring", "smile", "smiles", "smiling", "laugh", "laughs", "laughing", "point", "points",
		"pointing", "gesture", "gestures", "gesturing", "wave", "waves", "waving", "shout", "shouts",
		"shouting", "yell", "yells", "aim", "aims", "aiming", "aimed", "jeer", "jeers", "throw",
		"throws", "swing", "swings", "swipe", "swipes", "wink", "winks", "nod", "nods", "grin",
		"grins", "scream", "screams", "bark", "barks", "lunge", "lunges", "kick", "kicks":
		return true
	}
	return false
}

// regionFollows reports a run followed by ", <region or country>": the
// "City, State" shape names a city the gazetteer may not know.
func (p *captionParser) regionFollows(e int) bool {
	k := p.placeAfterComma(e)
	return k == kindRegion || k == kindCountry
}

// knownPlaceFollows reports a run followed by ", <a place the gazetteer
// knows>": the "Venue, City" shape.
func (p *captionParser) knownPlaceFollows(e int) bool {
	return p.placeAfterComma(e) != kindNone
}

// placeAfterComma returns the kind of the place named right after ", "
// behind token e, or kindNone.
func (p *captionParser) placeAfterComma(e int) placeKind {
	if e+2 >= len(p.toks) || !p.toks[e+1].is(",") {
		return kindNone
	}
	qs, qe, ok := p.placeSeq(e + 2)
	if !ok {
		return kindNone
	}
	return p.place(p.span(qs, qe))
}

// hasParticle reports a lower-case name particle inside the run: "Parc des
// Princes", "Porte de Versailles".
func (p *captionParser) hasParticle(s, e int) bool {
	for k := s + 1; k < e; k++ {
		if p.toks[k].isLower() && isParticle(p.toks[k].lower()) || p.toks[k].lower() == "des" {
			return true
		}
	}
	return false
}

// lowerFacilityFollows reports "at the Porte de Versailles exhibition
// centre": a lower-case building noun right after the name.
func lowerFacilityFollows(toks []ptoken, e int) bool {
	for k := e + 1; k < len(toks) && k <= e+2; k++ {
		t := toks[k]
		if t.kind != ptWord || !t.isLower() {
			return false
		}
		if isFacilityWord(t.lower()) || isLowerPlaceNoun(t.lower()) {
			// "Knicks center Mitchell Robinson": a role before a name.
			return !(titleOf(t.lower()) != notTitle && k+1 < len(toks) && toks[k+1].isCap())
		}
	}
	return false
}

// afterTitle reports a run that follows a title ("at President Biden's
// side"): a person, not a place.
func (p *captionParser) afterTitle(s int) bool {
	return s > 0 && p.toks[s-1].kind == ptWord && titleOf(p.toks[s-1].lower()) == titleStrong
}

// followedByEventNoun reports a place-like run that is a modifier of the
// event after it: "the Labour party conference", "the Viva Technology
// conference", "the Wimbledon tennis championships".
func followedByEventNoun(toks []ptoken, e int) bool {
	for k := e + 1; k < len(toks) && k <= e+3; k++ {
		t := toks[k]
		if t.kind != ptWord || !t.isLower() {
			return false
		}
		lw := t.lower()
		if isFacilityWord(lw) || isLowerPlaceNoun(lw) || isFunctionWord(lw) {
			// "the Constitutional Court for a hearing"; but "the victims
			// of the Chardon High school shootings" names an incident.
			n := k + 1
			return isFacilityWord(lw) && n < len(toks) && toks[n].kind == ptWord && toks[n].isLower() && isIncidentNoun(toks[n].lower())
		}
		if isIncidentNoun(lw) {
			return true
		}
		switch lw {
		case "conference", "summit", "meeting", "match", "game", "rally", "ceremony", "festival",
			"party", "event", "championships", "championship", "tournament", "forum", "awards",
			"show", "exhibition", "parade", "concert", "fair", "convention", "election", "talks",
			"session", "hearing", "trial", "race", "premiere", "gala", "launch", "campaign",
			"debate", "protest", "march", "vigil", "funeral", "wedding", "celebration", "service",
			"league", "cup", "final", "semifinal", "semi-final", "quarterfinal", "quarter-final",
			"round", "open", "classic", "games", "meet", "competition", "contest", "team", "club",
			"squad", "players", "fans", "supporters", "officials", "leaders", "members", "forces",
			"troops", "soldiers", "police", "government", "lawmakers", "delegation", "side",
			"flag", "flags", "embassy", "headquarters", "office", "company", "group", "firm",
			"brand", "store", "shop", "ministry", "agency", "authorities", "media", "state",
			"news", "officer", "officers", "crowd", "crowds":
			return true
		}
	}
	return false
}
