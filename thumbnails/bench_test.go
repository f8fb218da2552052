package thumbnails

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cutline/cutline/internal/synth"
	"github.com/cutline/cutline/thumbnails/internal/scaledjpeg"
	"github.com/disintegration/imaging"
)

// The benchmarks compare, in one run and in CPU time (getrusage, all
// threads: the machine is shared, wall time is not comparable), Render
// with the reference it replaced (image/jpeg full decode, imaging Lanczos
// for both renditions) and with libvips' vipsthumbnail on the same files.
// Run them with:
//
//	go test -run='^$' -bench=. -benchtime=5x ./thumbnails/
//
// BenchmarkRender reports CPU ms per photo for each and the ratios;
// BenchmarkStages splits Render's time.

// benchPhotos lazily makes the synthetic camera frames the benchmarks use:
// 24 MP (6000×4000) and 12 MP (4000×3000) at quality 90.
var benchPhotos = sync.OnceValue(func() map[string][]byte {
	m := map[string][]byte{}
	for _, c := range []struct {
		name string
		w, h int
	}{{"24MP", 6000, 4000}, {"12MP", 4000, 3000}} {
		b, err := synth.JPEG(11, c.w, c.h, nil)
		if err != nil {
			panic(err)
		}
		m[c.name] = b
	}
	return m
})

// referenceRender is the renderer before the scaled decoder: image/jpeg
// decodes every pixel, imaging's Lanczos makes the 1280 px rendition from
// them and the 320 px one from it.
func referenceRender(data []byte, orientation int) ([]Rendition, error) {
	src, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if c, ok := src.(*image.CMYK); ok {
		// imaging would convert CMYK pixel by pixel through At.
		rgba := image.NewRGBA(c.Bounds())
		draw.Draw(rgba, rgba.Bounds(), c, c.Bounds().Min, draw.Src)
		src = rgba
	}
	b := src.Bounds()
	var out []Rendition
	cur := src
	for _, s := range sortedSizes(DefaultSizes) {
		w, h := fit(b.Dx(), b.Dy(), s)
		img := imaging.Resize(cur, w, h, imaging.Lanczos)
		cur = img
		enc, err := encodeV2(orient(img, orientation), DefaultQuality)
		if err != nil {
			return nil, err
		}
		out = append(out, Rendition{Size: s, Width: enc.Dx(), Height: enc.Dy(), JPEG: enc.data})
	}
	return out, nil
}

func cpuPerOp(b *testing.B, f func()) {
	b.Helper()
	start := ProcessCPU()
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64((ProcessCPU()-start).Microseconds())/1000/float64(b.N), "cpu-ms/photo")
}

func BenchmarkRender(b *testing.B) {
	photos := benchPhotos()
	for _, name := range []string{"24MP", "12MP"} {
		data := photos[name]
		b.Run(name, func(b *testing.B) {
			// vipsthumbnail gets eight copies per run, as MeasureVips
			// batches a folder: its start-up (about 40 ms of CPU) is then
			// shared, as in a real ingest.
			const copies = 8
			var files []string
			for i := range copies {
				p := filepath.Join(b.TempDir(), fmt.Sprintf("%s-%d.jpg", name, i))
				if err := os.WriteFile(p, data, 0o644); err != nil {
					b.Fatal(err)
				}
				files = append(files, p)
			}
			// Each iteration runs every renderer once, interleaved, so
			// that load from other work on the machine falls on all alike.
			var ref, before, ours, upright, vips time.Duration
			haveVips := true
			timed := func(d *time.Duration, f func() error) {
				c := ProcessCPU()
				if err := f(); err != nil {
					b.Fatal(err)
				}
				*d += ProcessCPU() - c
			}
			for b.Loop() {
				timed(&ref, func() error { _, err := referenceRender(data, 6); return err })
				timed(&before, func() error { _, err := renderV2(data, 6); return err })
				timed(&ours, func() error { _, err := Render(data, 6, nil); return err })
				timed(&upright, func() error { _, err := Render(data, 1, nil); return err })
				if haveVips {
					c, _, err := MeasureVips(context.Background(), files)
					if errors.Is(err, ErrNoVips) {
						haveVips = false
					} else if err != nil {
						b.Fatal(err)
					}
					vips += c / copies
				}
			}
			n := float64(b.N)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / n }
			b.ReportMetric(ms(ref), "reference-cpu-ms")
			b.ReportMetric(ms(before), "v2-cpu-ms")
			b.ReportMetric(ms(ours), "render-cpu-ms")
			b.ReportMetric(ms(upright), "render-o1-cpu-ms") // no orientation to apply
			b.ReportMetric(float64(ours)/float64(before), "render/v2")
			if haveVips {
				b.ReportMetric(ms(vips), "vips-cpu-ms")
				b.ReportMetric(float64(before)/float64(vips), "v2/vips")
				b.ReportMetric(float64(ours)/float64(vips), "render/vips")
			}
			b.ReportMetric(0, "ns/op") // wall time mixes several programs: meaningless here
		})
	}
}

// BenchmarkStages splits Render's CPU time for a 24 MP photo.
func BenchmarkStages(b *testing.B) {
	data := benchPhotos()["24MP"]
	hdr, err := ReadHeader(data, 0)
	if err != nil {
		b.Fatal(err)
	}
	scale := scaleFor(hdr, DefaultSizes)
	b.Run(fmt.Sprintf("decode-%d_8", scale), func(b *testing.B) {
		cpuPerOp(b, func() { decodePlanes(b, data, scale) })
	})
	pl := decodePlanes(b, data, scale)
	tw, th := fit(hdr.Width, hdr.Height, 1280)
	b.Run("resize-1280", func(b *testing.B) { cpuPerOp(b, func() { resizePlanes(pl, tw, th) }) })
	big := planesImage(resizePlanes(pl, tw, th))
	b.Run("orient6-1280", func(b *testing.B) { cpuPerOp(b, func() { orient(big, 6) }) })
	up := orient(big, 6)
	b.Run("encode-1280-nrgba", func(b *testing.B) { cpuPerOp(b, func() { encode(up, DefaultQuality) }) })
	b.Run("encode-1280-ycbcr", func(b *testing.B) { cpuPerOp(b, func() { encode(big, DefaultQuality) }) })
	sw, sh := fit(hdr.Width, hdr.Height, 320)
	b.Run("resize-320-nrgba", func(b *testing.B) { cpuPerOp(b, func() { imaging.Resize(up, sh, sw, imaging.Lanczos) }) })
	b.Run("resize-320-ycbcr", func(b *testing.B) { cpuPerOp(b, func() { imaging.Resize(big, sw, sh, imaging.Lanczos) }) })
	small := imaging.Resize(up, sh, sw, imaging.Lanczos)
	b.Run("encode-320-nrgba", func(b *testing.B) { cpuPerOp(b, func() { encode(small, DefaultQuality) }) })
}

func decodePlanes(b *testing.B, data []byte, scale int) *scaledjpeg.Planes {
	b.Helper()
	pl, err := scaledjpeg.DecodePlanes(data, scale, nil)
	if err != nil {
		b.Fatal(err)
	}
	return pl
}
