package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/cutline/cutline/archive"
)

// openArchive opens the archive for a command. Writers (holder != "")
// take the writer lock and may create the archive; readers open it
// read-only, so they keep working while "cutline serve" runs.
func openArchive(g *globalOptions, create bool, holder string) (*archive.Store, error) {
	opts := &archive.Options{Create: create, ReadOnly: holder == ""}
	opts.Holder = archive.Holder{PID: os.Getpid(), Command: holder}
	return archive.Open(g.archiveDir(), opts)
}

// resolveID turns a command-line ID or prefix into a full ID.
func resolveID(ctx context.Context, s *archive.Store, arg string) (archive.ID, error) {
	id, err := s.Resolve(ctx, arg)
	if errors.Is(err, archive.ErrBadID) {
		return "", usageError{err}
	}
	return id, err
}

// resolveIDs resolves every argument, failing on the first bad one.
func resolveIDs(ctx context.Context, s *archive.Store, args []string) ([]archive.ID, error) {
	ids := make([]archive.ID, 0, len(args))
	for _, a := range args {
		id, err := resolveID(ctx, s, a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
