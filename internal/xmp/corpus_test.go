package xmp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cutline/cutline/internal/testcorpus"
	"github.com/google/go-cmp/cmp"
)

// exiftoolDate applies ExifTool's ConvertXMPDate (Image::ExifTool::XMP),
// which it runs on XMP dates even with -n: a full date-time becomes
// "YYYY:MM:DD hh:mm[:ss]zone", and anything else starting with a year has
// its hyphens turned into colons. The truth files hold ExifTool's output;
// the package returns the packet's own text.
func exiftoolDate(v string) string {
	full := regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}:\d{2})(:\d{2})?\s*(\S*)$`)
	if m := full.FindStringSubmatch(v); m != nil {
		return m[1] + ":" + m[2] + ":" + m[3] + " " + m[4] + m[5] + m[6]
	}
	if regexp.MustCompile(`^\d{4}(-\d{2}){0,2}`).MatchString(v) {
		return strings.ReplaceAll(v, "-", ":")
	}
	return v
}

// readJSON decodes a truth file keeping numbers as written, since ExifTool
// prints numeric-looking text (a keyword "2008") as a JSON number.
func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// truthStrings turns a truth value into a list: null is none, a scalar is
// one item (ExifTool prints a one-item list as a scalar).
func truthStrings(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

func truthText(v any) string {
	return strings.Join(truthStrings(v), ", ")
}

// TestCorpusAgreement compares what the package reads from every corpus
// image that has XMP with ExifTool's reading in truth/.
func TestCorpusAgreement(t *testing.T) {
	images := corpusXMP(t)
	truthDir := testcorpus.Sub(t, "truth")

	type field struct {
		name   string // for messages
		simple string // key in .simple.json, or ""
		tag    string // key in .exiftool.json when simple is ""
		ns     string
		local  string
		list   bool
		date   bool
	}
	fields := []field{
		{"description", "xmp_description", "", NSDC, "description", false, false},
		{"headline", "xmp_headline", "", NSPhotoshop, "Headline", false, false},
		{"title", "xmp_title", "", NSDC, "title", false, false},
		{"creator", "xmp_creator", "", NSDC, "creator", true, false},
		{"credit", "xmp_credit", "", NSPhotoshop, "Credit", false, false},
		{"source", "xmp_source", "", NSPhotoshop, "Source", false, false},
		{"rights", "xmp_rights", "", NSDC, "rights", false, false},
		{"city", "xmp_city", "", NSPhotoshop, "City", false, false},
		{"subject", "xmp_subject", "", NSDC, "subject", true, false},
		{"date created", "xmp_date_created", "", NSPhotoshop, "DateCreated", false, true},
		{"person in image", "person_in_image", "", NSIptc4xmpExt, "PersonInImage", true, false},
		{"location", "", "XMP-iptcCore:Location", NSIptc4xmpCore, "Location", false, false},
		{"country code", "", "XMP-iptcCore:CountryCode", NSIptc4xmpCore, "CountryCode", false, false},
		{"state", "", "XMP-photoshop:State", NSPhotoshop, "State", false, false},
		{"country", "", "XMP-photoshop:Country", NSPhotoshop, "Country", false, false},
		{"caption writer", "", "XMP-photoshop:CaptionWriter", NSPhotoshop, "CaptionWriter", false, false},
		{"instructions", "", "XMP-photoshop:Instructions", NSPhotoshop, "Instructions", false, false},
		{"job id", "", "XMP-photoshop:TransmissionReference", NSPhotoshop, "TransmissionReference", false, false},
		{"by-line title", "", "XMP-photoshop:AuthorsPosition", NSPhotoshop, "AuthorsPosition", false, false},
	}

	var all []map[string]any
	readJSON(t, filepath.Join(truthDir, "ALL.simple.json"), &all)
	withXMP := map[string]bool{}
	for _, r := range all {
		if r["has_xmp"] == true {
			withXMP[fmt.Sprint(r["file"])] = true
		}
	}
	found := map[string]bool{}
	agree, total := 0, 0
	for _, im := range images {
		found[im.rel] = true
		var simple, full map[string]any
		readJSON(t, filepath.Join(truthDir, im.rel+".simple.json"), &simple)
		readJSON(t, filepath.Join(truthDir, im.rel+".exiftool.json"), &full)
		p, warns, err := ParseWithExtended(im.std, im.ext)
		if err != nil {
			t.Errorf("%s: %v", im.rel, err)
			continue
		}
		// Real files, extended XMP included, read without a repair.
		if len(warns) > 0 {
			t.Errorf("%s: warnings %q", im.rel, warns)
		}
		for _, f := range fields {
			var want any
			if f.simple != "" {
				want = simple[f.simple]
			} else {
				want = full[f.tag]
			}
			total++
			if f.list {
				got, w := p.List(f.ns, f.local), truthStrings(want)
				if diff := cmp.Diff(w, got); diff != "" {
					t.Errorf("%s %s (-exiftool +ours):\n%s", im.rel, f.name, diff)
					continue
				}
			} else {
				got, w := p.Text(f.ns, f.local), truthText(want)
				if f.date {
					got = exiftoolDate(got)
				}
				if got != w {
					t.Errorf("%s %s: got %q, exiftool %q", im.rel, f.name, got, w)
					continue
				}
			}
			agree++
		}
	}
	for f := range withXMP {
		if !found[f] {
			t.Errorf("%s: ExifTool finds XMP, the test's JPEG walk does not", f)
		}
	}
	for f := range found {
		if !withXMP[f] {
			t.Errorf("%s: XMP found here, ExifTool reports none", f)
		}
	}
	t.Logf("corpus agreement: %d/%d field values (%.1f%%) over %d images with XMP",
		agree, total, 100*float64(agree)/float64(max(total, 1)), len(images))
}

// exiftoolXMP runs ExifTool once over paths and returns, per path, its
// reading of the XMP tags (-j -G1 -n -XMP:all) without SourceFile.
func exiftoolXMP(t *testing.T, paths []string) map[string]map[string]any {
	t.Helper()
	args := append([]string{"-j", "-G1", "-n", "-XMP:all"}, paths...)
	out, err := exec.Command("exiftool", args...).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var recs []map[string]any
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&recs); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	res := map[string]map[string]any{}
	for _, r := range recs {
		src := fmt.Sprint(r["SourceFile"])
		delete(r, "SourceFile")
		res[src] = r
	}
	return res
}

// TestExifToolRoundTrip checks that Marshal(Parse(x)) reads back in ExifTool
// as x does, for every corpus image with XMP: x and the rewrite are both
// written to .xmp files and ExifTool reads all of them. For an image with
// extended XMP, x is the JPEG itself (ExifTool merges the parts) and
// xmpNote:HasExtendedXMP is expected to go, as Merge removes it.
func TestExifToolRoundTrip(t *testing.T) {
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool not installed")
	}
	images := corpusXMP(t)
	dir := t.TempDir()
	var paths []string
	orig := map[string]string{}
	for i, im := range images {
		p, _, err := ParseWithExtended(im.std, im.ext)
		if err != nil {
			t.Errorf("%s: %v", im.rel, err)
			continue
		}
		out, err := p.Marshal(nil)
		if err != nil {
			t.Errorf("%s: Marshal: %v", im.rel, err)
			continue
		}
		rewritten := filepath.Join(dir, fmt.Sprintf("%02d-out.xmp", i))
		if err := os.WriteFile(rewritten, out, 0o644); err != nil {
			t.Fatal(err)
		}
		source := im.path
		if len(im.ext) == 0 {
			source = filepath.Join(dir, fmt.Sprintf("%02d-in.xmp", i))
			if err := os.WriteFile(source, im.std, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		orig[rewritten] = source
		paths = append(paths, source, rewritten)
	}
	read := exiftoolXMP(t, paths)
	for i, im := range images {
		rewritten := filepath.Join(dir, fmt.Sprintf("%02d-out.xmp", i))
		want, got := read[orig[rewritten]], read[rewritten]
		if want == nil || got == nil {
			t.Errorf("%s: ExifTool read nothing", im.rel)
			continue
		}
		if len(im.ext) > 0 {
			delete(want, "XMP-xmpNote:HasExtendedXMP")
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: ExifTool reads the rewrite differently (-original +rewrite):\n%s", im.rel, diff)
		}
	}
}

// TestBadCorpus parses the XMP of every hostile file in bad/: nothing
// panics, the named XMP attacks get the behaviour they call for, and any
// packet returned survives Marshal.
func TestBadCorpus(t *testing.T) {
	payloads := badXMP(t)
	// What bad/README.md says each XMP file is, and what must happen.
	named := map[string]func(p *Packet, warns []string, err error) string{
		// Nested DTD entities: refused, never expanded.
		"gen/xmp-billion-laughs.jpg": func(p *Packet, _ []string, err error) string {
			if !errors.Is(err, ErrDTD) || p != nil {
				return fmt.Sprintf("want ErrDTD and no packet, got %v", err)
			}
			return ""
		},
		// Cut in half: the properties before the cut, and a warning.
		"gen/xmp-truncated-xml.jpg": func(p *Packet, warns []string, err error) string {
			if err != nil || p.Len() == 0 || !strings.Contains(strings.Join(warns, " "), "truncated") {
				return fmt.Sprintf("want partial properties and a truncation warning, got %v, %q", err, warns)
			}
			if got := p.Text(NSDC, "description"); got != "UTF-16 (big-endian) encoded XMP" {
				return fmt.Sprintf("description before the cut = %q", got)
			}
			return ""
		},
		// Random bytes after the XMP header: an error, no packet.
		"gen/xmp-not-xml.jpg": func(p *Packet, _ []string, err error) string {
			if err == nil || p != nil {
				return "want an error and no packet"
			}
			return ""
		},
	}
	for _, name := range []string{"gen/xmp-billion-laughs.jpg", "gen/xmp-truncated-xml.jpg", "gen/xmp-not-xml.jpg"} {
		if payloads[name] == nil {
			t.Errorf("%s: no XMP payload found", name)
		}
	}
	for name, data := range payloads {
		p, warns, err := Parse(data)
		if check := named[name]; check != nil {
			if msg := check(p, warns, err); msg != "" {
				t.Errorf("%s: %s", name, msg)
			}
		}
		if p == nil {
			continue
		}
		if _, err := p.Marshal(nil); err != nil {
			t.Errorf("%s: Marshal: %v", name, err)
		}
	}

	// Extended XMP whose chunk claims 2 GB at offset 0xFFFFFFF0: the
	// walker drops the chunk, and the standard packet reads with a warning.
	data, err := os.ReadFile(filepath.Join(testcorpus.Sub(t, "bad"), "gen", "xmp-extended-bogus-offsets.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	std, ext := jpegXMP(data)
	p, warns, err := ParseWithExtended(std, ext)
	if err != nil || !strings.Contains(strings.Join(warns, " "), "missing") {
		t.Errorf("bogus extended XMP: want the standard packet and a warning, got %v, %q", err, warns)
	}
	if p != nil && p.Text(NSXMPNote, "HasExtendedXMP") != "0123456789ABCDEF0123456789ABCDEF" {
		t.Errorf("HasExtendedXMP = %q", p.Text(NSXMPNote, "HasExtendedXMP"))
	}
}
