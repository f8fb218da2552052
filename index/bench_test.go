package index

import (
	"context"
	"flag"
	"os"
	"testing"
)

var (
	benchRecords = flag.Int("bench.n", 20_000, "records indexed by BenchmarkSearch")
	benchRuns    = flag.Int("bench.runs", 200, "timed runs of each query in BenchmarkSearch")
)

// BenchmarkSearch runs RunBench once and prints its table:
//
//	go test -run=^$ -bench=Search -benchtime=1x ./index/ -args -bench.n=100000
func BenchmarkSearch(b *testing.B) {
	for range b.N {
		err := RunBench(context.Background(), os.Stdout, BenchOptions{N: *benchRecords, Runs: *benchRuns, Dir: b.TempDir(), Logf: b.Logf})
		if err != nil {
			b.Fatal(err)
		}
	}
}
