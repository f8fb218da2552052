package thumbnails

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cutline/cutline/internal/synth"
	"github.com/cutline/cutline/internal/testcorpus"
)

// displayed maps a stored pixel (x, y) of a w×h image to its position in
// the upright picture, from the definition of EXIF Orientation: the value
// names where the stored row 0 and column 0 are shown.
func displayed(o, x, y, w, h int) (int, int) {
	switch o {
	case 2: // row 0 top, column 0 right
		return w - 1 - x, y
	case 3: // row 0 bottom, column 0 right
		return w - 1 - x, h - 1 - y
	case 4: // row 0 bottom, column 0 left
		return x, h - 1 - y
	case 5: // row 0 left, column 0 top
		return y, x
	case 6: // row 0 right, column 0 top
		return h - 1 - y, x
	case 7: // row 0 right, column 0 bottom
		return h - 1 - y, w - 1 - x
	case 8: // row 0 left, column 0 bottom
		return y, w - 1 - x
	}
	return x, y
}

// quadrants is an upright w×h test card: red top left, green top right,
// blue bottom left, white bottom right. No flip or rotation maps it to
// itself.
func quadrants(x, y, w, h int) color.RGBA {
	switch {
	case x < w/2 && y < h/2:
		return color.RGBA{220, 30, 30, 255}
	case y < h/2:
		return color.RGBA{30, 200, 30, 255}
	case x < w/2:
		return color.RGBA{30, 30, 220, 255}
	}
	return color.RGBA{240, 240, 240, 255}
}

func encodeJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodeJPEG(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decoding a rendition: %v", err)
	}
	return img
}

// TestOrientation stores an upright test card the way a camera held in each
// of the 8 positions would, in each colour layout, and checks that every
// rendition comes out upright, at both sizes (the large one resized from
// the original, the small one from the large one).
func TestOrientation(t *testing.T) {
	const uw, uh = 600, 400 // the upright picture, landscape
	layouts := []synth.Layout{synth.YCbCr420, synth.YCbCr422, synth.YCbCr444, synth.Grayscale, synth.RGB, synth.CMYK, synth.YCCK}
	for _, l := range layouts {
		for o := 1; o <= 8; o++ {
			t.Run(fmt.Sprint(l, "/", o), func(t *testing.T) {
				sw, sh := uw, uh
				if o >= 5 {
					sw, sh = uh, uw // rotated cameras store portrait frames
				}
				stored := image.NewRGBA(image.Rect(0, 0, sw, sh))
				for y := 0; y < sh; y++ {
					for x := 0; x < sw; x++ {
						dx, dy := displayed(o, x, y, sw, sh)
						stored.SetRGBA(x, y, quadrants(dx, dy, uw, uh))
					}
				}
				data, err := synth.Encode(stored, &synth.JPEGOptions{Layout: l, Quality: 95})
				if err != nil {
					t.Fatal(err)
				}
				rs, err := Render(data, o, &Options{Sizes: []int{300, 60}})
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range rs {
					wantW, wantH := r.Size, r.Size*uh/uw
					if r.Width != wantW || r.Height != wantH {
						t.Errorf("size %d: got %dx%d, want %dx%d", r.Size, r.Width, r.Height, wantW, wantH)
						continue
					}
					img := decodeJPEG(t, r.JPEG)
					// Sample the centre of each quadrant.
					for _, p := range []image.Point{{wantW / 4, wantH / 4}, {3 * wantW / 4, wantH / 4}, {wantW / 4, 3 * wantH / 4}, {3 * wantW / 4, 3 * wantH / 4}} {
						want := quadrants(p.X, p.Y, wantW, wantH)
						if l == synth.Grayscale {
							y := color.GrayModel.Convert(want).(color.Gray).Y
							want = color.RGBA{y, y, y, 255}
						}
						if d := colorDist(img.At(p.X, p.Y), want); d > 30 {
							t.Errorf("size %d: pixel %v is %v, want about %v", r.Size, p, img.At(p.X, p.Y), want)
						}
					}
				}
			})
		}
	}
}

func colorDist(a color.Color, b color.RGBA) int {
	r, g, bb, _ := a.RGBA()
	abs := func(x int) int { return max(x, -x) }
	return max(abs(int(r>>8)-int(b.R)), abs(int(g>>8)-int(b.G)), abs(int(bb>>8)-int(b.B)))
}

// TestOrientationCorpus renders goexif's f1..f8 samples (one picture
// stored in the 8 orientations, value N in file fN) and checks that each
// upright rendition matches f1's.
func TestOrientationCorpus(t *testing.T) {
	dir := filepath.Join(testcorpus.Sub(t, "images"), "goexif")
	render := func(o int) image.Image {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("f%d-exif.jpg", o)))
		if err != nil {
			t.Fatal(err)
		}
		rs, err := Render(b, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		return decodeJPEG(t, rs[0].JPEG)
	}
	ref := render(1)
	for o := 2; o <= 8; o++ {
		got := render(o)
		if got.Bounds() != ref.Bounds() {
			t.Errorf("f%d: upright size %v, want %v", o, got.Bounds().Size(), ref.Bounds().Size())
			continue
		}
		mae, _ := diff(got, ref)
		t.Logf("f%d: %v, mean difference %.2f from f1", o, got.Bounds().Size(), mae)
		if mae > 6 {
			t.Errorf("f%d: mean difference %.1f from f1 after orientation, want <= 6", o, mae)
		}
	}
}

// diff returns the mean and maximum absolute difference per channel.
func diff(a, b image.Image) (mae float64, maxErr int) {
	r := a.Bounds()
	var sum float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			for _, d := range []int{int(ar>>8) - int(br>>8), int(ag>>8) - int(bg>>8), int(ab>>8) - int(bb>>8)} {
				d = max(d, -d)
				sum += float64(d)
				maxErr = max(maxErr, d)
			}
		}
	}
	return sum / float64(3*r.Dx()*r.Dy()), maxErr
}

// TestColours renders every colour layout at its own size (no resizing)
// and compares with the picture the file was made from.
func TestColours(t *testing.T) {
	const w, h = 203, 117
	want := synth.Image(4, w, h)
	for _, l := range []synth.Layout{synth.YCbCr420, synth.YCbCr422, synth.YCbCr440, synth.YCbCr444, synth.Grayscale, synth.RGB, synth.CMYK, synth.YCCK} {
		t.Run(l.String(), func(t *testing.T) {
			b, err := synth.JPEG(4, w, h, &synth.JPEGOptions{Layout: l, Quality: 95})
			if err != nil {
				t.Fatal(err)
			}
			rs, err := Render(b, 1, &Options{Sizes: []int{400}, Quality: 95})
			if err != nil {
				t.Fatal(err)
			}
			got := decodeJPEG(t, rs[0].JPEG)
			if got.Bounds().Dx() != w || got.Bounds().Dy() != h {
				t.Fatalf("size %v, want %dx%d (no upscaling)", got.Bounds().Size(), w, h)
			}
			var ref image.Image = want
			if l == synth.Grayscale {
				ref = synth.Gray(4, w, h)
			}
			// Two JPEG generations at q95 with grain: a few levels on
			// average. A swapped or un-inverted channel costs ~100.
			if mae, _ := diff(got, ref); mae > 7 {
				t.Errorf("mean absolute error %.2f against the source picture, want <= 7", mae)
			}
		})
	}
}

// TestCMYKCorpus renders the corpus's CMYK file and compares it with the
// plain conversion of image/jpeg's decode.
func TestCMYKCorpus(t *testing.T) {
	p := filepath.Join(testcorpus.Sub(t, "images"), "mde", "Multiple_ICC_segments.jpg")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Skip(err)
	}
	src, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := src.(*image.CMYK); !ok {
		t.Fatalf("image/jpeg decoded %T, want *image.CMYK", src)
	}
	sb := src.Bounds()
	rs, err := Render(b, 1, &Options{Sizes: []int{max(sb.Dx(), sb.Dy())}, Quality: 95})
	if err != nil {
		t.Fatal(err)
	}
	if mae, _ := diff(decodeJPEG(t, rs[0].JPEG), src); mae > 3 {
		t.Errorf("mean absolute error %.2f against color.CMYKToRGB of the decode, want <= 3", mae)
	}
}

// TestSizes checks the rendition sizes for landscape, portrait, rotated and
// small originals.
func TestSizes(t *testing.T) {
	tests := []struct {
		name     string
		w, h, o  int
		want320  image.Point
		want1280 image.Point
	}{
		{"landscape", 2000, 1500, 1, image.Pt(320, 240), image.Pt(1280, 960)},
		{"portrait", 1000, 1500, 1, image.Pt(213, 320), image.Pt(853, 1280)},
		{"rotated 90", 1500, 1000, 6, image.Pt(213, 320), image.Pt(853, 1280)},
		{"between sizes", 800, 600, 1, image.Pt(320, 240), image.Pt(800, 600)}, // never upscaled
		{"tiny", 100, 60, 8, image.Pt(60, 100), image.Pt(60, 100)},
		{"one pixel high", 3000, 1, 1, image.Pt(320, 1), image.Pt(1280, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := synth.JPEG(1, tc.w, tc.h, nil)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := Render(b, tc.o, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 2 || rs[0].Size != 1280 || rs[1].Size != 320 {
				t.Fatalf("got %d renditions, want 1280 then 320", len(rs))
			}
			for i, want := range []image.Point{tc.want1280, tc.want320} {
				got := image.Pt(rs[i].Width, rs[i].Height)
				if got != want {
					t.Errorf("size %d: %v, want %v", rs[i].Size, got, want)
				}
				cfg, err := jpeg.DecodeConfig(bytes.NewReader(rs[i].JPEG))
				if err != nil || cfg.Width != want.X || cfg.Height != want.Y {
					t.Errorf("size %d: JPEG is %dx%d (%v), want %v", rs[i].Size, cfg.Width, cfg.Height, err, want)
				}
			}
		})
	}
}

// TestRejects checks the untrusted-input guards.
func TestRejects(t *testing.T) {
	good, err := synth.JPEG(1, 300, 200, nil)
	if err != nil {
		t.Fatal(err)
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\xea\x60\x00\x00\xea\x60\x08\x02\x00\x00\x00")
	tests := []struct {
		name    string
		data    []byte
		opts    *Options
		want    error
		mention string // text the message must contain
	}{
		{"empty", nil, nil, ErrNotJPEG, ""},
		{"png", png, nil, ErrNotJPEG, ""},
		{"text", []byte("<html>404</html>"), nil, ErrNotJPEG, ""},
		{"over the pixel cap", good, &Options{MaxPixels: 50_000}, ErrTooLarge, "300x200"},
		{"truncated scan", good[:len(good)/2], nil, ErrCorrupt, "300x200"},
		{"headers only", good[:200], nil, ErrCorrupt, ""},
		{"bad size option", good, &Options{Sizes: []int{0}}, nil, "out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Render(tc.data, 1, tc.opts)
			if err == nil {
				t.Fatal("Render succeeded, want an error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.mention) {
				t.Errorf("error %q does not mention %q", err, tc.mention)
			}
		})
	}
}

// TestBadCorpus passes every hostile file through Render: no panic, a
// quick answer, and either renditions or a classified error.
func TestBadCorpus(t *testing.T) {
	dir := testcorpus.Sub(t, "bad")
	want := map[string]error{
		"gen/bomb-60000x60000.jpg": ErrTooLarge,
		"gen/bomb-65535x65535.jpg": ErrTooLarge,
		"gen/sof-zero-dims.jpg":    ErrCorrupt,
		"gen/trunc-mid-scan.jpg":   ErrCorrupt,
		"gen/zero-bytes.jpg":       ErrNotJPEG,
		"gen/png-bomb-60000.png":   ErrNotJPEG,
		"gen/no-eoi.jpg":           nil,
		"gen/trailing-garbage.jpg": nil,
	}
	for _, p := range testcorpus.Files(t, dir) {
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		rs, err := Render(b, 1, nil)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %v", rel, d)
		}
		if err == nil && len(rs) == 0 {
			t.Errorf("%s: no error and no rendition", rel)
		}
		if err != nil && !errors.Is(err, ErrNotJPEG) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: unclassified error %v", rel, err)
		}
		if w, ok := want[rel]; ok && !errors.Is(err, w) && (w != nil || err != nil) {
			t.Errorf("%s: error %v, want %v", rel, err, w)
		}
	}
}
