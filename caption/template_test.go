package caption

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseTemplateFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "template_summit.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := ParseTemplate(data)
	if err != nil {
		t.Fatal(err)
	}
	type rule struct {
		Line  int
		Field string
		Op    TemplateOp
		Value string
	}
	var got []rule
	for _, r := range tpl.Rules {
		got = append(got, rule{r.Line, r.Field, r.Op, r.Value})
	}
	want := []rule{
		{4, "headline", TemplateSet, "{city} hotline visit"},
		// The indented line continues the value, joined with a space.
		{5, "description", TemplateSet, "This picture taken on {date} shows =lee= (R) looking at the inter-Korean hotline during a visit to the south side of =pmj=."},
		{7, "keywords", TemplateAppend, "Korea; Politics; politics"},
		{8, "captionWriter", TemplateSetIfEmpty, "KD/desk"},
		// Field names ignore case.
		{9, "instructions", TemplateSet, "{if not instructions}No sales{end}"},
		{10, "title", TemplateAppend, "(file)"},
		{11, "credit", TemplateSetIfEmpty, "AFP"},
		{12, "sublocation", TemplateSet, "{sublocation}"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

// TestTemplateApply applies the committed template with the committed
// codes file to a photo, the way "cutline caption --template" does.
func TestTemplateApply(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "template_summit.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := ParseTemplate(data)
	if err != nil {
		t.Fatal(err)
	}
	codes := loadDeskCodes(t)
	photo := Fields{
		Headline:      "old headline",
		Byline:        []string{"JUNG YEON-JE"},
		Credit:        "AFP",
		CaptionWriter: "JY/AFP",
		Title:         "KOREA-NKOREA-POLITICS",
		Keywords:      []string{"politics", "DMZ"},
		City:          "Panmunjom",
		Country:       "South Korea",
		DateCreated:   "2020-09-16",
	}
	got, warnings, err := tpl.Apply(photo, Vars{Fields: photo}, codes)
	if err != nil {
		t.Fatal(err)
	}
	want := photo
	want.Headline = "Panmunjom hotline visit"
	want.Description = "This picture taken on September 16, 2020 shows South Korean Unification Minister Lee In-young (R) looking at the inter-Korean hotline during a visit to the south side of the truce village of Panmunjom in the Demilitarized Zone (DMZ)."
	// Appending to a list adds the items not already there.
	want.Keywords = []string{"politics", "DMZ", "Korea", "Politics"}
	// "?:" leaves a filled field alone; "+:" on text joins with a space.
	want.Title = "KOREA-NKOREA-POLITICS (file)"
	want.Instructions = "No sales"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	wantWarnings := []string{
		"line 12 (sublocation): {sublocation} is empty",
		"line 12 (sublocation): left unchanged: the value is empty after expansion",
	}
	if diff := cmp.Diff(wantWarnings, warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	// Apply does not touch its argument.
	if photo.Headline != "old headline" || len(photo.Keywords) != 2 {
		t.Errorf("Apply changed its input: %+v", photo)
	}
}

func TestTemplateApplyCases(t *testing.T) {
	codes, err := ParseCodes([]byte("jyj\tJung Yeon-je\nbad\t{end}\n"))
	if err != nil {
		t.Fatal(err)
	}
	base := Fields{Headline: "H", Byline: []string{"A"}, City: "Seoul"}
	tests := []struct {
		name     string
		template string
		want     Fields
		warnings []string
	}{
		// An empty value clears a field on purpose.
		{"clear", "headline:", Fields{Byline: []string{"A"}, City: "Seoul"}, nil},
		// A list field set from ";"-separated items.
		{"set list", "byline: =jyj=; Kim Hong-Ji", Fields{Headline: "H", Byline: []string{"Jung Yeon-je", "Kim Hong-Ji"}, City: "Seoul"}, nil},
		// Appending text to an empty field is setting it.
		{"append to empty", "description+: {city} at night", Fields{Headline: "H", Description: "Seoul at night", Byline: []string{"A"}, City: "Seoul"}, nil},
		// Fill-if-empty fills an empty field.
		{"fill empty", "country?: South Korea", Fields{Headline: "H", Byline: []string{"A"}, City: "Seoul", Country: "South Korea"}, nil},
		// Later lines see earlier results, as a list of edits.
		{"set then append", "headline: A\nheadline+: B", Fields{Headline: "A B", Byline: []string{"A"}, City: "Seoul"}, nil},
		// A code whose replacement breaks the brace structure is reported
		// and the field left alone.
		{"bad replacement", "headline: =bad=", base,
			[]string{"line 1 (headline): left unchanged: after code replacement the value no longer parses: line 1, column 1: {end} without {if}"}},
		// Unknown codes and variables are warnings; the text keeps them.
		{"unknown", "headline: =zz= {cty}", Fields{Headline: "=zz= {cty}", Byline: []string{"A"}, City: "Seoul"},
			[]string{"line 1 (headline): unknown code =zz=", "line 1 (headline): unknown variable {cty}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := ParseTemplate([]byte(tt.template))
			if err != nil {
				t.Fatal(err)
			}
			got, warnings, err := tpl.Apply(base, Vars{Fields: base}, codes)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.warnings, warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseTemplateErrors(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, col int
		msg       string
	}{
		// A typo in a field name is caught with its line.
		{"unknown field", "# x\nhedline: X", 2, 0, `unknown field "hedline"`},
		// A line that is not "field: value".
		{"no colon", "headline X", 1, 0, `"headline X" is not "field: value"`},
		// A continuation with nothing to continue.
		{"stray indent", "\n  more text", 2, 0, "indented line continues no field"},
		// A brace error points at the file's line and column.
		{"brace error", "headline: ok\ndescription: a {end}", 2, 16, "description: {end} without {if}"},
		// ... also inside a continuation line.
		{"brace error in continuation", "description: a\n\tb {if city}c", 2, 4, "description: {if city} has no {end}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTemplate([]byte(tt.text))
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error %v; want *TemplateError", err)
			}
			if te.Line != tt.line || te.Column != tt.col || !strings.HasPrefix(te.Msg, tt.msg) {
				t.Errorf("got %v (line %d col %d); want line %d col %d: %s", err, te.Line, te.Column, tt.line, tt.col, tt.msg)
			}
		})
	}
	// A template file that is not text.
	if _, err := ParseTemplate([]byte("\x00\x01")); !errors.Is(err, ErrNotText) {
		t.Errorf("binary template: %v", err)
	}
}

func TestParseTemplateEncodings(t *testing.T) {
	// Windows-1252 with CRLF, as Notepad on an older Windows saves.
	data := append([]byte{}, "city: S\xe3o Paulo\r\nkeywords+: Caf\xe9\r\n"...)
	tpl, err := ParseTemplate(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(tpl.Rules) != 2 || tpl.Rules[0].Value != "São Paulo" || tpl.Rules[1].Value != "Café" {
		t.Errorf("rules %+v", tpl.Rules)
	}
	if diff := cmp.Diff([]string{"template not valid UTF-8; decoded as Windows-1252"}, tpl.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}
