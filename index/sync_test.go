package index

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"
)

// logRecorder collects Options.Logf lines.
type logRecorder struct {
	mu    sync.Mutex
	lines []string
}

func (l *logRecorder) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logRecorder) contains(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.ContainsFunc(l.lines, func(line string) bool { return strings.Contains(line, s) })
}

// allIDs lists the IDs in the index, sorted.
func allIDs(t *testing.T, ix *Index) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), Query{}, SearchOptions{Limit: MaxLimit, NoHighlight: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, string(h.ID))
	}
	slices.Sort(out)
	return out
}

func mustParse(t *testing.T, s string) Query {
	t.Helper()
	q, err := ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func hitsOf(t *testing.T, ix *Index, q string) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), mustParse(t, q), SearchOptions{Limit: MaxLimit, NoHighlight: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, string(h.ID))
	}
	slices.Sort(out)
	return out
}

func TestSyncAppliesOutbox(t *testing.T) {
	ctx := context.Background()
	ix, src := openFilled(t)
	if n, _ := ix.Count(); n != 9 {
		t.Fatalf("count after first sync = %d, want 9", n)
	}
	wm, _ := ix.Watermark()
	if wm != 9 {
		t.Errorf("watermark = %d, want 9", wm)
	}

	// An edit replaces the document: the new words are found, the old
	// ones not.
	p, _ := src.Photo(ctx, idOf("afp"))
	p.Caption.Description = "Riot police fire tear gas in Marseille."
	src.put(*p)
	// A photo deleted from the archive leaves the index.
	src.del(idOf("nodate"))
	n, err := ix.Sync(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("applied %d changes, want 2", n)
	}
	if got := hitsOf(t, ix, "Marseille"); !slices.Equal(got, []string{string(idOf("afp"))}) {
		t.Errorf("edited caption: hits %v", got)
	}
	if got := hitsOf(t, ix, "protesters"); len(got) != 0 {
		t.Errorf("old caption words still found: %v", got)
	}
	if c, _ := ix.Count(); c != 8 {
		t.Errorf("count after delete = %d, want 8", c)
	}

	// Nothing new: nothing applied.
	if n, err := ix.Sync(ctx, src); err != nil || n != 0 {
		t.Errorf("idle sync = %d, %v", n, err)
	}

	// Within one page only the last change of a photo counts: added,
	// edited, then deleted is deleted, without loading the photo.
	extra := fixtures()[0]
	extra.ID, extra.Name = idOf("extra"), "extra"
	src.put(extra)
	src.put(extra)
	src.del(extra.ID)
	calls := src.photoCalls
	if _, err := ix.Sync(ctx, src); err != nil {
		t.Fatal(err)
	}
	if src.photoCalls != calls {
		t.Errorf("Sync loaded %d photos for a deleted one", src.photoCalls-calls)
	}
	if c, _ := ix.Count(); c != 8 {
		t.Errorf("count = %d, want 8", c)
	}
}

func TestSyncInBatches(t *testing.T) {
	ctx := context.Background()
	src := newMemSource()
	ix, err := Open(filepath.Join(t.TempDir(), "ix"), &Options{BatchSize: 7})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(ctx, src); err != nil { // builds the empty index
		t.Fatal(err)
	}
	g := NewGenerator(3)
	for i := range 50 {
		src.put(g.Photo(i))
	}
	n, err := ix.Sync(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if n != 50 {
		t.Errorf("applied %d, want 50", n)
	}
	if wm, _ := ix.Watermark(); wm != 50 {
		t.Errorf("watermark = %d, want 50", wm)
	}
	if c, _ := ix.Count(); c != 50 {
		t.Errorf("count = %d, want 50", c)
	}
}

// TestSyncTwiceIsHarmless replays changes that were already applied. The
// watermark rides in the same batch as the documents, so this happens only
// if the watermark is lost or rolled back; even then each photo is indexed
// as it is now, so the result is the same.
func TestSyncTwiceIsHarmless(t *testing.T) {
	ctx := context.Background()
	ix, src := openFilled(t)
	src.del(idOf("pool"))
	if _, err := ix.Sync(ctx, src); err != nil {
		t.Fatal(err)
	}
	before := allIDs(t, ix)
	facetsBefore, err := ix.Search(ctx, Query{}, SearchOptions{Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	// Roll the watermark back to 0 and apply everything again.
	b := ix.bi.NewBatch()
	b.SetInternal(keyWatermark, []byte("0"))
	if err := ix.bi.Batch(b); err != nil {
		t.Fatal(err)
	}
	n, err := ix.Sync(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if n != 10 {
		t.Errorf("replayed %d changes, want 10", n)
	}
	if diff := cmp.Diff(before, allIDs(t, ix)); diff != "" {
		t.Errorf("IDs changed by a replay (-before +after):\n%s", diff)
	}
	facetsAfter, _ := ix.Search(ctx, Query{}, SearchOptions{Facets: true})
	if diff := cmp.Diff(facetsBefore.Facets, facetsAfter.Facets); diff != "" {
		t.Errorf("facet counts changed by a replay (-before +after):\n%s", diff)
	}
}

func TestWatermarkAheadRebuilds(t *testing.T) {
	ctx := context.Background()
	ix, _ := openFilled(t)
	// The archive is restored from an older copy: fewer changes than the
	// index has applied, and other photos.
	old := newMemSource()
	for _, p := range fixtures()[:3] {
		old.put(p)
	}
	var log logRecorder
	ix.opts.Logf = log.logf
	n, err := ix.Sync(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("rebuild indexed %d photos, want 3", n)
	}
	if !log.contains("it has applied changes up to 9 but the archive's last change is 3") {
		t.Errorf("no clear message in the log: %q", log.lines)
	}
	want := []string{string(idOf("lee")), string(idOf("leebusan")), string(idOf("leeupper"))}
	slices.Sort(want)
	if diff := cmp.Diff(want, allIDs(t, ix)); diff != "" {
		t.Errorf("after rebuild (-want +got):\n%s", diff)
	}
	if wm, _ := ix.Watermark(); wm != 3 {
		t.Errorf("watermark after rebuild = %d, want 3", wm)
	}
	// A rebuild leaves nothing beside the index.
	entries, _ := os.ReadDir(filepath.Dir(ix.Dir()))
	for _, e := range entries {
		if e.Name() != filepath.Base(ix.Dir()) {
			t.Errorf("left over after rebuild: %s", e.Name())
		}
	}
}

func TestPrunedChangesRebuild(t *testing.T) {
	ctx := context.Background()
	ix, src := openFilled(t)
	// Pruning what the index applied is fine.
	src.prune(9)
	src.put(fixtures()[0])
	var log logRecorder
	ix.opts.Logf = log.logf
	if n, err := ix.Sync(ctx, src); err != nil || n != 1 {
		t.Errorf("sync after a safe prune = %d, %v", n, err)
	}
	// Pruning changes the index has not applied forces a rebuild.
	src.del(idOf("afp"))
	src.put(fixtures()[1])
	src.prune(11)
	n, err := ix.Sync(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if n != 8 || !log.contains("the archive pruned changes 11..11 before the index applied them") {
		t.Errorf("sync after pruning unapplied changes = %d, log %q", n, log.lines)
	}
	if got := hitsOf(t, ix, "credit:afp"); len(got) != 0 {
		t.Errorf("deleted photo still found: %v", got)
	}
}

func TestMappingVersionChangeRebuilds(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ix")
	src := newMemSource()
	for _, p := range fixtures() {
		src.put(p)
	}
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Sync(ctx, src); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	// An index written by an older cutline, with mapping version 0.
	bi, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := bi.SetInternal(keyMapping, []byte("0")); err != nil {
		t.Fatal(err)
	}
	bi.Close()

	var log logRecorder
	ix, err = Open(dir, &Options{Logf: log.logf})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	want := "it was built with mapping version 0 and this cutline uses version " + strconv.Itoa(MappingVersion)
	if got := ix.Stale(); got != want {
		t.Errorf("Stale() = %q, want %q", got, want)
	}
	_, err = ix.Search(ctx, Query{}, SearchOptions{})
	if !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), want) {
		t.Errorf("search of a stale index: %v", err)
	}
	n, err := ix.Sync(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if n != 9 {
		t.Errorf("rebuild indexed %d photos, want 9", n)
	}
	if !log.contains("rebuilding the search index because " + want) {
		t.Errorf("no clear message in the log: %q", log.lines)
	}
	if got := hitsOf(t, ix, "Panmunjom"); len(got) != 1 {
		t.Errorf("after rebuild: %v", got)
	}
}

func TestOpenBrokenAndForeign(t *testing.T) {
	ctx := context.Background()
	// An index whose metadata is garbage is replaced by a new one, which
	// Sync fills.
	dir := filepath.Join(t.TempDir(), "ix")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{not json"), 0o644)
	var log logRecorder
	ix, err := Open(dir, &Options{Logf: log.logf})
	if err != nil {
		t.Fatal(err)
	}
	if ix.Stale() == "" {
		t.Error("a replaced index is not stale")
	}
	src := newMemSource()
	src.put(fixtures()[0])
	if n, err := ix.Sync(ctx, src); err != nil || n != 1 {
		t.Errorf("sync = %d, %v", n, err)
	}
	ix.Close()

	// A folder of something else is never deleted.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := Open(other, nil); err == nil {
		t.Error("opened a folder that is not an index")
	}
	if _, err := os.Stat(filepath.Join(other, "notes.txt")); err != nil {
		t.Errorf("foreign file touched: %v", err)
	}

	// Read-only needs an existing index.
	if _, err := Open(filepath.Join(t.TempDir(), "none"), &Options{ReadOnly: true}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read-only open of nothing: %v", err)
	}
}

func TestLock(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ix")
	w, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	src := newMemSource()
	for _, p := range fixtures() {
		src.put(p)
	}
	if _, err := w.Sync(ctx, src); err != nil {
		t.Fatal(err)
	}

	// A second writer gets ErrLocked within the default timeout instead of
	// waiting forever. bbolt retries the lock every 50 ms, so the answer
	// comes at about 2 s; the bound leaves room for a loaded machine.
	start := time.Now()
	_, err = Open(dir, nil)
	took := time.Since(start)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second writer: err = %v, want ErrLocked", err)
	}
	t.Logf("second writer refused after %v: %v", took, err)
	if took > DefaultLockTimeout+time.Second {
		t.Errorf("second writer waited %v", took)
	}

	// A reader cannot open while the writer holds the index either: bbolt
	// takes a shared lock for read-only opens and the writer's is
	// exclusive.
	short := &Options{ReadOnly: true, LockTimeout: 200 * time.Millisecond}
	if _, err := Open(dir, short); !errors.Is(err, ErrLocked) {
		t.Errorf("reader beside a writer: err = %v, want ErrLocked", err)
	}
	w.Close()

	// Readers coexist with each other, and both can search...
	r1, err := Open(dir, short)
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(dir, short)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	for _, r := range []*Index{r1, r2} {
		if got := hitsOf(t, r, "Panmunjom"); len(got) != 1 {
			t.Errorf("reader search: %v", got)
		}
	}
	if _, err := r1.Sync(ctx, src); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Sync on a reader: err = %v, want ErrReadOnly", err)
	}
	// ...but keep writers out.
	if _, err := Open(dir, &Options{LockTimeout: 200 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("writer beside readers: err = %v, want ErrLocked", err)
	}
}

// crashEnv names the index folder for the crash helper process.
const crashEnv = "CUTLINE_INDEX_CRASH_DIR"

// crashSource is the archive of the crash test: 400 photos added, then
// 600 more changes (edits of existing photos, deletions, new photos),
// the same in every process.
func crashSource(upTo int) *memSource {
	src := newMemSource()
	g := NewGenerator(7)
	for i := 0; src.seq < int64(upTo); i++ {
		switch {
		case i < 400:
			src.put(g.Photo(i))
		case i%5 == 0:
			src.del(g.Photo(i % 400).ID)
		case i%3 == 0:
			p := g.Photo(i % 400)
			p.Caption.Description = fmt.Sprintf("Edited caption number %d of the crash test.", i)
			src.put(p)
		default:
			src.put(g.Photo(i))
		}
	}
	return src
}

// TestCrashHelper is the process the crash test kills: it syncs the whole
// crash archive in small batches, saying when it starts, until killed.
func TestCrashHelper(t *testing.T) {
	dir := os.Getenv(crashEnv)
	if dir == "" {
		t.Skip("run by TestCrashReplay")
	}
	ix, err := Open(dir, &Options{BatchSize: 5})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("syncing")
	if _, err := ix.Sync(context.Background(), crashSource(1000)); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	// Finished before the kill: exit without closing, like a crash.
	fmt.Println("done")
	os.Exit(0)
}

// TestCrashReplay kills a process in the middle of applying the outbox
// (changes are committed in the archive, not yet in the index), then opens
// the index again: Sync must apply what is missing, and the result must
// equal an index built from scratch.
func TestCrashReplay(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ix")
	// The index has applied the first 400 changes.
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Sync(ctx, crashSource(400)); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	for round, delay := range []time.Duration{30 * time.Millisecond, 120 * time.Millisecond} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
		cmd.Env = append(os.Environ(), crashEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		for sc.Scan() && sc.Text() != "syncing" {
			t.Logf("helper: %s", sc.Text())
		}
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		ix, err := Open(dir, nil)
		if err != nil {
			t.Fatalf("round %d: reopening after the kill: %v", round, err)
		}
		wm, err := ix.Watermark()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("round %d: killed after %v at watermark %d of 1000", round, delay, wm)
		if round == 0 {
			// Stop here once, half-applied, and go on in round 1.
			ix.Close()
			continue
		}
		src := crashSource(1000)
		if _, err := ix.Sync(ctx, src); err != nil {
			t.Fatal(err)
		}
		if wm, _ := ix.Watermark(); wm != 1000 {
			t.Errorf("watermark after replay = %d, want 1000", wm)
		}
		got := allIDs(t, ix)
		var want []string
		for id := range src.photos {
			want = append(want, string(id))
		}
		slices.Sort(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("IDs after replay differ from the archive (-want +got):\n%s", diff)
		}
		// Edited captions are searchable as edited.
		edited := hitsOf(t, ix, `"crash test"`)
		var wantEdited []string
		for id, p := range src.photos {
			if strings.Contains(p.Caption.Description, "crash test") {
				wantEdited = append(wantEdited, string(id))
			}
		}
		slices.Sort(wantEdited)
		if diff := cmp.Diff(wantEdited, edited); diff != "" {
			t.Errorf("edited photos (-want +got):\n%s", diff)
		}
		ix.Close()
	}
}
