package caption

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// seedVars describes the first picture of the seed article as an AFP file
// would: capitals in the by-line, a credit chain, a zone-less date.
func seedVars() Vars {
	return Vars{
		Fields: Fields{
			Headline:    "Pelosi rallies Democrats before H.R. 1 vote",
			Byline:      []string{"JUNG YEON-JE"},
			Credit:      "AFP/Getty Images",
			Source:      "AFP",
			City:        "Washington",
			State:       "DC",
			Country:     "United States",
			Keywords:    []string{"politics", "Congress"},
			DateCreated: "2019-03-08T14:22:05-05:00",
		},
		Filename: "AFP_1DE2F3.JPG",
		Extra:    map[string]string{"Serial": "51115555111555"},
	}
}

func TestVarsLookup(t *testing.T) {
	v := seedVars()
	tests := []struct {
		name, want string
	}{
		{"city", "Washington"},
		{"CITY", "Washington"}, // names ignore case
		{"caption", ""},        // field alias, empty field
		{"keywords", "politics; Congress"},
		{"byline", "JUNG YEON-JE"},       // the field as written
		{"photographer", "Jung Yeon-je"}, // the person, in name case
		{"agency", "Getty Images"},       // the distributor of "AFP/Getty Images"
		{"via", "AFP"},
		{"date", "March 8, 2019"},
		{"apdate", "March 8, 2019"},
		{"isodate", "2019-03-08"},
		{"monthname", "March"},
		{"monthname3", "Mar"},
		{"month", "3"},
		{"month2", "03"},
		{"day", "8"},
		{"day2", "08"},
		{"year4", "2019"},
		{"year2", "19"},
		{"weekday", "Friday"},
		{"filename", "AFP_1DE2F3.JPG"},
		{"filenamebase", "AFP_1DE2F3"},
		{"serial", "51115555111555"}, // Extra, case-folded
	}
	for _, tt := range tests {
		got, ok := v.Lookup(tt.name)
		if !ok || got != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
	if got, ok := v.Lookup("nosuch"); ok || got != "" {
		t.Errorf("Lookup(nosuch) = %q, %v", got, ok)
	}
}

func TestVarsDates(t *testing.T) {
	tests := []struct {
		name    string
		v       Vars
		varName string
		want    string
	}{
		// Taken wins over DateCreated.
		{"taken", Vars{Taken: time.Date(2020, 9, 16, 23, 30, 0, 0, time.FixedZone("KST", 9*3600)), Fields: Fields{DateCreated: "2019-03-08"}}, "apdate", "Sept. 16, 2020"},
		// AP abbreviates Jan., Feb., Aug.–Dec.; spells out March to July.
		{"ap feb", Vars{Fields: Fields{DateCreated: "2021-02-01"}}, "apdate", "Feb. 1, 2021"},
		{"ap june", Vars{Fields: Fields{DateCreated: "2021-06-30"}}, "apdate", "June 30, 2021"},
		{"ap dec", Vars{Fields: Fields{DateCreated: "2021-12-25"}}, "apdate", "Dec. 25, 2021"},
		// A late-evening time with a zone keeps its own date.
		{"zone kept", Vars{Fields: Fields{DateCreated: "2019-03-08T23:59:00-05:00"}}, "isodate", "2019-03-08"},
		// Facts.Taken when the fields have no date.
		{"facts date", Vars{Facts: Facts{Taken: "2020-09-16"}}, "date", "September 16, 2020"},
		// Partial dates give what they know, no more.
		{"year only", Vars{Fields: Fields{DateCreated: "2019"}}, "year4", "2019"},
		{"year only has no day", Vars{Fields: Fields{DateCreated: "2019"}}, "day", ""},
		{"month precision", Vars{Fields: Fields{DateCreated: "2019-03"}}, "monthname", "March"},
		{"month precision has no date", Vars{Fields: Fields{DateCreated: "2019-03"}}, "date", ""},
		// Nonsense dates give nothing.
		{"february 30", Vars{Fields: Fields{DateCreated: "2019-02-30"}}, "date", ""},
		{"month 13", Vars{Fields: Fields{DateCreated: "2019-13-01"}}, "year4", ""},
		{"signed year", Vars{Fields: Fields{DateCreated: "+019-03-08"}}, "year4", ""},
		{"no date", Vars{}, "weekday", ""},
	}
	for _, tt := range tests {
		got, ok := tt.v.Lookup(tt.varName)
		if !ok || got != tt.want {
			t.Errorf("%s: {%s} = %q, %v; want %q", tt.name, tt.varName, got, ok, tt.want)
		}
	}
}

func TestExpandVars(t *testing.T) {
	v := seedVars()
	tests := []struct {
		name, in, want string
		problems       []string
	}{
		{"plain text", "no variables here", "no variables here", nil},
		{"fields and dates", "{city}, {state}, {apdate}", "Washington, DC, March 8, 2019", nil},
		{"unknown variable left as typed", "{cty} protest", "{cty} protest", []string{"unknown variable {cty}"}},
		{"empty variable reported", "{sublocation}: rally", ": rally", []string{"{sublocation} is empty"}},
		{"escaped brace", "{{city} is {city}", "{city} is Washington", nil},
		{"lone braces are text", "a } b { c {3,5} {} { city }", "a } b { c {3,5} {} Washington", nil},
		{"condition true", "{if city}in {city}{end}", "in Washington", nil},
		{"condition false takes else", "{if sublocation}at {sublocation}{else}somewhere{end}", "somewhere", nil},
		{"not", "{if not sublocation}no sublocation{end}", "no sublocation", nil},
		{"else if", "{if sublocation}a{else if city}b{else}c{end}", "b", nil},
		{"nested", "{if city}{if country}{city}, {country}{end}{end}", "Washington, United States", nil},
		{"unknown name in condition", "{if cty}x{else}y{end}", "y", []string{"unknown variable {cty} in {if}"}},
		{"brace across lines is text", "{city\n}", "{city\n}", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := ExpandVars(tt.in, v)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ExpandVars(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if diff := cmp.Diff(tt.problems, problems); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpandVarsErrors(t *testing.T) {
	tests := []struct {
		in        string
		line, col int
		msgPrefix string
	}{
		{"a {else} b", 1, 3, "{else} without {if}"},
		{"{end}", 1, 1, "{end} without {if}"},
		{"x\n  {if city}open", 2, 3, "{if city} has no {end}"},
		{"{if city}a{else}b{else}c{end}", 1, 18, "second {else} in the same {if}"},
		{"{if city}a{else}b{else if x}c{end}", 1, 18, "{else if} after {else}"},
		{"{if}x{end}", 1, 1, "{if} needs one name"},
		{"{if a b}x{end}", 1, 1, "{if} needs one name"},
		{"é{else if 3}", 1, 2, "{else if} without {if}"},
	}
	for _, tt := range tests {
		_, _, err := ExpandVars(tt.in, Vars{})
		var te *TemplateError
		if !errors.As(err, &te) {
			t.Errorf("ExpandVars(%q) error = %v; want *TemplateError", tt.in, err)
			continue
		}
		if te.Line != tt.line || te.Column != tt.col || len(te.Msg) < len(tt.msgPrefix) || te.Msg[:len(tt.msgPrefix)] != tt.msgPrefix {
			t.Errorf("ExpandVars(%q) = %v; want line %d, column %d: %s", tt.in, err, tt.line, tt.col, tt.msgPrefix)
		}
	}
	// Nesting is bounded.
	deep := ""
	for range tmplMaxDepth + 1 {
		deep += "{if city}"
	}
	if _, _, err := ExpandVars(deep, Vars{}); err == nil {
		t.Error("deep nesting accepted")
	}
}

func TestExpandText(t *testing.T) {
	codes, err := ParseCodes([]byte("" +
		"sel\tSEOUL, South Korea, {apdate} —\tSEOUL\n" +
		"51115555111555\tJimmy Bits\tMontana Stage\tDavide Crowie\n" +
		"potus\tPresident Joe Biden\n"))
	if err != nil {
		t.Fatal(err)
	}
	v := seedVars()
	v.Fields.Description = "a caption that says =potus="
	tests := []struct {
		name, in, want string
		problems       []string
	}{
		// A code's replacement may hold variables: codes run first.
		{"variables inside a replacement", "=sel= =potus= speaks.", "SEOUL, South Korea, March 8, 2019 — President Joe Biden speaks.", nil},
		// Photo Mechanic's advanced form: a code built from a variable.
		{"code from a variable", "={serial}#3= on the ={serial}#2=. Photo by ={serial}#1=",
			"Davide Crowie on the Montana Stage. Photo by Jimmy Bits", nil},
		// A variable's value is never read as a code: the file's own
		// caption cannot trigger the editor's codes.
		{"values are not codes", "Was: {caption}", "Was: a caption that says =potus=", nil},
		// Both kinds of problem, codes first.
		{"problems", "=nope= =potus#2= in {cty}", "=nope= =potus#2= in {cty}", []string{"unknown code =nope=", "code =potus#2=: potus has no replacement #2", "unknown variable {cty}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := ExpandText(tt.in, codes, v)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
			if diff := cmp.Diff(tt.problems, problems); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	// Without a codes table, codes are left alone and not reported.
	got, problems, err := ExpandText("=potus= in {city}", nil, v)
	if err != nil || got != "=potus= in Washington" || problems != nil {
		t.Errorf("nil codes: %q %v %v", got, problems, err)
	}
}
