package main

import (
	"io"
	"strings"

	"github.com/cutline/cutline/caption"
	"github.com/spf13/cobra"
)

func newParseCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "parse [TEXT]",
		Short: "Show the facts parsed from a caption text (no archive needed)",
		Long: `Parse a caption text into facts: credited agency, photographer, "via" chain,
file / handout / pool flags, the date the picture was taken, people named with
their position, places and usage restrictions. With no TEXT (or "-"), the text
is read from standard input.`,
		RunE: func(c *cobra.Command, args []string) error {
			text := strings.Join(args, " ")
			if len(args) == 0 || text == "-" {
				b, err := io.ReadAll(io.LimitReader(g.stdin, 1<<20))
				if err != nil {
					return err
				}
				text = string(b)
			}
			facts := caption.Parse(text)
			if g.JSON {
				return g.printJSON(facts)
			}
			printFacts(g.stdout, &facts)
			return nil
		},
	}
}
