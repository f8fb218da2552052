// Package bench runs cutline's benchmarks against their references in the
// same run, for "cutline bench": the whole ingest against vipsthumbnail
// making the same two renditions, and (in package index) search against an
// untuned Bleve index.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/cutline/cutline/internal/synth"
	"github.com/cutline/cutline/thumbnails"
)

// IngestOptions configure Ingest.
type IngestOptions struct {
	// Exe is the cutline executable to run (the running one, normally).
	Exe string
	// N is the number of photos of each size (4 when 0).
	N int
	// Sizes are the photo sizes in megapixels (24 and 12 when nil).
	Sizes []int
	// Dir keeps the generated photos and archives (a temporary folder
	// removed afterwards when empty).
	Dir string
	// Runs repeats each measurement and keeps the fastest (2 when 0),
	// which filters out noise from other work on the machine.
	Runs int
}

// Row is one measured line of the ingest benchmark.
type Row struct {
	Label    string
	Photos   int
	CPU      time.Duration // user + system, all threads
	Wall     time.Duration
	MaxRSS   int64 // bytes; 0 when unknown
	Skipped  string
	Megapix  int
	Warnings []string
}

// Ingest generates photographic-looking JPEGs, then measures in the same
// run: "cutline ingest" of them into a fresh archive (a child process:
// hash, metadata, both renditions, originals, SQLite, the index), and
// vipsthumbnail making the same 1280 px and 320 px renditions. It prints a
// table with CPU and wall time per photo, their ratio, and the ingest's
// peak resident memory.
func Ingest(ctx context.Context, w io.Writer, opts IngestOptions) ([]Row, error) {
	o := opts
	if o.N <= 0 {
		o.N = 4
	}
	if len(o.Sizes) == 0 {
		o.Sizes = []int{24, 12}
	}
	if o.Runs <= 0 {
		o.Runs = 2
	}
	if o.Exe == "" {
		exe, err := os.Executable()
		if err != nil {
			return nil, err
		}
		o.Exe = exe
	}
	dir := o.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "cutline-bench-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	var rows []Row
	for _, mp := range o.Sizes {
		fmt.Fprintf(w, "generating %d photos of %d MP...\n", o.N, mp)
		files, err := GenerateInChild(ctx, o.Exe, filepath.Join(dir, fmt.Sprintf("photos-%dmp", mp)), mp, o.N)
		if err != nil {
			return rows, err
		}
		best := Row{Label: "cutline ingest", Photos: len(files), Megapix: mp}
		for r := 0; r < o.Runs; r++ {
			arch := filepath.Join(dir, fmt.Sprintf("archive-%dmp-%d", mp, r))
			row, err := runIngest(ctx, o.Exe, arch, filepath.Dir(files[0]))
			os.RemoveAll(arch)
			if err != nil {
				return rows, err
			}
			if r == 0 || row.CPU < best.CPU {
				best.CPU, best.Wall = row.CPU, row.Wall
			}
			best.MaxRSS = max(best.MaxRSS, row.MaxRSS)
		}
		vips := Row{Label: "vipsthumbnail 1280+320", Photos: len(files), Megapix: mp}
		for r := 0; r < o.Runs; r++ {
			cpu, wall, err := thumbnails.MeasureVips(ctx, files)
			if errors.Is(err, thumbnails.ErrNoVips) {
				vips.Skipped = "vipsthumbnail not installed (apt-get install libvips-tools)"
				break
			}
			if err != nil {
				return rows, err
			}
			if r == 0 || cpu < vips.CPU {
				vips.CPU, vips.Wall = cpu, wall
			}
		}
		rows = append(rows, best, vips)
	}
	printIngest(w, rows)
	return rows, nil
}

// runIngest runs "cutline ingest" in a child process and reads its CPU
// time and peak memory from the kernel's accounting of that child.
func runIngest(ctx context.Context, exe, arch, dir string) (Row, error) {
	cmd := exec.CommandContext(ctx, exe, "--archive", arch, "--json", "ingest", dir)
	cmd.Stdout = io.Discard
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Row{}, fmt.Errorf("cutline ingest: %v: %s", err, stderr.String())
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	row := Row{CPU: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), Wall: wall}
	if ru != nil {
		row.MaxRSS = ru.Maxrss * 1024
	}
	return row, nil
}

// GenerateInChild runs Generate in a child process ("cutline bench gen").
// The kernel charges a process's peak memory before exec (ru_maxrss keeps
// the high-water mark of the address space it was forked from) to the
// processes it starts, so the process that measures an ingest must never
// have held the generated photos itself.
func GenerateInChild(ctx context.Context, exe, dir string, mp, n int) ([]string, error) {
	cmd := exec.CommandContext(ctx, exe, "bench", "gen", "--dir", dir, "--mp", fmt.Sprint(mp), "--n", fmt.Sprint(n))
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("generating photos: %v: %s", err, out)
	}
	files := make([]string, n)
	for i := range files {
		files[i] = framePath(dir, i)
	}
	return files, nil
}

func framePath(dir string, i int) string { return filepath.Join(dir, fmt.Sprintf("frame-%03d.jpg", i)) }

// Generate writes n distinct synthetic photos of about mp megapixels (3:2)
// into dir, using every core.
func Generate(ctx context.Context, dir string, mp, n int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// 3:2 frame of mp megapixels: w = sqrt(mp*1e6*3/2).
	w := 1
	for w*w*2/3 < mp*1_000_000 {
		w += 8
	}
	h := w * 2 / 3
	files := make([]string, n)
	errs := make([]error, n)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		files[i] = framePath(dir, i)
		if _, err := os.Stat(files[i]); err == nil {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			if ctx.Err() != nil {
				errs[i] = ctx.Err()
				return
			}
			data, err := synth.JPEG(int64(1000*mp+i), w, h, &synth.JPEGOptions{Quality: 90,
				EXIF: &synth.EXIF{Orientation: 1 + i%8, Make: "Canon", Model: "EOS R5",
					Taken: time.Date(2025, 11, 25, 10, i, 0, 0, time.UTC)}})
			if err == nil {
				err = os.WriteFile(files[i], data, 0o644)
			}
			errs[i] = err
		}(i)
	}
	wg.Wait()
	return files, errors.Join(errs...)
}

func printIngest(w io.Writer, rows []Row) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "photo\twhat\tphotos\tCPU ms/photo\twall ms/photo\tpeak RSS MiB\tCPU vs vips\t")
	for i := 0; i < len(rows); i += 2 {
		in, vips := rows[i], rows[i+1]
		per := func(d time.Duration, n int) string { return fmt.Sprintf("%.0f", float64(d.Milliseconds())/float64(n)) }
		ratio := "n/a"
		if vips.Skipped == "" && vips.CPU > 0 {
			ratio = fmt.Sprintf("%.2f×", float64(in.CPU)/float64(vips.CPU))
		}
		fmt.Fprintf(tw, "%d MP\t%s\t%d\t%s\t%s\t%d\t%s\t\n", in.Megapix, in.Label, in.Photos, per(in.CPU, in.Photos), per(in.Wall, in.Photos), in.MaxRSS>>20, ratio)
		if vips.Skipped != "" {
			fmt.Fprintf(tw, "%d MP\t%s\t\t(%s)\t\t\t\t\n", vips.Megapix, vips.Label, vips.Skipped)
		} else {
			fmt.Fprintf(tw, "%d MP\t%s\t%d\t%s\t%s\t\t1.00×\t\n", vips.Megapix, vips.Label, vips.Photos, per(vips.CPU, vips.Photos), per(vips.Wall, vips.Photos))
		}
	}
	tw.Flush()
}

// limitedBuffer keeps the first 64 KiB written to it.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 64<<10 - len(l.b); room > 0 {
		l.b = append(l.b, p[:min(len(p), room)]...)
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string { return string(l.b) }
