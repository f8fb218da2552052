package main

import (
	"fmt"

	"github.com/cutline/cutline/index"
	"github.com/cutline/cutline/internal/bench"
	"github.com/spf13/cobra"
)

func newBenchCommand(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "bench ingest|search",
		Short: "Measure ingest and search, each against its reference in the same run",
	}
	c.AddCommand(newBenchIngestCommand(g), newBenchSearchCommand(g), newBenchGenCommand(g))
	return c
}

// newBenchGenCommand writes the benchmark's photos; bench ingest runs it as
// a child process so that its own memory stays out of the measurement.
func newBenchGenCommand(g *globalOptions) *cobra.Command {
	var (
		dir   string
		mp, n int
	)
	c := &cobra.Command{
		Use:    "gen --dir DIR --mp N --n N",
		Short:  "Write synthetic photographic JPEGs for the benchmarks",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if dir == "" || mp <= 0 || n <= 0 {
				return usagef("--dir, --mp and --n are required")
			}
			_, err := bench.Generate(c.Context(), dir, mp, n)
			return err
		},
	}
	f := c.Flags()
	f.StringVar(&dir, "dir", "", "folder to write to")
	f.IntVar(&mp, "mp", 24, "megapixels")
	f.IntVar(&n, "n", 4, "photos")
	return c
}

func newBenchIngestCommand(g *globalOptions) *cobra.Command {
	var o bench.IngestOptions
	c := &cobra.Command{
		Use:   "ingest",
		Short: "Ingest CPU and memory per photo against vipsthumbnail making the same renditions",
		Long: `Generate photographic-looking 24 MP and 12 MP JPEGs, then measure in the same
run "cutline ingest" of them (hash, metadata, both renditions, originals,
SQLite, index; a child process, measured by the kernel) and vipsthumbnail
making the same 1280 px and 320 px renditions (Debian libvips-tools). Prints
CPU and wall milliseconds per photo, the ratio, and the ingest's peak resident
memory. Each measurement is the fastest of --runs.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			_, err := bench.Ingest(c.Context(), g.stdout, o)
			return err
		},
	}
	f := c.Flags()
	f.IntVar(&o.N, "n", 4, "photos of each size")
	f.IntSliceVar(&o.Sizes, "mp", []int{24, 12}, "photo sizes in megapixels")
	f.IntVar(&o.Runs, "runs", 2, "repeat each measurement and keep the fastest")
	f.StringVar(&o.Dir, "dir", "", "keep generated photos here (default: a temporary folder)")
	return c
}

func newBenchSearchCommand(g *globalOptions) *cobra.Command {
	var o index.BenchOptions
	c := &cobra.Command{
		Use:   "search",
		Short: "Index rate and query latency against an untuned Bleve index",
		Long: `Build an index of N synthetic but realistic caption records, and the same
records in an untuned default Bleve index, then time a fixed query mix (word,
phrase, field, date range, facets, front page) on both: indexing rate, p50 and
p99 latency, and their ratios.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			o.Logf = func(format string, a ...any) { fmt.Fprintf(g.stderr, format+"\n", a...) }
			return index.RunBench(c.Context(), g.stdout, o)
		},
	}
	f := c.Flags()
	f.IntVar(&o.N, "n", 100_000, "records")
	f.IntVar(&o.Runs, "runs", 200, "timed runs of each query")
	f.StringVar(&o.Dir, "dir", "", "build the indexes here (default: a temporary folder)")
	f.BoolVar(&o.NoReference, "no-reference", false, "skip the untuned reference index")
	return c
}
