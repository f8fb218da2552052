package thumbnails

import (
	"image"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/cutline/cutline/internal/synth"
)

// allocated returns the bytes allocated by one Render of b with the
// garbage collector off: an upper bound of the live heap it needed.
func allocated(t *testing.T, b []byte) int64 {
	t.Helper()
	runtime.GC()
	old := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(old)
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	if _, err := Render(b, 6, nil); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&m1)
	return int64(m1.TotalAlloc - m0.TotalAlloc)
}

// peakLive estimates the peak live heap of one Render of b: with GOGC at
// 1 the heap is collected whenever it grows by 1%, and a sampler reads
// its size every 0.2 ms. It is reported, not checked: allocated bounds it.
func peakLive(t *testing.T, b []byte) int64 {
	t.Helper()
	old := debug.SetGCPercent(1)
	defer debug.SetGCPercent(old)
	runtime.GC()
	read := func() int64 {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(s)
		return int64(s[0].Value.Uint64())
	}
	base := read()
	done, peak := make(chan struct{}), make(chan int64)
	go func() {
		var p int64
		for {
			select {
			case <-done:
				peak <- p
				return
			case <-time.After(200 * time.Microsecond):
				p = max(p, read())
			}
		}
	}()
	_, err := Render(b, 6, nil)
	close(done)
	p := <-peak
	if err != nil {
		t.Fatal(err)
	}
	return p - base
}

// progressive rewrites a JPEG as progressive with libjpeg's jpegtran
// (lossless), or skips the test when jpegtran is absent.
func progressive(t *testing.T, b []byte) []byte {
	t.Helper()
	if _, err := exec.LookPath("jpegtran"); err != nil {
		t.Skip("jpegtran not installed (Debian libjpeg-turbo-progs)")
	}
	p := filepath.Join(t.TempDir(), "in.jpg")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("jpegtran", "-progressive", p).Output()
	if err != nil {
		t.Fatalf("jpegtran: %v", err)
	}
	return out
}

// TestCost checks Header.Cost and Cost against the measured allocation of
// every layout, baseline and progressive, at a size decoded at 1/1 and
// one decoded at 1/2.
func TestCost(t *testing.T) {
	sizes := [][2]int{{2000, 1500}, {4000, 3000}}
	for _, sz := range sizes {
		w, h := sz[0], sz[1]
		for _, l := range []synth.Layout{synth.YCbCr420, synth.YCbCr444, synth.Grayscale, synth.CMYK, synth.YCCK} {
			if w > 2000 && l != synth.YCbCr420 && l != synth.CMYK {
				continue // the large size only for the common and the worst layout
			}
			b, err := synth.JPEG(1, w, h, &synth.JPEGOptions{Layout: l})
			if err != nil {
				t.Fatal(err)
			}
			for _, prog := range []bool{false, true} {
				data := b
				if prog {
					data = progressive(t, b)
				}
				hdr, err := ReadHeader(data, 0)
				if err != nil {
					t.Fatal(err)
				}
				got := allocated(t, data)
				if c := hdr.Cost(); got > c {
					t.Errorf("%dx%d %v progressive=%v: allocated %d bytes, Header.Cost says %d", w, h, l, prog, got, c)
				}
				if c := Cost(w, h); got > c {
					t.Errorf("%dx%d %v progressive=%v: allocated %d bytes, Cost says %d", w, h, l, prog, got, c)
				}
				t.Logf("%dx%d %v progressive=%v: allocated %.1f MB, Header.Cost %.1f MB, Cost %.1f MB",
					w, h, l, prog, float64(got)/1e6, float64(hdr.Cost())/1e6, float64(Cost(w, h))/1e6)
			}
		}
	}
}

// TestCostNoise checks the bound on pictures of random noise, which the
// encoder compresses worst (about 0.76 bytes per pixel at quality 85, its
// output buffer growing several times): at the rendition size, and larger.
func TestCostNoise(t *testing.T) {
	for _, sz := range [][2]int{{1280, 853}, {2000, 1500}} {
		w, h := sz[0], sz[1]
		noise := image.NewRGBA(image.Rect(0, 0, w, h))
		rand.New(rand.NewSource(1)).Read(noise.Pix)
		for i := 3; i < len(noise.Pix); i += 4 {
			noise.Pix[i] = 255
		}
		for _, l := range []synth.Layout{synth.YCbCr420, synth.Grayscale} {
			data, err := synth.Encode(noise, &synth.JPEGOptions{Layout: l, Quality: 95})
			if err != nil {
				t.Fatal(err)
			}
			hdr, err := ReadHeader(data, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := allocated(t, data)
			if c := hdr.Cost(); got > c {
				t.Errorf("%dx%d %v noise: allocated %d bytes, Header.Cost says %d", w, h, l, got, c)
			}
			t.Logf("%dx%d %v noise: allocated %.1f MB, Header.Cost %.1f MB", w, h, l, float64(got)/1e6, float64(hdr.Cost())/1e6)
		}
	}
}

// TestCost24MP measures a full-size camera frame.
func TestCost24MP(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: 24 MP")
	}
	const w, h = 6000, 4000
	b, err := synth.JPEG(2, w, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range [][]byte{b, progressive(t, b)} {
		hdr, err := ReadHeader(data, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := allocated(t, data)
		if c := hdr.Cost(); got > c {
			t.Errorf("allocated %d bytes, Header.Cost says %d", got, c)
		}
		if c := Cost(w, h); got > c {
			t.Errorf("allocated %d bytes, Cost says %d", got, c)
		}
		t.Logf("24 MP 4:2:0 progressive=%v: allocated %.1f MB, peak live heap about %.1f MB, Header.Cost %.1f MB, Cost %.1f MB",
			hdr.Progressive, float64(got)/1e6, float64(peakLive(t, data))/1e6, float64(hdr.Cost())/1e6, float64(Cost(w, h))/1e6)
	}
}
