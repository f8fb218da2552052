package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/internal/synth"
)

// TestIngestMemoryPadded ingests real JPEGs followed by hundreds of MB of
// zeros in a real cutline process on several workers and checks its peak
// resident memory: a file's bytes count in the memory budget, a file over
// the size cap is rejected unread (saying how to raise the cap), and the
// soft memory limit keeps garbage from piling up. The padding is sparse,
// so the files take no disk space until they are archived.
func TestIngestMemoryPadded(t *testing.T) {
	if testing.Short() {
		t.Skip("reads and archives about a GB")
	}
	cases := []struct {
		name   string
		files  int
		size   int64 // each file: a JPEG padded with zeros to this size
		args   []string
		exit   int
		reject string // in every rejection; "" when all are ingested
	}{
		// The reviewer's case: 1 GB each on two workers, default cap.
		{"1 GB over the cap", 2, 1_000_000_000, []string{"--workers", "2"}, exitFailure,
			"(1000000000 bytes), more than the 256 MiB allowed for one file; no JPEG photo is that large (padding, or not a photo?); raise the limit with --max-file-mb"},
		// Under a raised cap: three files of 350 MB need more than the
		// 640 MiB budget together, so they are worked on one at a time.
		{"350 MB allowed", 3, 350_000_000, []string{"--workers", "3", "--max-file-mb", "400"}, exitOK, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			wire := filepath.Join(work, "pad")
			if err := os.Mkdir(wire, 0o755); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < tc.files; i++ {
				jpeg, err := synth.JPEG(int64(500+i), 1600, 1200, nil)
				if err != nil {
					t.Fatal(err)
				}
				p := filepath.Join(wire, fmt.Sprintf("padded%d.jpg", i))
				if err := os.WriteFile(p, jpeg, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Truncate(p, tc.size); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			args := append([]string{"--archive", filepath.Join(work, "archive"), "--json", "ingest"}, tc.args...)
			cmd := exec.CommandContext(ctx, "cutline", append(args, wire)...)
			cmd.Env = append(os.Environ(), "GOMEMLIMIT=") // the default limit, not the caller's
			var stderr strings.Builder
			cmd.Stderr = &stderr
			start := time.Now()
			out, err := cmd.Output()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
			t.Logf("%d files of %d MB: peak RSS %d MiB, wall %v", tc.files, tc.size/1e6, rss>>20, time.Since(start).Round(time.Millisecond))
			if code != tc.exit {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tc.exit, out, stderr.String())
			}
			var rep archive.Report
			if err := json.Unmarshal(out, &rep); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if tc.reject == "" && len(rep.Ingested) != tc.files {
				t.Errorf("%d of %d ingested: %+v", len(rep.Ingested), tc.files, rep.Rejected)
			}
			if tc.reject != "" {
				if len(rep.Rejected) != tc.files {
					t.Errorf("%d of %d rejected", len(rep.Rejected), tc.files)
				}
				for _, r := range rep.Rejected {
					if !strings.Contains(r.Error, tc.reject) {
						t.Errorf("%s: rejection %q, want it to contain %q", r.Path, r.Error, tc.reject)
					}
				}
			}
			if rss > 1<<30 {
				t.Errorf("peak resident memory %d MiB exceeds 1 GiB", rss>>20)
			}
		})
	}
}
