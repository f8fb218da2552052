package archive_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/index"
)

var (
	reindexRecords = flag.Int("bench.reindex.n", 20_000, "records in the archive BenchmarkReindex rebuilds the index of")
	reindexKeep    = flag.String("bench.reindex.keep", "", "build the seeded archive here and keep it (to run the real cutline reindex on it)")
)

// BenchmarkReindex seeds a real archive (SQLite file) with synthetic
// caption records, then times "cutline reindex" on it against a plain
// read of the records and a stock Bleve build of them, and prints the
// table:
//
//	go test -run='^$' -bench=Reindex -benchtime=1x -timeout 60m ./archive/ -args -bench.reindex.n=1000000
func BenchmarkReindex(b *testing.B) {
	ctx := context.Background()
	dir := *reindexKeep
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "archive")
	}
	s, err := archive.Open(dir, &archive.Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if n, err := s.Count(ctx); err != nil {
		b.Fatal(err)
	} else if n == 0 {
		start := time.Now()
		g := index.NewGenerator(1)
		if err := archive.SeedForBench(ctx, s, *reindexRecords, g.Photo); err != nil {
			b.Fatal(err)
		}
		b.Logf("seeded %d records in %v", *reindexRecords, time.Since(start).Round(time.Second))
	}
	for range b.N {
		err := index.RunReindexBench(ctx, os.Stdout, s, index.ReindexBenchOptions{Dir: b.TempDir(), Logf: b.Logf})
		if err != nil {
			b.Fatal(err)
		}
	}
}
