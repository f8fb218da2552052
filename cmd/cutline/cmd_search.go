package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/index"
	"github.com/spf13/cobra"
)

// searchOptions are the flags of "cutline search".
type searchOptions struct {
	Limit, Offset int
	Sort          string
	Facets        bool
}

func newSearchCommand(g *globalOptions) *cobra.Command {
	var o searchOptions
	c := &cobra.Command{
		Use:   "search [QUERY]",
		Short: "Search the archive by words, person, place, date and credit",
		Long: `Search the archive. An empty query lists every photo, newest first.

  words and "quoted phrases"       person:"Lee In-young"   place:Panmunjom
  credit:AFP  agency:Reuters  byline:Jung  keyword:hotline  city:Seoul
  country:"South Korea"  after:2020-01-01  before:2021  year:2020
  file:yes|no  handout:yes  pool:yes  id:3fa2b9c1
  -word and -field:value exclude; OR between terms: person:Moon OR person:Kim

Matching ignores case and accents ("Sao Paulo" finds "São Paulo"). A query
that starts with a negation goes after --:  cutline search -- '-file:yes Seoul'

While "cutline serve" holds the archive, search asks it; when the desk has
accounts, set CUTLINE_TOKEN to a token from its POST /api/login.`,
		RunE: func(c *cobra.Command, args []string) error {
			return runSearch(c.Context(), g, &o, strings.Join(args, " "))
		},
	}
	c.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (a query that starts with \"-\" goes after --, as in: cutline search -- '-file:yes Seoul')", err)}
	})
	f := c.Flags()
	f.IntVar(&o.Limit, "limit", 20, "hits to show")
	f.IntVar(&o.Offset, "offset", 0, "hits to skip")
	f.StringVar(&o.Sort, "sort", "", "relevance, newest or oldest (default: relevance with words, else newest)")
	f.BoolVar(&o.Facets, "facets", false, "also count hits by credit, agency, person, place and year")
	return c
}

func runSearch(ctx context.Context, g *globalOptions, o *searchOptions, q string) error {
	query, err := index.ParseQuery(q)
	if err != nil {
		return usageError{err}
	}
	sort, err := index.ParseSort(o.Sort)
	if err != nil {
		return usageError{err}
	}
	if o.Limit < 0 || o.Offset < 0 {
		return usagef("--limit and --offset must not be negative")
	}
	// Take the writer lock when we can, so that pending changes reach the
	// index before we search. When "cutline serve" holds the archive, ask
	// it; otherwise read the index as it is.
	s, err := archive.Open(g.archiveDir(), &archive.Options{Holder: archive.Holder{Command: "cutline search"}, LockTimeout: 300 * time.Millisecond})
	var res *index.Result
	if errors.Is(err, archive.ErrLocked) {
		if base := serverFor(g.archiveDir()); base != "" {
			if res, err = remoteSearch(ctx, base, q, o); err != nil {
				return err
			}
		} else {
			s, err = openArchive(g, false, "")
		}
	}
	if err != nil {
		return err
	}
	if res == nil {
		defer s.Close()
		if res, err = localSearch(ctx, g, s, query, index.SearchOptions{Limit: o.Limit, Offset: o.Offset, Sort: sort, Facets: o.Facets}); err != nil {
			return err
		}
	}
	if g.JSON {
		if res.Hits == nil {
			res.Hits = []index.Hit{}
		}
		return g.printJSON(res)
	}
	printSearch(g.stdout, res, o.Offset, isTerminal(g.stdout))
	return nil
}

// localSearch searches the archive's own index and fills in the photos.
func localSearch(ctx context.Context, g *globalOptions, s *archive.Store, q index.Query, opts index.SearchOptions) (*index.Result, error) {
	ix, err := openIndex(ctx, g, s, !s.ReadOnly())
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, q, opts)
	if err != nil {
		return nil, err
	}
	ids := make([]archive.ID, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	photos, err := s.Photos(ctx, ids)
	if err != nil {
		return nil, err
	}
	// A hit the archive does not hold means the index is out of step (a
	// copied or damaged index): show the rest and say how to mend it.
	hits := res.Hits[:0]
	for _, h := range res.Hits {
		if h.Photo = photos[h.ID]; h.Photo == nil {
			fmt.Fprintf(g.stderr, "cutline: search hit %s is not in the archive; the index is out of step (cutline check --repair rebuilds it)\n", h.ID.Short())
			continue
		}
		hits = append(hits, h)
	}
	res.Hits = hits
	return res, nil
}

func printSearch(w io.Writer, res *index.Result, offset int, color bool) {
	open, close := "", ""
	if color {
		open, close = "\x1b[1;33m", "\x1b[0m"
	}
	for _, h := range res.Hits {
		p := h.Photo
		date := archive.SortDate(p)
		if len(date) > 10 {
			date = date[:10]
		}
		// The headline, or else the first words of the caption, with the
		// matching words marked when the index found them there.
		field, text := "headline", oneLine(p.Caption.Headline)
		if text == "" {
			field, text = "caption", oneLine(clip(p.Caption.Description, 90))
		}
		for _, f := range h.Highlights {
			if f.Field == field && len(f.Marks) > 0 {
				text = f.Format(open, close, oneLine)
				break
			}
		}
		credit := p.Caption.Credit
		if credit == "" {
			credit = p.Facts.Agency
		}
		fmt.Fprintf(w, "%s  %-10s  %-18s  %s\n", p.ID.Short(), date, clip(oneLine(credit), 18), text)
	}
	shown := len(res.Hits)
	switch {
	case res.Total == 0:
		fmt.Fprintln(w, "no photos found")
	case shown > 0:
		fmt.Fprintf(w, "%d–%d of %d photos\n", offset+1, offset+shown, res.Total)
	default:
		fmt.Fprintf(w, "%d photos (none on this page)\n", res.Total)
	}
	approx := ""
	if res.FacetsEstimated {
		approx = "≈" // counted on a sample of a very large result
	}
	for _, name := range []string{"credit", "agency", "person", "place", "year"} {
		terms := res.Facets[name]
		if len(terms) == 0 {
			continue
		}
		parts := make([]string, len(terms))
		for i, t := range terms {
			parts[i] = fmt.Sprintf("%s (%s%d)", oneLine(t.Term), approx, t.Count)
		}
		fmt.Fprintf(w, "%-7s %s\n", name+":", strings.Join(parts, ", "))
	}
}
