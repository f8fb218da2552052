package synth

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestImageDeterministic(t *testing.T) {
	a, b := Image(7, 160, 120), Image(7, 160, 120)
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Errorf("Image(7) differs between two calls")
	}
	if c := Image(8, 160, 120); bytes.Equal(a.Pix, c.Pix) {
		t.Errorf("Image(7) and Image(8) are identical")
	}
}

// TestImageLooksLikeAPhoto checks the properties that make synthetic photos
// useful for benchmarks: tonal range, fine detail and a JPEG size per pixel
// in the range of camera files (about 1.5-4 bits a pixel at quality 90).
func TestImageLooksLikeAPhoto(t *testing.T) {
	const w, h = 640, 480
	img := Image(1, w, h)
	var sum, sum2, grad float64
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			l := luma(img, x, y)
			sum += l
			sum2 += l * l
			if x > 0 {
				grad += math.Abs(l - luma(img, x-1, y))
			}
		}
	}
	n := float64(w * h)
	mean := sum / n
	sd := math.Sqrt(sum2/n - mean*mean)
	if sd < 25 {
		t.Errorf("luma standard deviation %.1f, want a photo's tonal range (>= 25)", sd)
	}
	if g := grad / n; g < 2 {
		t.Errorf("mean horizontal gradient %.2f, want fine detail (>= 2)", g)
	}
	b, err := JPEG(1, w, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bpp := float64(len(b)*8) / n; bpp < 1.2 || bpp > 6 {
		t.Errorf("JPEG at q90 takes %.2f bits a pixel, want a camera-like 1.2-6", bpp)
	}
}

func luma(img *image.RGBA, x, y int) float64 {
	p := img.Pix[y*img.Stride+4*x:]
	return 0.299*float64(p[0]) + 0.587*float64(p[1]) + 0.114*float64(p[2])
}

// TestLayouts decodes every layout with image/jpeg and compares the colours
// with the picture it was made from.
func TestLayouts(t *testing.T) {
	const w, h = 203, 117 // odd sizes exercise partial blocks and MCUs
	want := Image(4, w, h)
	tests := []struct {
		layout Layout
		model  color.Model // what image/jpeg reports
		gray   bool
	}{
		{YCbCr420, color.YCbCrModel, false}, // the camera default
		{YCbCr422, color.YCbCrModel, false}, // assembled, chroma halved horizontally
		{YCbCr440, color.YCbCrModel, false}, // assembled, chroma halved vertically
		{YCbCr444, color.YCbCrModel, false}, // assembled, full chroma
		{Grayscale, color.GrayModel, true},  // one component
		{RGB, color.RGBAModel, false},       // Adobe transform 0, three components
		{CMYK, color.CMYKModel, false},      // inverted Adobe CMYK
		{YCCK, color.CMYKModel, false},      // Adobe transform 2
	}
	for _, tc := range tests {
		t.Run(tc.layout.String(), func(t *testing.T) {
			b, err := JPEG(4, w, h, &JPEGOptions{Layout: tc.layout})
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.ColorModel != tc.model || cfg.Width != w || cfg.Height != h {
				t.Errorf("DecodeConfig = %dx%d %T, want %dx%d %T", cfg.Width, cfg.Height, cfg.ColorModel, w, h, tc.model)
			}
			got, err := jpeg.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			var diff, n float64
			for y := 0; y < h; y++ {
				for x := 0; x < w; x++ {
					r, g, bb, _ := got.At(x, y).RGBA()
					if tc.gray {
						diff += math.Abs(float64(r>>8) - luma(want, x, y))
						n++
						continue
					}
					p := want.Pix[y*want.Stride+4*x:]
					diff += math.Abs(float64(r>>8)-float64(p[0])) + math.Abs(float64(g>>8)-float64(p[1])) + math.Abs(float64(bb>>8)-float64(p[2]))
					n += 3
				}
			}
			// JPEG at q90 with grain keeps the mean error to a few levels;
			// a wrong inversion or channel order would be off by ~100.
			if mae := diff / n; mae > 8 {
				t.Errorf("mean absolute error %.2f against the source picture, want <= 8", mae)
			}
		})
	}
}

// TestEXIF reads the embedded metadata back with ExifTool.
func TestEXIF(t *testing.T) {
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool not installed")
	}
	taken := time.Date(2018, 4, 27, 9, 30, 5, 0, time.FixedZone("KST", 9*3600))
	tests := []struct {
		name string
		exif EXIF
		want map[string]any
	}{
		// Everything at once, south-west hemisphere.
		{"all", EXIF{Orientation: 6, Taken: taken, Make: "NIKON CORPORATION", Model: "NIKON D5", GPS: &GPS{Lat: -33.8568, Lon: -151.2153}},
			map[string]any{"Orientation": 6.0, "Make": "NIKON CORPORATION", "Model": "NIKON D5",
				"DateTimeOriginal": "2018:04:27 09:30:05", "OffsetTimeOriginal": "+09:00",
				"GPSLatitude": -33.8568, "GPSLongitude": -151.2153}},
		// Orientation only: no Exif or GPS IFD.
		{"orientation", EXIF{Orientation: 8}, map[string]any{"Orientation": 8.0}},
		// A camera string of odd length (value padding).
		{"odd", EXIF{Make: "Canon", Model: "EOS R3"}, map[string]any{"Make": "Canon", "Model": "EOS R3"}},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := JPEG(1, 64, 48, &JPEGOptions{EXIF: &tc.exif})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := jpeg.Decode(bytes.NewReader(b)); err != nil {
				t.Fatalf("image/jpeg cannot read the file: %v", err)
			}
			p := filepath.Join(dir, tc.name+".jpg")
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("exiftool", "-j", "-n", "-Warning", "-Orientation", "-Make", "-Model",
				"-DateTimeOriginal", "-OffsetTimeOriginal", "-GPSLatitude", "-GPSLongitude", p).Output()
			if err != nil {
				t.Fatal(err)
			}
			var got []map[string]any
			if err := json.Unmarshal(out, &got); err != nil || len(got) != 1 {
				t.Fatalf("exiftool output %q: %v", out, err)
			}
			delete(got[0], "SourceFile")
			if diff := cmp.Diff(tc.want, got[0]); diff != "" {
				t.Errorf("exiftool read (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJPEGRejectsBadSizes(t *testing.T) {
	for _, sz := range [][2]int{{0, 10}, {10, 0}, {70000, 10}} {
		if _, err := JPEG(1, sz[0], sz[1], nil); err == nil {
			t.Errorf("JPEG(%dx%d) succeeded, want an error", sz[0], sz[1])
		}
	}
}

// BenchmarkSmallJPEG is the cost of one 640×480 test photo; ingest tests
// make hundreds.
func BenchmarkSmallJPEG(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		if _, err := JPEG(int64(i), 640, 480, nil); err != nil {
			b.Fatal(err)
		}
	}
}
