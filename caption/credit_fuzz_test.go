package caption

import (
	"errors"
	"testing"
)

func FuzzCredit(f *testing.F) {
	f.Add("JUNG YEON-JE", "AFP/Getty Images", "AFP", "", "", false, false, false)
	f.Add("HANDOUT", "HANDOUT/KCNA VIA KNS/AFP", "", "", "", false, true, false)
	f.Add("", "Korea Summit Press Pool/Pool via Reuters", "", "Jung Yeon-je", "KCNA", true, false, true)
	f.Add("(((", "via via / / via", "Getty Images North America", "STR", "via", false, false, false)
	addBadSeeds(f, func(b []byte) {
		s := string(b)
		f.Add(s, s, "", "", "", false, false, false)
	})
	f.Fuzz(func(t *testing.T, byline, credit, source, photographer, via string, file, handout, pool bool) {
		in := CreditInput{
			Fields: Fields{Byline: []string{byline}, Credit: credit, Source: source},
			Facts:  Facts{Photographer: photographer, Via: via, File: file, Handout: handout, Pool: pool},
		}
		for _, style := range Styles() {
			line, err := Credit(in, style, CreditOptions{})
			switch {
			case err == nil && line.Text == "":
				t.Fatalf("%s: empty line, no error", style)
			case err != nil && !errors.Is(err, ErrNoCredit) && !errors.Is(err, ErrAgencyMismatch):
				t.Fatalf("%s: %v", style, err)
			}
		}
	})
}

func FuzzParseCreditTemplate(f *testing.F) {
	f.Add(DefaultHouseCredit)
	f.Add("{if file}File {end}Photo: {photographer} / {agency}{if pool} (pool){end}")
	f.Add("{if x}{else if}{end}{by")
	f.Fuzz(func(t *testing.T, src string) {
		tpl, err := ParseCreditTemplate(src)
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		if _, err := tpl.Render(CreditInput{Fields: by("JUNG YEON-JE", "AFP")}); err != nil {
			t.Fatalf("Render: %v", err)
		}
	})
}
