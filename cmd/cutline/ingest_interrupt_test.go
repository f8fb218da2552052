package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
)

var interruptedRE = regexp.MustCompile(`(?m)^cutline: interrupted: (\d+) files not processed$`)

// TestIngestInterrupt sends SIGINT (Ctrl-C) to a real "cutline ingest"
// once it has archived its first photo, in both output modes, and checks:
// exit status 130; the files not processed counted on stderr and not
// listed as rejected; every file accounted for; and an archive that
// "cutline check" finds clean (no original without its record) and that a
// second ingest completes.
func TestIngestInterrupt(t *testing.T) {
	const n = 300
	wire := filepath.Join(t.TempDir(), "wire")
	writePhotos(t, wire, 0, n)
	for _, mode := range []string{"text", "json"} {
		t.Run(mode, func(t *testing.T) {
			arch := filepath.Join(t.TempDir(), "archive")
			args := []string{"--archive", arch, "ingest", "--workers", "2", wire}
			if mode == "json" {
				args = append([]string{"--json"}, args...)
			}
			cmd := exec.Command("cutline", args...)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := make(chan string, n+10)
			go func() {
				sc := bufio.NewScanner(stdout)
				sc.Buffer(nil, 16<<20)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			// Interrupt once the first photo is archived: the first
			// "ingested" line, or (JSON prints at the end) its original.
			deadline := time.Now().Add(30 * time.Second)
			var printed []string
		wait:
			for time.Now().Before(deadline) {
				select {
				case l, ok := <-lines:
					if !ok {
						break wait
					}
					printed = append(printed, l)
					if strings.HasPrefix(l, "ingested ") {
						break wait
					}
				case <-time.After(5 * time.Millisecond):
					if mode == "json" && hasOriginal(arch) {
						break wait
					}
				}
			}
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			for l := range lines {
				printed = append(printed, l)
			}
			err = cmd.Wait()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			if code != exitInterrupted {
				t.Fatalf("exit %d, want %d (finished before the interrupt?)\nstderr: %s", code, exitInterrupted, stderr.String())
			}
			m := interruptedRE.FindStringSubmatch(stderr.String())
			if m == nil {
				t.Fatalf("stderr does not count the files not processed:\n%s", stderr.String())
			}
			notProcessed, _ := strconv.Atoi(m[1])
			var ingested, rejected int
			if mode == "json" {
				var rep archive.Report
				if err := json.Unmarshal([]byte(strings.Join(printed, "\n")), &rep); err != nil {
					t.Fatalf("%v\n%s", err, strings.Join(printed, "\n"))
				}
				ingested, rejected = len(rep.Ingested)+len(rep.Duplicates), len(rep.Rejected)
			} else {
				for _, l := range printed {
					switch {
					case strings.HasPrefix(l, "ingested "), strings.HasPrefix(l, "duplicate "):
						ingested++
					case strings.HasPrefix(l, "rejected "):
						rejected++
					}
				}
			}
			t.Logf("%s: %d ingested, %d not processed", mode, ingested, notProcessed)
			if rejected != 0 {
				t.Errorf("%d files rejected: an interrupted file is not a bad file", rejected)
			}
			if notProcessed == 0 || ingested == 0 || ingested+notProcessed != n {
				t.Errorf("%d ingested + %d not processed, want %d in all, both non-zero", ingested, notProcessed, n)
			}
			if code, out, errs := runCutline(t, arch, "check"); code != 0 || !strings.Contains(out, " 0 problems") {
				t.Errorf("check after the interrupt: exit %d\n%s%s", code, out, errs)
			}
			code, out, errs := runCutline(t, arch, "ingest", wire)
			if want := strconv.Itoa(n) + " files: " + strconv.Itoa(notProcessed) + " ingested, " + strconv.Itoa(ingested) + " duplicates, 0 rejected"; code != 0 || !strings.Contains(out, want) {
				t.Errorf("second ingest: exit %d, want %q\n%s%s", code, want, lastLines(out, 2), errs)
			}
		})
	}
}

// hasOriginal reports whether the archive holds at least one original.
func hasOriginal(arch string) bool {
	dirs, _ := os.ReadDir(filepath.Join(arch, "originals"))
	for _, d := range dirs {
		if files, _ := os.ReadDir(filepath.Join(arch, "originals", d.Name())); len(files) > 0 {
			for _, f := range files {
				if !strings.HasPrefix(f.Name(), ".tmp-") {
					return true
				}
			}
		}
	}
	return false
}

func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(ls[max(0, len(ls)-n):], "\n")
}

// TestIngestRestoreOutput: ingesting a file whose archived original was
// lost says it restored it, on stdout as a warning under the duplicate,
// and with --json on stderr (the JSON keeps the shape of DESIGN.md).
func TestIngestRestoreOutput(t *testing.T) {
	work := t.TempDir()
	wire := filepath.Join(work, "wire")
	writePhotos(t, wire, 0, 2)
	arch := filepath.Join(work, "archive")
	if code, out, errs := cli(t, "--archive", arch, "--json", "ingest", wire); code != 0 {
		t.Fatalf("ingest: %d\n%s%s", code, out, errs)
	}
	s, err := archive.Open(arch, nil)
	if err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(wire, "p0000.jpg")
	data, err := os.ReadFile(photo)
	if err != nil {
		t.Fatal(err)
	}
	id := archive.IDOf(data)
	orig := s.Originals.Path(id)
	s.Close()

	for _, mode := range []string{"text", "json"} {
		if err := os.Remove(orig); err != nil {
			t.Fatal(err)
		}
		args := []string{"--archive", arch, "ingest", wire}
		if mode == "json" {
			args = append([]string{"--json"}, args...)
		}
		code, out, errs := cli(t, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", mode, code, out, errs)
		}
		if got, err := os.ReadFile(orig); err != nil || archive.IDOf(got) != id {
			t.Errorf("%s: original not restored (%v)", mode, err)
		}
		switch mode {
		case "text":
			want := "duplicate  " + id.Short() + "  " + photo + "\n           warning: original restored from this file (it was missing)\n"
			if !strings.Contains(out, want) {
				t.Errorf("text output lacks %q:\n%s", want, out)
			}
		case "json":
			var raw map[string][]map[string]any
			if err := json.Unmarshal([]byte(out), &raw); err != nil {
				t.Fatal(err)
			}
			for _, d := range raw["duplicates"] {
				if len(d) != 2 || d["path"] == nil || d["id"] == nil {
					t.Errorf("duplicate %v: want exactly path and id", d)
				}
			}
			want := "cutline: warning: " + photo + ": original of " + id.Short() + " restored (it was missing)"
			if !strings.Contains(errs, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errs)
			}
		}
	}
}
