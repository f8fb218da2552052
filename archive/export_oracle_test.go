package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/jpegmeta"
	"github.com/cutline/cutline/internal/testcorpus"
	"github.com/google/go-cmp/cmp"
)

// exiftoolTags names, for each field the oracle test edits, the tags
// ExifTool (-G1) reads it from in IIM and in XMP ("" when IIM has none).
var exiftoolTags = map[string][2]string{
	"headline":     {"IPTC:Headline", "XMP-photoshop:Headline"},
	"description":  {"IPTC:Caption-Abstract", "XMP-dc:Description"},
	"byline":       {"IPTC:By-line", "XMP-dc:Creator"},
	"credit":       {"IPTC:Credit", "XMP-photoshop:Credit"},
	"source":       {"IPTC:Source", "XMP-photoshop:Source"},
	"copyright":    {"IPTC:CopyrightNotice", "XMP-dc:Rights"},
	"city":         {"IPTC:City", "XMP-photoshop:City"},
	"country":      {"IPTC:Country-PrimaryLocationName", "XMP-photoshop:Country"},
	"keywords":     {"IPTC:Keywords", "XMP-dc:Subject"},
	"personsShown": {"", "XMP-iptcExt:PersonInImage"},
}

// dateTags are the tags an edited date created changes.
var dateTags = map[string]string{
	"IPTC:DateCreated":          "2020:09:16",
	"IPTC:TimeCreated":          "14:22:05+09:00",
	"XMP-photoshop:DateCreated": "2020:09:16 14:22:05+09:00",
	"Composite:DateTimeCreated": "2020:09:16 14:22:05+09:00",
}

// dateDerived are tags ExifTool derives from the IPTC date among others
// (Composite:DateTimeOriginal falls back to it without EXIF), so an
// edited date may change them.
var dateDerived = []string{"Composite:DateTimeOriginal"}

// positional are tags whose value ExifTool gives as a position in the
// file (an offset inside a segment plus the segment's own position), with
// the tag giving the length of what they point at. When the rewritten
// metadata segments change size, segments after them move, and so do
// these values; what must not change is the data they point at.
var positional = map[string]string{
	"ThumbnailOffset":   "ThumbnailLength",
	"MPImageStart":      "MPImageLength",
	"PreviewImageStart": "PreviewImageLength",
	"JpgFromRawStart":   "JpgFromRawLength",
	"OtherImageStart":   "OtherImageLength",
}

// acceptedWarning reports ExifTool warnings an export may add, with why.
// An AFCP trailer (after EOI) records absolute offsets that move when the
// metadata before the image grows or shrinks; the trailer is kept byte for
// byte with the image data, and ExifTool finds it all the same.
func acceptedWarning(w string) bool {
	return strings.HasPrefix(w, "[minor] Adjusted AFCP offsets")
}

// bookkeeping are the tags an export may change besides the edited
// fields: the file itself, the IIM envelope (1:90 UTF-8, record version
// 4), the digest, the XMP toolkit and the extended XMP GUID.
func bookkeeping(tag string) bool {
	switch tag {
	case "SourceFile", "File:CurrentIPTCDigest", "Photoshop:IPTCDigest", "IPTC:CodedCharacterSet",
		"IPTC:ApplicationRecordVersion", "XMP-x:XMPToolkit", "XMP-xmpNote:HasExtendedXMP", "ExifTool:Warning":
		return true
	}
	return strings.HasPrefix(tag, "System:")
}

// oracleCase is one original and its export, for the ExifTool comparison.
type oracleCase struct {
	label      string
	orig, out  string // paths
	current    caption.Fields
	dateEdited bool
}

// TestExportExifTool exports every self-made fixture (through the store:
// Ingest, Update, Export) and every corpus image (through the same
// writer, without the store's thumbnails) with the fields the issue names
// set to new non-ASCII values, then has ExifTool read originals and
// exports in one run: each new value must be read from IPTC and XMP, the
// digest must be current, and every other tag must be unchanged.
func TestExportExifTool(t *testing.T) {
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool not installed")
	}
	ctx := context.Background()
	s := openTemp(t)
	fx := exportFixtures(t)
	srcDir, ids := ingestFixtures(t, s, fx)
	outDir := t.TempDir()
	var cases []oracleCase
	var idList []ID
	for _, f := range fx {
		idList = append(idList, ids[f.name])
		edit(t, s, ids[f.name], func(c caption.Fields) caption.Fields { return oracleEdit(c, true) })
	}
	results, err := s.Export(ctx, idList, filepath.Join(outDir, "fixtures"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if r.Error != "" {
			t.Fatalf("%s: %s", fx[i].name, r.Error)
		}
		p, _ := s.Photo(ctx, r.ID)
		cases = append(cases, oracleCase{fx[i].name, filepath.Join(srcDir, fx[i].name), r.Path, p.Caption, true})
	}
	dirs := []string{srcDir, outDir}
	if corpus, ok := testcorpus.Find(); ok {
		images := filepath.Join(corpus, "images")
		dirs = append(dirs, images)
		for _, p := range testcorpus.Files(t, images, ".jpg", ".jpeg") {
			rel, _ := filepath.Rel(images, p)
			c, ok := exportCorpusFile(t, p, filepath.Join(outDir, "corpus", strings.ReplaceAll(rel, string(filepath.Separator), "__")))
			if ok {
				c.label = rel
				cases = append(cases, c)
			}
		}
	}
	tags := runExifTool(t, dirs)
	var compared, exceptions int
	for _, c := range cases {
		n, bad := compareExifTool(t, c, tags[c.orig], tags[c.out])
		compared += n
		exceptions += bad
		orig, _ := os.ReadFile(c.orig)
		out, _ := os.ReadFile(c.out)
		// Pixels are decoded for images up to 4 MP (most of the corpus);
		// for the larger ones the identical tables, frame header and scan
		// bytes checked by checkKept already fix the decoded pixels.
		f, _ := jpegmeta.Scan(orig)
		checkKept(t, c.label, orig, out, f != nil && f.Width*f.Height <= 4_000_000)
		if a, err := analyze(out, DefaultMaxPixels); err != nil {
			t.Errorf("%s: the export is rejected: %v", c.label, err)
		} else if diff := cmp.Diff(c.current, a.caption); diff != "" {
			t.Errorf("%s: read back (-current +export):\n%s", c.label, diff)
		}
	}
	t.Logf("%d files, %d unchanged tags compared, %d differences", len(cases), compared, exceptions)
}

// exportCorpusFile exports one corpus image with the oracle edits.
func exportCorpusFile(t *testing.T, path, dest string) (oracleCase, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analyze(data, DefaultMaxPixels)
	if err != nil {
		t.Logf("%s: not ingestible, skipped: %v", path, err)
		return oracleCase{}, false
	}
	cur := oracleEdit(a.caption, false)
	out, _, err := exportJPEG(data, &a.caption, &cur)
	if err != nil {
		// Only a file without image data may be refused.
		if _, serr := jpegmeta.Scan(data); serr == nil {
			t.Errorf("%s: %v", path, err)
		} else {
			t.Logf("%s: not exportable: %v", path, err)
		}
		return oracleCase{}, false
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dest, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return oracleCase{orig: path, out: dest, current: cur}, true
}

// runExifTool reads every JPEG under dirs in one ExifTool run and returns
// the tags of each file by absolute path.
func runExifTool(t *testing.T, dirs []string) map[string]map[string]json.RawMessage {
	t.Helper()
	args := append([]string{"-j", "-G1", "-n", "-r", "-ext", "jpg", "-ext", "jpeg"}, dirs...)
	out, err := exec.Command("exiftool", args...).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	byPath := map[string]map[string]json.RawMessage{}
	for _, m := range list {
		var p string
		json.Unmarshal(m["SourceFile"], &p)
		byPath[filepath.Clean(p)] = m
	}
	return byPath
}

// etValues turns an ExifTool JSON value into strings: a list stays a
// list, numbers keep their spelling.
func etValues(raw json.RawMessage) []string {
	if raw == nil {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return []string{string(raw)}
	}
	one := func(x any) string {
		if s, ok := x.(string); ok {
			return s
		}
		return fmt.Sprint(x)
	}
	if l, ok := v.([]any); ok {
		out := make([]string, len(l))
		for i, x := range l {
			out[i] = one(x)
		}
		return out
	}
	return []string{one(v)}
}

// compareExifTool checks one export against its original as ExifTool
// reads them, and returns the number of unchanged tags compared and of
// differences found.
func compareExifTool(t *testing.T, c oracleCase, before, after map[string]json.RawMessage) (compared, bad int) {
	t.Helper()
	if before == nil || after == nil {
		t.Errorf("%s: ExifTool did not read the original or the export", c.label)
		return 0, 1
	}
	edited := map[string]bool{}
	for field, names := range exiftoolTags {
		m := mapping(field)
		vals := exportValues(&c.current, m)
		for i, tag := range names {
			if tag == "" {
				continue
			}
			edited[tag] = true
			want := vals
			if i == 0 {
				want = wantIIM(m, vals)
			}
			if got := etValues(after[tag]); !slices.Equal(got, want) {
				t.Errorf("%s: %s = %q, want %q", c.label, tag, got, want)
				bad++
			}
		}
	}
	if c.dateEdited {
		for _, tag := range dateDerived {
			edited[tag] = true
		}
		for tag, want := range dateTags {
			edited[tag] = true
			if got := etValues(after[tag]); !slices.Equal(got, []string{want}) {
				t.Errorf("%s: %s = %q, want %q", c.label, tag, got, want)
				bad++
			}
		}
	}
	if d := etValues(after["Photoshop:IPTCDigest"]); len(d) != 1 || !slices.Equal(d, etValues(after["File:CurrentIPTCDigest"])) {
		t.Errorf("%s: IPTC digest %q is not current (%q)", c.label, d, etValues(after["File:CurrentIPTCDigest"]))
		bad++
	}
	if w := etValues(after["ExifTool:Warning"]); w != nil && !slices.Equal(w, etValues(before["ExifTool:Warning"])) {
		if len(w) == 1 && acceptedWarning(w[0]) {
			t.Logf("%s: accepted ExifTool warning %q", c.label, w[0])
		} else {
			t.Errorf("%s: new ExifTool warning %q", c.label, w)
			bad++
		}
	}
	// Lang-alt alternatives of an edited field (XMP-dc:Description-de)
	// belong to it: SetLangAlt drops them on purpose.
	isEdited := func(tag string) bool {
		if i := strings.LastIndex(tag, "-"); strings.HasPrefix(tag, "XMP-") && i > len("XMP-") {
			return edited[tag] || edited[tag[:i]]
		}
		return edited[tag]
	}
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	for k := range keys {
		if bookkeeping(k) || isEdited(k) {
			continue
		}
		compared++
		if _, name, _ := strings.Cut(k, ":"); positional[name] != "" {
			// The value may move; the data it points at must not change.
			if !samePointee(t, c, k, before, after) {
				t.Errorf("%s: %s no longer points at the same data: %s → %s", c.label, k, clip(before[k]), clip(after[k]))
				bad++
			}
			continue
		}
		if !bytes.Equal(before[k], after[k]) {
			t.Errorf("%s: %s changed: %s → %s", c.label, k, clip(before[k]), clip(after[k]))
			bad++
		}
	}
	t.Logf("%s: %d tags compared unchanged, %d edited tags checked", c.label, compared-bad, len(edited))
	return compared, bad
}

// samePointee reports whether a positional tag still points at the same
// bytes. A pointer with no length, or one that lay outside the original
// already (the tiny test images of ExifTool carry made-up offsets), can
// only be checked for staying put or moving with a kept segment.
func samePointee(t *testing.T, c oracleCase, tag string, before, after map[string]json.RawMessage) bool {
	group, name, _ := strings.Cut(tag, ":")
	lenTag := positional[name]
	num := func(m map[string]json.RawMessage, k string) int {
		v := etValues(m[k])
		if len(v) != 1 {
			return -1
		}
		n, err := strconv.Atoi(v[0])
		if err != nil {
			return -1
		}
		return n
	}
	x0, x1, n := num(before, tag), num(after, tag), num(before, group+":"+lenTag)
	orig, _ := os.ReadFile(c.orig)
	out, _ := os.ReadFile(c.out)
	if x0 < 0 || x1 < 0 {
		return false
	}
	if n > 0 && x0+n <= len(orig) {
		return x1+n <= len(out) && bytes.Equal(orig[x0:x0+n], out[x1:x1+n])
	}
	if x0 == x1 {
		return true
	}
	for _, d := range segmentShifts(t, orig, out) {
		if x1-x0 == d {
			t.Logf("%s: %s points at no data in the file (%d+%d of %d bytes); it moved with its segment by %d", c.label, tag, x0, n, len(orig), d)
			return true
		}
	}
	return false
}

// segmentShifts returns how far each kept segment moved.
func segmentShifts(t testing.TB, orig, out []byte) []int {
	f, err := jpegmeta.Scan(orig)
	if err != nil {
		return nil
	}
	g, err := jpegmeta.Scan(out)
	if err != nil {
		return nil
	}
	var a, b []int
	for _, s := range f.Segments {
		if k := s.Kind; k != jpegmeta.KindXMP && k != jpegmeta.KindExtendedXMP && k != jpegmeta.KindPhotoshop {
			a = append(a, s.Offset)
		}
	}
	for _, s := range g.Segments {
		if k := s.Kind; k != jpegmeta.KindXMP && k != jpegmeta.KindExtendedXMP && k != jpegmeta.KindPhotoshop {
			b = append(b, s.Offset)
		}
	}
	var d []int
	for i := range min(len(a), len(b)) {
		d = append(d, b[i]-a[i])
	}
	return d
}

func clip(b []byte) string {
	if b == nil {
		return "(absent)"
	}
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}

func mapping(field string) fieldMapping {
	for _, m := range fieldMappings {
		if m.field == field {
			return m
		}
	}
	panic("no mapping for " + field)
}
