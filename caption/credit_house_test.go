package caption

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cutline/cutline/internal/testcorpus"
	"github.com/google/go-cmp/cmp"
)

func TestDefaultHouseTemplate(t *testing.T) {
	tpl := DefaultHouseTemplate()
	if tpl.String() != DefaultHouseCredit {
		t.Errorf("String() = %q", tpl.String())
	}
	// The four forms of the seed article, /work/shared/seed-article.txt:
	// "(AFP photo)" and "(File photo by AFP)" under its two pictures, and
	// the same with a photographer.
	seed := []struct {
		in   CreditInput
		want string
	}{
		{CreditInput{Fields: Fields{Credit: "AFP"}}, "(AFP photo)"},
		{CreditInput{Fields: Fields{Credit: "AFP"}, Facts: Facts{File: true}}, "(File photo by AFP)"},
		{CreditInput{Fields: by("JUNG YEON-JE", "AFP")}, "(Photo by Jung Yeon-je/AFP)"},
		{CreditInput{Fields: by("JUNG YEON-JE", "AFP")}.withFile(), "(File photo by Jung Yeon-je/AFP)"},
	}
	for _, s := range seed {
		got, err := tpl.Render(s.in)
		if err != nil || got.Text != s.want {
			t.Errorf("Render(%+v) = %q, %v; want %q", s.in, got.Text, err, s.want)
		}
	}
}

func (in CreditInput) withFile() CreditInput {
	in.Facts.File = true
	return in
}

func TestCustomHouseTemplate(t *testing.T) {
	// A newsroom that writes "Photo: NAME / AGENCY" and "File" in front.
	tpl, err := ParseCreditTemplate("{if file}File {end}Photo: {if photographer}{photographer} / {end}{agency}{if pool} (pool){end}")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in      CreditInput
		want    string
		missing []string
	}{
		{CreditInput{Fields: by("KIM HONG-JI", "REUTERS")}, "Photo: Kim Hong-ji / Reuters", nil},
		{CreditInput{Fields: by("", "Getty Images"), Facts: Facts{File: true}}, "File Photo: Getty Images", []string{"photographer"}},
		{CreditInput{Fields: by("Jae C. Hong", "AP"), Facts: Facts{Pool: true}}, "Photo: Jae C. Hong / AP (pool)", nil},
	}
	for _, tt := range tests {
		got, err := Credit(tt.in, StyleHouse, CreditOptions{House: tpl})
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != tt.want {
			t.Errorf("got %q; want %q", got.Text, tt.want)
		}
		if diff := cmp.Diff(tt.missing, got.Missing); diff != "" {
			t.Errorf("missing (-want +got):\n%s", diff)
		}
	}
}

func TestParseCreditTemplateErrors(t *testing.T) {
	tests := []struct {
		name, src string
		col       int
		msg       string
	}{
		// A misspelt variable, caught when the config is set.
		{"unknown variable", "Photo by {photgrapher}", 10, "unknown variable {photgrapher}"},
		// A variable of field templates that credit templates do not have.
		{"field variable", "({city})", 2, "unknown variable {city}"},
		{"unknown condition", "{if fiel}File{end}", 1, `unknown condition "fiel"`},
		{"unclosed if", "({if file}File photo by {by})", 2, "{if file} has no {end}"},
		{"stray else", "({by}{else})", 6, "{else} without {if}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCreditTemplate(tt.src)
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error %v; want *TemplateError", err)
			}
			if te.Column != tt.col || !strings.HasPrefix(te.Msg, tt.msg) {
				t.Errorf("got %v; want column %d: %s", err, tt.col, tt.msg)
			}
		})
	}
	if _, err := ParseCreditTemplate(strings.Repeat("x", 5000)); err == nil {
		t.Error("oversized template accepted")
	}
}

// simpleTruth is the part of the corpus' *.simple.json this test reads.
type simpleTruth struct {
	File    string   `json:"file"`
	Byline  []string `json:"iptc_byline"`
	Credit  *string  `json:"iptc_credit"`
	Source  *string  `json:"iptc_source"`
	Caption *string  `json:"iptc_caption"`
}

// TestCreditCorpus runs every style over the by-line, credit and source
// of every real image in the shared corpus: no panic, only the documented
// errors, a non-empty line otherwise, and the known Getty picture credited
// as Getty writes it.
func TestCreditCorpus(t *testing.T) {
	dir := testcorpus.Sub(t, "truth")
	data, err := os.ReadFile(filepath.Join(dir, "ALL.simple.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truths []simpleTruth
	if err := json.Unmarshal(data, &truths); err != nil {
		t.Fatal(err)
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	lines := 0
	for _, tr := range truths {
		in := CreditInput{Fields: Fields{Byline: tr.Byline, Credit: str(tr.Credit), Source: str(tr.Source), Description: str(tr.Caption)}}
		for _, style := range Styles() {
			got, err := Credit(in, style, CreditOptions{})
			switch {
			case err == nil && got.Text == "":
				t.Errorf("%s %s: empty line and no error", tr.File, style)
			case err == nil:
				lines++
			case !errors.Is(err, ErrNoCredit) && !errors.Is(err, ErrAgencyMismatch):
				t.Errorf("%s %s: unexpected error %v", tr.File, style, err)
			}
		}
		if strings.HasSuffix(tr.File, "Issue_122.jpg") {
			// By-line "Stephen Dunn", Credit "Getty Images", Source "Getty
			// Images North America".
			got, err := Credit(in, StyleGetty, CreditOptions{})
			if err != nil || got.Text != "Photo by Stephen Dunn/Getty Images" || got.Missing != nil {
				t.Errorf("Issue_122 getty = %+v, %v", got, err)
			}
			if _, err := Credit(in, StyleAP, CreditOptions{}); !errors.Is(err, ErrAgencyMismatch) {
				t.Errorf("Issue_122 ap: %v; want ErrAgencyMismatch", err)
			}
		}
	}
	if lines == 0 {
		t.Error("no credit line from the whole corpus")
	}
}
