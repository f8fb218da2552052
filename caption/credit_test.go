package caption

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// by builds the fields of a picture from its by-line and Credit field.
func by(byline, credit string) Fields {
	f := Fields{Credit: credit}
	if byline != "" {
		f.Byline = []string{byline}
	}
	return f
}

// TestCredit is the credit table: every style × {staff, file, handout,
// pool, via}, pictures with no photographer, and pictures whose agency is
// unknown or another agency's. Each expected line is the agency's own
// form as cited in credit_styles.go, or the seed article's house form.
func TestCredit(t *testing.T) {
	tests := []struct {
		name    string
		style   Style
		fields  Fields
		facts   Facts
		want    string
		missing []string
		err     error
	}{
		// AP.
		{name: "ap staff", style: StyleAP, fields: by("Jae C. Hong", "AP"), want: "(AP Photo/Jae C. Hong)"},
		{name: "ap file", style: StyleAP, fields: by("Jae C. Hong", "AP"), facts: Facts{File: true}, want: "(AP Photo/Jae C. Hong, File)"},
		{name: "ap handout", style: StyleAP, fields: by("HANDOUT", "Ministry of Defense via AP"), facts: Facts{Handout: true}, want: "(Ministry of Defense via AP)"},
		{name: "ap handout kcna", style: StyleAP, facts: Facts{Agency: "AP", Via: "KCNA", Handout: true}, want: "(Korean Central News Agency/Korea News Service via AP)"},
		{name: "ap handout no provider", style: StyleAP, fields: by("", "AP"), facts: Facts{Handout: true}, want: "(Handout via AP)", missing: []string{"provider"}},
		{name: "ap pool, AP photographer", style: StyleAP, fields: by("Ahn Young-joon", "AP"), facts: Facts{Pool: true}, want: "(AP Photo/Ahn Young-joon, Pool)"},
		{name: "ap pool, another agency's", style: StyleAP, fields: by("Carlos Barria", "Reuters via AP"), facts: Facts{Pool: true}, want: "(Carlos Barria/Pool via AP)"},
		{name: "ap via", style: StyleAP, fields: by("Doug Mills", "The New York Times via AP"), want: "(Doug Mills/The New York Times via AP)"},
		{name: "ap via file", style: StyleAP, fields: by("Doug Mills", "The New York Times via AP"), facts: Facts{File: true}, want: "(Doug Mills/The New York Times via AP, File)"},
		{name: "ap no photographer", style: StyleAP, fields: by("", "AP"), want: "(AP Photo)", missing: []string{"photographer"}},
		{name: "ap credit names the photographer", style: StyleAP, fields: by("", "Jae C. Hong/AP"), want: "(AP Photo/Jae C. Hong)"},

		// Reuters.
		{name: "reuters staff", style: StyleReuters, fields: by("Kim Hong-Ji", "REUTERS"), want: "REUTERS/Kim Hong-Ji"},
		{name: "reuters file", style: StyleReuters, fields: by("Kim Hong-Ji", "REUTERS"), facts: Facts{File: true}, want: "REUTERS/Kim Hong-Ji/File Photo"},
		{name: "reuters handout from an agency", style: StyleReuters, fields: by("KCNA", "KCNA via REUTERS"), facts: Facts{Handout: true}, want: "KCNA via REUTERS"},
		{name: "reuters handout from an army", style: StyleReuters, fields: by("Handout", "8th United States Army/Handout via REUTERS"), want: "8th United States Army/Handout via REUTERS"},
		{name: "reuters pool", style: StyleReuters, fields: by("Jung Yeon-je", "REUTERS"), facts: Facts{Pool: true}, want: "Jung Yeon-je/Pool via REUTERS"},
		{name: "reuters pool file", style: StyleReuters, fields: by("Jung Yeon-je", "Pool via REUTERS"), facts: Facts{File: true}, want: "Jung Yeon-je/Pool via REUTERS/File Photo"},
		{name: "reuters via", style: StyleReuters, fields: by("Kim Hong-ji", "Yonhap via REUTERS"), want: "Kim Hong-ji/Yonhap via REUTERS"},
		{name: "reuters provider from the facts", style: StyleReuters, fields: by("", "REUTERS"), facts: Facts{Agency: "Reuters", Via: "KCNA"}, want: "KCNA via REUTERS"},
		{name: "reuters no photographer", style: StyleReuters, fields: by("STRINGER", "Reuters"), want: "REUTERS", missing: []string{"photographer"}},
		{name: "reuters by-line with agency suffix", style: StyleReuters, fields: by("Kim Hong-Ji/Reuters", "Reuters"), want: "REUTERS/Kim Hong-Ji"},

		// AFP keeps its by-line capitals.
		{name: "afp staff", style: StyleAFP, fields: by("JUNG YEON-JE", "AFP"), want: "JUNG YEON-JE / AFP"},
		{name: "afp staff, family name in capitals", style: StyleAFP, fields: by("Ed JONES", "AFP"), want: "Ed JONES / AFP"},
		{name: "afp file", style: StyleAFP, fields: by("JUNG YEON-JE", "AFP"), facts: Facts{File: true}, want: "JUNG YEON-JE / AFP"},
		{name: "afp handout", style: StyleAFP, fields: by("HANDOUT", "HANDOUT/KCNA VIA KNS/AFP"), want: "Handout / KCNA VIA KNS / AFP"},
		{name: "afp pool", style: StyleAFP, fields: by("JUNG YEON-JE", "POOL/AFP"), want: "JUNG YEON-JE / POOL / AFP"},
		{name: "afp via", style: StyleAFP, fields: by("-", "Yonhap/AFP"), want: "YONHAP / AFP"},
		{name: "afp no photographer", style: StyleAFP, fields: by("STR", "AFP"), want: "AFP", missing: []string{"photographer"}},
		{name: "afp picture distributed by getty", style: StyleAFP, fields: by("JUNG YEON-JE", "AFP via Getty Images"), want: "JUNG YEON-JE / AFP"},
		{name: "afp parsed name matches the by-line", style: StyleAFP, fields: by("JUNG YEON-JE", "AFP PHOTO"), facts: Facts{Photographer: "Jung Yeon-je"}, want: "JUNG YEON-JE / AFP"},

		// Getty Images writes names in name case.
		{name: "getty staff", style: StyleGetty, fields: Fields{Byline: []string{"Chip Somodevilla"}, Credit: "Getty Images", Source: "Getty Images North America"}, want: "Photo by Chip Somodevilla/Getty Images"},
		{name: "getty file", style: StyleGetty, fields: by("Chip Somodevilla", "Getty Images"), facts: Facts{File: true}, want: "Photo by Chip Somodevilla/Getty Images"},
		{name: "getty handout", style: StyleGetty, fields: by("Handout", "Handout/Getty Images"), want: "Handout/Getty Images", missing: []string{"provider"}},
		{name: "getty handout with provider", style: StyleGetty, fields: by("", "KCNA via Getty Images"), facts: Facts{Handout: true}, want: "KCNA via Getty Images"},
		{name: "getty pool", style: StyleGetty, fields: by("Kim Hong-Ji", "Getty Images"), facts: Facts{Pool: true}, want: "Photo by Kim Hong-Ji - Pool/Getty Images"},
		{name: "getty via afp", style: StyleGetty, fields: by("JUNG YEON-JE", "AFP/Getty Images"), want: "Jung Yeon-je/AFP via Getty Images"},
		{name: "getty via afp, stringer", style: StyleGetty, fields: by("STR", "STR/AFP/Getty Images"), want: "AFP via Getty Images"},
		{name: "getty no photographer", style: StyleGetty, fields: by("", "Getty Images"), want: "Getty Images", missing: []string{"photographer"}},

		// House: the seed article's forms.
		{name: "house staff", style: StyleHouse, fields: by("JUNG YEON-JE", "AFP"), want: "(Photo by Jung Yeon-je/AFP)"},
		{name: "house file", style: StyleHouse, fields: by("JUNG YEON-JE", "AFP"), facts: Facts{File: true}, want: "(File photo by Jung Yeon-je/AFP)"},
		{name: "house no photographer", style: StyleHouse, fields: by("STR", "AFP"), want: "(AFP photo)", missing: []string{"photographer"}},
		{name: "house file, no photographer", style: StyleHouse, fields: by("", "AFP"), facts: Facts{File: true}, want: "(File photo by AFP)", missing: []string{"photographer"}},
		{name: "house pool", style: StyleHouse, fields: by("JUNG YEON-JE", "POOL/AFP"), want: "(Photo by Jung Yeon-je/Pool/AFP)"},
		{name: "house handout", style: StyleHouse, fields: by("HANDOUT", "HANDOUT/KCNA VIA KNS/AFP"), want: "(Handout photo from KCNA via AFP)"},
		{name: "house via", style: StyleHouse, fields: by("Doug Mills", "The New York Times via AP"), want: "(Photo by Doug Mills/The New York Times via AP)"},
		{name: "house via, no photographer", style: StyleHouse, fields: by("", "KCNA via REUTERS"), want: "(KCNA photo via Reuters)", missing: []string{"photographer"}},
		{name: "house from facts only", style: StyleHouse, facts: Facts{Agency: "AFP", Photographer: "Jung Yeon-je", File: true}, want: "(File photo by Jung Yeon-je/AFP)"},
		{name: "house korean name case", style: StyleHouse, fields: by("LEE IN-YOUNG", "AFP"), want: "(Photo by Lee In-young/AFP)"},
		{name: "house western name case", style: StyleHouse, fields: by("JEAN-PIERRE MULLER", "AFP"), want: "(Photo by Jean-Pierre Muller/AFP)"},

		// Unknown agency: the style's form, with "agency" missing.
		{name: "ap, agency unknown", style: StyleAP, fields: by("Jae C. Hong", ""), want: "(AP Photo/Jae C. Hong)", missing: []string{"agency"}},
		{name: "house, agency unknown", style: StyleHouse, fields: by("Lee Jin-man", ""), want: "(Photo by Lee Jin-man)", missing: []string{"agency"}},
		{name: "afp handout, agency unknown", style: StyleAFP, fields: Fields{Credit: "Ministry of Unification"}, facts: Facts{Handout: true}, want: "Handout / MINISTRY OF UNIFICATION / AFP", missing: []string{"agency"}},
		// A freelancer's own Credit field is not turned into "via AP".
		{name: "ap, freelancer's credit", style: StyleAP, fields: by("Ian Britton", "Ian Britton - FreeFoto.com"), want: "(AP Photo/Ian Britton)", missing: []string{"agency"}},
		{name: "house, freelancer's credit", style: StyleHouse, fields: by("Ian Britton", "Ian Britton - FreeFoto.com"), want: "(Photo by Ian Britton/FreeFoto.com)", missing: []string{"agency"}},
		{name: "house, by-line repeated in credit", style: StyleHouse, fields: by("Ian Britton", "Ian Britton"), want: "(Photo by Ian Britton)", missing: []string{"agency"}},
		{name: "house, parenthesis in a name", style: StyleHouse, fields: by("Creator1 (ref2017.1)", "Credit Line (ref2017.1)"), want: "(Photo by Creator1 (ref2017.1)/Credit Line (ref2017.1))", missing: []string{"agency"}},

		// Another agency's picture: no invented "via".
		{name: "ap style of an afp picture", style: StyleAP, fields: by("JUNG YEON-JE", "AFP"), err: ErrAgencyMismatch},
		{name: "reuters style of an afp/getty picture", style: StyleReuters, fields: by("JUNG YEON-JE", "AFP/Getty Images"), err: ErrAgencyMismatch},
		{name: "getty style of an afp picture", style: StyleGetty, fields: by("JUNG YEON-JE", "AFP"), err: ErrAgencyMismatch},

		// Nothing known: an error, not a line.
		{name: "nothing known", style: StyleHouse, err: ErrNoCredit},
		{name: "only junk", style: StyleAP, fields: by("STR", "-"), err: ErrNoCredit},
		{name: "unknown style", style: Style("bbc"), fields: by("A", "AP"), err: ErrUnknownStyle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Credit(CreditInput{Fields: tt.fields, Facts: tt.facts}, tt.style, CreditOptions{})
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Credit = %+v, %v; want error %v", got, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Credit: %v", err)
			}
			if got.Text != tt.want {
				t.Errorf("Credit = %q; want %q", got.Text, tt.want)
			}
			if got.Style != tt.style {
				t.Errorf("style %q; want %q", got.Style, tt.style)
			}
			if diff := cmp.Diff(tt.missing, got.Missing); diff != "" {
				t.Errorf("missing (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseStyle(t *testing.T) {
	for _, s := range []string{"ap", " AP ", "Reuters", "afp", "getty", "HOUSE"} {
		if _, err := ParseStyle(s); err != nil {
			t.Errorf("ParseStyle(%q): %v", s, err)
		}
	}
	if _, err := ParseStyle("upi"); !errors.Is(err, ErrUnknownStyle) {
		t.Errorf("ParseStyle(upi) = %v", err)
	}
}

func TestCreditNameCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"JUNG YEON-JE", "Jung Yeon-je"},     // Korean given name
		{"KIM JONG-UN", "Kim Jong-un"},       //
		{"AHN YOUNG-JOON", "Ahn Young-joon"}, // "young" is one syllable
		{"JEAN-PIERRE MULLER", "Jean-Pierre Muller"},
		{"SINEAD O'CONNOR", "Sinead O'Connor"},
		{"JAE C. HONG", "Jae C. Hong"},
		{"URSULA VON DER LEYEN", "Ursula von der Leyen"},
		{"KAY MCDONALD", "Kay McDonald"},
		{"ÉMILIE ÇELİK", "Émilie Çelik"}, // Unicode capitals fold too
		{"Ed JONES", "Ed JONES"},         // mixed case is kept
		{"Kim Hong-Ji", "Kim Hong-Ji"},   //
		{"123", "123"},
	}
	for _, tt := range tests {
		if got := creditNameCase(tt.in); got != tt.want {
			t.Errorf("creditNameCase(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestCreditCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"STR", ""},
		{"-", ""},
		{"HANDOUT", ""},
		{"AFP", ""},
		{"null", ""},
		{"Photo by Chip Somodevilla", "Chip Somodevilla"},
		{"JUNG YEON-JE / AFP", "JUNG YEON-JE"},
		{"AFP PHOTO / JUNG YEON-JE", "JUNG YEON-JE"},
		{"© Peter Bemmann", "Peter Bemmann"},
		{"(Kim Hong-Ji)", "Kim Hong-Ji"},
	}
	for _, tt := range tests {
		if got := creditCleanName(tt.in); got != tt.want {
			t.Errorf("creditCleanName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
