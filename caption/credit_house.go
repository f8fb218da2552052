package caption

import (
	"fmt"
	"strings"
)

// DefaultHouseCredit is the house credit template used when the archive's
// config sets none. It writes the forms of the seed article:
//
//	(AFP photo)                         no photographer
//	(File photo by AFP)                 a file photo, no photographer
//	(Photo by Jung Yeon-je/AFP)
//	(File photo by Jung Yeon-je/AFP)
//	(Photo by Jung Yeon-je/Pool/AFP)    a pool picture
//	(Photo by Name/The New York Times via AP)
//	(KCNA photo via AFP)                a provider's picture, no photographer
//	(Handout photo from KCNA via AFP)   a handout; "(Handout photo via AFP)"
//	                                    when the provider is not known
//
// The template language (see CreditTemplate) is the brace syntax of field
// templates; the variables are {photographer}, {agency}, {via}, {by} and
// the conditions {if file}, {if handout}, {if pool}, plus {if x} for any
// variable x.
const DefaultHouseCredit = "(" +
	"{if handout}Handout photo{if via} from {via}{end} via {agency}" +
	"{else if photographer}{if file}File photo{else}Photo{end} by {by}" +
	"{else if file}File photo by {by}" +
	"{else if via}{via} photo via {agency}" +
	"{else}{agency} photo{end}" +
	")"

// CreditTemplate is a parsed house credit template. It uses the brace
// syntax of vars_syntax.go with these variables:
//
//	{photographer}  the photographer in name case ("Jung Yeon-je")
//	{agency}        the agency that distributed the picture ("AFP"), or the
//	                provider when the chain names no agency
//	{via}           the provider the agency distributes for ("KCNA",
//	                "The New York Times"); empty when none
//	{by}            photographer/[Pool/][via via ]agency, the usual
//	                "who made it" run: "Jung Yeon-je/AFP", "AFP",
//	                "Jung Yeon-je/Pool/AFP", "Name/The New York Times via AP"
//	{file} {handout} {pool}   "yes" when the picture is one, else empty;
//	                meant for {if file}…{else}…{end}
//
// Any other name is an error when the template is parsed, so that a typo
// in the config is caught when it is set, not when a line comes out wrong.
type CreditTemplate struct {
	src   string
	nodes []tmplNode
}

// creditTemplateVars are the names a house template may use.
func creditTemplateVars() []string {
	return []string{"photographer", "agency", "via", "by", "file", "handout", "pool"}
}

// ParseCreditTemplate parses a house credit template. Errors are
// *TemplateError values that give the column of the problem.
func ParseCreditTemplate(s string) (*CreditTemplate, error) {
	if len(s) > 4096 {
		return nil, &TemplateError{Msg: fmt.Sprintf("credit template is %d bytes; at most 4096", len(s))}
	}
	nodes, err := tmplParse(s)
	if err != nil {
		return nil, err
	}
	if err := creditCheckNames(s, nodes); err != nil {
		return nil, err
	}
	return &CreditTemplate{src: s, nodes: nodes}, nil
}

// creditCheckNames rejects variables a credit template does not have.
func creditCheckNames(src string, nodes []tmplNode) error {
	allowed := creditTemplateVars()
	ok := func(n string) bool {
		for _, a := range allowed {
			if a == n {
				return true
			}
		}
		return false
	}
	for _, n := range nodes {
		switch n.kind {
		case tmplVar:
			if !ok(n.text) {
				line, col := tmplLineCol(src, n.offset)
				return &TemplateError{Line: line, Column: col, Msg: fmt.Sprintf("unknown variable %s (credit templates know {%s})", n.raw, strings.Join(allowed, "}, {"))}
			}
		case tmplCond:
			for _, b := range n.branches {
				if b.name != "" && !ok(b.name) {
					line, col := tmplLineCol(src, n.offset)
					return &TemplateError{Line: line, Column: col, Msg: fmt.Sprintf("unknown condition %q (credit templates know %s)", b.name, strings.Join(allowed, ", "))}
				}
				if err := creditCheckNames(src, b.body); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// DefaultHouseTemplate returns DefaultHouseCredit parsed.
func DefaultHouseTemplate() *CreditTemplate {
	t, err := ParseCreditTemplate(DefaultHouseCredit)
	if err != nil {
		panic("caption: DefaultHouseCredit does not parse: " + err.Error()) // a bug caught by TestDefaultHouseTemplate
	}
	return t
}

// String returns the template text.
func (t *CreditTemplate) String() string { return t.src }

// Render writes the credit line of a photo with the template. It returns
// ErrNoCredit when nothing is known to credit.
func (t *CreditTemplate) Render(in CreditInput) (Line, error) {
	return Credit(in, StyleHouse, CreditOptions{House: t})
}

// render fills the template. Missing lists "photographer" and "agency"
// when they are not known, and "provider" for a handout whose provider is
// not known, whatever branch the template took: the editor should know the
// line could say more.
func (t *CreditTemplate) render(c creditFacts) Line {
	agency, via := c.distributor(), c.provider()
	if agency == "" {
		agency, via = via, ""
	}
	p := c.photographerName()
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return ""
	}
	by := p
	if c.pool {
		by = creditJoin(by, "Pool")
	}
	switch {
	case via != "" && agency != "":
		by = creditJoin(by, via+" via "+agency)
	default:
		by = creditJoin(by, agency)
	}
	look := func(name string) (string, bool) {
		switch name {
		case "photographer":
			return p, true
		case "agency":
			return agency, true
		case "via":
			return via, true
		case "by":
			return by, true
		case "file":
			return yes(c.file), true
		case "handout":
			return yes(c.handout), true
		case "pool":
			return yes(c.pool), true
		}
		return "", false
	}
	text, _ := tmplExec(t.nodes, look)
	line := Line{Style: StyleHouse, Text: strings.Join(strings.Fields(text), " ")}
	if p == "" && !c.handout {
		line.Missing = append(line.Missing, "photographer")
	}
	if !creditHasAgency(c.chain) {
		line.Missing = append(line.Missing, "agency")
	}
	if c.handout && via == "" {
		line.Missing = append(line.Missing, "provider")
	}
	return line
}
