// Package demo generates a newsroom's worth of sample photos for "cutline
// demo", the web desk's tests and its load test: photo-like pictures made
// by internal/synth in varied sizes, orientations and colour layouts, with
// agency captions and credits (AFP, Reuters, AP, Getty Images, Yonhap,
// EPA) embedded as IPTC IIM, XMP and EXIF the way agencies send them.
//
// Every photo is determined by the seed and its number, so a demo archive
// is the same on every machine. The people in generated captions are
// fictional; the places are real. The first two photos carry the two
// captions of the seed article verbatim. A few photos are made to show
// the desk's warnings: one whose image data is cut off (no preview), one
// whose caption is longer than IPTC IIM allows, and IIM and XMP that
// disagree.
package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/synth"
)

// DefaultN is the number of photos of a default demo archive.
const DefaultN = 32

// Options configure the generator. The zero value makes DefaultN photos of
// editorial sizes with seed 1.
type Options struct {
	// N is the number of photos (DefaultN when 0).
	N int
	// Seed picks the pictures and captions (1 when 0).
	Seed int64
	// Small makes tiny pictures (64×48 and 48×64) that are cheap to make
	// and to ingest, for archives of thousands of photos.
	Small bool
	// Bodies, when > 0, reuses that many distinct pictures: photo i gets
	// picture i % Bodies. The captions still differ, so every file (and
	// so every photo ID) is distinct.
	Bodies int
}

func (o *Options) norm() Options {
	var c Options
	if o != nil {
		c = *o
	}
	if c.N <= 0 {
		c.N = DefaultN
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	return c
}

// File is one generated photo.
type File struct {
	Name    string
	Data    []byte
	Caption caption.Fields // the caption embedded (the XMP one when IIM and XMP differ)
}

// size is a frame size and the EXIF orientation it is stored with.
type size struct{ w, h, orientation int }

// sizes cover what a desk sees: landscape, portrait (both stored upright
// and stored rotated with an EXIF orientation), square and panorama.
var sizes = []size{
	{1080, 720, 1}, {720, 1080, 1}, {1080, 720, 6}, {900, 900, 1},
	{1280, 512, 1}, {960, 640, 1}, {1024, 768, 8}, {640, 960, 1},
}

// Photo returns photo i (0-based) of the demo set.
func Photo(i int, opts *Options) (File, error) {
	o := opts.norm()
	g := makeCaption(o.Seed, i)
	if i < 2 {
		g.fields = SeedCaptions()[i]
	}
	sz := sizes[i%len(sizes)]
	if o.Small {
		sz = size{64, 48, 1}
		if i%3 == 1 {
			sz = size{48, 64, 1}
		}
	}
	body := i
	if o.Bodies > 0 {
		body = i % o.Bodies
	}
	layout := synth.YCbCr420
	if !o.Small && i%11 == 7 {
		layout = synth.Grayscale // an archive print, scanned
	}
	img, err := synth.JPEG(o.Seed*1_000_003+int64(body), sz.w, sz.h, &synth.JPEGOptions{Layout: layout, Quality: 85})
	if err != nil {
		return File{}, err
	}
	ex := &EXIF{Orientation: sz.orientation, Taken: g.taken, Make: g.camera[0], Model: g.camera[1]}
	if i < 2 {
		// The seed photos were taken on the day their captions say.
		if d, err := time.Parse("2006-01-02", g.fields.DateCreated); err == nil {
			ex.Taken = d.Add(ex.Taken.Sub(ex.Taken.Truncate(24 * time.Hour)))
		}
	}
	md := Metadata{IIM: &g.fields, XMP: &g.fields, EXIF: ex}
	f := g.fields
	switch {
	case o.Small:
		md.XMP = nil // IIM only: smaller files for big archives
	case i%9 == 4:
		md.IIM = nil // XMP only, as some phone apps write
	case i%9 == 5:
		// IIM and XMP disagree on the headline: XMP wins, with a warning.
		old := f
		old.Headline = strings.ToUpper(f.Headline) + " (OLD)"
		md.IIM = &old
	case i == 3:
		// A caption longer than IIM's 2,000 bytes: the desk warns.
		f.Description += strings.Repeat(" Background: talks between the two sides have stalled since the last round of meetings, and officials on both sides said no date had been set.", 15)
		md.IIM, md.XMP = &f, &f
	}
	data, err := Embed(img, md)
	if err != nil {
		return File{}, err
	}
	if !o.Small && i == 6 {
		// The wire cut this one off mid-transfer: the image data ends
		// early, so it is archived with its caption but has no preview.
		data = data[:len(data)-len(img)/2]
	}
	return File{Name: fmt.Sprintf("demo-%04d.jpg", i+1), Data: data, Caption: f}, nil
}

// WriteFiles writes photos [0, N) into dir, generating them on all cores.
func WriteFiles(ctx context.Context, dir string, opts *Options) ([]string, error) {
	o := opts.norm()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, o.N)
	errs := make([]error, o.N)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f, err := Photo(i, &o)
				if err == nil {
					paths[i] = filepath.Join(dir, f.Name)
					err = os.WriteFile(paths[i], f.Data, 0o644)
				}
				errs[i] = err
			}
		}()
	}
	for i := 0; i < o.N && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("demo photo %d: %w", i+1, err)
		}
	}
	return paths, nil
}

// Ingest generates the demo photos into a temporary folder, ingests them
// into s (recording user in the history), and removes the folder.
func Ingest(ctx context.Context, s *archive.Store, user string, opts *Options) (*archive.Report, error) {
	tmp, err := os.MkdirTemp("", "cutline-demo-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if _, err := WriteFiles(ctx, tmp, opts); err != nil {
		return nil, err
	}
	return s.Ingest(ctx, []string{tmp}, &archive.IngestOptions{User: user})
}
