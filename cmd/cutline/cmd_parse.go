package main

import (
	"io"
	"strings"
	"time"

	"github.com/cutline/cutline/caption/parse"
	"github.com/spf13/cobra"
)

func newParseCommand(g *globalOptions) *cobra.Command {
	var ref string
	c := &cobra.Command{
		Use:   "parse [TEXT]",
		Short: "Show the facts parsed from a caption text (no archive needed)",
		Long: `Parse a caption text into facts: credited agency, photographer, "via" chain,
file / handout / pool flags, the date the picture was taken, people named with
their position, places and usage restrictions. With no TEXT (or "-"), the text
is read from standard input. A date written without a year ("SEOUL, Nov 25
(Reuters)") takes its latest occurrence on or before --reference (default
today; two days of grace for time zones).`,
		RunE: func(c *cobra.Command, args []string) error {
			text := strings.Join(args, " ")
			if len(args) == 0 || text == "-" {
				b, err := io.ReadAll(io.LimitReader(g.stdin, 1<<20))
				if err != nil {
					return err
				}
				text = string(b)
			}
			opts := parse.ParseOptions{Reference: time.Now()}
			if ref != "" {
				t, err := time.Parse("2006-01-02", ref)
				if err != nil {
					return usagef("--reference %q: want YYYY-MM-DD", ref)
				}
				opts.Reference = t
			}
			facts := parse.ParseWith(text, opts)
			if g.JSON {
				return g.printJSON(facts)
			}
			printFacts(g.stdout, &facts)
			return nil
		},
	}
	c.Flags().StringVar(&ref, "reference", "", "date (YYYY-MM-DD) that gives year-less dates their year (default today)")
	return c
}
