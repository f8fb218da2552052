package caption

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
)

// loadDeskCodes parses the committed Photo Mechanic-style file: CRLF line
// ends, comments, trailing Excel tabs, quoted cells and a few bad lines.
func loadDeskCodes(t *testing.T) *Codes {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "codes_korea_desk.txt"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCodes(data)
	if err != nil {
		t.Fatalf("ParseCodes: %v", err)
	}
	return c
}

func TestParseCodesDeskFile(t *testing.T) {
	c := loadDeskCodes(t)
	wantCodes := []string{"jyj", "khj", "jch", "ayj", "csom", "moon", "MOON", "kju", "lee", "pelosi", "omar", "potus", "aoc", "pmj", "dc", "show", "play", "sel", "#1"}
	if diff := cmp.Diff(wantCodes, c.List()); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	// One warning per bad line, naming the line; the duplicate potus
	// (line 34) overrides line 19.
	wantWarnings := []string{
		`line 31: no tab after the code "ssb    spaces instead of a tab" (Photo Mechanic needs a tab, not spaces, between columns)`,
		"line 32: empty code in column 1",
		`line 33: code "empty" has no replacement`,
		`line 34: code "potus" was already defined on line 19; the later line wins`,
	}
	if diff := cmp.Diff(wantWarnings, c.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	lookups := []struct {
		code string
		n    int
		want string
		ok   bool
	}{
		{"moon", 1, "South Korean President Moon Jae-in", true},
		{"moon", 3, "President", true},
		{"moon", 4, "", false},          // trailing Excel tabs are not columns
		{"potus", 3, "President", true}, // from the later line
		{"dc", 1, "Washington, D.C.", true},
		{"show", 1, `"Hamilton"`, true},
		{"play", 1, `"Macbeth"`, true}, // typed with quotes by hand: kept
		{"jyj", 0, "", false},          // #0 names no column
		{"Jyj", 1, "", false},          // codes are case-sensitive
	}
	for _, l := range lookups {
		got, ok := c.Lookup(l.code, l.n)
		if got != l.want || ok != l.ok {
			t.Errorf("Lookup(%q, %d) = %q, %v; want %q, %v", l.code, l.n, got, ok, l.want, l.ok)
		}
	}
}

func TestCodesExpand(t *testing.T) {
	c := loadDeskCodes(t)
	tests := []struct {
		name, in, want string
		unexpanded     []string
	}{
		{"one code", "=moon= speaks", "South Korean President Moon Jae-in speaks", nil},
		{"several codes", "=moon= (R) and =kju= (L) at =pmj=.",
			"South Korean President Moon Jae-in (R) and North Korean leader Kim Jong Un (L) at the truce village of Panmunjom in the Demilitarized Zone (DMZ).", nil},
		{"column numbers count replacements from 1", "=moon#1=, =moon#2=, =moon#3=",
			"South Korean President Moon Jae-in, Moon, President", nil},
		{"case-sensitive codes", "=MOON= is not =Moon=", "MOON JAE-IN is not =Moon=", []string{"Moon"}},
		{"missing column is reported and left as typed", "=aoc#2= and =aoc#3=", "Ocasio-Cortez and =aoc#3=", []string{"aoc#3"}},
		{"#0 is no column", "=jyj#0=", "=jyj#0=", []string{"jyj#0"}},
		{"unknown code", "Photo by =xyz=", "Photo by =xyz=", []string{"xyz"}},
		{"unknown codes reported once", "=xyz= =xyz=", "=xyz= =xyz=", []string{"xyz"}},
		{"a code with # in it wins over a column", "=#1=", "number one seed", nil},
		{"prose between delimiters is not a code", "E = mc2 = energy", "E = mc2 = energy", nil},
		{"double delimiter stays", "a == b", "a == b", nil},
		{"scan resumes at the closing delimiter", "x=1 =potus=", "x=1 President Joe Biden", nil},
		{"unknown then known", "=nope==jyj=", "=nope=Jung Yeon-je", []string{"nope"}},
		{"unclosed code", "=moon", "=moon", nil},
		{"codes do not span lines", "=moon\n=", "=moon\n=", nil},
		{"replacement is not expanded again", "=sel=", "SEOUL, South Korea, {apdate} —", nil},
		{"non-ASCII around codes", "«=khj=» — 사진", "«Kim Hong-Ji» — 사진", nil},
		{"empty text", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unexpanded := c.Expand(tt.in)
			if got != tt.want {
				t.Errorf("Expand(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if diff := cmp.Diff(tt.unexpanded, unexpanded); diff != "" {
				t.Errorf("unexpanded (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCodesDelimiterAndNil(t *testing.T) {
	c := loadDeskCodes(t)
	c.Delimiter = '%'
	// A user who changed the delimiter types %code%; "=" is then text.
	if got, _ := c.Expand("%jyj% =jyj="); got != "Jung Yeon-je =jyj=" {
		t.Errorf("with %% delimiter got %q", got)
	}
	var none *Codes
	if got, u := none.Expand("=jyj="); got != "=jyj=" || u != nil {
		t.Errorf("nil Codes expanded: %q %v", got, u)
	}
}

// encode1252 writes s in Windows-1252 (only the characters the test uses).
func encode1252(t *testing.T, s string) []byte {
	t.Helper()
	var b []byte
	for _, r := range s {
		switch {
		case r < 0x80 || r >= 0xA0 && r <= 0xFF:
			b = append(b, byte(r))
		case r == '“':
			b = append(b, 0x93)
		case r == '”':
			b = append(b, 0x94)
		case r == '’':
			b = append(b, 0x92)
		case r == '–':
			b = append(b, 0x96)
		case r == '€':
			b = append(b, 0x80)
		default:
			t.Fatalf("encode1252: %q not in the test's table", r)
		}
	}
	return b
}

func encodeUTF16(s string, bigEndian bool) []byte {
	u := utf16.Encode([]rune(s))
	var b []byte
	if bigEndian {
		b = append(b, 0xFE, 0xFF)
	} else {
		b = append(b, 0xFF, 0xFE)
	}
	for _, x := range u {
		if bigEndian {
			b = append(b, byte(x>>8), byte(x))
		} else {
			b = append(b, byte(x), byte(x>>8))
		}
	}
	return b
}

func TestParseCodesEncodings(t *testing.T) {
	const text = "// Excel export\r\njose\tJosé María “Pepe” Martínez\r\nodon\tSinéad O’Connor – singer\r\n"
	want := map[string]string{
		"jose": "José María “Pepe” Martínez",
		"odon": "Sinéad O’Connor – singer",
	}
	tests := []struct {
		name     string
		data     []byte
		warnings []string
	}{
		// Plain UTF-8 with CRLF.
		{"utf-8", []byte(text), nil},
		// Notepad's UTF-8 with a BOM.
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), nil},
		// Excel on Windows, "Text (Tab delimited)".
		{"windows-1252", encode1252(t, text), []string{"codes file not valid UTF-8; decoded as Windows-1252"}},
		// Excel's "Unicode Text".
		{"utf-16le", encodeUTF16(text, false), []string{"codes file decoded as UTF-16LE"}},
		{"utf-16be", encodeUTF16(text, true), []string{"codes file decoded as UTF-16BE"}},
		// Classic Mac line ends.
		{"cr only", []byte(strings.ReplaceAll(text, "\r\n", "\r")), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseCodes(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			for code, w := range want {
				if got, _ := c.Lookup(code, 1); got != w {
					t.Errorf("%s = %q; want %q", code, got, w)
				}
			}
			if diff := cmp.Diff(tt.warnings, c.Warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseCodesRejects(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		// A JPEG handed over by mistake: NUL bytes and no BOM.
		{"binary", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00")},
		// UTF-16 with a BOM but a dangling byte.
		{"odd utf-16", []byte{0xFF, 0xFE, 'a', 0, 'b'}},
		// UTF-16 that decodes to a NUL.
		{"utf-16 nul", []byte{0xFF, 0xFE, 'a', 0, 0, 0}},
		// Larger than any codes file.
		{"too large", bytes.Repeat([]byte("a\tb\n"), MaxTextFileSize/4+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseCodes(tt.data)
			if !errors.Is(err, ErrNotText) {
				t.Errorf("ParseCodes = %v, %v; want ErrNotText", c, err)
			}
		})
	}
	// An empty file is an empty table, not an error.
	c, err := ParseCodes(nil)
	if err != nil || c.Len() != 0 {
		t.Errorf("empty file: %v, %d codes", err, c.Len())
	}
}

func TestParseCodesWarningCap(t *testing.T) {
	var b strings.Builder
	for range 500 {
		b.WriteString("no tab here\n")
	}
	c, err := ParseCodes([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != codesMaxWarnings+1 || c.Warnings[codesMaxWarnings] != "… and 400 more warnings" {
		t.Errorf("got %d warnings, last %q", len(c.Warnings), c.Warnings[len(c.Warnings)-1])
	}
}

func TestCodesExpandLimit(t *testing.T) {
	// 64 KiB replacements: twenty of them pass the 1 MiB cap.
	big := strings.Repeat("x", 64<<10)
	c, err := ParseCodes([]byte("big\t" + big + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Repeat("=big= ", 20) + "=other="
	out, unexpanded := c.Expand(in)
	if len(out) > MaxExpandedLen+len(in) {
		t.Errorf("output %d bytes, over the cap", len(out))
	}
	if n := strings.Count(out, big); n != MaxExpandedLen/len(big)-1 && n != MaxExpandedLen/len(big) {
		t.Errorf("%d replacements made before the cap", n)
	}
	if diff := cmp.Diff([]string{"big", "other"}, unexpanded); diff != "" {
		t.Errorf("unexpanded after the cap (-want +got):\n%s", diff)
	}
}
