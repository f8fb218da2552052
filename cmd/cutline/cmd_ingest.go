package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
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
	MaxMB    float64
}

const (
	// ingestMemoryLimit is the soft memory limit of "cutline ingest"
	// (unless GOMEMLIMIT is set): the archive's memory budget (640 MiB)
	// bounds the live bytes of the files and decodes at work, and this
	// limit makes the garbage collector run before the heap, garbage
	// included, grows past it, instead of letting it double (GOGC=100)
	// after a large decode. It keeps ingest under 1 GiB resident.
	ingestMemoryLimit = 768 << 20
	// exitInterrupted is the exit status of an ingest stopped by Ctrl-C
	// or SIGTERM (128 + SIGINT, as shells report it).
	exitInterrupted = 130
	// indexSyncTimeout bounds the search index update after an
	// interrupted ingest (what it does not finish, the next command that
	// writes does).
	indexSyncTimeout = 30 * time.Second
)

func newIngestCommand(g *globalOptions) *cobra.Command {
	var o ingestOptions
	c := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add photos (files and folders, recursive) to the archive",
		Long: `Add JPEG photos to the archive. Folders are read recursively (names that start
with "." are skipped). Each file is hashed (SHA-256 is its ID), recognised as a
duplicate if already archived, stored once, read for EXIF/IPTC/XMP metadata and
given 320 px and 1280 px renditions.

Ingesting a file again restores its original in the archive when that copy is
missing or damaged (as "cutline check" reports).

Exit status: 0 when every file was ingested or was a duplicate, 1 when any was
rejected (the others are kept), 130 when interrupted (Ctrl-C): the files
finished by then are kept, and the number not processed is printed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error { return runIngest(c, g, &o, args) },
	}
	f := c.Flags()
	f.StringVar(&o.Template, "template", "", "apply this caption template to every photo")
	f.StringVar(&o.Codes, "codes", "", "expand =code= shortcodes from this Photo Mechanic code-replacement file")
	f.IntVar(&o.Workers, "workers", 0, "files processed at once (default: number of cores)")
	f.StringVar(&o.As, "as", "", "who the history names for template changes (default $USER)")
	f.Float64Var(&o.MaxMP, "max-megapixels", archive.DefaultMaxPixels/1e6, "reject images larger than this before decoding them")
	f.Float64Var(&o.MaxMB, "max-file-mb", archive.DefaultMaxFileBytes>>20, "reject files larger than this many MiB before reading them")
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
	if o.MaxMB <= 0 || o.MaxMB > 1<<20 {
		return usagef("--max-file-mb must be positive and at most %d (1 TiB)", 1<<20)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(ingestMemoryLimit))
	}
	opts := &archive.IngestOptions{Workers: o.Workers, User: currentUser(o.As), MaxPixels: int64(o.MaxMP * 1e6),
		MaxFileBytes: int64(o.MaxMB * (1 << 20)), MaxFileBytesHint: "raise the limit with --max-file-mb"}
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
	ctx := c.Context()
	rep, err := s.Ingest(ctx, paths, opts)
	if bar != nil {
		bar.Finish()
	}
	// Interrupted: what was finished is committed; bring the index up to
	// date with it (on a context of its own) and say what was left.
	interrupted := rep != nil && errors.Is(err, context.Canceled)
	if interrupted {
		err = nil
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), indexSyncTimeout)
		defer cancel()
	}
	if rep != nil {
		if ierr := syncIndex(ctx, g, s); ierr != nil && err == nil {
			err = ierr
		}
		if g.JSON {
			if perr := g.printJSON(rep); perr != nil {
				return perr
			}
			for _, d := range rep.Duplicates {
				if d.Restored != "" {
					fmt.Fprintf(g.stderr, "cutline: warning: %s: original of %s restored (%s)\n", oneLine(d.Path), d.ID.Short(), d.Restored)
				}
			}
		} else {
			printIngestReport(g, rep, time.Since(start))
		}
	}
	if err != nil {
		return err
	}
	if interrupted {
		fmt.Fprintf(g.stderr, "cutline: interrupted: %d files not processed\n", len(rep.NotProcessed))
		return exitError{exitInterrupted}
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
		if dup.Restored != "" {
			fmt.Fprintf(w, "           warning: original restored from this file (%s)\n", oneLine(dup.Restored))
		}
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
