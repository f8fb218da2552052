package main

import (
	"fmt"

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
archive's photos. --repair regenerates missing thumbnails, removes originals
that no record refers to (left by an ingest that was killed before it
finished; never reported as ingested) and leftover temporary files, and
rebuilds an index that disagrees with the archive.

Exit status: 0 when nothing is wrong (or everything was repaired), 1 otherwise.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			s, err := openArchive(g, false, "cutline check")
			if err != nil {
				return err
			}
			defer s.Close()
			rep, err := s.Check(ctx, &archive.CheckOptions{Repair: repair})
			if err != nil {
				return err
			}
			// Store ↔ index agreement.
			ix, err := openIndex(ctx, g, s, true)
			if err != nil {
				return err
			}
			defer ix.Close()
			indexed, err := ix.Count()
			if err != nil {
				return err
			}
			if int(indexed) != rep.Photos {
				p := archive.Problem{Kind: "index-mismatch",
					Detail: fmt.Sprintf("the search index holds %d photos, the archive %d", indexed, rep.Photos)}
				if repair {
					if _, err := ix.Rebuild(ctx, s); err != nil {
						p.Detail += ": rebuild failed: " + err.Error()
					} else {
						p.Repaired = true
					}
				}
				rep.Problems = append(rep.Problems, p)
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
