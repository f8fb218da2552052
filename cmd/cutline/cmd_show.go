package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/spf13/cobra"
)

func newShowCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show one photo: metadata, caption, facts, credit lines, history",
		Long: `Show one photo. ID is the photo's SHA-256 or any unique prefix of at least 8
hex characters. --json prints the photo object that scripts rely on.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			s, err := openArchive(g, false, "")
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := c.Context()
			id, err := resolveID(ctx, s, args[0])
			if err != nil {
				return err
			}
			p, err := s.Photo(ctx, id)
			if err != nil {
				return err
			}
			if g.JSON {
				return g.printJSON(p)
			}
			hist, err := s.History(ctx, id)
			if err != nil {
				return err
			}
			printPhoto(g.stdout, p)
			printCredits(g.stdout, s, p)
			if len(hist) > 0 {
				fmt.Fprintf(g.stdout, "\nHistory (%d changes; cutline history %s)\n", len(hist), p.ID.Short())
				printHistory(g.stdout, hist)
			}
			return nil
		},
	}
}

func printPhoto(w io.Writer, p *archive.Photo) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s\t%s\n", k, oneLine(v))
		}
	}
	row("ID", string(p.ID))
	row("File", p.Name)
	row("Size", fmt.Sprintf("%d × %d px, %s, %s", p.Width, p.Height, humanBytes(p.Bytes), p.Format))
	if p.Orientation > 1 {
		row("Orientation", fmt.Sprintf("%d (%s)", p.Orientation, orientationName(p.Orientation)))
	}
	row("Taken", p.Taken)
	if c := p.Camera; c != nil {
		row("Camera", strings.TrimSpace(c.Make+" "+c.Model))
		row("Lens", c.Lens)
	}
	if p.GPS != nil {
		row("GPS", fmt.Sprintf("%.6f, %.6f", p.GPS.Lat, p.GPS.Lon))
	}
	row("Ingested", p.Ingested.Format("2006-01-02 15:04:05 MST"))
	tw.Flush()

	fmt.Fprintln(w, "\nCaption")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, f := range caption.AllFields() {
		vals, _ := p.Caption.Get(f.Name)
		if len(vals) > 0 {
			fmt.Fprintf(tw, "  %s\t%s\n", f.Label, oneLine(strings.Join(vals, "; ")))
		}
	}
	tw.Flush()

	fmt.Fprintln(w, "\nFacts from the caption")
	printFacts(w, &p.Facts)
	if len(p.Warnings) > 0 {
		fmt.Fprintln(w, "\nWarnings")
		for _, s := range p.Warnings {
			fmt.Fprintf(w, "  - %s\n", oneLine(s))
		}
	}
}

func printFacts(w io.Writer, f *caption.Facts) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "  %s\t%s\n", k, oneLine(v))
		}
	}
	row("Agency", f.Agency)
	row("Photographer", f.Photographer)
	row("Via", f.Via)
	var flags []string
	for _, fl := range []struct {
		on   bool
		name string
	}{{f.File, "file photo"}, {f.Handout, "handout"}, {f.Pool, "pool"}} {
		if fl.on {
			flags = append(flags, fl.name)
		}
	}
	row("Kind", strings.Join(flags, ", "))
	row("Taken", f.Taken)
	var people []string
	for _, p := range f.People {
		if p.Position != "" {
			people = append(people, p.Name+" ("+p.Position+")")
		} else {
			people = append(people, p.Name)
		}
	}
	row("People", strings.Join(people, "; "))
	row("Places", strings.Join(f.Places, "; "))
	row("Restrictions", strings.Join(f.Restrictions, "; "))
	tw.Flush()
}

func printHistory(w io.Writer, hist []archive.HistoryEntry) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  N\tWhen\tWho\tField\tOld → New")
	for _, h := range hist {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s → %s\n", h.Seq, h.At.Local().Format("2006-01-02 15:04"), oneLine(h.User), h.Field,
			quoteList(h.Old), quoteList(h.New))
	}
	tw.Flush()
}

func quoteList(v []string) string {
	if len(v) == 0 {
		return "(empty)"
	}
	q := make([]string, len(v))
	for i, s := range v {
		q[i] = fmt.Sprintf("%q", clip(s, 60))
	}
	return strings.Join(q, ", ")
}

// oneLine makes metadata text safe and readable on a terminal: control
// characters (escape sequences from a hostile file) become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func orientationName(o int) string {
	names := [...]string{"", "horizontal (normal)", "mirror horizontal", "rotate 180", "mirror vertical",
		"mirror horizontal and rotate 270 CW", "rotate 90 CW", "mirror horizontal and rotate 90 CW", "rotate 270 CW"}
	if o >= 1 && o <= 8 {
		return names[o]
	}
	return "unknown"
}

// printCredits prints the photo's credit line in every style.
func printCredits(w io.Writer, s *archive.Store, p *archive.Photo) {
	fmt.Fprintln(w, "\nCredit lines")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, st := range caption.Styles() {
		lines, err := s.Credits(context.Background(), p, st)
		switch {
		case err != nil:
			fmt.Fprintf(tw, "  %s\t(none: %s)\n", st, oneLine(err.Error()))
		case len(lines[0].Missing) > 0:
			fmt.Fprintf(tw, "  %s\t%s\t[missing: %s]\n", st, oneLine(lines[0].Text), strings.Join(lines[0].Missing, ", "))
		default:
			fmt.Fprintf(tw, "  %s\t%s\n", st, oneLine(lines[0].Text))
		}
	}
	tw.Flush()
}
