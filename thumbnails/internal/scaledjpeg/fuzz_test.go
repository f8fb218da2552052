package scaledjpeg

import (
	"bytes"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cutline/cutline/internal/synth"
	"github.com/cutline/cutline/internal/testcorpus"
)

// fuzzCap keeps fuzzed frame headers from asking for gigabytes.
const fuzzCap = 1 << 22

// decodeNoFault decodes at every scale and fails on a recovered panic:
// Decode's recover is a last line of defence, not a way to handle input.
func decodeNoFault(t *testing.T, b []byte) {
	for k := 1; k <= 8; k++ {
		_, err := Decode(b, k, &Options{MaxPixels: fuzzCap})
		if err != nil && strings.Contains(err.Error(), "decoder fault") {
			t.Fatalf("%d/8: %v", k, err)
		}
	}
	if _, err := DecodeHeader(b); err != nil && strings.Contains(err.Error(), "decoder fault") {
		t.Fatalf("header: %v", err)
	}
}

// TestBadCorpus runs every hostile file through the decoder.
func TestBadCorpus(t *testing.T) {
	dir := testcorpus.Sub(t, "bad")
	for _, p := range testcorpus.Files(t, dir) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(p[len(dir)+1:], func(t *testing.T) { decodeNoFault(t, b) })
	}
}

func FuzzDecode(f *testing.F) {
	for _, l := range []synth.Layout{synth.YCbCr420, synth.YCbCr422, synth.Grayscale, synth.CMYK} {
		b, err := synth.JPEG(1, 40, 24, &synth.JPEGOptions{Layout: l})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	// The hostile corpus, when present (small files only: the fuzzer
	// mutates every byte).
	bad := filepath.Join("..", "..", "..", "..", "shared", "testdata", "corpus", "bad")
	filepath.WalkDir(bad, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".jpg") {
			if b, err := os.ReadFile(p); err == nil && len(b) <= 64<<10 {
				f.Add(b)
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeNoFault(t, b)
		// Where both decoders accept the data, they must agree on size.
		// (image/jpeg gets only small frames: it has no pixel cap.)
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil || int64(cfg.Width)*int64(cfg.Height) > fuzzCap {
			return
		}
		if std, err := jpeg.Decode(bytes.NewReader(b)); err == nil {
			got, err := Decode(b, 8, nil)
			if err == nil && got.Bounds() != std.Bounds() {
				t.Errorf("bounds %v, image/jpeg %v", got.Bounds(), std.Bounds())
			}
		}
	})
}

// TestScanLimit repeats the DC refinement scan of a progressive file (a
// valid repetition: each adds one more bit of precision) until the file has
// more scans than any encoder writes: the decoder must refuse it rather
// than walk every block hundreds of times.
func TestScanLimit(t *testing.T) {
	b, err := synth.JPEG(1, 64, 48, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := jpegtran(t, b, "-progressive")
	if _, err := Decode(p, 8, nil); err != nil {
		t.Fatalf("the progressive file itself: %v", err)
	}
	refine := findScan(t, p, func(ss, se, ah byte) bool { return ss == 0 && se == 0 && ah != 0 })
	eoi := len(p) - 2
	many := append([]byte{}, p[:eoi]...)
	for i := 0; i < 3; i++ {
		many = append(many, refine...)
	}
	if _, err := Decode(append(many, 0xFF, 0xD9), 8, nil); err != nil {
		t.Fatalf("with 3 repeated scans: %v", err)
	}
	for i := 0; i < maxScans; i++ {
		many = append(many, refine...)
	}
	_, err = Decode(append(many, 0xFF, 0xD9), 8, nil)
	if err == nil || !strings.Contains(err.Error(), "scans") {
		t.Errorf("Decode of %d+ scans: %v, want the scan limit", maxScans, err)
	}
}

// findScan returns the first scan (SOS segment and entropy-coded data) of
// a JPEG whose spectral selection and approximation match.
func findScan(t *testing.T, p []byte, match func(ss, se, ah byte) bool) []byte {
	t.Helper()
	for i := 0; i+4 < len(p); i++ {
		if p[i] != 0xFF || p[i+1] != 0xDA {
			continue
		}
		n := int(p[i+2])<<8 | int(p[i+3])
		h := p[i+4 : i+2+n]
		if !match(h[len(h)-3], h[len(h)-2], h[len(h)-1]>>4) {
			continue
		}
		end := i + 2 + n
		for end+1 < len(p) && (p[end] != 0xFF || p[end+1] == 0) {
			end++
		}
		return p[i:end]
	}
	t.Fatal("no matching scan")
	return nil
}

// TestWorkLimit repeats a wide first AC scan (valid: each repetition
// rewrites the same coefficients) until the scans would pass over every
// coefficient more than eight times: refused before the scan limit.
func TestWorkLimit(t *testing.T) {
	b, err := synth.JPEG(1, 64, 48, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := jpegtran(t, b, "-progressive")
	wide := findScan(t, p, func(ss, se, ah byte) bool { return ss > 0 && se-ss >= 40 && ah == 0 })
	eoi := len(p) - 2
	many := append([]byte{}, p[:eoi]...)
	many = append(many, wide...)
	if _, err := Decode(append(many, 0xFF, 0xD9), 8, nil); err != nil {
		t.Fatalf("with the scan once more: %v", err)
	}
	// 100 more: even a chroma scan (a sixth of the blocks) then passes
	// over the image's coefficients 10 times, while staying under the
	// scan limit.
	for i := 0; i < 100; i++ {
		many = append(many, wide...)
	}
	_, err = Decode(append(many, 0xFF, 0xD9), 8, nil)
	if err == nil || !strings.Contains(err.Error(), "too often") {
		t.Errorf("Decode with the scan repeated 100 times: %v, want the work limit", err)
	}
}
