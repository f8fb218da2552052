package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/demo"
	"github.com/cutline/cutline/internal/synth"
)

var (
	ackIngestRE = regexp.MustCompile(`^ingested   ([0-9a-f]{12})  `)
	ackEditRE   = regexp.MustCompile(`^([0-9a-f]{12})  headline: .* → "round (\d+)"$`)
)

// TestCrashSafety SIGKILLs real cutline processes at random moments — an
// ingest of freshly generated photos, or a stream of caption edits over
// the whole archive — and after each kill checks that the archive opens,
// that every ingest and edit the process acknowledged (printed) is there,
// that "cutline check --repair" leaves nothing half-done and a following
// "cutline check" is clean (records, originals, thumbnails, and the index
// agreeing with SQLite). The seed is printed; CUTLINE_CRASH_SEED repeats a
// run, CUTLINE_CRASH_KILLS changes the number of kill points (50).
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CUTLINE_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	kills := 50
	if s := os.Getenv("CUTLINE_CRASH_KILLS"); s != "" {
		kills, _ = strconv.Atoi(s)
	}
	t.Logf("seed %d (CUTLINE_CRASH_SEED=%d repeats this run)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))

	work := t.TempDir()
	arch := filepath.Join(work, "archive")
	ackedPhotos := map[string]bool{} // short ID → acknowledged as ingested
	ackedRound := map[string]int{}   // short ID → highest acknowledged edit round
	nextPhoto, round, survived, interrupted, repaired := 0, 0, 0, 0, 0
	expected := map[string]time.Duration{"ingest": 400 * time.Millisecond, "caption": 400 * time.Millisecond}
	for k := 0; k < kills; k++ {
		var args []string
		edit := len(ackedPhotos) > 0 && rng.IntN(2) == 0
		if edit {
			round++
			args = []string{"caption", "--where", "", "--set", fmt.Sprintf("headline=round %d", round), "--as", "crash"}
		} else {
			// New photos arrive in the wire folder; each ingest takes the
			// whole folder, so photos a kill cut off are picked up again
			// (and the ones already in are recognised as duplicates).
			batch := filepath.Join(work, "wire", fmt.Sprintf("%02d", k))
			n := 15 + rng.IntN(20)
			writePhotos(t, batch, nextPhoto, n)
			nextPhoto += n
			args = []string{"ingest", filepath.Join(work, "wire")}
		}
		// Kill at a random moment of the run: a uniform draw over the
		// duration the last complete run of this kind took.
		kind := args[0]
		est := expected[kind]
		delay := 10*time.Millisecond + time.Duration(rng.Int64N(int64(est*9/10)))
		start := time.Now()
		lines, killed := runAndKill(t, arch, args, delay)
		if killed {
			interrupted++
		} else {
			expected[kind] = max(time.Since(start), 50*time.Millisecond)
		}
		for _, l := range lines {
			if m := ackIngestRE.FindStringSubmatch(l); m != nil {
				ackedPhotos[m[1]] = true
			}
			if m := ackEditRE.FindStringSubmatch(l); m != nil {
				r, _ := strconv.Atoi(m[2])
				ackedRound[m[1]] = max(ackedRound[m[1]], r)
			}
		}

		if _, err := os.Stat(filepath.Join(arch, "cutline.db")); err != nil && len(ackedPhotos) == 0 {
			survived++ // killed before the archive existed: nothing to check
			continue
		}
		// Repair what a kill can leave (an original whose record was never
		// committed, temporary files, renditions), then demand a clean check.
		code, out, errs := runCutline(t, arch, "check", "--repair")
		if code != 0 {
			t.Fatalf("kill %d (%s): check --repair exit %d:\n%s%s", k, args[0], code, out, errs)
		}
		repaired += strings.Count(out, "repaired  ")
		if code, out, errs := runCutline(t, arch, "check"); code != 0 || !strings.Contains(out, " 0 problems") {
			t.Fatalf("kill %d (%s): check after repair not clean (exit %d):\n%s%s", k, args[0], code, out, errs)
		}
		verifyAcked(t, arch, k, ackedPhotos, ackedRound)
		survived++
	}
	total := 0
	if s, err := archive.Open(arch, &archive.Options{ReadOnly: true}); err == nil {
		total, _ = s.Count(context.Background())
		s.Close()
	}
	t.Logf("%d kill points survived (%d killed mid-run, the rest finished first); %d problems repaired; %d photos in the archive, %d of them acknowledged before a kill or at the end; %d edit rounds; no acknowledged write lost",
		survived, interrupted, repaired, total, len(ackedPhotos), round)
	if interrupted < kills/3 {
		t.Errorf("only %d of %d runs were killed before they finished: the kill points do not exercise crashes", interrupted, kills)
	}
}

// writePhotos generates n small photos with captions into dir.
func writePhotos(t *testing.T, dir string, first, n int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := first; i < first+n; i++ {
		img, err := synth.JPEG(int64(i+1), 160+i%64, 120, nil)
		if err != nil {
			t.Fatal(err)
		}
		f := caption.Fields{Headline: fmt.Sprintf("Photo %d", i), City: "Seoul", Credit: "AFP",
			Description: fmt.Sprintf("Protesters march in Seoul on November %d, 2025. (Photo by Jung Yeon-je / AFP)", 1+i%28)}
		data, err := demo.Embed(img, demo.Metadata{IIM: &f, XMP: &f})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%04d.jpg", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runAndKill starts cutline, SIGKILLs it after d (unless it finished
// first) and returns the complete lines it printed and whether the kill
// interrupted it.
func runAndKill(t *testing.T, arch string, args []string, d time.Duration) ([]string, bool) {
	t.Helper()
	cmd := exec.Command("cutline", append([]string{"--archive", arch}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var (
		lines []string
		wg    sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
	}()
	timer := time.AfterFunc(d, func() { cmd.Process.Signal(syscall.SIGKILL) })
	wg.Wait()
	cmd.Wait()
	timer.Stop()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return lines, ok && ws.Signaled()
}

func runCutline(t *testing.T, arch string, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "cutline", append([]string{"--archive", arch}, args...)...)
	var out, errs strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errs.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errs.String()
}

// verifyAcked opens the archive and checks that every acknowledged photo
// is there with its original, that every acknowledged edit round (or a
// later one) is the photo's headline, and that the history holds it.
func verifyAcked(t *testing.T, arch string, k int, photos map[string]bool, rounds map[string]int) {
	t.Helper()
	if len(photos) == 0 {
		return
	}
	s, err := archive.Open(arch, &archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("kill %d: archive does not open: %v", k, err)
	}
	defer s.Close()
	ctx := context.Background()
	for short := range photos {
		id, err := s.Resolve(ctx, short)
		if err != nil {
			t.Fatalf("kill %d: acknowledged photo %s lost: %v", k, short, err)
		}
		p, err := s.Photo(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Originals.Has(id, p.Bytes) {
			t.Fatalf("kill %d: original of acknowledged photo %s lost", k, short)
		}
		want := rounds[short]
		if want == 0 {
			continue
		}
		got := 0
		fmt.Sscanf(p.Caption.Headline, "round %d", &got)
		if got < want {
			t.Fatalf("kill %d: photo %s headline %q, but round %d was acknowledged", k, short, p.Caption.Headline, want)
		}
		hist, err := s.History(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range hist {
			found = found || (len(h.New) == 1 && h.New[0] == fmt.Sprintf("round %d", want) && h.User == "crash")
		}
		if !found {
			t.Fatalf("kill %d: the history of %s lacks acknowledged round %d", k, short, want)
		}
	}
}
