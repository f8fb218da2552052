package thumbnails

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cutline/cutline/internal/synth"
)

// FuzzRender feeds arbitrary bytes and orientations through the whole
// renderer (decoder, resizer, orientation, encoder) with a small pixel
// cap: it must never panic, and must either fail with a classified error
// or return renditions no larger than the image.
func FuzzRender(f *testing.F) {
	for i, l := range []synth.Layout{synth.YCbCr420, synth.YCbCr444, synth.Grayscale, synth.YCCK} {
		b, err := synth.JPEG(int64(i), 37+i, 23, &synth.JPEGOptions{Layout: l})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(i*2+1))
	}
	bad := filepath.Join("..", "..", "shared", "testdata", "corpus", "bad")
	filepath.WalkDir(bad, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".jpg") {
			if b, err := os.ReadFile(p); err == nil && len(b) <= 64<<10 {
				f.Add(b, uint8(6))
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, b []byte, orientation uint8) {
		rs, err := Render(b, int(orientation%10), &Options{MaxPixels: 1 << 20, Sizes: []int{64, 16}})
		if err != nil {
			if !errors.Is(err, ErrNotJPEG) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("unclassified error: %v", err)
			}
			if strings.Contains(err.Error(), "decoder fault") {
				t.Fatalf("recovered panic: %v", err)
			}
			return
		}
		if len(rs) != 2 {
			t.Fatalf("%d renditions, want 2", len(rs))
		}
		for _, r := range rs {
			if r.Width < 1 || r.Height < 1 || max(r.Width, r.Height) > r.Size {
				t.Errorf("rendition %d is %dx%d", r.Size, r.Width, r.Height)
			}
		}
	})
}
