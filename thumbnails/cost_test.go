package thumbnails

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"

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

// TestCost checks Cost against the measured allocation of every layout,
// baseline and progressive.
func TestCost(t *testing.T) {
	const w, h = 2000, 1500
	for _, l := range []synth.Layout{synth.YCbCr420, synth.YCbCr444, synth.Grayscale, synth.CMYK, synth.YCCK} {
		b, err := synth.JPEG(1, w, h, &synth.JPEGOptions{Layout: l})
		if err != nil {
			t.Fatal(err)
		}
		for _, prog := range []bool{false, true} {
			data := b
			if prog {
				data = progressive(t, b)
			}
			got := allocated(t, data)
			if c := Cost(w, h); got > c {
				t.Errorf("%v progressive=%v: allocated %d bytes, Cost says %d", l, prog, got, c)
			}
			t.Logf("%v progressive=%v: %.1f B/px", l, prog, float64(got)/(w*h))
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
	got := allocated(t, b)
	if c := Cost(w, h); got > c {
		t.Errorf("allocated %d bytes, Cost says %d", got, c)
	}
	t.Logf("24 MP 4:2:0: allocated %.0f MB, Cost %.0f MB", float64(got)/1e6, float64(Cost(w, h))/1e6)
}
