package thumbnails

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/cutline/cutline/internal/synth"
)

// zonePlate is a grey w×h image of concentric rings whose frequency rises
// from 0 at the centre to the Nyquist limit at the corners: every frequency
// a downscale must either keep or filter out, the classic aliasing test.
func zonePlate(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	cx, cy := float64(w)/2, float64(h)/2
	rmax2 := cx*cx + cy*cy
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
			// Phase π·r²/(2·rmax) has frequency r/(2·rmax) cycles per pixel.
			ph := math.Pi * (dx*dx + dy*dy) / (2 * math.Sqrt(rmax2))
			img.Pix[y*img.Stride+x] = uint8(128 + 110*math.Cos(ph))
		}
	}
	return img
}

// lanczosRef is the reference downscale: a separable Lanczos-3 filter in
// float64 whose support widens with the scale factor, so it removes what the
// output cannot represent.
func lanczosRef(src *image.Gray, w, h int) [][]float64 {
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	rows := make([][]float64, sh)
	for y := range rows {
		rows[y] = resample1D(func(i int) float64 { return float64(src.Pix[y*src.Stride+i]) }, sw, w)
	}
	out := make([][]float64, h)
	for y := range out {
		out[y] = make([]float64, w)
	}
	for x := 0; x < w; x++ {
		col := resample1D(func(i int) float64 { return rows[i][x] }, sh, h)
		for y := 0; y < h; y++ {
			out[y][x] = col[y]
		}
	}
	return out
}

func resample1D(at func(int) float64, n, m int) []float64 {
	scale := float64(n) / float64(m)
	support := 3 * max(scale, 1)
	out := make([]float64, m)
	for j := range out {
		c := (float64(j)+0.5)*scale - 0.5
		var sum, wsum float64
		for i := int(math.Floor(c - support)); i <= int(math.Ceil(c+support)); i++ {
			if i < 0 || i >= n {
				continue
			}
			x := (float64(i) - c) / max(scale, 1)
			wt := refLanczos3(x)
			sum += wt * at(i)
			wsum += wt
		}
		out[j] = sum / wsum
	}
	return out
}

func refLanczos3(x float64) float64 {
	x = math.Abs(x)
	if x >= 3 {
		return 0
	}
	if x < 1e-9 {
		return 1
	}
	px := math.Pi * x
	return 3 * math.Sin(px) * math.Sin(px/3) / (px * px)
}

// compareToRef returns the mean and maximum absolute difference between an
// image and the reference, and the mean over the parts of the image where
// the reference is flat grey (the rings there are finer than the output
// can show, so anything else is aliasing).
func compareToRef(img image.Image, ref [][]float64) (mae, maxErr, aliasMAE float64) {
	var n, na float64
	var sum, asum float64
	for y := range ref {
		for x := range ref[y] {
			r, _, _, _ := img.At(x, y).RGBA()
			d := math.Abs(float64(r>>8) - ref[y][x])
			sum += d
			n++
			maxErr = max(maxErr, d)
			if math.Abs(ref[y][x]-128) < 3 && onRim(x, y, len(ref[y]), len(ref)) {
				asum += d
				na++
			}
		}
	}
	if na > 0 {
		asum /= na
	}
	return sum / n, maxErr, asum
}

// onRim reports whether (x, y) lies in the outer third of the plate, where
// the rings exceed the output's Nyquist limit for the scales tested.
func onRim(x, y, w, h int) bool {
	dx, dy := float64(x)-float64(w)/2, float64(y)-float64(h)/2
	return math.Sqrt(dx*dx+dy*dy) > 0.66*math.Sqrt(float64(w*w+h*h))/2
}

// TestNoAliasing renders zone plates of sizes that the decoder reads at
// 1/1, 1/2 and 1/4 scale, and compares both renditions (the 1280 px one
// resized on planes, the 320 px one by imaging from it) with the reference
// downscale of image/jpeg's full decode of the same file. The colour
// plates are stored turned, so that the quality after imaging's
// orientation and its resize of the RGB it returns is measured too (the
// plate looks the same every way up: TestOrientation checks direction).
func TestNoAliasing(t *testing.T) {
	tests := []struct {
		w, h        int // upright size
		layout      synth.Layout
		orientation int
		long        bool // skipped with -short
	}{
		{2400, 1600, synth.Grayscale, 1, false}, // 1/1 with 1.9× left to resize
		{3000, 2000, synth.Grayscale, 1, false}, // 1/1 (2.3×)
		{4000, 3000, synth.Grayscale, 1, false}, // 1/2 (1.6×, the 12 MP case)
		{5400, 3600, synth.Grayscale, 1, true},  // 1/2 (2.1×)
		{3000, 2000, synth.YCbCr420, 6, false},  // 1/1, stored portrait, turned by imaging
		{4000, 3000, synth.YCbCr420, 8, true},   // 1/2, the other way
		{2400, 1600, synth.YCbCr444, 3, true},   // upside down, full-resolution chroma
	}
	for _, tc := range tests {
		if tc.long && testing.Short() {
			continue
		}
		name := fmt.Sprintf("%dx%d %v o%d", tc.w, tc.h, tc.layout, tc.orientation)
		t.Run(name, func(t *testing.T) {
			data, src := storedPlate(t, tc.w, tc.h, tc.layout, tc.orientation)
			rs, err := Render(data, tc.orientation, &Options{Quality: 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				got := decodeJPEG(t, r.JPEG)
				if b := got.Bounds(); b.Dx() != r.Width || b.Dy() != r.Height || (r.Width > r.Height) != (tc.w > tc.h) {
					t.Fatalf("%d px: JPEG %v, rendition %dx%d, upright %dx%d", r.Size, b.Size(), r.Width, r.Height, tc.w, tc.h)
				}
				ref := lanczosRef(src, r.Width, r.Height)
				mae, maxErr, alias := compareToRef(got, ref)
				t.Logf("%s → %d px: MAE %.2f, max %.0f, rim %.2f", name, r.Size, mae, maxErr, alias)
				// vipsthumbnail scores MAE 2.1-4.3, max 27-28, rim 0.4-2.9 on
				// the 1280 px renditions of these plates.
				if mae > 2 || maxErr > 24 || alias > 2.5 {
					t.Errorf("%d px: MAE %.2f (want <= 2), max %.0f (want <= 24), mean on the filtered rim %.2f (want <= 2.5)",
						r.Size, mae, maxErr, alias)
				}
			}
		})
	}
}

// storedPlate returns a quality-100 JPEG of a w×h zone plate as a camera
// in the given orientation would store it, and the upright luma of
// image/jpeg's full decode of that file: the picture the renditions are
// compared with.
func storedPlate(t *testing.T, w, h int, layout synth.Layout, orientation int) ([]byte, *image.Gray) {
	t.Helper()
	if layout == synth.Grayscale && orientation == 1 {
		data := encodeJPEG(t, zonePlate(w, h), 100)
		return data, decodeJPEG(t, data).(*image.Gray)
	}
	sw, sh := w, h
	if orientation >= 5 {
		sw, sh = h, w
	}
	// The plate is symmetric about its centre, so the stored frame is
	// the same formula at the stored size; displayed says where each
	// stored pixel belongs once upright.
	plate := zonePlate(sw, sh)
	stored := image.NewRGBA(plate.Rect)
	for i, v := range plate.Pix {
		copy(stored.Pix[4*i:], []byte{v, v, v, 255})
	}
	data, err := synth.Encode(stored, &synth.JPEGOptions{Layout: layout, Quality: 100})
	if err != nil {
		t.Fatal(err)
	}
	dec := decodeJPEG(t, data)
	up := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			ux, uy := displayed(orientation, x, y, sw, sh)
			up.Pix[uy*up.Stride+ux] = color.GrayModel.Convert(dec.At(x, y)).(color.Gray).Y
		}
	}
	return data, up
}

// TestAliasingMeasure checks that the measure used above sees aliasing:
// a resizer that only picks pixels must fail it.
func TestAliasingMeasure(t *testing.T) {
	const w, h = 2400, 1600
	src := zonePlate(w, h)
	nearest := image.NewGray(image.Rect(0, 0, 320, 213))
	for y := 0; y < 213; y++ {
		for x := 0; x < 320; x++ {
			nearest.Pix[y*nearest.Stride+x] = src.Pix[(y*h/213)*src.Stride+x*w/320]
		}
	}
	if _, _, alias := compareToRef(nearest, lanczosRef(src, 320, 213)); alias <= 3 {
		t.Errorf("nearest-neighbour decimation scores %.2f on the rim: the test cannot see aliasing", alias)
	}
}
