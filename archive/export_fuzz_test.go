package archive

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/jpegmeta"
	"github.com/cutline/cutline/internal/testcorpus"
	"github.com/google/go-cmp/cmp"
)

// TestExportBadOriginals checks that hostile originals give an error or an
// export that keeps the image data, never a panic.
func TestExportBadOriginals(t *testing.T) {
	dir := testcorpus.Sub(t, "bad")
	var ok, failed int
	for _, p := range testcorpus.Files(t, dir) {
		data, err := os.ReadFile(p)
		if err != nil || len(data) > 4<<20 {
			continue
		}
		if checkHostileExport(t, filepath.Base(p), data) {
			ok++
		} else {
			failed++
		}
	}
	t.Logf("%d hostile files exported, %d refused", ok, failed)
}

// checkHostileExport exports data with every field edited and checks the
// result when there is one. It reports whether an export was made.
func checkHostileExport(t *testing.T, label string, data []byte) bool {
	t.Helper()
	var embedded caption.Fields
	if a, err := analyze(data, math.MaxInt64); err == nil {
		embedded = a.caption
	}
	cur := oracleEdit(embedded, true)
	out, _, err := exportJPEG(data, &cur)
	if err != nil {
		return false
	}
	f, err := jpegmeta.Scan(data)
	if err != nil {
		t.Errorf("%s: exported although the original does not scan: %v", label, err)
		return true
	}
	g, err := jpegmeta.Scan(out)
	if err != nil {
		t.Errorf("%s: the export does not scan: %v", label, err)
		return true
	}
	if !bytes.Equal(data[f.SOSOffset:], out[g.SOSOffset:]) {
		t.Errorf("%s: image data changed", label)
	}
	a, err := analyze(out, math.MaxInt64)
	if err != nil {
		t.Errorf("%s: the export is rejected by the reader: %v", label, err)
		return true
	}
	for _, m := range fieldMappings {
		want := exportValues(&cur, m)
		if got, _ := a.caption.Get(m.field); !slices.Equal(got, want) {
			t.Errorf("%s: %s reads %q, want %q", label, m.field, got, want)
		}
	}
	// XMP alone carries the whole caption, as the current digest claims.
	if diff := cmp.Diff(exportedCaption(cur), mergeCaptionXMP(xmpOf(t, out))); diff != "" {
		t.Errorf("%s: XMP alone (-current +XMP):\n%s", label, diff)
	}
	return true
}

// FuzzExportOriginal exports hostile originals (seeded with the bad
// corpus and the self-made fixtures) with every field edited: no panic,
// and any export made keeps the image data and reads back the edits.
func FuzzExportOriginal(f *testing.F) {
	for _, fx := range append(exportFixtures(f), adobeFixtures(f)...) {
		f.Add(fx.data)
	}
	if dir, ok := testcorpus.Find(); ok {
		for _, p := range testcorpus.Files(f, filepath.Join(dir, "bad")) {
			if data, err := os.ReadFile(p); err == nil && len(data) <= 256<<10 {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<20 {
			return
		}
		checkHostileExport(t, "input", data)
	})
}

// FuzzExportCaption feeds the writer random captions: fields separated by
// \x1e, list items by \x1f, over one of the fixtures. What the reader gets
// back from the export must be what was written, and each container alone
// must carry it: XMP whole, IIM cut to its limits (checkMirrored).
func FuzzExportCaption(f *testing.F) {
	fx := append(exportFixtures(f), adobeFixtures(f)...)
	f.Add(uint8(0), "Headline\x1eCaption\x1eed\x1eKim\x1fLee")
	f.Add(uint8(1), "이인영 Lee In-young — Panmunjom, 판문점\x1e\x1e\x1e\x1e\x1eAFP\x1eSão Paulo\x1e© Zürich")
	f.Add(uint8(2), "\x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e2020-09-16T14:22:05+09:00\x1eZürich")
	f.Add(uint8(4), strings.Repeat("판문점 ", 500)+"\x1e\x00\x01\r\n\t \xff\xfe\x1e\x1e\x1f\x1f \x1f")
	f.Add(uint8(3), "  \x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e\x1e2024-05\x1e\x1e\x1e\x1e\x1e\x1eA\x1f\x1fB")
	f.Fuzz(func(t *testing.T, which uint8, spec string) {
		orig := fx[int(which)%len(fx)].data
		a, err := analyze(orig, DefaultMaxPixels)
		if err != nil {
			t.Fatal(err)
		}
		cur := a.caption
		parts := strings.Split(spec, "\x1e")
		for i, d := range caption.AllFields() {
			if i >= len(parts) {
				break
			}
			vals := []string{parts[i]}
			if d.List {
				vals = strings.Split(parts[i], "\x1f")
			}
			if d.List {
				// Fields.Set trims list items; the store may hold them
				// untrimmed, so set them directly.
				setListRaw(&cur, d.Name, vals)
			} else if err := cur.Set(d.Name, vals...); err != nil {
				t.Fatal(err)
			}
		}
		out, _, err := exportJPEG(orig, &cur)
		if err != nil {
			t.Fatalf("export: %v", err)
		}
		if again, _, _ := exportJPEG(orig, &cur); !bytes.Equal(again, out) {
			t.Errorf("two exports differ")
		}
		if !bytes.Equal(imageData(t, orig), imageData(t, out)) {
			t.Errorf("image data changed")
		}
		b, err := analyze(out, DefaultMaxPixels)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(exportedCaption(cur), b.caption); diff != "" {
			t.Errorf("read back (-written +read):\n%s", diff)
		}
		checkMirrored(t, orig, out, &cur)
	})
}

// setListRaw sets a list field without the trimming of Fields.Set.
func setListRaw(f *caption.Fields, name string, vals []string) {
	switch name {
	case "byline":
		f.Byline = vals
	case "keywords":
		f.Keywords = vals
	case "personsShown":
		f.PersonsShown = vals
	}
}
