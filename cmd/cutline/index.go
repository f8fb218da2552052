package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/index"
)

// openIndex opens the archive's search index. A writer brings it up to
// date with the archive first (replaying the outbox, or rebuilding a
// stale index with a message saying why).
func openIndex(ctx context.Context, g *globalOptions, s *archive.Store, write bool) (*index.Index, error) {
	ix, err := openIndexOnly(g, s, write)
	if err != nil {
		return nil, err
	}
	if write {
		if err := syncOpen(ctx, s, ix); err != nil {
			ix.Close()
			return nil, err
		}
	}
	return ix, nil
}

// openIndexOnly opens the archive's index without applying pending
// changes (reindex rebuilds it at once; syncing first could mean building
// it twice).
func openIndexOnly(g *globalOptions, s *archive.Store, write bool) (*index.Index, error) {
	logf := func(format string, args ...any) { fmt.Fprintf(g.stderr, "cutline: "+format+"\n", args...) }
	ix, err := index.Open(s.IndexDir(), &index.Options{ReadOnly: !write, Logf: logf})
	if errors.Is(err, index.ErrLocked) {
		if h, ok := archive.ReadHolder(s.Dir()); ok {
			return nil, &archive.LockedError{Dir: s.Dir(), Holder: h}
		}
	}
	return ix, err
}

// syncOpen applies the archive's pending changes to an open index and
// prunes the outbox up to the index's watermark.
func syncOpen(ctx context.Context, s *archive.Store, ix *index.Index) error {
	if _, err := ix.Sync(ctx, s); err != nil {
		return fmt.Errorf("updating the search index: %w", err)
	}
	if s.ReadOnly() {
		return nil
	}
	wm, err := ix.Watermark()
	if err != nil {
		return err
	}
	return s.PruneChanges(ctx, wm)
}

// syncIndex brings the index up to date after a command changed the
// archive (the store holds the writer lock, so the index is ours too).
func syncIndex(ctx context.Context, g *globalOptions, s *archive.Store) error {
	ix, err := openIndex(ctx, g, s, true)
	if err != nil {
		return err
	}
	return ix.Close()
}

// errNoMatch reports a --where query that finds no photo: a command that
// was asked to act on "these photos" and acted on none has failed.
var errNoMatch = errors.New("no photo matches")

// searchAllIDs returns the IDs of every photo a query finds (for --where),
// through the running server when "cutline serve" holds the index.
func searchAllIDs(ctx context.Context, g *globalOptions, s *archive.Store, q string) ([]archive.ID, error) {
	query, err := index.ParseQuery(q)
	if err != nil {
		return nil, usageError{err}
	}
	ix, err := openIndex(ctx, g, s, !s.ReadOnly())
	if errors.Is(err, archive.ErrLocked) {
		if base := serverFor(s.Dir()); base != "" {
			return remoteIDs(ctx, base, q)
		}
	}
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	var ids []archive.ID
	for off := 0; ; {
		res, err := ix.Search(ctx, query, index.SearchOptions{Offset: off, Limit: index.MaxLimit, NoHighlight: true, Sort: index.SortOldest})
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		off += len(res.Hits)
		if len(res.Hits) == 0 || uint64(off) >= res.Total {
			if len(ids) == 0 {
				return nil, fmt.Errorf("--where %q: %w", q, errNoMatch)
			}
			return ids, nil
		}
	}
}
