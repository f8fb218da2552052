package main

import (
	"fmt"

	"github.com/cutline/cutline/archive"
	"github.com/spf13/cobra"
)

// exportOptions are the flags of "cutline export".
type exportOptions struct {
	Out     string
	Sidecar bool
	Where   string
}

func newExportCommand(g *globalOptions) *cobra.Command {
	var o exportOptions
	c := &cobra.Command{
		Use:   "export [ID...] --out DIR [--sidecar] [--where QUERY]",
		Short: "Write JPEGs with the current caption embedded (IPTC IIM + XMP)",
		Long: `Write each photo to DIR as <original name>.jpg with its current caption embedded
in IPTC IIM (UTF-8) and XMP, the IPTC digest updated, other metadata kept, and
the image data byte for byte the original's (no recompression). Existing files
are never overwritten: name-2.jpg, name-3.jpg... --sidecar also writes
<name>.xmp. The originals in the archive are never touched.

Exit status: 1 when any photo could not be exported (the others are).`,
		RunE: func(c *cobra.Command, args []string) error {
			if o.Out == "" {
				return usagef("--out DIR is required")
			}
			if (len(args) == 0) == (o.Where == "") {
				return usagef("give photo IDs or --where QUERY (one of the two)")
			}
			ctx := c.Context()
			s, err := openArchive(g, false, "")
			if err != nil {
				return err
			}
			defer s.Close()
			var ids []archive.ID
			if o.Where != "" {
				ids, err = searchAllIDs(ctx, g, s, o.Where)
			} else {
				ids, err = resolveIDs(ctx, s, args)
			}
			if err != nil {
				return err
			}
			res, err := s.Export(ctx, ids, o.Out, &archive.ExportOptions{Sidecar: o.Sidecar})
			if err != nil {
				return err
			}
			failed := false
			for _, r := range res {
				failed = failed || r.Error != ""
			}
			if g.JSON {
				if res == nil {
					res = []archive.ExportResult{}
				}
				if err := g.printJSON(res); err != nil {
					return err
				}
			} else {
				for _, r := range res {
					if r.Error != "" {
						fmt.Fprintf(g.stderr, "cutline: %s: %s\n", r.ID.Short(), r.Error)
						continue
					}
					fmt.Fprintf(g.stdout, "%s  %s\n", r.ID.Short(), r.Path)
					if r.Sidecar != "" {
						fmt.Fprintf(g.stdout, "%s  %s\n", r.ID.Short(), r.Sidecar)
					}
					for _, w := range r.Warnings {
						fmt.Fprintf(g.stdout, "%s  warning: %s\n", r.ID.Short(), oneLine(w))
					}
				}
			}
			if failed {
				return exitError{exitFailure}
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&o.Out, "out", "", "folder to write the JPEGs to (created if missing)")
	f.BoolVar(&o.Sidecar, "sidecar", false, "also write an .xmp sidecar next to each JPEG")
	f.StringVar(&o.Where, "where", "", "export every photo this search query finds")
	return c
}
