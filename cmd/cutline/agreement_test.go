package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/internal/testcorpus"
)

// cli runs cutline in-process and returns its exit code, stdout and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// truthFile is the part of ExifTool's reading (truth/*.simple.json) the
// agreement test compares.
type truthFile struct {
	File              string   `json:"file"`
	Width             *int     `json:"width"`
	Height            *int     `json:"height"`
	Make              any      `json:"make"`
	Model             any      `json:"model"`
	Orientation       *int     `json:"orientation"`
	DateTimeOriginal  any      `json:"datetime_original"`
	OffsetTimeOrig    any      `json:"offset_time_original"`
	GPSLat            *float64 `json:"gps_latitude"`
	GPSLon            *float64 `json:"gps_longitude"`
	ImageDescription  any      `json:"image_description"`
	IPTCCaption       any      `json:"iptc_caption"`
	XMPDescription    any      `json:"xmp_description"`
	IPTCHeadline      any      `json:"iptc_headline"`
	XMPHeadline       any      `json:"xmp_headline"`
	IPTCObjectName    any      `json:"iptc_object_name"`
	XMPTitle          any      `json:"xmp_title"`
	IPTCByline        []any    `json:"iptc_byline"`
	XMPCreator        []any    `json:"xmp_creator"`
	EXIFArtist        any      `json:"exif_artist"`
	IPTCCredit        any      `json:"iptc_credit"`
	XMPCredit         any      `json:"xmp_credit"`
	IPTCSource        any      `json:"iptc_source"`
	XMPSource         any      `json:"xmp_source"`
	IPTCCopyright     any      `json:"iptc_copyright"`
	XMPRights         any      `json:"xmp_rights"`
	EXIFCopyright     any      `json:"exif_copyright"`
	IPTCCity          any      `json:"iptc_city"`
	XMPCity           any      `json:"xmp_city"`
	IPTCState         any      `json:"iptc_province_state"`
	IPTCCountry       any      `json:"iptc_country"`
	IPTCSublocation   any      `json:"iptc_sublocation"`
	IPTCKeywords      []any    `json:"iptc_keywords"`
	XMPSubject        []any    `json:"xmp_subject"`
	IPTCDateCreated   any      `json:"iptc_date_created"`
	IPTCTimeCreated   any      `json:"iptc_time_created"`
	XMPDateCreated    any      `json:"xmp_date_created"`
	PersonInImage     []any    `json:"person_in_image"`
	IPTCDigestCurrent bool     `json:"iptc_digest_current"`
}

// pair is one (file, field) comparison.
type pair struct {
	file, field string
	want, got   string
	ok          bool
	reason      string
}

// TestCorpusAgreement ingests every image of the shared corpus through the
// CLI, reads each back with "show --json", and compares every field the
// archive reads with ExifTool's reading of the same file. It fails when
// fewer than 99% of the (file, field) pairs where ExifTool has a value
// agree, and lists every disagreement.
func TestCorpusAgreement(t *testing.T) {
	images := testcorpus.Sub(t, "images")
	truthDir := testcorpus.Sub(t, "truth")
	var truths []truthFile
	b, err := os.ReadFile(filepath.Join(truthDir, "ALL.simple.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &truths); err != nil {
		t.Fatal(err)
	}

	arch := filepath.Join(t.TempDir(), "archive")
	code, out, stderr := cli(t, "--archive", arch, "--json", "ingest", images)
	var rep archive.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("ingest --json printed something else than the report (%v):\n%s\n%s", err, out, stderr)
	}
	// MANIFEST.tsv sits among the images; it is the one file to reject.
	if code != 1 || len(rep.Rejected) != 1 || !strings.HasSuffix(rep.Rejected[0].Path, "MANIFEST.tsv") {
		t.Errorf("ingest exit %d, rejected %+v; want 1 and only MANIFEST.tsv", code, rep.Rejected)
	}
	byPath := map[string]archive.ID{}
	for _, in := range rep.Ingested {
		rel, _ := filepath.Rel(images, in.Path)
		byPath[rel] = in.ID
	}

	var pairs []pair
	for _, tr := range truths {
		id, ok := byPath[tr.File]
		if !ok {
			t.Errorf("%s: not ingested", tr.File)
			continue
		}
		code, out, stderr := cli(t, "--archive", arch, "--json", "show", string(id)[:10])
		if code != 0 {
			t.Fatalf("show %s: exit %d: %s", tr.File, code, stderr)
		}
		var p archive.Photo
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatalf("show %s: %v", tr.File, err)
		}
		extra := readExifToolJSON(t, filepath.Join(truthDir, tr.File+".exiftool.json"))
		pairs = append(pairs, compareTruth(tr, extra, &p)...)
	}

	agree, perField := 0, map[string][2]int{}
	for _, p := range pairs {
		c := perField[p.field]
		c[1]++
		if p.ok {
			agree++
			c[0]++
		} else {
			t.Logf("DISAGREE %s %s: ExifTool %q, cutline %q — %s", p.file, p.field, p.want, p.got, p.reason)
		}
		perField[p.field] = c
	}
	names := make([]string, 0, len(perField))
	for k := range perField {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		t.Logf("%-14s %3d/%3d", k, perField[k][0], perField[k][1])
	}
	rate := float64(agree) / float64(len(pairs))
	t.Logf("agreement: %d of %d (file, field) pairs = %.2f%%", agree, len(pairs), 100*rate)
	if len(pairs) < 500 {
		t.Errorf("only %d pairs compared; the corpus should give well over 500", len(pairs))
	}
	if rate < 0.99 {
		t.Errorf("agreement %.2f%% is below 99%%", 100*rate)
	}
}

func readExifToolJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// str renders an ExifTool value (which -n may print as a number) as text;
// whitespace-only values count as absent, as cutline does not keep them.
func str(v any) string {
	if v == nil {
		return ""
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case float64:
		s = strings.TrimSuffix(fmt.Sprintf("%f", x), ".000000")
		if x == math.Trunc(x) {
			s = fmt.Sprintf("%.0f", x)
		}
	default:
		s = fmt.Sprint(x)
	}
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return s
}

func strs(vs []any) []string {
	var out []string
	for _, v := range vs {
		if s := str(v); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func first(vs ...any) string {
	for _, v := range vs {
		if s := str(v); s != "" {
			return s
		}
	}
	return ""
}

func firstList(ls ...[]string) []string {
	for _, l := range ls {
		if len(l) > 0 {
			return l
		}
	}
	return nil
}

// compareTruth lists the (field, want, got) pairs of one file where
// ExifTool has a value. Expected caption values follow cutline's
// precedence (XMP over IIM over EXIF), applied to ExifTool's readings.
func compareTruth(tr truthFile, et map[string]any, p *archive.Photo) []pair {
	var out []pair
	add := func(field, want, got, reason string) {
		if want == "" {
			return
		}
		if want != got && strings.Contains(want, "?") && latin1Match(want, got) {
			reason = "ExifTool prints ? for a byte that is not UTF-8; cutline reads it as Windows-1252"
		}
		out = append(out, pair{file: tr.File, field: field, want: want, got: got, ok: want == got, reason: reason})
	}
	addList := func(field string, want, got []string) {
		if len(want) == 0 {
			return
		}
		w, g := strings.Join(want, "; "), strings.Join(got, "; ")
		out = append(out, pair{file: tr.File, field: field, want: w, got: g, ok: slices.Equal(want, got), reason: "list differs"})
	}
	// Size: ExifTool reports the SOF size as coded; cutline reports it
	// after orientation.
	if tr.Width != nil && tr.Height != nil && *tr.Width > 0 && *tr.Height > 0 {
		w, h := *tr.Width, *tr.Height
		if p.Orientation >= 5 {
			w, h = h, w
		}
		add("size", fmt.Sprintf("%dx%d", w, h), fmt.Sprintf("%dx%d", p.Width, p.Height), "SOF size after orientation")
	}
	cam := archive.Camera{}
	if p.Camera != nil {
		cam = *p.Camera
	}
	add("make", strings.TrimSpace(str(tr.Make)), cam.Make, "EXIF Make")
	add("model", strings.TrimSpace(str(tr.Model)), cam.Model, "EXIF Model")
	add("lens", strings.TrimSpace(str(et["ExifIFD:LensModel"])), cam.Lens, "EXIF LensModel")
	if tr.Orientation != nil && *tr.Orientation >= 1 && *tr.Orientation <= 8 {
		add("orientation", fmt.Sprint(*tr.Orientation), fmt.Sprint(p.Orientation), "EXIF Orientation")
	}
	if dto := str(tr.DateTimeOriginal); len(dto) >= 19 {
		want := strings.Replace(strings.Replace(dto[:10], ":", "-", 2), "", "", 0) + "T" + dto[11:19]
		want += str(tr.OffsetTimeOrig)
		add("taken", want, p.Taken, "EXIF DateTimeOriginal (+ OffsetTimeOriginal)")
	}
	if tr.GPSLat != nil && tr.GPSLon != nil {
		want := fmt.Sprintf("%.6f,%.6f", *tr.GPSLat, *tr.GPSLon)
		got := ""
		if p.GPS != nil {
			got = fmt.Sprintf("%.6f,%.6f", p.GPS.Lat, p.GPS.Lon)
		}
		add("gps", want, got, "EXIF GPS")
	}
	c := p.Caption
	add("headline", first(tr.XMPHeadline, tr.IPTCHeadline), c.Headline, "XMP over IIM")
	add("description", first(tr.XMPDescription, tr.IPTCCaption, tr.ImageDescription), c.Description, "XMP over IIM over EXIF")
	add("title", first(tr.XMPTitle, tr.IPTCObjectName), c.Title, "XMP over IIM")
	addList("byline", firstList(strs(tr.XMPCreator), strs(tr.IPTCByline), strs([]any{tr.EXIFArtist})), c.Byline)
	add("credit", first(tr.XMPCredit, tr.IPTCCredit), c.Credit, "XMP over IIM")
	add("source", first(tr.XMPSource, tr.IPTCSource), c.Source, "XMP over IIM")
	add("copyright", first(tr.XMPRights, tr.IPTCCopyright, tr.EXIFCopyright), c.Copyright, "XMP over IIM over EXIF")
	add("city", first(tr.XMPCity, tr.IPTCCity), c.City, "XMP over IIM")
	add("state", first(et["XMP-photoshop:State"], tr.IPTCState), c.State, "XMP over IIM")
	add("country", first(et["XMP-photoshop:Country"], tr.IPTCCountry), c.Country, "XMP over IIM")
	add("sublocation", first(et["XMP-iptcCore:Location"], tr.IPTCSublocation), c.Sublocation, "XMP over IIM")
	add("countryCode", first(et["XMP-iptcCore:CountryCode"], et["IPTC:Country-PrimaryLocationCode"]), c.CountryCode, "XMP over IIM")
	add("captionWriter", first(et["XMP-photoshop:CaptionWriter"], et["IPTC:Writer-Editor"]), c.CaptionWriter, "XMP over IIM")
	add("instructions", first(et["XMP-photoshop:Instructions"], et["IPTC:SpecialInstructions"]), c.Instructions, "XMP over IIM")
	add("jobId", first(et["XMP-photoshop:TransmissionReference"], et["IPTC:OriginalTransmissionReference"]), c.JobID, "XMP over IIM")
	add("bylineTitle", first(et["XMP-photoshop:AuthorsPosition"], et["IPTC:By-lineTitle"]), c.BylineTitle, "XMP over IIM")
	addList("keywords", firstList(strs(tr.XMPSubject), strs(tr.IPTCKeywords)), c.Keywords)
	addList("personsShown", strs(tr.PersonInImage), c.PersonsShown)
	add("dateCreated", exifToolDate(first(tr.XMPDateCreated), first(tr.IPTCDateCreated), first(tr.IPTCTimeCreated)), c.DateCreated, "XMP over IIM, ISO 8601")
	return out
}

// exifToolDate turns ExifTool's "2004:02:26" (+ "14:22:05+01:00") or XMP
// "2004:02:26 14:22:05.123+01:00" into the ISO 8601 form cutline keeps.
func exifToolDate(xmpDate, iimDate, iimTime string) string {
	d := xmpDate
	if d == "" && iimDate != "" {
		d = iimDate
		if iimTime != "" {
			d += " " + iimTime
		}
	}
	d = exifToolDateRE.ReplaceAllString(d, "$1-$2-$3")
	return exifToolSpaceRE.ReplaceAllString(d, "${1}T$2")
}

var (
	exifToolDateRE  = regexp.MustCompile(`(\d{4}):(\d{2}):(\d{2})`)
	exifToolSpaceRE = regexp.MustCompile(`(\d{4}-\d{2}-\d{2}) (\d{2}:)`)
)

// latin1Match reports whether got equals want with each "?" of want
// standing for one non-ASCII character of got.
func latin1Match(want, got string) bool {
	w, g := []rune(want), []rune(got)
	if len(w) != len(g) {
		return false
	}
	for i := range w {
		if w[i] != g[i] && !(w[i] == '?' && g[i] > 0x7f) {
			return false
		}
	}
	return true
}
