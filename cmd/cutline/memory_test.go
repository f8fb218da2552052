package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/cutline/cutline/internal/bench"
)

// TestIngestMemory24MP ingests 24-megapixel photos on every core in a real
// cutline process and checks that its peak resident memory stays under
// 1 GiB: the memory budget must hold decodes back, not the number of cores.
func TestIngestMemory24MP(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 24 MP photos")
	}
	work := t.TempDir()
	n := 2 * runtime.GOMAXPROCS(0)
	files, err := bench.GenerateInChild(context.Background(), "cutline", filepath.Join(work, "wire"), 24, n)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("cutline", "--archive", filepath.Join(work, "archive"), "--json", "ingest", filepath.Dir(files[0]))
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	t.Logf("%d photos of 24 MP on %d cores: peak RSS %d MiB, CPU %v, wall %v", n, runtime.GOMAXPROCS(0), rss>>20, cpu.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	if rss > 1<<30 {
		t.Errorf("peak resident memory %d MiB exceeds 1 GiB", rss>>20)
	}
}
