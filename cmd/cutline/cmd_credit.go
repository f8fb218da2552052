package main

import (
	"fmt"

	"github.com/cutline/cutline/caption"
	"github.com/spf13/cobra"
)

func newCreditCommand(g *globalOptions) *cobra.Command {
	var style string
	c := &cobra.Command{
		Use:   "credit ID... [--style ap|reuters|afp|getty|house]",
		Short: "Print the credit line of photos in an agency or the house style",
		Long: `Print the credit line to publish under each photo, in an agency's own style or
in the house style (a template kept in the archive). Without --style, every
style is printed. What the style needs but the photo does not say is reported,
never invented.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			var styles []caption.Style
			if style != "" {
				st, err := caption.ParseStyle(style)
				if err != nil {
					return usageError{err}
				}
				styles = []caption.Style{st}
			}
			s, err := openArchive(g, false, "")
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := c.Context()
			ids, err := resolveIDs(ctx, s, args)
			if err != nil {
				return err
			}
			type row struct {
				ID      string   `json:"id"`
				Style   string   `json:"style"`
				Line    string   `json:"line"`
				Missing []string `json:"missing,omitempty"`
				Error   string   `json:"error,omitempty"`
			}
			rows := []row{}
			failed := false
			for _, id := range ids {
				p, err := s.Photo(ctx, id)
				if err != nil {
					return err
				}
				sts := styles
				if len(sts) == 0 {
					sts = caption.Styles()
				}
				for _, st := range sts {
					lines, err := s.Credits(ctx, p, st)
					r := row{ID: string(id), Style: string(st)}
					if err != nil {
						r.Error, failed = err.Error(), true
					} else {
						r.Line, r.Missing = lines[0].Text, lines[0].Missing
					}
					rows = append(rows, r)
				}
			}
			if g.JSON {
				if err := g.printJSON(rows); err != nil {
					return err
				}
			} else {
				for _, r := range rows {
					prefix := r.ID[:12]
					if len(styles) == 0 {
						prefix += fmt.Sprintf("  %-8s", r.Style)
					}
					switch {
					case r.Error != "":
						fmt.Fprintf(g.stdout, "%s  (no credit: %s)\n", prefix, r.Error)
					case len(r.Missing) > 0:
						fmt.Fprintf(g.stdout, "%s  %s   [missing: %v]\n", prefix, oneLine(r.Line), r.Missing)
					default:
						fmt.Fprintf(g.stdout, "%s  %s\n", prefix, oneLine(r.Line))
					}
				}
			}
			if failed {
				return exitError{exitFailure}
			}
			return nil
		},
	}
	c.Flags().StringVar(&style, "style", "", "ap, reuters, afp, getty or house (default: all)")
	return c
}
