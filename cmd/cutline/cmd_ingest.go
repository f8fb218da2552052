package main

import (
	"fmt"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

// ingestOptions are the flags of "cutline ingest".
type ingestOptions struct {
	Template string
	Codes    string
	Workers  int
	As       string
	MaxMP    float64
}

func newIngestCommand(g *globalOptions) *cobra.Command {
	var o ingestOptions
	c := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add photos (files and folders, recursive) to the archive",
		Long: `Add JPEG photos to the archive. Folders are read recursively (names that start
with "." are skipped). Each file is hashed (SHA-256 is its ID), recognised as a
duplicate if already archived, stored once, read for EXIF/IPTC/XMP metadata and
given 320 px and 1280 px renditions.

Exit status: 0 when every file was ingested or was a duplicate, 1 when any was
rejected (the others are kept).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error { return runIngest(c, g, &o, args) },
	}
	f := c.Flags()
	f.StringVar(&o.Template, "template", "", "apply this caption template to every photo")
	f.StringVar(&o.Codes, "codes", "", "expand =code= shortcodes from this Photo Mechanic code-replacement file")
	f.IntVar(&o.Workers, "workers", 0, "files processed at once (default: number of cores)")
	f.StringVar(&o.As, "as", "", "who the history names for template changes (default $USER)")
	f.Float64Var(&o.MaxMP, "max-megapixels", archive.DefaultMaxPixels/1e6, "reject images larger than this before decoding them")
	return c
}

func runIngest(c *cobra.Command, g *globalOptions, o *ingestOptions, paths []string) error {
	s, err := openArchive(g, true, "cutline ingest")
	if err != nil {
		return err
	}
	defer s.Close()
	if o.MaxMP <= 0 {
		return usagef("--max-megapixels must be positive")
	}
	opts := &archive.IngestOptions{Workers: o.Workers, User: currentUser(o.As), MaxPixels: int64(o.MaxMP * 1e6)}
	if o.Template != "" || o.Codes != "" {
		if opts.Caption, err = captionHook(o.Template, o.Codes); err != nil {
			return usageError{err}
		}
	}
	var bar *progressbar.ProgressBar
	if isTerminal(g.stderr) && !g.JSON {
		bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(g.stderr),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
		opts.Progress = func(p archive.Progress) {
			if bar.GetMax() != p.Total {
				bar.ChangeMax(p.Total)
			}
			bar.Set(p.Done)
		}
	}
	if !g.JSON {
		// Each line is printed once the file is final: an "ingested" line
		// means its record is committed and its original on disk.
		opts.Done = func(in *archive.Ingested, dup *archive.Duplicate, rej *archive.Rejected) {
			if bar != nil {
				bar.Clear()
			}
			printIngestEntry(g, in, dup, rej)
		}
	}
	start := time.Now()
	rep, err := s.Ingest(c.Context(), paths, opts)
	if bar != nil {
		bar.Finish()
	}
	if rep != nil {
		if ierr := syncIndex(c.Context(), g, s); ierr != nil && err == nil {
			err = ierr
		}
		if g.JSON {
			if perr := g.printJSON(rep); perr != nil {
				return perr
			}
		} else {
			printIngestReport(g, rep, time.Since(start))
		}
	}
	if err != nil {
		return err
	}
	if !rep.OK() {
		return exitError{exitFailure}
	}
	return nil
}

func printIngestEntry(g *globalOptions, in *archive.Ingested, dup *archive.Duplicate, rej *archive.Rejected) {
	w := g.stdout
	switch {
	case in != nil:
		fmt.Fprintf(w, "ingested   %s  %s\n", in.ID.Short(), oneLine(in.Path))
		for _, warn := range in.Warnings {
			fmt.Fprintf(w, "           warning: %s\n", oneLine(warn))
		}
	case dup != nil:
		fmt.Fprintf(w, "duplicate  %s  %s\n", dup.ID.Short(), oneLine(dup.Path))
	case rej != nil:
		fmt.Fprintf(w, "rejected   %s: %s\n", oneLine(rej.Path), oneLine(rej.Error))
	}
}

func printIngestReport(g *globalOptions, rep *archive.Report, took time.Duration) {
	w := g.stdout
	n := len(rep.Ingested) + len(rep.Duplicates) + len(rep.Rejected)
	fmt.Fprintf(w, "%d files: %d ingested, %d duplicates, %d rejected (%.1fs)\n",
		n, len(rep.Ingested), len(rep.Duplicates), len(rep.Rejected), took.Seconds())
}
