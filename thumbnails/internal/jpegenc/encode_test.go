package jpegenc

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"syscall"
	"testing"
	"time"

	"github.com/cutline/cutline/internal/synth"
	"github.com/google/go-cmp/cmp"
)

// segments returns the payloads of the DQT and DHT segments of a JPEG.
func segments(t *testing.T, b []byte) (dqt, dht [][]byte) {
	t.Helper()
	for i := 2; i+4 <= len(b); {
		m, n := b[i+1], int(b[i+2])<<8|int(b[i+3])
		switch m {
		case 0xDB:
			dqt = append(dqt, b[i+4:i+2+n])
		case 0xC4:
			dht = append(dht, b[i+4:i+2+n])
		case 0xDA:
			return dqt, dht
		}
		i += 2 + n
	}
	t.Fatal("no SOS")
	return nil, nil
}

// ycc builds a 4:2:0 image from a synthetic photo through image/jpeg (the
// planes a decoder would give).
func ycc(t *testing.T, w, h int) *image.YCbCr {
	b, err := synth.JPEG(9, w, h, &synth.JPEGOptions{Quality: 100})
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img.(*image.YCbCr)
}

// TestTables checks the Annex K tables against image/jpeg's: both must
// write the same quantisation tables at every quality and the same
// Huffman tables.
func TestTables(t *testing.T) {
	src := ycc(t, 16, 16)
	for _, q := range []int{1, 25, 50, 85, 100} {
		ours, err := Encode(src, q)
		if err != nil {
			t.Fatal(err)
		}
		var std bytes.Buffer
		if err := jpeg.Encode(&std, src, &jpeg.Options{Quality: q}); err != nil {
			t.Fatal(err)
		}
		oq, oh := segments(t, ours)
		sq, sh := segments(t, std.Bytes())
		if diff := cmp.Diff(bytes.Join(sq, nil), bytes.Join(oq, nil)); diff != "" {
			t.Errorf("quality %d: DQT differs from image/jpeg (-std +ours):\n%s", q, diff)
		}
		if diff := cmp.Diff(bytes.Join(sh, nil), bytes.Join(oh, nil)); diff != "" {
			t.Errorf("quality %d: DHT differs from image/jpeg (-std +ours):\n%s", q, diff)
		}
	}
}

func planeMAE(a, b []byte, aStride, bStride, w, h int) float64 {
	var s float64
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s += math.Abs(float64(a[y*aStride+x]) - float64(b[y*bStride+x]))
		}
	}
	return s / float64(w*h)
}

// TestRoundTrip encodes YCbCr and gray pictures of awkward sizes, decodes
// them with image/jpeg, and compares the error and the size with what
// image/jpeg's own encoder achieves at the same quality.
func TestRoundTrip(t *testing.T) {
	for _, sz := range [][2]int{{1, 1}, {7, 5}, {17, 9}, {203, 117}, {640, 427}} {
		w, h := sz[0], sz[1]
		src := ycc(t, w, h)
		gray := &image.Gray{Pix: src.Y, Stride: src.YStride, Rect: src.Rect}
		for _, img := range []image.Image{src, gray} {
			for _, q := range []int{50, 85, 95} {
				ours, err := Encode(img, q)
				if err != nil {
					t.Fatal(err)
				}
				var std bytes.Buffer
				if err := jpeg.Encode(&std, img, &jpeg.Options{Quality: q}); err != nil {
					t.Fatal(err)
				}
				a, err := jpeg.Decode(bytes.NewReader(ours))
				if err != nil {
					t.Fatalf("%dx%d %T q%d: image/jpeg cannot read our output: %v", w, h, img, q, err)
				}
				b, _ := jpeg.Decode(bytes.NewReader(std.Bytes()))
				if a.Bounds() != img.Bounds() {
					t.Fatalf("%dx%d: decoded bounds %v", w, h, a.Bounds())
				}
				ea, eb := lumaMAE(a, src), lumaMAE(b, src)
				// Same tables, a more exact DCT: the error may not be
				// noticeably worse, nor the file much larger.
				if ea > eb*1.1+0.1 {
					t.Errorf("%dx%d %T q%d: luma error %.3f, image/jpeg's %.3f", w, h, img, q, ea, eb)
				}
				if w*h > 1000 && float64(len(ours)) > float64(std.Len())*1.05+64 {
					t.Errorf("%dx%d %T q%d: %d bytes, image/jpeg %d", w, h, img, q, len(ours), std.Len())
				}
			}
		}
	}
}

func lumaMAE(img image.Image, src *image.YCbCr) float64 {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	switch m := img.(type) {
	case *image.YCbCr:
		return planeMAE(m.Y, src.Y, m.YStride, src.YStride, w, h)
	case *image.Gray:
		return planeMAE(m.Pix, src.Y, m.Stride, src.YStride, w, h)
	}
	return math.Inf(1)
}

// TestRoundTripRGB encodes opaque NRGBA pictures (imaging's output) of
// awkward sizes, decodes them with image/jpeg, and compares the RGB error
// and the size with image/jpeg's encoder given the same pixels (as RGBA,
// its fast path; it also writes 4:2:0).
func TestRoundTripRGB(t *testing.T) {
	for _, sz := range [][2]int{{1, 1}, {7, 5}, {17, 9}, {203, 117}, {640, 427}} {
		w, h := sz[0], sz[1]
		rgba := synth.Image(5, w, h)
		src := &image.NRGBA{Pix: rgba.Pix, Stride: rgba.Stride, Rect: rgba.Rect}
		for _, q := range []int{50, 85, 95} {
			ours, err := Encode(src, q)
			if err != nil {
				t.Fatal(err)
			}
			var std bytes.Buffer
			if err := jpeg.Encode(&std, rgba, &jpeg.Options{Quality: q}); err != nil {
				t.Fatal(err)
			}
			a, err := jpeg.Decode(bytes.NewReader(ours))
			if err != nil {
				t.Fatalf("%dx%d q%d: image/jpeg cannot read our output: %v", w, h, q, err)
			}
			if a.Bounds() != src.Bounds() {
				t.Fatalf("%dx%d: decoded bounds %v", w, h, a.Bounds())
			}
			if _, ok := a.(*image.YCbCr); !ok {
				t.Fatalf("%dx%d: decoded as %T, want *image.YCbCr", w, h, a)
			}
			b, _ := jpeg.Decode(bytes.NewReader(std.Bytes()))
			ea, eb := rgbMAE(a, rgba), rgbMAE(b, rgba)
			// Same tables and subsampling: the error may not be noticeably
			// worse (a swapped or unshifted channel costs tens of levels),
			// nor the file much larger.
			if ea > eb*1.1+0.1 {
				t.Errorf("%dx%d q%d: RGB error %.3f, image/jpeg's %.3f", w, h, q, ea, eb)
			}
			if w*h > 1000 && float64(len(ours)) > float64(std.Len())*1.05+64 {
				t.Errorf("%dx%d q%d: %d bytes, image/jpeg %d", w, h, q, len(ours), std.Len())
			}
		}
	}
}

func rgbMAE(img image.Image, src *image.RGBA) float64 {
	var s float64
	b := src.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, _ := img.At(x, y).RGBA()
			c := src.RGBAAt(x, y)
			s += math.Abs(float64(r>>8)-float64(c.R)) + math.Abs(float64(g>>8)-float64(c.G)) + math.Abs(float64(bb>>8)-float64(c.B))
		}
	}
	return s / float64(3*b.Dx()*b.Dy())
}

func TestRejects(t *testing.T) {
	for _, img := range []image.Image{
		image.NewYCbCr(image.Rect(0, 0, 8, 8), image.YCbCrSubsampleRatio444), // only 4:2:0
		image.NewRGBA(image.Rect(0, 0, 8, 8)),                                // premultiplied: only NRGBA
		image.NewGray(image.Rect(0, 0, 0, 8)),                                // empty
	} {
		if _, err := Encode(img, 85); err == nil {
			t.Errorf("Encode(%T %v) succeeded", img, img.Bounds())
		}
	}
}

// BenchmarkEncode1280 compares with image/jpeg on a 1280 px rendition, in
// CPU time (the machine is shared).
func BenchmarkEncode1280(b *testing.B) {
	src := ycc(&testing.T{}, 1280, 853)
	run := func(b *testing.B, f func()) {
		start := cpuTime()
		for b.Loop() {
			f()
		}
		b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
	b.Run("ours", func(b *testing.B) { run(b, func() { Encode(src, 85) }) })
	b.Run("image-jpeg", func(b *testing.B) {
		run(b, func() { jpeg.Encode(&bytes.Buffer{}, src, &jpeg.Options{Quality: 85}) })
	})
	// The same picture as imaging returns it, and as image/jpeg's fast
	// path takes it.
	rgba := image.NewRGBA(src.Rect)
	for y := 0; y < src.Rect.Dy(); y++ {
		for x := 0; x < src.Rect.Dx(); x++ {
			rgba.Set(x, y, src.At(x, y))
		}
	}
	nrgba := &image.NRGBA{Pix: rgba.Pix, Stride: rgba.Stride, Rect: rgba.Rect}
	b.Run("ours-nrgba", func(b *testing.B) { run(b, func() { Encode(nrgba, 85) }) })
	b.Run("image-jpeg-rgba", func(b *testing.B) {
		run(b, func() { jpeg.Encode(&bytes.Buffer{}, rgba, &jpeg.Options{Quality: 85}) })
	})
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
