package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/internal/testcorpus"
)

// TestIngestHostileCorpus ingests the 124 hostile files of the shared
// corpus in a real cutline process and checks that it neither crashes nor
// hangs (under 60 s), stays under 1 GiB resident, accounts for every file
// (ingested with warnings, or rejected with a message naming the problem),
// and leaves no partial record behind.
func TestIngestHostileCorpus(t *testing.T) {
	bad := testcorpus.Sub(t, "bad")
	var files []string
	for _, f := range testcorpus.Files(t, bad) {
		files = append(files, f)
	}
	arch := filepath.Join(t.TempDir(), "archive")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "cutline", "--archive", arch, "--json", "ingest", bad)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("ingest of bad/ did not finish within 60 s")
	}
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("ingest exit: %v (want exit status 1: some files are rejected)\n%s", err, stderr.String())
	}
	maxRSS := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024
	t.Logf("%d files in %v, peak RSS %d MiB", len(files), took.Round(time.Millisecond), maxRSS>>20)
	if maxRSS > 1<<30 {
		t.Errorf("peak resident memory %d MiB exceeds 1 GiB", maxRSS>>20)
	}
	var rep archive.Report
	if err := json.Unmarshal([]byte(stdout.String()), &rep); err != nil {
		t.Fatalf("report: %v\n%s", err, stdout.String())
	}
	seen := map[string]int{}
	for _, r := range rep.Ingested {
		seen[r.Path]++
	}
	for _, r := range rep.Duplicates {
		seen[r.Path]++
	}
	for _, r := range rep.Rejected {
		seen[r.Path]++
		if len(r.Error) < 12 || r.Error == "rejected" {
			t.Errorf("%s: rejection without a clear reason: %q", r.Path, r.Error)
		}
	}
	for _, f := range files {
		if seen[f] != 1 {
			t.Errorf("%s appears %d times in the report, want once", f, seen[f])
		}
	}
	if len(rep.Rejected) == 0 || len(rep.Ingested) == 0 {
		t.Errorf("%d ingested, %d rejected: the corpus holds both kinds", len(rep.Ingested), len(rep.Rejected))
	}
	// Rejections name the problem: spot-check a few kinds.
	reasons := map[string]string{
		"formats/png-named.jpg":      "PNG",
		"formats/pdf-named.jpg":      "PDF",
		"formats/html-named.jpg":     "HTML",
		"gen/bomb-60000x60000.jpg":   "megapixels",
		"gen/zero-bytes.jpg":         "empty",
		"formats/samplefilehub.heif": "HEI",
	}
	for _, r := range rep.Rejected {
		rel, _ := filepath.Rel(bad, r.Path)
		if want, ok := reasons[rel]; ok {
			if !strings.Contains(r.Error, want) {
				t.Errorf("%s rejected with %q, want it to say %q", rel, r.Error, want)
			}
			delete(reasons, rel)
		}
	}
	for rel := range reasons {
		t.Errorf("%s was not rejected", rel)
	}

	// No partial records: every record has its original, every original
	// its record, and no temporary file is left.
	s, err := archive.Open(arch, &archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	err = s.EachPhoto(context.Background(), func(p *archive.Photo) error {
		n++
		if !s.Originals.Has(p.ID, p.Bytes) {
			t.Errorf("record %s (%s) has no original", p.ID.Short(), p.Name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(rep.Ingested) {
		t.Errorf("%d records, %d files reported ingested", n, len(rep.Ingested))
	}
	blobs := 0
	s.Originals.Each(func(id archive.ID, path string, tmp bool) error {
		if tmp {
			t.Errorf("leftover temporary file %s", path)
		} else {
			blobs++
		}
		return nil
	})
	if blobs != n {
		t.Errorf("%d originals for %d records", blobs, n)
	}
	if _, err := os.Stat(filepath.Join(arch, "cutline.db")); err != nil {
		t.Fatal(err)
	}
}
