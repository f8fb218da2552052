package main

import (
	"fmt"
	"time"

	"github.com/cutline/cutline/internal/demo"
	"github.com/spf13/cobra"
)

// demoOptions are the flags of "cutline demo".
type demoOptions struct {
	Addr    string
	N       int
	NoServe bool
}

func newDemoCommand(g *globalOptions) *cobra.Command {
	var o demoOptions
	c := &cobra.Command{
		Use:   "demo",
		Short: "Build a demo archive from generated photos and serve it",
		Long: `Build a demo archive in ./cutline-demo (or --archive DIR) from photos that
cutline generates itself: varied sizes and orientations, agency captions and
credits (AFP, Reuters, AP, Getty Images, Yonhap, EPA) embedded as IPTC and XMP,
the two captions of the seed article, and a few files that show the desk's
warnings (a cut-off file without preview, a caption over the IPTC length
limit, IIM and XMP that disagree). Then serve it on the web desk.

An existing demo archive is served as it is.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			dir := g.Archive
			if dir == "" {
				dir = "cutline-demo"
			}
			s, err := openForServe(dir, true, "cutline demo", o.Addr)
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := c.Context()
			n, err := s.Count(ctx)
			if err != nil {
				return err
			}
			if n > 0 {
				fmt.Fprintf(g.stdout, "cutline: using the demo archive in %s (%d photos)\n", s.Dir(), n)
			} else {
				start := time.Now()
				fmt.Fprintf(g.stdout, "cutline: making %d demo photos in %s...\n", o.N, s.Dir())
				rep, err := demo.Ingest(ctx, s, "demo", &demo.Options{N: o.N})
				if err != nil {
					return err
				}
				fmt.Fprintf(g.stdout, "cutline: %d photos ingested in %.1fs\n", len(rep.Ingested), time.Since(start).Seconds())
				for _, r := range rep.Rejected {
					fmt.Fprintf(g.stderr, "cutline: demo photo %s rejected: %s\n", r.Path, r.Error)
				}
			}
			if o.NoServe {
				return syncIndex(ctx, g, s)
			}
			return serveArchive(ctx, g, s, o.Addr)
		},
	}
	f := c.Flags()
	f.StringVar(&o.Addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	f.IntVar(&o.N, "photos", demo.DefaultN, "number of photos to generate")
	f.BoolVar(&o.NoServe, "no-serve", false, "build the archive and its index, then exit")
	return c
}
