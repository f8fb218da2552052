package main

import (
	"fmt"

	"github.com/cutline/cutline/archive"
	"github.com/spf13/cobra"
)

func newHistoryCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "history ID",
		Short: "Show the field-level history of a photo's caption",
		Long: `Show every change to a photo's caption: N, when, who, field, old and new value.
"cutline caption ID --revert N" restores the value a field had before change N.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			s, err := openArchive(g, false, "")
			if err != nil {
				return err
			}
			defer s.Close()
			id, err := resolveID(c.Context(), s, args[0])
			if err != nil {
				return err
			}
			hist, err := s.History(c.Context(), id)
			if err != nil {
				return err
			}
			if g.JSON {
				if hist == nil {
					hist = []archive.HistoryEntry{}
				}
				return g.printJSON(hist)
			}
			if len(hist) == 0 {
				fmt.Fprintf(g.stdout, "%s: no changes since ingest\n", id.Short())
				return nil
			}
			printHistory(g.stdout, hist)
			return nil
		},
	}
}
