package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

func newReindexCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the archive",
		Long: `Rebuild the search index from scratch from the archive's records. The new
index is built in a temporary folder and swapped in, so searches keep working
until it is ready and a crash leaves the old index in place.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			s, err := openArchive(g, false, "cutline reindex")
			if err != nil {
				return err
			}
			defer s.Close()
			ix, err := openIndexOnly(g, s, true)
			if err != nil {
				return err
			}
			defer ix.Close()
			start := time.Now()
			n, err := ix.Rebuild(c.Context(), s)
			if err != nil {
				return err
			}
			if err := syncOpen(c.Context(), s, ix); err != nil {
				return err
			}
			took := time.Since(start)
			if g.JSON {
				return g.printJSON(map[string]any{"indexed": n, "seconds": took.Seconds()})
			}
			fmt.Fprintf(g.stdout, "indexed %d photos in %.1fs\n", n, took.Seconds())
			return nil
		},
	}
}
