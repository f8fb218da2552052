package main

import (
	"context"
	"fmt"
	"net"
	"os"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/web"
	"github.com/spf13/cobra"
)

// serveOptions are the flags of "cutline serve".
type serveOptions struct {
	Addr string
}

func newServeCommand(g *globalOptions) *cobra.Command {
	var o serveOptions
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web desk and its JSON API",
		Long: `Serve the web desk (search, photo pages, batch edits, uploads) and the JSON API
under /api/ on the archive, its index and its thumbnails.

The server is the archive's one writer while it runs: other cutline commands
read the archive, and changes go through the desk or its API.

Accounts: with "cutline user add NAME --role editor|viewer", the desk asks for
a login and viewers cannot change anything. Without any account it runs open,
which it does only on a loopback address (127.0.0.1, ::1, localhost).

Stop it with Ctrl+C (or SIGTERM): requests in flight finish, then the index and
the archive are closed.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			s, err := openForServe(g.archiveDir(), false, "cutline serve", o.Addr)
			if err != nil {
				return err
			}
			defer s.Close()
			return serveArchive(c.Context(), g, s, o.Addr)
		},
	}
	c.Flags().StringVar(&o.Addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	return c
}

// openForServe opens the archive for writing, naming the server and its
// address in the writer lock so that other commands can say who holds it.
func openForServe(dir string, create bool, command, addr string) (*archive.Store, error) {
	return archive.Open(dir, &archive.Options{
		Create: create,
		Holder: archive.Holder{PID: os.Getpid(), Command: command, Addr: addr},
	})
}

// serveArchive serves the desk on s until ctx is cancelled (Ctrl+C), then
// closes the index; the caller closes s.
func serveArchive(ctx context.Context, g *globalOptions, s *archive.Store, addr string) error {
	ix, err := openIndex(ctx, g, s, true)
	if err != nil {
		return err
	}
	defer ix.Close()
	logf := func(format string, args ...any) { fmt.Fprintf(g.stderr, "cutline serve: "+format+"\n", args...) }
	defer web.TuneGC()()
	srv, err := web.New(web.Config{Store: s, Index: ix, Addr: addr, LocalUser: currentUser(""), Logf: logf})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another server running? pass --addr)", addr, err)
	}
	n, _ := s.Count(ctx)
	mode := "accounts required"
	if srv.Open() {
		mode = "open desk, no accounts (loopback only)"
	}
	fmt.Fprintf(g.stdout, "cutline: serving %d photos from %s\n", n, s.Dir())
	fmt.Fprintf(g.stdout, "cutline: open http://%s/  (%s; Ctrl+C to stop)\n", ln.Addr(), mode)
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(g.stderr, "cutline: server stopped")
	return nil
}
