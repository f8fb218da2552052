package caption

import (
	"errors"
	"fmt"
	"strings"
)

// Style is a credit-line style: an agency's own form or the house form.
type Style string

// The credit-line styles. Each agency style writes the agency's own form
// for the agency's own pictures (credit_styles.go cites where each form
// was checked); the house style renders the archive's template.
const (
	StyleAP      Style = "ap"
	StyleReuters Style = "reuters"
	StyleAFP     Style = "afp"
	StyleGetty   Style = "getty"
	StyleHouse   Style = "house"
)

// Styles lists every style, in the order help texts show them.
func Styles() []Style {
	return []Style{StyleAP, StyleReuters, StyleAFP, StyleGetty, StyleHouse}
}

// ParseStyle reads a style name, ignoring case and surrounding space.
func ParseStyle(s string) (Style, error) {
	st := Style(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Styles() {
		if st == known {
			return st, nil
		}
	}
	return "", fmt.Errorf("%w %q (styles: ap, reuters, afp, getty, house)", ErrUnknownStyle, s)
}

// Errors returned by Credit.
var (
	// ErrUnknownStyle: the style is not one of Styles().
	ErrUnknownStyle = errors.New("unknown credit style")
	// ErrNoCredit: neither the fields nor the facts name a photographer,
	// an agency or a provider, so there is nothing to credit.
	ErrNoCredit = errors.New("nothing to credit")
	// ErrAgencyMismatch: an agency style was asked for a picture that
	// agency did not distribute (the AP form for an AFP picture).
	ErrAgencyMismatch = errors.New("picture is not from this agency")
)

// CreditInput is what a credit line is made from: the photo's IPTC fields
// (by-line, credit, source) and the facts parsed from its caption.
type CreditInput struct {
	Fields Fields
	Facts  Facts
}

// Line is a credit line.
type Line struct {
	Style Style  `json:"style"`
	Text  string `json:"line"`
	// Missing lists what the style asks for but the photo does not say:
	// "photographer", "agency", "provider" (who handed out a handout).
	// The line is written without it; nothing is made up.
	Missing []string `json:"missing,omitempty"`
}

// CreditOptions configure Credit. The zero value uses the default house
// template.
type CreditOptions struct {
	// House is the archive's house template; nil means
	// DefaultHouseTemplate().
	House *CreditTemplate
}

// Credit writes the credit line of a photo in a style.
//
// Where the parts come from:
//   - The photographer is Facts.Photographer, else the first by-line that
//     names a person ("STR", "-", "HANDOUT", "AFP" do not), else a name
//     at the head of the Credit field ("Jae C. Hong/AP").
//   - The agency chain is read from the Credit field ("AFP/Getty Images",
//     "STR/AFP/Getty Images", "KCNA via REUTERS", "HANDOUT/KCNA VIA
//     KNS/AFP"), else from Source, else from Facts.Agency and Facts.Via.
//     The last agency in the chain distributed the picture; the party
//     before it is the provider it distributes for ("AFP" in "AFP/Getty
//     Images", "KCNA" in "KCNA via REUTERS").
//   - File, handout and pool come from the facts or from chain words
//     ("Pool", "Handout", "File").
//
// An agency style is for the pictures that agency distributed or made: the
// AP style of an "AFP/Getty Images" picture is ErrAgencyMismatch, while
// its Getty style is "Name/AFP via Getty Images" and its AFP style "NAME
// / AFP". When no agency is known at all, an agency style still writes
// its form (the editor chose it) and reports "agency" as missing.
func Credit(in CreditInput, style Style, opts CreditOptions) (Line, error) {
	style, err := ParseStyle(string(style))
	if err != nil {
		return Line{}, err
	}
	c := creditResolve(in)
	if c.photographer == "" && len(c.chain) == 0 {
		return Line{Style: style}, fmt.Errorf("%w: the by-line, credit and source fields and the caption name no photographer, agency or provider", ErrNoCredit)
	}
	if style == StyleHouse {
		t := opts.House
		if t == nil {
			t = DefaultHouseTemplate()
		}
		return t.render(c), nil
	}
	return creditAgencyStyle(c, style)
}

// creditParty is one link of a credit chain: a known agency (name
// normalised) or another provider (a ministry, a newspaper, a pool), as
// written.
type creditParty struct {
	name   string
	agency bool
}

// creditFacts is everything a credit line is made from, resolved.
type creditFacts struct {
	photographer string        // as written in the source it came from
	chain        []creditParty // provider → … → distributor
	file         bool
	handout      bool
	pool         bool
}

// photographerName is the photographer in name case.
func (c creditFacts) photographerName() string { return creditNameCase(c.photographer) }

// distributor is the last agency of the chain, or "".
func (c creditFacts) distributor() string {
	for i := len(c.chain) - 1; i >= 0; i-- {
		if c.chain[i].agency {
			return c.chain[i].name
		}
	}
	return ""
}

// provider is the party before the distributor, or the last party of a
// chain that names no agency.
func (c creditFacts) provider() string {
	for i := len(c.chain) - 1; i >= 0; i-- {
		if c.chain[i].agency {
			if i > 0 {
				return c.chain[i-1].name
			}
			return ""
		}
	}
	if len(c.chain) > 0 {
		return c.chain[len(c.chain)-1].name
	}
	return ""
}

// creditResolve gathers photographer, chain and flags from the input.
func creditResolve(in CreditInput) creditFacts {
	var c creditFacts
	chain, candidate, flags := creditParseChain(in.Fields.Credit)
	if !creditHasAgency(chain) {
		if sChain, _, sFlags := creditParseChain(in.Fields.Source); creditHasAgency(sChain) {
			chain = append(chain, sChain...)
			flags.file = flags.file || sFlags.file
			flags.handout = flags.handout || sFlags.handout
			flags.pool = flags.pool || sFlags.pool
		}
	}
	c.chain = creditMergeFacts(chain, in.Facts)
	c.file = in.Facts.File || flags.file
	c.handout = in.Facts.Handout || flags.handout
	c.pool = in.Facts.Pool || flags.pool

	var byline string
	for _, b := range in.Fields.Byline {
		if byline = creditCleanName(b); byline != "" {
			break
		}
	}
	switch p := creditCleanName(in.Facts.Photographer); {
	case p != "" && byline != "" && strings.EqualFold(p, byline):
		c.photographer = byline // the by-line keeps the agency's own spelling
	case p != "":
		c.photographer = p
	case byline != "":
		c.photographer = byline
	default:
		c.photographer = candidate
	}
	c.chain = creditDropPhotographer(c.chain, c.photographer)
	return c
}

// creditDropPhotographer removes the photographer from the parties of a
// chain: freelancers put their own name in the Credit field ("Ian
// Britton", "Ian Britton - FreeFoto.com"), which must not come out as
// "Ian Britton/Ian Britton".
func creditDropPhotographer(chain []creditParty, photographer string) []creditParty {
	if photographer == "" {
		return chain
	}
	var out []creditParty
	for _, p := range chain {
		if !p.agency {
			if strings.EqualFold(p.name, photographer) {
				continue
			}
			if len(p.name) > len(photographer) && strings.EqualFold(p.name[:len(photographer)], photographer) {
				rest := strings.TrimLeft(p.name[len(photographer):], " -–—,;:")
				if rest != "" && rest != p.name[len(photographer):] {
					p.name = rest
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// creditMergeFacts adds what the parsed facts say to the chain read from
// the fields. The Credit field is what the agency wrote in the picture, so
// it wins; the facts fill a chain the fields left empty, and add a
// provider the caption names ("KCNA via REUTERS") to a lone agency.
func creditMergeFacts(chain []creditParty, f Facts) []creditParty {
	var fromFacts []creditParty
	if v := strings.TrimSpace(f.Via); v != "" {
		a, ok := creditAgencyName(v)
		if !ok {
			a = v
		}
		fromFacts = append(fromFacts, creditParty{name: a, agency: ok})
	}
	if v := strings.TrimSpace(f.Agency); v != "" {
		a, ok := creditAgencyName(v)
		if !ok {
			a = v
		}
		fromFacts = append(fromFacts, creditParty{name: a, agency: ok})
	}
	if len(chain) == 0 {
		return creditDedupe(fromFacts)
	}
	if len(chain) == 1 && len(fromFacts) == 2 && fromFacts[1].name == chain[0].name && fromFacts[0].name != chain[0].name {
		return []creditParty{fromFacts[0], chain[0]}
	}
	return chain
}

// creditChainFlags are the chain words that are flags, not parties.
type creditChainFlags struct{ file, handout, pool bool }

// creditParseChain reads a Credit (or Source) field: parties separated
// by "/" or "via", flag words, and possibly a photographer's name at the
// head ("Jae C. Hong/AP", returned as candidate).
func creditParseChain(s string) (chain []creditParty, candidate string, flags creditChainFlags) {
	type token struct {
		text      string
		beforeVia bool
	}
	var tokens []token
	pieces := strings.SplitN(s, "/", creditMaxParts+1)
	for _, piece := range pieces[:min(len(pieces), creditMaxParts)] {
		piece = strings.TrimSpace(piece)
		if _, ok := creditAgencyName(piece); ok {
			tokens = append(tokens, token{text: piece})
			continue
		}
		parts := creditSplitVia(piece)
		for i, p := range parts[:min(len(parts), creditMaxParts)] {
			tokens = append(tokens, token{text: p, beforeVia: i < len(parts)-1})
		}
	}
	for i, t := range tokens {
		text := creditUnwrap(t.text)
		low := strings.ToLower(text)
		if strings.HasPrefix(low, "photo by ") {
			text = strings.TrimSpace(text[len("photo by "):])
			low = strings.ToLower(text)
		}
		if a, ok := creditAgencyName(text); ok {
			chain = append(chain, creditParty{name: a, agency: true})
			continue
		}
		switch low {
		case "file", "file photo", "files":
			flags.file = true
			continue
		case "handout", "ho", "handout photo":
			flags.handout = true
			continue
		case "pool", "pool photo":
			flags.pool = true
			continue
		}
		if creditJunkName(text) {
			continue
		}
		if strings.Contains(" "+low+" ", " pool ") {
			flags.pool = true
		}
		if i == 0 && !t.beforeVia && len(tokens) > 1 && !creditIsHandoutWord(tokens[1].text) {
			candidate = text
			continue
		}
		chain = append(chain, creditParty{name: text})
	}
	return creditDedupe(chain), candidate, flags
}

func creditIsHandoutWord(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "handout", "ho", "handout photo":
		return true
	}
	return false
}

// creditSplitVia splits "KCNA via REUTERS" into "KCNA", "REUTERS".
// At most creditMaxParts parts are returned.
func creditSplitVia(s string) []string {
	var out []string
	for len(out) < creditMaxParts {
		i := creditIndexVia(s)
		if i < 0 {
			break
		}
		out = append(out, s[:i])
		s = s[i+len(" via "):]
	}
	if len(s) >= 4 && strings.EqualFold(s[:4], "via ") {
		s = s[len("via "):]
	}
	return append(out, s)
}

// creditIndexVia finds " via " in s, ignoring case, without lower-casing
// the whole string on every call.
func creditIndexVia(s string) int {
	for i := 0; i+5 <= len(s); i++ {
		if s[i] == ' ' && s[i+4] == ' ' && strings.EqualFold(s[i+1:i+4], "via") {
			return i
		}
	}
	return -1
}

// creditDedupe drops a party repeated right after itself ("KCNA VIA KNS"
// and "KCNA" are one provider) and empty names.
func creditDedupe(chain []creditParty) []creditParty {
	var out []creditParty
	for _, p := range chain {
		if p.name == "" || len(out) > 0 && out[len(out)-1].name == p.name {
			continue
		}
		out = append(out, p)
	}
	return out
}

func creditHasAgency(chain []creditParty) bool {
	for _, p := range chain {
		if p.agency {
			return true
		}
	}
	return false
}
