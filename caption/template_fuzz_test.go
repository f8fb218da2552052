package caption

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseTemplate(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "template_summit.txt")); err == nil {
		f.Add(data)
	}
	f.Add([]byte("headline: {if city}{city}{else}x{end}\n  more\nkeywords+: a; b\n"))
	f.Add([]byte("title?: {{\n# c\nbyline: =jyj=\n"))
	addBadSeeds(f, func(b []byte) { f.Add(b) })
	codes, err := ParseCodes([]byte("jyj\tJung Yeon-je\nbad\t{end}\n"))
	if err != nil {
		f.Fatal(err)
	}
	vars := seedVars()
	f.Fuzz(func(t *testing.T, data []byte) {
		tpl, err := ParseTemplate(data)
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) && !errors.Is(err, ErrNotText) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		got, _, err := tpl.Apply(vars.Fields, vars, codes)
		if err != nil {
			t.Fatalf("Apply: %v", err)
		}
		for _, w := range got.LimitWarnings() {
			_ = w // long values are allowed; the call must not panic
		}
	})
}

func FuzzExpandVars(f *testing.F) {
	f.Add("{city}, {apdate}: {if not sublocation}x{else if city}y{else}z{end}")
	f.Add("{{ {} { {end} {if}")
	f.Add(strings.Repeat("{if city}", 20))
	addBadSeeds(f, func(b []byte) { f.Add(string(b)) })
	vars := seedVars()
	f.Fuzz(func(t *testing.T, text string) {
		out, _, err := ExpandVars(text, vars)
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) || te.Line < 1 || te.Column < 1 {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		if !strings.Contains(text, "{") && out != text {
			t.Fatalf("text without braces changed: %q → %q", text, out)
		}
	})
}
