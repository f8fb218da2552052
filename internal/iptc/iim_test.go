package iptc

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// ds spells out one dataset with a standard length field.
func ds(rec, num byte, value string) []byte {
	n := len(value)
	return append([]byte{0x1C, rec, num, byte(n >> 8), byte(n)}, value...)
}

func TestDecode(t *testing.T) {
	utf8Mark := ds(1, 90, "\x1b%G")
	tests := []struct {
		name      string
		in        []byte
		charset   string
		caption   string
		keywords  []string
		datasets  int
		wantWarns []string // substrings, in order
	}{
		{
			// UTF-8 declared and used.
			name:     "utf8",
			in:       concat(utf8Mark, ds(2, 0, "\x00\x04"), ds(2, 120, "이인영 Lee In-young — Panmunjom, 판문점"), ds(2, 25, "Zürich"), ds(2, 25, "São Paulo")),
			charset:  "UTF-8",
			caption:  "이인영 Lee In-young — Panmunjom, 판문점",
			keywords: []string{"Zürich", "São Paulo"},
			datasets: 5,
		},
		{
			// No 1:90: Windows-1252, where 0x80 is the euro sign and
			// 0x97 an em dash (Latin-1 would give C1 controls).
			name:      "no charset",
			in:        concat(ds(2, 120, "Caf\xe9 in Z\xfcrich \x97 1\x80")),
			caption:   "Café in Zürich — 1€",
			datasets:  1,
			wantWarns: []string{"no character set (1:90); read as Windows-1252"},
		},
		{
			// No 1:90 but only ASCII: every character set reads it the
			// same, so there is nothing to warn about.
			name:     "no charset, ascii",
			in:       concat(ds(2, 120, "Protesters march in Seoul"), ds(2, 80, "KIM HONG-JI")),
			caption:  "Protesters march in Seoul",
			datasets: 2,
		},
		{
			// UTF-8 declared but one value is Latin-1: that value
			// falls back, the others stay UTF-8.
			name:      "utf8 declared, latin1 value",
			in:        concat(utf8Mark, ds(2, 120, "Z\xfcrich"), ds(2, 25, "Zürich")),
			charset:   "UTF-8",
			caption:   "Zürich",
			keywords:  []string{"Zürich"},
			datasets:  3,
			wantWarns: []string{"2:120 (Caption-Abstract) is not valid UTF-8"},
		},
		{
			// Another ISO 2022 designation is named and read as 1252.
			name:      "latin1 designated",
			in:        concat(ds(1, 90, "\x1b-A"), ds(2, 105, "pr\xe9sent")),
			charset:   "ESC - A",
			datasets:  2,
			wantWarns: []string{"character set ESC - A is not UTF-8"},
		},
		{
			// Trailing NULs (some writers terminate strings) are cut.
			name:     "nul terminated",
			in:       concat(utf8Mark, ds(2, 120, "caption\x00\x00")),
			charset:  "UTF-8",
			caption:  "caption",
			datasets: 2,
		},
		{
			// Extended-length dataset (IIM §1.5.4): 0x8004 then a
			// four-byte length.
			name:     "extended length",
			in:       concat(utf8Mark, []byte{0x1C, 2, 120, 0x80, 0x04, 0, 0, 0, 5}, []byte("hello")),
			charset:  "UTF-8",
			caption:  "hello",
			datasets: 2,
		},
		{
			// An extended length claiming 4 GB is a warning, not an
			// allocation; datasets before it are kept.
			name:      "extended length 4 GB",
			in:        concat(utf8Mark, ds(2, 25, "kept"), []byte{0x1C, 2, 120, 0x80, 0x04, 0xFF, 0xFF, 0xFF, 0xF0}, []byte("short")),
			charset:   "UTF-8",
			keywords:  []string{"kept"},
			datasets:  2,
			wantWarns: []string{"2:120 declares 4294967280 bytes but only 5 remain"},
		},
		{
			// Extended length field longer than 8 bytes.
			name:      "extended length field too long",
			in:        concat(utf8Mark, []byte{0x1C, 2, 120, 0x80, 0x09}, make([]byte, 20)),
			charset:   "UTF-8",
			datasets:  1,
			wantWarns: []string{"invalid extended length field (9 bytes)"},
		},
		{
			// A length past the end.
			name:      "length past end",
			in:        concat(utf8Mark, []byte{0x1C, 2, 120, 0x7F, 0xFF}, []byte("abc")),
			charset:   "UTF-8",
			datasets:  1,
			wantWarns: []string{"declares 32767 bytes but only 3 remain"},
		},
		{
			// Zero padding after the last dataset is silent.
			name:     "zero padding",
			in:       concat(utf8Mark, ds(2, 120, "x"), make([]byte, 7)),
			charset:  "UTF-8",
			caption:  "x",
			datasets: 2,
		},
		{
			// Junk after the datasets is reported.
			name:      "junk",
			in:        concat(utf8Mark, ds(2, 120, "x"), []byte("garbage")),
			charset:   "UTF-8",
			caption:   "x",
			datasets:  2,
			wantWarns: []string{"byte 0x67 at offset"},
		},
		{
			// Nothing.
			name: "empty",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, warnings := Decode(tc.in)
			if rec.Charset != tc.charset {
				t.Errorf("Charset = %q, want %q", rec.Charset, tc.charset)
			}
			if got := rec.Text(Caption); got != tc.caption {
				t.Errorf("Text(Caption) = %q, want %q", got, tc.caption)
			}
			if diff := cmp.Diff(tc.keywords, rec.List(Keywords)); diff != "" {
				t.Errorf("List(Keywords) (-want +got):\n%s", diff)
			}
			if len(rec.Datasets) != tc.datasets {
				t.Errorf("%d datasets, want %d", len(rec.Datasets), tc.datasets)
			}
			if len(warnings) != len(tc.wantWarns) {
				t.Fatalf("warnings %q, want %d", warnings, len(tc.wantWarns))
			}
			for i, w := range tc.wantWarns {
				if !strings.Contains(warnings[i], w) {
					t.Errorf("warning %d = %q, want it to contain %q", i, warnings[i], w)
				}
			}
		})
	}
}

func TestEncodeLayout(t *testing.T) {
	// 1:90 ESC % G first, then 2:00 = 4, then the datasets in order.
	got := Encode([]Dataset{TextDataset(Headline, "H"), TextDataset(Keywords, "b"), TextDataset(Keywords, "a")})
	want := concat(ds(1, 90, "\x1b%G"), ds(2, 0, "\x00\x04"), ds(2, 105, "H"), ds(2, 25, "b"), ds(2, 25, "a"))
	if !bytes.Equal(got, want) {
		t.Errorf("got  % x\nwant % x", got, want)
	}
	// Given 1:90 and 2:00 are replaced by Encode's own; another record
	// goes after record 2 whatever its position in the input.
	got = Encode([]Dataset{{Record: 3, Number: 0, Value: []byte{0, 4}}, {Record: 1, Number: 90, Value: []byte("\x1b-A")}, {Record: 2, Number: 0, Value: []byte{0, 2}}, TextDataset(Caption, "c")})
	want = concat(ds(1, 90, "\x1b%G"), ds(2, 0, "\x00\x04"), ds(2, 120, "c"), ds(3, 0, "\x00\x04"))
	if !bytes.Equal(got, want) {
		t.Errorf("got  % x\nwant % x", got, want)
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	values := []string{
		"이인영 Lee In-young — Panmunjom, 판문점",
		"São Paulo",
		"Zürich",
		"",
		"\u00a0non-breaking and tabs\t",
		"emoji 📷 and RTL שלום",
		strings.Repeat("long caption ", 3000), // 39,000 bytes: extended length
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		values = append(values, randomText(r, r.IntN(300)))
	}
	var in []Dataset
	for _, v := range values {
		in = append(in, TextDataset(Keywords, v))
	}
	in = append(in, TextDataset(Caption, values[0]), TextDataset(City, values[2]))
	rec, warnings := Decode(Encode(in))
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	if rec.Charset != "UTF-8" {
		t.Errorf("Charset = %q", rec.Charset)
	}
	if diff := cmp.Diff(values, rec.List(Keywords)); diff != "" {
		t.Errorf("keywords (-want +got):\n%s", diff)
	}
	if got := rec.Text(Caption); got != values[0] {
		t.Errorf("caption = %q", got)
	}
	if got := rec.Text(City); got != values[2] {
		t.Errorf("city = %q", got)
	}
}

// randomText returns n random runes from several scripts, without NUL
// (IIM readers strip trailing NULs, so they do not round-trip).
func randomText(r *rand.Rand, n int) string {
	ranges := [][2]rune{{0x20, 0x7E}, {0xA0, 0x17F}, {0x400, 0x4FF}, {0x3040, 0x30FF}, {0xAC00, 0xD7A3}, {0x1F300, 0x1F5FF}}
	var sb strings.Builder
	for range n {
		rg := ranges[r.IntN(len(ranges))]
		sb.WriteRune(rg[0] + r.Int32N(rg[1]-rg[0]+1))
	}
	return sb.String()
}

func TestCutUTF8(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
		cut   bool
	}{
		{"fits", "Zürich", 7, "Zürich", false},                                              // ü is two bytes: exactly 7
		{"inside two-byte rune", "Zürich", 2, "Z", true},                                    // cutting after the first byte of ü
		{"after two-byte rune", "Zürich", 3, "Zü", true},                                    // ends right after ü
		{"hangul", "판문점", 4, "판", true},                                                     // three-byte runes
		{"hangul exact", "판문점", 6, "판문", true},                                              // boundary
		{"emoji", "a📷b", 4, "a", true},                                                      // four-byte rune cut
		{"zero", "abc", 0, "", true},                                                        // nothing fits
		{"negative", "abc", -1, "", true},                                                   // treated as zero
		{"empty", "", 10, "", false},                                                        // nothing to cut
		{"ascii", "Lee In-young", 3, "Lee", true},                                           // plain bytes
		{"caption limit", strings.Repeat("é", 1500), 2000, strings.Repeat("é", 1000), true}, // IIM 2:120
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, cut := CutUTF8(tc.in, tc.limit)
			if got != tc.want || cut != tc.cut {
				t.Errorf("CutUTF8(%q, %d) = %q, %v; want %q, %v", tc.in, tc.limit, got, cut, tc.want, tc.cut)
			}
			if !utf8.ValidString(got) {
				t.Errorf("result %q is not valid UTF-8", got)
			}
		})
	}
}

func TestMaxLen(t *testing.T) {
	// IIM 4.2 chapter 6 maximum octets, the ones DESIGN.md relies on.
	tests := []struct {
		tag  Tag
		want int
	}{
		{ObjectName, 64}, {Keywords, 64}, {SpecialInstructions, 256}, {DateCreated, 8}, {TimeCreated, 11},
		{Byline, 32}, {BylineTitle, 32}, {City, 32}, {Sublocation, 32}, {ProvinceState, 32},
		{CountryCode, 3}, {CountryName, 64}, {JobID, 32}, {Headline, 256}, {Credit, 32},
		{Source, 32}, {CopyrightNotice, 128}, {Caption, 2000}, {CaptionWriter, 32}, {Tag(7), 0},
	}
	for _, tc := range tests {
		if got := MaxLen(tc.tag); got != tc.want {
			t.Errorf("MaxLen(%s) = %d, want %d", tc.tag, got, tc.want)
		}
	}
}

func TestRecordByHand(t *testing.T) {
	// A Record built without Decode still answers Text and List.
	rec := &Record{Datasets: []Dataset{TextDataset(Caption, "São Paulo\x00"), {Record: 2, Number: uint8(Keywords), Value: []byte("Z\xfcrich")}}}
	if got := rec.Text(Caption); got != "São Paulo" {
		t.Errorf("Text = %q", got)
	}
	if got := rec.List(Keywords); len(got) != 1 || got[0] != "Zürich" {
		t.Errorf("List = %q", got)
	}
}
