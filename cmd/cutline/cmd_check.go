package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/spf13/cobra"
)

func newCheckCommand(g *globalOptions) *cobra.Command {
	var repair bool
	c := &cobra.Command{
		Use:   "check",
		Short: "Verify originals, records, thumbnails and the search index",
		Long: `Verify the archive: every original's SHA-256, every record's original, every
original's record, the thumbnails, and that the search index holds exactly the
archive's photos, ID by ID. --repair regenerates missing thumbnails, records
again the originals that no record refers to (left by an ingest killed before
it finished, or by a database restored from an older backup; a damaged one is
removed), removes leftover temporary files, and rebuilds an index that
disagrees with the archive. A plain check works beside a running
"cutline serve" (read-only; the index it holds is not compared).

Exit status: 0 when nothing is wrong (or everything was repaired), 1 otherwise.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			s, err := openCheckArchive(g, repair)
			if err != nil {
				return err
			}
			defer s.Close()
			rep, err := s.Check(ctx, &archive.CheckOptions{Repair: repair})
			if err != nil {
				return err
			}
			if s.ReadOnly() {
				rep.Notes = append(rep.Notes, "the search index was not compared: another process is writing to the archive and keeps it in step")
			}
			if p, err := checkIndex(ctx, g, s, rep.Photos, repair); err != nil {
				return err
			} else if p != nil {
				rep.Problems = append(rep.Problems, *p)
			}
			if g.JSON {
				if err := g.printJSON(rep); err != nil {
					return err
				}
			} else {
				for _, p := range rep.Problems {
					state := "PROBLEM "
					if p.Repaired {
						state = "repaired"
					}
					where := p.Path
					if p.ID != "" {
						where = p.ID.Short()
					}
					fmt.Fprintf(g.stdout, "%s  %-18s %s  %s\n", state, p.Kind, where, oneLine(p.Detail))
				}
				for _, n := range rep.Notes {
					fmt.Fprintf(g.stdout, "note      %s\n", n)
				}
				fmt.Fprintf(g.stdout, "checked %d photos and %d originals: %d problems, %d repaired, %d left\n",
					rep.Photos, rep.Originals, len(rep.Problems), len(rep.Problems)-rep.Unrepaired(), rep.Unrepaired())
			}
			if rep.Unrepaired() > 0 {
				return exitError{exitFailure}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&repair, "repair", false, "fix what can be fixed")
	return c
}

// openCheckArchive opens the archive for check: as its writer when it can
// (a repair needs to be; a plain check then also brings the index up to
// date before comparing), else, for a plain check beside another writer
// such as "cutline serve", read-only: checking changes nothing.
func openCheckArchive(g *globalOptions, repair bool) (*archive.Store, error) {
	if repair {
		return openArchive(g, false, "cutline check --repair")
	}
	s, err := archive.Open(g.archiveDir(), &archive.Options{
		Holder: archive.Holder{PID: os.Getpid(), Command: "cutline check"}, LockTimeout: 300 * time.Millisecond})
	if errors.Is(err, archive.ErrLocked) {
		return openArchive(g, false, "")
	}
	return s, err
}

// checkIndex compares the photos in the search index with the archive's,
// ID by ID, and with repair rebuilds an index that disagrees. It returns
// nil when they agree. When another process holds the index (a running
// "cutline serve", which keeps it in step itself), it is not compared,
// and a note says so.
func checkIndex(ctx context.Context, g *globalOptions, s *archive.Store, photos int, repair bool) (*archive.Problem, error) {
	if s.ReadOnly() {
		// Another process writes the archive and keeps the index in step
		// (its pending changes cannot be applied from here, so a
		// comparison could only report them).
		return nil, nil
	}
	ix, err := openIndex(ctx, g, s, true)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	ids, err := s.IDs(ctx)
	if err != nil {
		return nil, err
	}
	missing := make(map[archive.ID]bool, len(ids))
	for _, id := range ids {
		missing[id] = true
	}
	var stale []string
	err = ix.EachID(ctx, func(id string) error {
		if missing[archive.ID(id)] {
			delete(missing, archive.ID(id))
		} else {
			stale = append(stale, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(missing) == 0 && len(stale) == 0 {
		return nil, nil
	}
	var parts []string
	if len(missing) > 0 {
		some := make([]string, 0, len(missing))
		for id := range missing {
			some = append(some, id.Short())
		}
		slices.Sort(some)
		parts = append(parts, fmt.Sprintf("%d of the archive's %d photos are not in the search index (%s)", len(missing), photos, examples(some)))
	}
	if len(stale) > 0 {
		for i, id := range stale {
			stale[i] = archive.ID(id).Short()
		}
		slices.Sort(stale)
		parts = append(parts, fmt.Sprintf("the search index holds %d photos the archive does not (%s)", len(stale), examples(stale)))
	}
	p := &archive.Problem{Kind: "index-mismatch", Detail: strings.Join(parts, "; ")}
	if repair {
		if _, err := ix.Rebuild(ctx, s); err != nil {
			p.Detail += ": rebuild failed: " + err.Error()
		} else {
			p.Detail += ": index rebuilt"
			p.Repaired = true
		}
	}
	return p, nil
}

// examples lists up to three items, with "…" when there are more.
func examples(items []string) string {
	if len(items) <= 3 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:3], ", ") + ", …"
}
