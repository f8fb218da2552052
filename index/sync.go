package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/cutline/cutline/archive"
)

// Source is what the index needs from the archive: the outbox of changes
// and the photos themselves. *archive.Store implements it.
type Source interface {
	// Changes returns up to limit outbox entries with Seq > after, in
	// ascending Seq order.
	Changes(ctx context.Context, after int64, limit int) ([]archive.Change, error)
	// Photo returns one photo; an error wrapping archive.ErrNotFound
	// when it is gone.
	Photo(ctx context.Context, id archive.ID) (*archive.Photo, error)
	// EachPhoto calls fn for every photo, stopping at fn's first error.
	EachPhoto(ctx context.Context, fn func(*archive.Photo) error) error
	// LastChange returns the highest Seq in the outbox, 0 when empty.
	LastChange(ctx context.Context) (int64, error)
}

// Sync brings the index up to date with src: it applies the outbox
// changes after the index's watermark, in batches, each batch carrying its
// new watermark so that a crash at any point converges (a batch is either
// applied with its watermark or not at all, and applying a change twice
// indexes the same current photo twice, which changes nothing).
//
// A stale index (new, or built by another mapping version), one whose
// watermark is ahead of src (an archive restored from an older copy) and
// one that missed changes pruned from the outbox are rebuilt instead, with
// the reason sent to Options.Logf. Sync returns the
// number of changes applied, or of photos indexed by a rebuild.
func (ix *Index) Sync(ctx context.Context, src Source) (int, error) {
	if ix.opts.ReadOnly {
		return 0, ErrReadOnly
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()

	ix.mu.RLock()
	bi, stale := ix.bi, ix.stale
	ix.mu.RUnlock()
	if bi == nil {
		return 0, ErrClosed
	}
	if stale != "" {
		ix.logf("index: rebuilding the search index because %s", stale)
		return ix.rebuildLocked(ctx, src)
	}
	wm, err := readWatermark(bi)
	if err != nil {
		return 0, err
	}
	last, err := src.LastChange(ctx)
	if err != nil {
		return 0, fmt.Errorf("index: sync: %w", err)
	}
	if wm > last {
		ix.logf("index: rebuilding the search index because it has applied changes up to %d but the archive's last change is %d (was the archive restored from an older copy?)", wm, last)
		return ix.rebuildLocked(ctx, src)
	}

	applied := 0
	for {
		changes, err := src.Changes(ctx, wm, ix.opts.BatchSize)
		if err != nil {
			return applied, fmt.Errorf("index: sync: %w", err)
		}
		if len(changes) == 0 {
			return applied, nil
		}
		if applied == 0 && changes[0].Seq > wm+1 {
			// The outbox has no gaps of its own (SQLite AUTOINCREMENT,
			// pruned from the front only), so a gap here means changes
			// were pruned before this index applied them.
			ix.logf("index: rebuilding the search index because the archive pruned changes %d..%d before the index applied them", wm+1, changes[0].Seq-1)
			return ix.rebuildLocked(ctx, src)
		}
		next := changes[len(changes)-1].Seq
		if next <= wm {
			return applied, fmt.Errorf("index: sync: the archive returned change %d after %d", next, wm)
		}
		b, err := ix.batchFor(ctx, bi, src, changes)
		if err != nil {
			return applied, err
		}
		b.SetInternal(keyWatermark, []byte(strconv.FormatInt(next, 10)))
		if err := bi.Batch(b); err != nil {
			return applied, fmt.Errorf("index: sync: applying changes %d..%d: %w", changes[0].Seq, next, err)
		}
		applied += len(changes)
		wm = next
	}
}

// batchFor turns a page of changes into one Bleve batch. Only the last
// change of each photo counts, and a photo is indexed as it is now.
func (ix *Index) batchFor(ctx context.Context, bi bleve.Index, src Source, changes []archive.Change) (*bleve.Batch, error) {
	last := make(map[archive.ID]archive.Change, len(changes))
	order := make([]archive.ID, 0, len(changes))
	for _, c := range changes {
		if _, ok := last[c.ID]; !ok {
			order = append(order, c.ID)
		}
		last[c.ID] = c
	}
	b := bi.NewBatch()
	for _, id := range order {
		if last[id].Deleted {
			b.Delete(string(id))
			continue
		}
		p, err := src.Photo(ctx, id)
		if errors.Is(err, archive.ErrNotFound) {
			b.Delete(string(id))
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("index: sync: loading photo %s: %w", id.Short(), err)
		}
		if err := b.Index(string(id), document(p)); err != nil {
			return nil, fmt.Errorf("index: sync: photo %s: %w", id.Short(), err)
		}
	}
	return b, nil
}

// errBuildFailed stops reading photos once writing them has failed; the
// writer's error is the one reported.
var errBuildFailed = errors.New("index build failed")

// Rebuild builds a new index from every photo in src, in a temporary
// folder beside the index, and swaps it in with renames; searches go on
// against the old index until the swap. It returns the number of photos
// indexed. While it runs, the process's garbage collector target is
// GOGC=200 unless the GOGC environment variable is set.
func (ix *Index) Rebuild(ctx context.Context, src Source) (int, error) {
	if ix.opts.ReadOnly {
		return 0, ErrReadOnly
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	return ix.rebuildLocked(ctx, src)
}

func (ix *Index) rebuildLocked(ctx context.Context, src Source) (n int, err error) {
	if os.Getenv("GOGC") == "" {
		// Analysis allocates a great deal of short-lived garbage: collecting
		// half as often takes a tenth off the rebuild's CPU time (measured
		// at 100,000 photos), for a larger heap while it runs. The
		// setting is the process's, and restored afterwards; an explicit
		// GOGC is left alone.
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	ix.mu.RLock()
	closed := ix.bi == nil
	ix.mu.RUnlock()
	if closed {
		return 0, ErrClosed
	}
	// The watermark is read before the photos: a change committed while
	// they are read is applied again by the next Sync, which is harmless.
	last, err := src.LastChange(ctx)
	if err != nil {
		return 0, fmt.Errorf("index: rebuild: %w", err)
	}
	tmp, err := ix.newTemp()
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	n, cols, err := ix.build(ctx, tmp, src, last)
	if err != nil {
		return 0, fmt.Errorf("index: rebuild: %w", err)
	}
	if err := ix.swap(tmp, cols); err != nil {
		return 0, err
	}
	return n, nil
}

// build fills a new index at dir from src. Reading and mapping photos
// runs in this goroutine while writers analyse and write earlier batches:
// a Bleve batch returns only once its segment is fsynced, so with one
// writer the cores would idle during every flush.
func (ix *Index) build(ctx context.Context, dir string, src Source, last int64) (int, *columnCache, error) {
	bi, err := bleve.New(dir, ix.m)
	if err != nil {
		return 0, nil, err
	}
	// Two writers: one analyses its batch while the other waits for its
	// fsync. (At 200,000 photos on two busy cores: 42 s, against 47 and
	// 72 s in two runs with one writer.)
	const writers = 2
	batches := make(chan *bleve.Batch, writers)
	errs := make(chan error, writers)
	var failed atomic.Bool
	for range writers {
		go func() {
			var err error
			for b := range batches {
				if err == nil {
					if err = bi.Batch(b); err != nil {
						failed.Store(true)
					}
				}
			}
			errs <- err
		}()
	}

	n := 0
	start, lastLog := time.Now(), time.Now()
	b := bi.NewBatch()
	err = src.EachPhoto(ctx, func(p *archive.Photo) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if failed.Load() {
			return errBuildFailed
		}
		if err := b.Index(string(p.ID), document(p)); err != nil {
			return fmt.Errorf("photo %s: %w", p.ID.Short(), err)
		}
		n++
		if b.Size() >= ix.opts.BatchSize {
			batches <- b
			b = bi.NewBatch()
		}
		if time.Since(lastLog) > 10*time.Second {
			lastLog = time.Now()
			ix.logf("index: rebuild: %d photos indexed (%.0f/s)", n, float64(n)/time.Since(start).Seconds())
		}
		return nil
	})
	if err == nil {
		batches <- b
	}
	close(batches)
	for range writers {
		if werr := <-errs; werr != nil && (err == nil || errors.Is(err, errBuildFailed)) {
			err = werr
		}
	}
	if err == nil {
		// The version and watermark go last, alone, once every photo is
		// in: an index that has them is complete.
		fin := bi.NewBatch()
		fin.SetInternal(keyMapping, []byte(strconv.Itoa(MappingVersion)))
		fin.SetInternal(keyWatermark, []byte(strconv.FormatInt(last, 10)))
		err = bi.Batch(fin)
	}
	if err == nil && !ix.opts.mapping.untuned {
		// One segment instead of the dozens the tiered merge policy
		// leaves: every search then walks one posting list per term.
		ix.logf("index: rebuild: %d photos indexed in %v; merging", n, time.Since(start).Round(time.Millisecond))
		err = forceMerge(ctx, bi)
	}
	// The facet columns of the final segments, read now so that the first
	// search with facets does not wait for them. Segment IDs are kept in
	// the index, so they hold after it is reopened.
	cols := newColumnCache()
	if err == nil && !ix.opts.mapping.untuned {
		err = warmColumns(bi, cols)
	}
	if cerr := bi.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, nil, err
	}
	ix.logf("index: rebuild: %d photos indexed in %v", n, time.Since(start).Round(time.Millisecond))
	return n, cols, nil
}

// warmColumns builds the facet columns of bi's segments into c.
func warmColumns(bi bleve.Index, c *columnCache) error {
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	_, _, err = c.snapshotColumns(r)
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	return err
}

// forceMerge merges the segments of bi into one and returns once the
// merged segment is in use.
func forceMerge(ctx context.Context, bi bleve.Index) error {
	adv, err := bi.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	// All segments in one task: the default of ten per task leaves one
	// segment per ten.
	opts.SegmentsPerMergeTask = 1 << 16
	return s.ForceMerge(ctx, &opts)
}

// swap closes the current index, renames the new one at tmp into its
// place and opens it. Two renames are needed (a folder cannot replace a
// non-empty one); a crash between them leaves no index at dir, which Open
// answers with a new, stale index that Sync rebuilds.
func (ix *Index) swap(tmp string, cols *columnCache) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.bi != nil {
		if err := ix.bi.Close(); err != nil {
			return fmt.Errorf("index: closing the old index: %w", err)
		}
		ix.bi = nil
	}
	old, err := os.MkdirTemp(filepath.Dir(ix.dir), filepath.Base(ix.dir)+".old-")
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	// os.Rename refuses an existing folder as the target, so the unique
	// name is freed again first; no other writer can race for it while
	// this process holds the index.
	if err := os.Remove(old); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if err := os.Rename(ix.dir, old); err != nil {
		return fmt.Errorf("index: moving the old index aside: %w", err)
	}
	if err := os.Rename(tmp, ix.dir); err != nil {
		return fmt.Errorf("index: moving the new index into place: %w", err)
	}
	syncDir(filepath.Dir(ix.dir))
	bi, err := ix.openBleve(ix.dir)
	if err != nil {
		return err
	}
	ix.bi = bi
	ix.stale = staleReason(bi)
	ix.cols = cols
	if err := os.RemoveAll(old); err != nil {
		ix.logf("index: removing the old index: %v", err)
	}
	return nil
}

// syncDir flushes a folder's entries so that renames survive a power cut.
func syncDir(dir string) {
	f, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = f.Sync()
	_ = f.Close()
}
