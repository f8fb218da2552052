package scaledjpeg

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"math"
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
	w, h := (b.Dx()+scale-1)/scale, (b.Dy()+scale-1)/scale
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
		got, err := Decode(b, 8/scale, nil)
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
	for k := 1; k <= 8; k++ {
		x, err := Decode(a, k, nil)
		if err != nil {
			t.Fatalf("%s %d/8: %v", name, k, err)
		}
		y, err := Decode(b, k, nil)
		if err != nil {
			t.Errorf("%s %d/8: %v", name, k, err)
			continue
		}
		if maxd, _ := compare(toRGBA(y), toRGBA(x)); maxd != 0 {
			t.Errorf("%s %d/8: differs from the baseline decode by up to %d", name, k, maxd)
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

// areaDown resamples img to w×h by area averaging (each output pixel the
// mean of the source area it covers, partial pixels weighted): the
// reference for scales that are not 1/2^n.
func areaDown(img *image.RGBA, w, h int) *image.RGBA {
	b := img.Bounds()
	fx, fy := float64(b.Dx())/float64(w), float64(b.Dy())/float64(h)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		y0, y1 := float64(y)*fy, math.Min(float64(y+1)*fy, float64(b.Dy()))
		for x := 0; x < w; x++ {
			x0, x1 := float64(x)*fx, math.Min(float64(x+1)*fx, float64(b.Dx()))
			var s [3]float64
			var n float64
			for sy := int(y0); float64(sy) < y1; sy++ {
				wy := math.Min(y1, float64(sy+1)) - math.Max(y0, float64(sy))
				for sx := int(x0); float64(sx) < x1; sx++ {
					wt := wy * (math.Min(x1, float64(sx+1)) - math.Max(x0, float64(sx)))
					p := img.Pix[sy*img.Stride+4*sx:]
					s[0], s[1], s[2] = s[0]+wt*float64(p[0]), s[1]+wt*float64(p[1]), s[2]+wt*float64(p[2])
					n += wt
				}
			}
			i := y*out.Stride + 4*x
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8(s[0]/n+0.5), uint8(s[1]/n+0.5), uint8(s[2]/n+0.5), 255
		}
	}
	return out
}

// blur3 is a 3×3 box blur (edges clamped): comparing blurred images
// leaves out the grain near the Nyquist limit, which a DCT-domain scale
// keeps or drops differently from an area filter, and still shows any
// misplaced detail or wrong colour.
func blur3(img *image.RGBA) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(b)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			var s [3]int
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					sx, sy := min(max(x+dx, 0), b.Dx()-1), min(max(y+dy, 0), b.Dy()-1)
					p := img.Pix[sy*img.Stride+4*sx:]
					s[0], s[1], s[2] = s[0]+int(p[0]), s[1]+int(p[1]), s[2]+int(p[2])
				}
			}
			i := y*out.Stride + 4*x
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8(s[0]/9), uint8(s[1]/9), uint8(s[2]/9), 255
		}
	}
	return out
}

// TestOddScales checks the scales that are not powers of two (3/8, 5/8,
// 6/8, 7/8: a k-point IDCT per block) against an area-averaged full
// decode, both blurred.
func TestOddScales(t *testing.T) {
	for _, l := range []synth.Layout{synth.YCbCr420, synth.YCbCr444, synth.Grayscale, synth.CMYK} {
		b, err := synth.JPEG(6, 203, 117, &synth.JPEGOptions{Layout: l})
		if err != nil {
			t.Fatal(err)
		}
		std, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		full := toRGBA(std)
		for _, k := range []int{3, 5, 6, 7} {
			got, err := Decode(b, k, nil)
			if err != nil {
				t.Fatalf("%v %d/8: %v", l, k, err)
			}
			w, h := Size(203, 117, k)
			if got.Bounds() != image.Rect(0, 0, w, h) {
				t.Fatalf("%v %d/8: bounds %v, want %dx%d", l, k, got.Bounds(), w, h)
			}
			// Area averaging over the exact extent (203·k/8 is not whole).
			ref := areaDown(full, w, h)
			// The power-of-two scales score 2.9 (2/8) and 2.0 (4/8) on
			// this measure; a misplaced or miscoloured sample scores far
			// more.
			if _, mean := compare(blur3(toRGBA(got)), blur3(ref)); mean > 3 {
				t.Errorf("%v %d/8: mean difference %.2f from an area-averaged full decode (blurred), want <= 3", l, k, mean)
			}
		}
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
			if _, err := Decode(b, 8, nil); err == nil {
				t.Errorf("%s: image/jpeg fails but Decode succeeds", rel)
			}
			continue
		}
		check(t, rel, b, 1, 4)
	}
}
