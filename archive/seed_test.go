package archive

import (
	"context"
	"fmt"
)

// SeedForBench inserts n photos made by photo(i) as records, without
// originals or renditions, in transactions of a few thousand, and prunes
// the outbox they leave: an archive of a million records for benchmarks
// of what reads them (reindex), which could never be ingested in a test's
// time. It exists only in tests.
func SeedForBench(ctx context.Context, s *Store, n int, photo func(i int) Photo) error {
	const batch = 5000
	for lo := 0; lo < n; lo += batch {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for i := lo; i < min(lo+batch, n); i++ {
			r := &record{Photo: photo(i)}
			if _, err := insertRecord(ctx, tx, r); err != nil {
				tx.Rollback()
				return fmt.Errorf("seed record %d: %w", i, err)
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	last, err := s.LastChange(ctx)
	if err != nil {
		return err
	}
	return s.PruneChanges(ctx, last)
}
