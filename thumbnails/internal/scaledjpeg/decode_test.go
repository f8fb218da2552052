package scaledjpeg

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cutline/cutline/internal/synth"
	"github.com/cutline/cutline/internal/testcorpus"
)

// toRGBA converts any decoded image to *image.RGBA (image/draw has fast
// paths for every type the decoders return).
func toRGBA(img image.Image) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	return out
}

// compare returns the maximum per-channel difference and the mean.
func compare(got, want *image.RGBA) (maxd int, mean float64) {
	var sum int
	for i := range want.Pix {
		if i%4 == 3 {
			continue
		}
		d := int(got.Pix[i]) - int(want.Pix[i])
		d = max(d, -d)
		maxd = max(maxd, d)
		sum += d
	}
	return maxd, float64(sum) / float64(len(want.Pix)/4*3)
}

// boxDown averages scale×scale cells of img (partial cells at the edges
// average what they have): the reference for a reduced decode.
func boxDown(img *image.RGBA, scale int) *image.RGBA {
	b := img.Bounds()
	w, h := Size(b.Dx(), b.Dy(), scale)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var s [3]int
			n := 0
			for dy := 0; dy < scale && y*scale+dy < b.Dy(); dy++ {
				for dx := 0; dx < scale && x*scale+dx < b.Dx(); dx++ {
					p := img.Pix[(y*scale+dy)*img.Stride+4*(x*scale+dx):]
					s[0], s[1], s[2] = s[0]+int(p[0]), s[1]+int(p[1]), s[2]+int(p[2])
					n++
				}
			}
			i := y*out.Stride + 4*x
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8(s[0]/n), uint8(s[1]/n), uint8(s[2]/n), 255
		}
	}
	return out
}

func jpegtran(t testing.TB, b []byte, args ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath("jpegtran"); err != nil {
		t.Skip("jpegtran not installed (Debian libjpeg-turbo-progs)")
	}
	p := filepath.Join(t.TempDir(), "in.jpg")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("jpegtran", append(args, p)...).Output()
	if err != nil {
		t.Fatalf("jpegtran %v: %v", args, err)
	}
	return out
}

// check decodes b at the given scales and compares with image/jpeg. At
// 1/1 both decoders compute the same IDCT to within rounding: ±1 on each
// of Y, Cb and Cr, so up to ±3 on a colour channel after conversion, and a
// mean difference near zero (CMYK products are rounded here and truncated
// by image/color, a mean of about 0.2). A reduced decode is compared with a
// box-filtered full decode: the DCT-domain low-pass keeps detail near the
// new Nyquist limit that a box filter blurs, and Decode replicates
// subsampled chroma, so only the mean is bounded.
func check(t *testing.T, name string, b []byte, scales ...int) {
	t.Helper()
	std, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: image/jpeg: %v", name, err)
	}
	want := toRGBA(std)
	for _, scale := range scales {
		got, err := Decode(b, scale, nil)
		if err != nil {
			t.Errorf("%s 1/%d: %v", name, scale, err)
			continue
		}
		ref := want
		if scale > 1 {
			ref = boxDown(want, scale)
		}
		if got.Bounds() != ref.Bounds() {
			t.Errorf("%s 1/%d: bounds %v, want %v", name, scale, got.Bounds(), ref.Bounds())
			continue
		}
		maxd, mean := compare(toRGBA(got), ref)
		wantMax, wantMean := 3, 0.25
		if scale > 1 {
			wantMax, wantMean = 255, 6
		}
		if maxd > wantMax || mean > wantMean {
			t.Errorf("%s 1/%d: max diff %d (want <= %d), mean %.2f (want <= %.1f)", name, scale, maxd, wantMax, mean, wantMean)
		}
	}
}

// same checks that two encodings of the same coefficients (jpegtran
// rewrites losslessly) decode to identical pixels at every scale.
func same(t *testing.T, name string, a, b []byte) {
	t.Helper()
	for _, scale := range []int{1, 2, 4, 8} {
		x, err := Decode(a, scale, nil)
		if err != nil {
			t.Fatalf("%s 1/%d: %v", name, scale, err)
		}
		y, err := Decode(b, scale, nil)
		if err != nil {
			t.Errorf("%s 1/%d: %v", name, scale, err)
			continue
		}
		if maxd, _ := compare(toRGBA(y), toRGBA(x)); maxd != 0 {
			t.Errorf("%s 1/%d: differs from the baseline decode by up to %d", name, scale, maxd)
		}
	}
}

func TestLayouts(t *testing.T) {
	for _, l := range []synth.Layout{synth.YCbCr420, synth.YCbCr422, synth.YCbCr440, synth.YCbCr444, synth.Grayscale, synth.RGB, synth.CMYK, synth.YCCK} {
		t.Run(l.String(), func(t *testing.T) {
			b, err := synth.JPEG(5, 203, 117, &synth.JPEGOptions{Layout: l})
			if err != nil {
				t.Fatal(err)
			}
			check(t, "baseline", b, 1, 2, 4, 8)
			check(t, "progressive", jpegtran(t, b, "-progressive"), 1)
			same(t, "progressive", b, jpegtran(t, b, "-progressive"))
			same(t, "restarts", b, jpegtran(t, b, "-restart", "1"))
			same(t, "progressive restarts", b, jpegtran(t, b, "-progressive", "-restart", "2"))
		})
	}
}

// TestCorpus compares with image/jpeg on real camera files, at 1/1 and
// at the 1/4 typical of a 24 MP photo's 1280 px rendition.
func TestCorpus(t *testing.T) {
	dir := testcorpus.Sub(t, "images")
	for _, p := range testcorpus.Files(t, dir, ".jpg", ".jpeg") {
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := jpeg.Decode(bytes.NewReader(b)); err != nil {
			// Header-only samples: both decoders must refuse them.
			if _, err := Decode(b, 1, nil); err == nil {
				t.Errorf("%s: image/jpeg fails but Decode succeeds", rel)
			}
			continue
		}
		check(t, rel, b, 1, 4)
	}
}
