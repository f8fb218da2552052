package index

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cutline/cutline/archive"
)

// BenchOptions configure RunBench. The zero value builds 100,000 records
// with seed 1 in a temporary folder and times 200 runs of each query.
type BenchOptions struct {
	N    int    // records to index; 0 means 100,000
	Seed uint64 // generator seed; 0 means 1
	// Dir is where the two indexes are built; "" means a temporary folder,
	// removed afterwards.
	Dir  string
	Runs int // timed runs of each query per index; 0 means 200
	// NoReference skips the untuned reference index (half the time).
	NoReference bool
	// Logf receives progress; nil is silent.
	Logf func(format string, args ...any)
}

// BenchQuery is one query of the benchmark mix.
type BenchQuery struct {
	Name  string
	Query string
	Opts  SearchOptions
}

// BenchMix returns the fixed query mix: a word, a phrase, a field, a date
// range and facets, as the search page sends them (20 hits, highlights
// on), a combination, and the front page (every photo, newest first, with
// facets).
func BenchMix() []BenchQuery {
	return []BenchQuery{
		{"word", `protesters`, SearchOptions{}},
		{"phrase", `"news conference"`, SearchOptions{}},
		{"field", `person:"Kim Hong-Ji"`, SearchOptions{}},
		{"date range", `after:2010 before:2012`, SearchOptions{}},
		{"facets", `agency:AFP`, SearchOptions{Facets: true}},
		{"word+field+date", `earthquake place:Turkey after:2015`, SearchOptions{}},
		{"front page", ``, SearchOptions{Facets: true}},
	}
}

// benchResult is what one index measured.
type benchResult struct {
	name      string
	build     time.Duration
	buildCPU  time.Duration // CPU time of the process during the build
	settle    time.Duration // wait for background merging after the build
	segments  int
	bytes     int64
	loadBuild string            // load average when the build ended
	loadQuery string            // load average when the timed queries ended
	latencies [][]time.Duration // per query of the mix
	totals    []uint64
	estimated []bool // facets estimated from a sample
}

// genSource serves a Generator's records as an archive without an outbox.
type genSource struct {
	g *Generator
	n int
}

func (s genSource) Changes(context.Context, int64, int) ([]archive.Change, error) { return nil, nil }
func (s genSource) LastChange(context.Context) (int64, error)                     { return 0, nil }
func (s genSource) Photo(_ context.Context, id archive.ID) (*archive.Photo, error) {
	return nil, archive.ErrNotFound
}
func (s genSource) EachPhoto(ctx context.Context, fn func(*archive.Photo) error) error {
	for i := range s.n {
		p := s.g.Photo(i)
		if err := fn(&p); err != nil {
			return err
		}
	}
	return nil
}

// RunBench builds an index of N synthetic records with the tuned mapping
// and, for reference, one with Bleve's default field options (everything
// stored, term vectors and doc values on every field, the _all field, no
// final merge), searched the way a plain Bleve application does (Bleve's
// own match and phrase queries, sort and facets: see stockSearch); it
// times the query mix on both and writes a table with the ratios to w.
// Both are built by Rebuild (two batch writers).
//
// Each index is timed only once Bleve's background merging has settled,
// so that merges do not run during the timed queries. Search caches no
// answers (only the per-segment facet columns, built by Rebuild), so every
// timed run is a full execution.
func RunBench(ctx context.Context, w io.Writer, opts BenchOptions) error {
	if opts.N <= 0 {
		opts.N = 100_000
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Runs <= 0 {
		opts.Runs = 200
	}
	logf := opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	dir := opts.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "cutline-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	mix := BenchMix()
	queries := make([]Query, len(mix))
	for i, bq := range mix {
		q, err := ParseQuery(bq.Query)
		if err != nil {
			return fmt.Errorf("bench query %s: %w", bq.Name, err)
		}
		queries[i] = q
	}

	variants := []struct {
		name string
		m    mappingOptions
	}{{"tuned", mappingOptions{}}, {"untuned", mappingOptions{untuned: true}}}
	if opts.NoReference {
		variants = variants[:1]
	}
	src := genSource{g: NewGenerator(opts.Seed), n: opts.N}
	var results []benchResult
	for _, v := range variants {
		r, err := benchOne(ctx, filepath.Join(dir, v.name), v.name, v.m, src, mix, queries, opts.Runs, logf)
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	writeBenchTable(w, opts, mix, results)
	return nil
}

func benchOne(ctx context.Context, dir, name string, m mappingOptions, src Source, mix []BenchQuery, queries []Query, runs int, logf func(string, ...any)) (benchResult, error) {
	r := benchResult{name: name}
	if err := os.RemoveAll(dir); err != nil {
		return r, err
	}
	ix, err := Open(dir, &Options{Logf: logf, mapping: m})
	if err != nil {
		return r, err
	}
	defer ix.Close()
	logf("bench: building the %s index", name)
	start, cpu := time.Now(), processCPU()
	if _, err := ix.Rebuild(ctx, src); err != nil {
		return r, err
	}
	r.build, r.buildCPU = time.Since(start), processCPU()-cpu
	r.loadBuild = loadAverage()
	logf("bench: %s index built in %v; waiting for merges to settle", name, r.build.Round(time.Second))
	start = time.Now()
	segs, err := ix.settle(ctx, 15*time.Minute)
	if err != nil {
		return r, err
	}
	r.settle, r.segments = time.Since(start), segs
	r.bytes = dirSize(dir)

	// Warm up (the first runs load segments and dictionaries), then time
	// the queries interleaved, so that noise from other work on the
	// machine spreads over all of them alike.
	r.latencies = make([][]time.Duration, len(queries))
	r.totals = make([]uint64, len(queries))
	r.estimated = make([]bool, len(queries))
	searchFn := ix.Search
	if m.untuned {
		searchFn = ix.stockSearch
	}
	for i, q := range queries {
		for range 3 {
			res, err := searchFn(ctx, q, mix[i].Opts)
			if err != nil {
				return r, err
			}
			r.totals[i], r.estimated[i] = res.Total, res.FacetsEstimated
		}
	}
	logf("bench: timing %d runs of %d queries on the %s index", runs, len(queries), name)
	for range runs {
		for i, q := range queries {
			t := time.Now()
			if _, err := searchFn(ctx, q, mix[i].Opts); err != nil {
				return r, err
			}
			r.latencies[i] = append(r.latencies[i], time.Since(t))
		}
	}
	r.loadQuery = loadAverage()
	return r, nil
}

// settle waits until Bleve's merger and persister have had nothing to do
// for three seconds, or timeout, and returns the number of segments.
func (ix *Index) settle(ctx context.Context, timeout time.Duration) (int, error) {
	deadline := time.Now().Add(timeout)
	var last string
	quiet := 0
	for {
		ix.mu.RLock()
		if ix.bi == nil {
			ix.mu.RUnlock()
			return 0, ErrClosed
		}
		st, _ := ix.bi.StatsMap()["index"].(map[string]any)
		ix.mu.RUnlock()
		segs, _ := st["num_root_filesegments"].(uint64)
		mem, _ := st["num_root_memorysegments"].(uint64)
		state := fmt.Sprint(st["TotFileMergeZapBeg"], st["TotFileMergeZapEnd"], st["TotFileMergeIntroductionsDone"],
			st["TotPersistedSegments"], segs, mem, st["num_files_on_disk"])
		if state == last && st["TotFileMergeZapBeg"] == st["TotFileMergeZapEnd"] && mem == 0 {
			quiet++
		} else {
			quiet = 0
		}
		last = state
		if quiet >= 6 || time.Now().After(deadline) {
			return int(segs + mem), nil
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// loadAverage returns the 1, 5 and 15 minute load averages of the
// machine, or "?" where /proc/loadavg does not exist.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// percentile returns the p-th percentile (0..100) by the nearest-rank
// method.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	k := int(float64(len(s))*p/100+0.999999) - 1
	return s[min(max(k, 0), len(s)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }

func writeBenchTable(w io.Writer, opts BenchOptions, mix []BenchQuery, rs []benchResult) {
	fmt.Fprintf(w, "cutline search benchmark: %d records, seed %d, %d runs per query, GOMAXPROCS %d, %s\n",
		opts.N, opts.Seed, opts.Runs, runtime.GOMAXPROCS(0), runtime.Version())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	header := "\t"
	for _, r := range rs {
		header += r.name + "\t"
	}
	if len(rs) == 2 {
		header += "gain\t" // how many times better tuned is
	}
	fmt.Fprintln(tw, header)
	// row prints one measure; higherBetter says which way the gain goes.
	row := func(label string, vals []float64, format string, higherBetter bool) {
		line := label + "\t"
		for _, v := range vals {
			line += fmt.Sprintf(format, v) + "\t"
		}
		if len(vals) == 2 && vals[0] > 0 && vals[1] > 0 {
			g := vals[1] / vals[0]
			if higherBetter {
				g = 1 / g
			}
			line += fmt.Sprintf("%.2fx\t", g)
		}
		fmt.Fprintln(tw, line)
	}
	var rate, secs, cpu, mb []float64
	for _, r := range rs {
		rate = append(rate, float64(opts.N)/r.build.Seconds())
		secs = append(secs, r.build.Seconds())
		cpu = append(cpu, r.buildCPU.Seconds())
		mb = append(mb, float64(r.bytes)/1e6)
	}
	var segs, settle []float64
	for _, r := range rs {
		segs = append(segs, float64(r.segments))
		settle = append(settle, r.settle.Seconds())
	}
	row("index rate (docs/s)", rate, "%.0f", true)
	row("full build (s)", secs, "%.1f", false)
	row("build CPU time (s)", cpu, "%.1f", false)
	row("merges settled after (s)", settle, "%.1f", false)
	row("segments", segs, "%.0f", false)
	row("disk (MB)", mb, "%.1f", false)
	for i, bq := range mix {
		line50 := fmt.Sprintf("%s p50 (ms)\t", bq.Name)
		line99 := fmt.Sprintf("%s p99 (ms)\t", bq.Name)
		var p50, p99 []time.Duration
		for _, r := range rs {
			p50 = append(p50, percentile(r.latencies[i], 50))
			p99 = append(p99, percentile(r.latencies[i], 99))
			line50 += ms(p50[len(p50)-1]) + "\t"
			line99 += ms(p99[len(p99)-1]) + "\t"
		}
		if len(rs) == 2 && p50[0] > 0 && p99[0] > 0 {
			line50 += fmt.Sprintf("%.2fx\t", float64(p50[1])/float64(p50[0]))
			line99 += fmt.Sprintf("%.2fx\t", float64(p99[1])/float64(p99[0]))
		}
		fmt.Fprintln(tw, line50)
		fmt.Fprintln(tw, line99)
	}
	tw.Flush()
	for _, r := range rs {
		fmt.Fprintf(w, "load average (1, 5, 15 min) %s: after the build %s, after the queries %s\n", r.name, r.loadBuild, r.loadQuery)
	}
	fmt.Fprintln(w, "queries (hits):")
	for i, bq := range mix {
		facets := ""
		if bq.Opts.Facets {
			facets = " with facets"
		}
		hits := ""
		for _, r := range rs {
			hits += fmt.Sprintf(" %s=%d", r.name, r.totals[i])
			if r.estimated[i] {
				hits += " (facets estimated)"
			}
		}
		fmt.Fprintf(w, "  %-16s %s%s:%s\n", bq.Name, bq.Query, facets, hits)
	}
}

// ReindexBenchOptions configures RunReindexBench.
type ReindexBenchOptions struct {
	// Dir holds the indexes built (a temporary folder when empty).
	Dir string
	// NoReference skips the stock Bleve build.
	NoReference bool
	// Logf reports progress (nothing when nil).
	Logf func(format string, args ...any)
}

// RunReindexBench times what "cutline reindex" does over src, a real
// archive: open the index, Rebuild it (read every record, build in a
// temporary folder, final merge, swap) and apply the outbox. For
// reference it times, in the same run, a plain read of every record from
// src (the floor any rebuild pays) and the same records built into an
// index with Bleve's default field options. It writes a table with the
// wall and CPU seconds of each.
func RunReindexBench(ctx context.Context, w io.Writer, src Source, opts ReindexBenchOptions) error {
	logf := opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	dir := opts.Dir
	if dir == "" {
		d, err := os.MkdirTemp("", "cutline-reindex-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	type row struct {
		name      string
		n         int
		wall, cpu time.Duration
		bytes     int64
	}
	var rows []row

	logf("bench: reading every record")
	start, cpu := time.Now(), processCPU()
	n := 0
	if err := src.EachPhoto(ctx, func(*archive.Photo) error { n++; return nil }); err != nil {
		return err
	}
	rows = append(rows, row{"read records only", n, time.Since(start), processCPU() - cpu, 0})

	variants := []struct {
		name string
		m    mappingOptions
	}{{"cutline reindex", mappingOptions{}}, {"stock Bleve build", mappingOptions{untuned: true}}}
	if opts.NoReference {
		variants = variants[:1]
	}
	for _, v := range variants {
		idir := filepath.Join(dir, strings.ReplaceAll(v.name, " ", "-"))
		logf("bench: %s", v.name)
		start, cpu := time.Now(), processCPU()
		ix, err := Open(idir, &Options{Logf: logf, mapping: v.m})
		if err != nil {
			return err
		}
		n, err := ix.Rebuild(ctx, src)
		if err == nil {
			_, err = ix.Sync(ctx, src)
		}
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", v.name, err)
		}
		rows = append(rows, row{v.name, n, time.Since(start), processCPU() - cpu, dirSize(idir)})
	}

	fmt.Fprintf(w, "cutline reindex benchmark: %d records, GOMAXPROCS %d, %s, load %s\n",
		n, runtime.GOMAXPROCS(0), runtime.Version(), loadAverage())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\twall s\tCPU s\trecords/s\tindex MB\twall vs reindex\t")
	base := rows[min(1, len(rows)-1)].wall
	for _, r := range rows {
		mb := "-"
		if r.bytes > 0 {
			mb = fmt.Sprintf("%.0f", float64(r.bytes)/1e6)
		}
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.0f\t%s\t%.2f×\t\n", r.name, r.wall.Seconds(), r.cpu.Seconds(),
			float64(r.n)/max(r.wall.Seconds(), 1e-9), mb, r.wall.Seconds()/max(base.Seconds(), 1e-9))
	}
	return tw.Flush()
}
