package parse

import (
	"encoding/json"
	"github.com/cutline/cutline/caption"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cutline/cutline/internal/testcorpus"
)

// FuzzParse feeds Parse arbitrary text: the tuning captions, fragments of
// them, and the first bytes of every hostile file of the shared corpus. Parse
// must not panic, must return valid UTF-8 and well-formed dates, and must
// not find more people or places than the text has words.
func FuzzParse(f *testing.F) {
	for _, tc := range parseTable {
		f.Add(tc.text)
		f.Add(tc.text[:len(tc.text)/2])
		f.Add(strings.ToUpper(tc.text)) // the capitals pass
	}
	f.Add("")
	f.Add("((((((((((")
	f.Add("REUTERS/ / / via via via AP/")
	f.Add("(L-R) (L-R) From left, , , (2nd from R)")
	f.Add(strings.Repeat("Kim ", 500) + "(R)")
	if dir, ok := testcorpus.Find(); ok {
		for _, p := range testcorpus.Files(f, filepath.Join(dir, "bad")) {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(string(data[:min(len(data), 2048)]))
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Parse(text)
		checkFacts(t, text, got)
	})
}

var ymd = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// checkFacts checks what must hold of any caption.Facts, whatever the text.
func checkFacts(t *testing.T, text string, f caption.Facts) {
	t.Helper()
	if f.Taken != "" {
		if !ymd.MatchString(f.Taken) {
			t.Fatalf("Taken %q is not YYYY-MM-DD", f.Taken)
		}
		if _, err := time.Parse("2006-01-02", f.Taken); err != nil {
			t.Fatalf("Taken %q is not a date: %v", f.Taken, err)
		}
	}
	// Count the words of the text the parser reads (invalid bytes and
	// control characters read as spaces; "B0,Ill,US" is three words).
	words := 0
	for _, tk := range ptokenize(parseCleanText(text)) {
		if tk.kind != ptPunct {
			words++
		}
	}
	if len(f.People) > words || len(f.Places) > words || len(f.Restrictions) > words {
		t.Fatalf("%d people, %d places, %d restrictions from %d words", len(f.People), len(f.Places), len(f.Restrictions), words)
	}
	all := []string{f.Agency, f.Photographer, f.Via, f.Taken}
	all = append(all, f.Places...)
	all = append(all, f.Restrictions...)
	for _, p := range f.People {
		if strings.TrimSpace(p.Name) == "" {
			t.Fatalf("empty person name in %+v", f.People)
		}
		all = append(all, p.Name, p.Position)
	}
	for _, s := range all {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in facts: %q", s)
		}
		if len(s) > MaxParseBytes {
			t.Fatalf("fact longer than the text read: %d bytes", len(s))
		}
	}
}

// TestParseBounded checks that Parse reads at most MaxParseBytes: a credit
// after that point is not seen, and a megabyte of text costs no more than
// its first 16 KB.
func TestParseBounded(t *testing.T) {
	filler := strings.Repeat("Workers clear debris in Seoul (L) and Busan, Kim Jong Un / via ", 1+MaxParseBytes/60)
	text := filler + strings.Repeat("x", 1<<20) + " (AP Photo/Evan Vucci)"
	start := time.Now()
	got := Parse(text)
	if got.Agency == "AP" || got.Photographer != "" {
		t.Errorf("credit past MaxParseBytes was read: %+v", got)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Parse of %d bytes took %v", len(text), d)
	}
	checkFacts(t, text, got)
	// A cut inside a multi-byte rune must not leave invalid UTF-8 behind.
	odd := strings.Repeat("é", MaxParseBytes)
	checkFacts(t, odd, Parse(odd))
}

// TestParseAdversarial feeds Parse 16 KB made of one pattern repeated, the
// shapes that make a pass look at every part of the text from every other
// part (long slash chains, a credit in every parenthesis, a list marker in
// every sentence). Each must stay linear: a few milliseconds, where a
// quadratic pass took seconds.
func TestParseAdversarial(t *testing.T) {
	for _, unit := range []string{
		"A/B via C ", "(AFP) ", "Kim (R) ", "(L-R) Kim Lee, ", "From left, Kim Lee, ", "/ ", "( ",
		"photo by ", "Photo credit should read: ", "SOUTH KOREA OUT ", "NO ", "in Seoul, ",
		"the village of X ", "(2nd from L) ", "1/2/2020 ", "Jan 1 ", "EPA-EFE/", "U.S. ", "é",
		// Captions in capitals are put back into running case first.
		"PRESIDENT KIM JONG UN (C) AT THE SEOUL RAILWAY STATION IN KITZBUEHEL, AUSTRIA, ",
		"OF LEE JAE-MYUNG, ", "IN X, ",
	} {
		text := strings.Repeat(unit, MaxParseBytes/len(unit)+1)
		start := time.Now()
		got := Parse(text)
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("Parse of %q repeated took %v", unit, d)
		}
		checkFacts(t, text, got)
	}
}

// TestParseCorpusCaptions parses the captions of the shared corpus's real
// files: one is a Getty Images caption of 2002, the others are camera and
// test strings that must yield no invented credit.
func TestParseCorpusCaptions(t *testing.T) {
	dir := testcorpus.Sub(t, "truth")
	b, err := os.ReadFile(filepath.Join(dir, "ALL.simple.json"))
	if err != nil {
		t.Skip("no ALL.simple.json:", err)
	}
	var recs []struct {
		File    string  `json:"file"`
		Caption *string `json:"iptc_caption"`
		Desc    *string `json:"image_description"`
	}
	if err := json.Unmarshal(b, &recs); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range recs {
		for _, c := range []*string{r.Caption, r.Desc} {
			if c == nil {
				continue
			}
			got := Parse(*c)
			checkFacts(t, *c, got)
			if strings.HasSuffix(r.File, "Issue_122.jpg") && c == r.Caption {
				seen++
				want := caption.Facts{Agency: "Getty Images", Photographer: "Stephen Dunn", Taken: "2002-01-19"}
				if got.Agency != want.Agency || got.Photographer != want.Photographer || got.Taken != want.Taken {
					t.Errorf("%s: got %+v, want agency, photographer and date of %+v", r.File, got, want)
				}
				if !hasString(got.Places, "Rose Bowl") || !hasString(got.Places, "Pasadena") {
					t.Errorf("%s: places %q", r.File, got.Places)
				}
			} else if strings.Contains(*c, "DIGITAL CAMERA") && got.Agency != "" {
				t.Errorf("%s: camera string %q gave agency %q", r.File, *c, got.Agency)
			}
		}
	}
	if seen == 0 {
		t.Log("Issue_122.jpg caption not in this corpus")
	}
}

// benchCaption builds a text of about 2,000 bytes from the table: a dense
// worst case, with a credit, a date and places every 80 bytes.
func benchCaption() string {
	var b strings.Builder
	for _, tc := range parseTable {
		if b.Len()+len(tc.text) > 2000 {
			break
		}
		b.WriteString(tc.text)
		b.WriteByte(' ')
	}
	return b.String()
}

// longCaption is one realistic caption of about 2,000 bytes: a picture
// caption followed by the story's context, as agencies send for major news.
const longCaption = "SEOUL, South Korea - South Korean President Yoon Suk Yeol, center, attends a ceremony marking " +
	"the 73rd anniversary of the start of the Korean War at the Korea Freedom Federation in Seoul, South Korea, " +
	"Sunday, June 25, 2023. Yoon vowed to strengthen the country's alliance with the United States and to respond " +
	"sternly to North Korean provocations, days after the North launched a ballistic missile into the sea off its " +
	"east coast. The 1950-53 Korean War ended with an armistice, not a peace treaty, leaving the Korean Peninsula " +
	"technically in a state of war. Veterans from the United States, Britain, Turkey and Colombia joined the event, " +
	"which was also attended by Defense Minister Lee Jong-sup, Unification Minister Kwon Young-se and U.S. " +
	"Ambassador Philip Goldberg. Earlier in the day, North Korea held mass rallies in Pyongyang, where tens of " +
	"thousands of workers and students marched past Kim Il Sung Square carrying banners that called for revenge " +
	"against the United States, according to the Korean Central News Agency. North Korean leader Kim Jong Un did " +
	"not attend the rallies, the agency said. Analysts in Seoul said the North was likely to continue its weapons " +
	"tests through the summer, possibly including a launch of a military reconnaissance satellite after a failed " +
	"attempt on May 31, and that Pyongyang could also stage a nuclear test at its Punggye-ri site. South Korea, the " +
	"United States and Japan have expanded their joint military drills in response, including exercises near the " +
	"Demilitarized Zone (DMZ) that divides the two Koreas and naval drills in waters off Jeju Island, the " +
	"southernmost island of South Korea. The three countries' leaders are expected to meet at Camp David in " +
	"Maryland later this summer. Officials in Tokyo said Japanese Prime Minister Fumio Kishida would travel to " +
	"Washington beforehand to prepare the meeting with U.S. President Joe Biden. (AP Photo/Ahn Young-joon)"

func BenchmarkParseLong(b *testing.B) {
	b.SetBytes(int64(len(longCaption)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(longCaption)
	}
}

func BenchmarkParse(b *testing.B) {
	text := benchCaption()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(text)
	}
}

// TestParseSpeed keeps a 2,000-byte caption well under a millisecond
// (measured on the best of several runs, so that a busy machine does not
// fail it).
func TestParseSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	for _, text := range []string{benchCaption(), longCaption, strings.ToUpper(benchCaption())} {
		best := time.Hour
		for range 20 {
			start := time.Now()
			Parse(text)
			best = min(best, time.Since(start))
		}
		if best > time.Millisecond {
			t.Errorf("Parse of %d bytes took %v at best, want under 1ms", len(text), best)
		}
		t.Logf("Parse of %d bytes: %v", len(text), best)
	}
}
