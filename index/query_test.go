package index

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseQuery(t *testing.T) {
	w := func(v string, pos int) Term { return Term{Value: v, Pos: pos} }
	tests := []struct {
		in   string
		want [][]Term
	}{
		// Empty and blank queries list everything.
		{"", nil},
		{"  \t ", nil},
		// Free words, each its own group (ANDed).
		{"protest Seoul", [][]Term{{w("protest", 0)}, {w("Seoul", 8)}}},
		// A phrase keeps its words together; inner space is normalised.
		{`"Lee  In-young" x`, [][]Term{{{Value: "Lee In-young", Phrase: true}}, {w("x", 16)}}},
		// Curly quotes pasted from a word processor.
		{"“São Paulo”", [][]Term{{{Value: "São Paulo", Phrase: true}}}},
		// Fields, with canonical names for aliases and any case.
		{`person:"Lee In-young" PLACE:Panmunjom people:Kim`, [][]Term{
			{{Field: "person", Value: "Lee In-young", Phrase: true}},
			{{Field: "place", Value: "Panmunjom", Pos: 22}},
			{{Field: "person", Value: "Kim", Pos: 38}},
		}},
		// Dates in three precisions, a year, flags normalised to yes/no.
		{"after:2020 before:2020-06 after:2020-01-31 year:1999 file:YES handout:no pool:true", [][]Term{
			{{Field: "after", Value: "2020"}},
			{{Field: "before", Value: "2020-06", Pos: 11}},
			{{Field: "after", Value: "2020-01-31", Pos: 26}},
			{{Field: "year", Value: "1999", Pos: 43}},
			{{Field: "file", Value: "yes", Pos: 53}},
			{{Field: "handout", Value: "no", Pos: 62}},
			{{Field: "pool", Value: "yes", Pos: 73}},
		}},
		// Negation of words, phrases and fields.
		{`-pool:yes -"white house" -rain`, [][]Term{
			{{Field: "pool", Value: "yes", Not: true}},
			{{Value: "white house", Phrase: true, Not: true, Pos: 10}},
			{{Value: "rain", Not: true, Pos: 25}},
		}},
		// OR joins its neighbours into one group; it binds tighter than
		// the implicit AND.
		{"a b OR c OR -d e", [][]Term{
			{w("a", 0)},
			{w("b", 2), w("c", 7), {Value: "d", Not: true, Pos: 12}},
			{w("e", 15)},
		}},
		// Lower-case "or" is a word, not the operator.
		{"rock or roll", [][]Term{{w("rock", 0)}, {w("or", 5)}, {w("roll", 8)}}},
		// An ID prefix is lower-cased.
		{"id:ABCDEF12", [][]Term{{{Field: "id", Value: "abcdef12"}}}},
		// A colon after digits is not a field; a hyphen inside a word is
		// not a negation.
		{"10:30 well-known", [][]Term{{w("10:30", 0)}, {w("well-known", 6)}}},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got.Groups); diff != "" {
			t.Errorf("ParseQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
		// The canonical form parses back to the same query.
		again, err := ParseQuery(got.String())
		if err != nil {
			t.Errorf("ParseQuery(%q.String() = %q): %v", tt.in, got.String(), err)
			continue
		}
		if diff := cmp.Diff(got, again, cmpopts.IgnoreFields(Term{}, "Pos")); diff != "" {
			t.Errorf("round trip of %q via %q (-first +second):\n%s", tt.in, got.String(), diff)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		in  string
		pos int
		msg string
	}{
		// A misspelt field names the closest one.
		{"protest plce:Seoul", 8, "unknown field 'plce:'; did you mean place:?"},
		// A swap of two letters counts as one edit.
		{"pesron:Kim", 0, "unknown field 'pesron:'; did you mean person:?"},
		// An alias can be the closest name; the canonical one is offered.
		{"keywrds:x", 0, "unknown field 'keywrds:'; did you mean keyword:?"},
		// Nothing close: the list of fields.
		{"zzz:1", 0, "unknown field 'zzz:'; fields are person: place: credit: agency: byline: keyword: city: country: source: after: before: year: file: handout: pool: id:"},
		// A field without a value.
		{"person: Kim", 7, `person: needs a value (as in person:"...")`},
		{"x after:", 8, "after: needs a value (a date: YYYY, YYYY-MM or YYYY-MM-DD)"},
		// Bad dates.
		{"after:2020-13", 6, `after: wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not "2020-13"`},
		{"before:20", 7, `before: wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not "20"`},
		{"before:2020-02-30", 7, `before: wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not "2020-02-30"`},
		{"year:20x0", 5, `year: wants four digits, as in year:2020, not "20x0"`},
		// Year 0 and year 1 would read as "no bound" (Go's zero time).
		{"year:0000", 5, `year: wants a year from 1000 to 9999, not "0000"`},
		{"before:0001", 7, `before: wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not "0001"`},
		{"after:0999-12", 6, `after: wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not "0999-12"`},
		// Flags take yes or no.
		{"file:maybe", 5, `file: takes yes or no, not "maybe"`},
		// IDs are hex.
		{"id:xyz", 3, `id: wants the start of a photo ID in hex, not "xyz"`},
		// Quotes.
		{`a "open phrase`, 2, "this quote is never closed"},
		{`a "" b`, 2, `empty phrase ""`},
		{`"a"b`, 3, "a space is needed after a closing quote"},
		// Negation.
		{"a - b", 2, "'-' must be followed directly by a word, phrase or field (as in -pool:yes)"},
		{"--a", 1, "a term can be negated only once"},
		// OR needs terms on both sides.
		{"OR a", 0, "OR needs a term before it"},
		{"a OR", 2, "OR needs a term after it"},
		{"a OR OR b", 5, "OR needs a term between two ORs"},
		// Invalid UTF-8 is reported where it starts.
		{"ab\xffcd", 2, "query is not valid UTF-8"},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.in)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("ParseQuery(%q): err = %v, want a *QueryError", tt.in, err)
			continue
		}
		if qe.Pos != tt.pos || qe.Msg != tt.msg {
			t.Errorf("ParseQuery(%q) = error at %d %q, want at %d %q", tt.in, qe.Pos, qe.Msg, tt.pos, tt.msg)
		}
	}

	// Limits on size.
	if _, err := ParseQuery(strings.Repeat("a ", MaxQueryLen)); err == nil {
		t.Error("an over-long query was accepted")
	}
	if _, err := ParseQuery(strings.Repeat("a ", maxTerms+1)); err == nil {
		t.Error("a query of too many terms was accepted")
	}
	// The message names the position for people, counting from 1.
	_, err := ParseQuery("plce:x")
	if got, want := err.Error(), "query: unknown field 'plce:'; did you mean place:? (at character 1)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	// Characters, not bytes: "São Paulo " is ten characters, eleven bytes;
	// "서울 " is three characters, seven bytes.
	for _, c := range []struct{ in, want string }{
		{"São Paulo plce:x", "(at character 11)"},
		{`서울 "abc`, "(at character 4)"},
	} {
		if _, err := ParseQuery(c.in); err == nil || !strings.HasSuffix(err.Error(), c.want) {
			t.Errorf("ParseQuery(%q) error %v, want it to end %q", c.in, err, c.want)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"", `person:"Lee In-young" place:Panmunjom credit:AFP after:2020-01-01 file:yes`,
		"a b OR c OR -d e", `-"x y" -pool:yes id:abc`, "“São Paulo”", "plce:x", "a OR", `"open`,
		"year:2020 before:2020-02 handout:no", "10:30 -- - OR OR", "ab\xffcd",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("ParseQuery(%q): error %v is not a *QueryError", s, err)
			}
			if qe.Pos < 0 || qe.Pos > len(s) {
				t.Fatalf("ParseQuery(%q): error position %d out of range", s, qe.Pos)
			}
			return
		}
		for _, g := range q.Groups {
			if len(g) == 0 {
				t.Fatalf("ParseQuery(%q): empty group", s)
			}
			for _, term := range g {
				if term.Value == "" || !utf8.ValidString(term.Value) {
					t.Fatalf("ParseQuery(%q): bad term %+v", s, term)
				}
				if term.Pos < 0 || term.Pos >= len(s) {
					t.Fatalf("ParseQuery(%q): term position %d out of range", s, term.Pos)
				}
			}
		}
		// A valid query prints to a canonical form that parses back to it.
		again, err := ParseQuery(q.String())
		if err != nil {
			t.Fatalf("ParseQuery(%q) canonical form %q: %v", s, q.String(), err)
		}
		if diff := cmp.Diff(q, again, cmpopts.IgnoreFields(Term{}, "Pos"), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip of %q via %q (-first +second):\n%s", s, q.String(), diff)
		}
	})
}
