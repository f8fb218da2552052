package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/google/go-cmp/cmp"
)

func TestPhotoIsDeterministic(t *testing.T) {
	for _, o := range []*Options{nil, {Small: true, Bodies: 3}} {
		a, err := Photo(5, o)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Photo(5, o)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Data, b.Data) || a.Name != b.Name {
			t.Errorf("options %+v: photo 5 differs between two calls", o)
		}
		c, err := Photo(6, o)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a.Data, c.Data) {
			t.Errorf("options %+v: photos 5 and 6 are the same file", o)
		}
	}
}

func TestSeedCaptionsAreVerbatim(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seed-article.txt"))
	if err != nil {
		article, err = os.ReadFile("/work/shared/seed-article.txt")
	}
	if err != nil {
		t.Skip("seed article not found:", err)
	}
	for _, f := range SeedCaptions() {
		if !bytes.Contains(article, []byte(f.Description)) {
			t.Errorf("seed caption not in the article verbatim: %q", f.Description)
		}
	}
}

// TestIngestedDemo ingests a demo set and checks what the archive reads
// back: the captions as generated, the orientation applied, and the
// files made to show warnings showing them.
func TestIngestedDemo(t *testing.T) {
	s, err := archive.Open(filepath.Join(t.TempDir(), "a"), &archive.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	const n = 12
	start := time.Now()
	rep, err := Ingest(ctx, s, "demo", &Options{N: n})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d photos generated and ingested in %v", n, time.Since(start))
	if len(rep.Ingested) != n || len(rep.Rejected) != 0 {
		t.Fatalf("report: %d ingested, rejected %v", len(rep.Ingested), rep.Rejected)
	}
	byName := map[string]*archive.Photo{}
	for _, in := range rep.Ingested {
		p, err := s.Photo(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		byName[p.Name] = p
	}
	for i := 0; i < n; i++ {
		f, err := Photo(i, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := byName[f.Name]
		if p == nil {
			t.Fatalf("%s not ingested", f.Name)
		}
		if d := cmp.Diff(f.Caption, p.Caption); d != "" {
			t.Errorf("%s: caption read back differs (-generated +archive):\n%s", f.Name, d)
		}
		sz := sizes[i%len(sizes)]
		w, h := sz.w, sz.h
		if sz.orientation >= 5 {
			w, h = h, w
		}
		if p.Width != w || p.Height != h {
			t.Errorf("%s: %d×%d, want %d×%d (orientation %d)", f.Name, p.Width, p.Height, w, h, sz.orientation)
		}
		if p.Camera == nil || p.Camera.Model == "" || p.Taken == "" {
			t.Errorf("%s: EXIF camera %+v taken %q", f.Name, p.Camera, p.Taken)
		}
	}
	has := func(name, sub string) bool {
		return slices.ContainsFunc(byName[name].Warnings, func(w string) bool { return strings.Contains(w, sub) })
	}
	if !has("demo-0007.jpg", "no preview") {
		t.Errorf("the cut-off photo has no 'no preview' warning: %q", byName["demo-0007.jpg"].Warnings)
	}
	if !has("demo-0004.jpg", "IIM allows 2000") {
		t.Errorf("the long caption has no IIM limit warning: %q", byName["demo-0004.jpg"].Warnings)
	}
	if !has("demo-0006.jpg", "IIM and XMP disagree on headline") {
		t.Errorf("the disagreeing photo has no warning: %q", byName["demo-0006.jpg"].Warnings)
	}
	if got := byName["demo-0001.jpg"].Caption.Description; !strings.HasPrefix(got, "US Rep. Ilhan Omar") {
		t.Errorf("photo 1 caption %q", got)
	}
	if got := byName["demo-0002.jpg"].Taken; !strings.HasPrefix(got, "2020-09-16T") {
		t.Errorf("photo 2 taken %q, want the day of its caption", got)
	}
}

// TestSmallBodiesStillDistinct checks that reusing pictures keeps every
// file distinct, so a load-test archive has as many photos as asked.
func TestSmallBodiesStillDistinct(t *testing.T) {
	dir := t.TempDir()
	paths, err := WriteFiles(context.Background(), dir, &Options{N: 30, Small: true, Bodies: 4})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		id := string(archive.IDOf(b))
		if seen[id] {
			t.Errorf("%s duplicates an earlier file", p)
		}
		seen[id] = true
		if len(b) > 8<<10 {
			t.Errorf("%s is %d bytes; small photos should stay small", p, len(b))
		}
	}
}

// TestEmbedReadByExifTool checks the embedded metadata with the oracle.
func TestEmbedReadByExifTool(t *testing.T) {
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool not installed")
	}
	img, err := Photo(9, &Options{Small: true})
	if err != nil {
		t.Fatal(err)
	}
	iim := caption.Fields{Headline: "IIM héadline", Keywords: []string{"a", "b"}, DateCreated: "2020-09-16T10:11:12+09:00"}
	x := caption.Fields{Headline: "XMP headline", PersonsShown: []string{"Lee In-young"}, Description: "Café <b>&</b>"}
	data, err := Embed(stripMeta(t, img.Data), Metadata{IIM: &iim, XMP: &x, EXIF: &EXIF{
		Orientation: 6, Make: "Canon", Model: "EOS R5", Lens: "RF24-70mm", Description: "exif desc", Artist: "Jo", Copyright: "(c) Jo",
		Taken: time.Date(2020, 9, 16, 10, 11, 12, 0, time.UTC),
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "x.jpg")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("exiftool", "-j", "-G1", "-n", p).Output()
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"IPTC:Headline":             "IIM héadline",
		"IPTC:DateCreated":          "2020:09:16",
		"IPTC:TimeCreated":          "10:11:12+09:00",
		"XMP-photoshop:Headline":    "XMP headline",
		"XMP-dc:Description":        "Café <b>&</b>",
		"XMP-iptcExt:PersonInImage": "Lee In-young",
		"IFD0:ImageDescription":     "exif desc",
		"IFD0:Make":                 "Canon",
		"IFD0:Orientation":          float64(6),
		"IFD0:Artist":               "Jo",
		"IFD0:Copyright":            "(c) Jo",
		"ExifIFD:DateTimeOriginal":  "2020:09:16 10:11:12",
		"ExifIFD:LensModel":         "RF24-70mm",
		"Photoshop:IPTCDigest":      nil, // present; value checked by ExifTool's warning below
	}
	for k, v := range want {
		g, ok := got[0][k]
		if !ok {
			t.Errorf("exiftool has no %s", k)
			continue
		}
		if v != nil && g != v {
			t.Errorf("%s = %v, want %v", k, g, v)
		}
	}
	if w, ok := got[0]["ExifTool:Warning"]; ok {
		t.Errorf("exiftool warns: %v", w)
	}
}

// stripMeta returns the JPEG without its metadata segments (Embed adds
// EXIF in front; a second EXIF would confuse the check).
func stripMeta(t *testing.T, data []byte) []byte {
	t.Helper()
	out, err := Embed(data, Metadata{})
	if err != nil {
		t.Fatal(err)
	}
	// Embed without parts removes XMP and Photoshop; drop the EXIF APP1
	// that follows SOI.
	if len(out) > 6 && out[2] == 0xFF && out[3] == 0xE1 {
		n := int(out[4])<<8 | int(out[5])
		out = append(out[:2:2], out[4+n:]...)
	}
	return out
}
