package parse

import "strings"

// This file holds the readings of a run's surroundings that show it names
// no person although it is shaped like a name (a storm, a company), or
// that show a single word is one ("Kate, Princess of Wales").

// stormName reports a run that names a weather system: a storm word and the
// one name it is given ("Hurricane Ian", "Tropical Storm Hilary", "Super
// Typhoon Rai", "Storm Ciaran"). Storms are named like people.
func (p *captionParser) stormName(seq []int) bool {
	n := len(seq)
	k := 0
	for k < n-2 && isStormModifier(p.toks[seq[k]].lower()) {
		k++
	}
	if !isStormWord(p.toks[seq[k]].lower()) {
		return false // "Actress Storm Reid": a given name after a title
	}
	return n-k == 2 || n-k == 3 && isRomanNumeral(p.toks[seq[n-1]].bare())
}

// isStormWord reports the words written before a storm's name.
func isStormWord(w string) bool {
	switch w {
	case "hurricane", "typhoon", "cyclone", "storm", "tornado", "blizzard":
		return true
	}
	return false
}

// isStormModifier reports the words written before a storm word: "Tropical
// Storm", "Super Typhoon", "Winter Storm".
func isStormModifier(w string) bool {
	switch w {
	case "tropical", "subtropical", "post-tropical", "extratropical", "super", "winter", "severe":
		return true
	}
	return false
}

// brandContext reports a run of capitalised words that a nearby noun shows
// to be a company or a brand: "signage for Credit Suisse", "the logo of
// Morgan Stanley", "a Wells Fargo branch", "Credit Suisse's headquarters".
func (p *captionParser) brandContext(first, last int) bool {
	toks := p.toks
	// "signage for", "Signage for" opening a sentence, "the logo of".
	lowerOrOpening := func(k int) bool {
		return toks[k].kind == ptWord && (toks[k].isLower() || k == 0 || toks[k-1].kind == ptPunct && strings.ContainsAny(toks[k-1].text, ".!?|"))
	}
	if first >= 2 && toks[first-1].kind == ptWord && lowerOrOpening(first-2) {
		switch toks[first-1].lower() {
		case "of", "for", "at":
			if isBrandNoun(toks[first-2].lower()) {
				return true
			}
		}
	}
	// "Swiss bank Credit Suisse", "tech giant Apple".
	if first >= 1 && toks[first-1].kind == ptWord && toks[first-1].isLower() && isCompanyNoun(toks[first-1].lower()) {
		return true
	}
	if k := last + 1; k < len(toks) && toks[k].kind == ptWord && toks[k].isLower() && isBrandNoun(toks[k].lower()) {
		return true
	}
	return false
}

// isBrandNoun reports the lower-case nouns that name what a company or a
// brand has, and a person does not: its logo, signs, branches, shares.
func isBrandNoun(w string) bool {
	switch w {
	case "logo", "logos", "signage", "sign", "signs", "signboard", "billboard", "branch", "branches",
		"headquarters", "shares", "stock", "stocks", "store", "stores", "outlet", "outlets",
		"dealership", "booth", "factory", "app", "brand", "trademark":
		return true
	}
	return false
}

// isCompanyNoun reports the lower-case nouns written before a company's
// name: "Swiss bank Credit Suisse", "automaker Toyota".
func isCompanyNoun(w string) bool {
	switch w {
	case "bank", "lender", "insurer", "automaker", "carmaker", "chipmaker", "retailer", "airline",
		"conglomerate", "giant", "firm", "company", "brand", "startup", "brokerage",
		"manufacturer", "supermarket", "chain":
		return true
	}
	return false
}

// nobleApposition reads a title of nobility in commas after a single given
// name: "Kate, Princess of Wales", "Meghan, Duchess of Sussex". It returns
// the last token of the title; the person is the name with its title, as a
// royal title is kept with a single name ("King Charles III").
func (p *captionParser) nobleApposition(k int) (int, bool) {
	toks := p.toks
	if k+4 >= len(toks) || !toks[k+1].is(",") || toks[k].possessive() {
		return 0, false
	}
	switch toks[k+2].lower() {
	case "princess", "prince", "duchess", "duke", "countess", "earl", "marchioness", "marquess":
	default:
		return 0, false
	}
	if !toks[k+2].isCap() || toks[k+3].lower() != "of" || !toks[k+4].isCap() {
		return 0, false
	}
	e := k + 4
	for e+1 < len(toks) && toks[e+1].kind == ptWord && toks[e+1].isCap() && e-k < 7 {
		e++
	}
	return e, true
}
