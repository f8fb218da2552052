package main

import (
	"encoding/json"
	"io"
	"os"
	"os/user"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// globalOptions are the flags every command takes, and the process's
// standard streams (tests replace them).
type globalOptions struct {
	Archive string
	JSON    bool

	stdin          io.Reader
	stdout, stderr io.Writer
}

func (g *globalOptions) addFlags(c *cobra.Command) {
	f := c.PersistentFlags()
	f.StringVar(&g.Archive, "archive", "", "archive folder (default $CUTLINE_ARCHIVE, else ./cutline-archive)")
	f.BoolVar(&g.JSON, "json", false, "print JSON for scripts instead of text")
}

// archiveDir resolves the archive folder: --archive, $CUTLINE_ARCHIVE, or
// ./cutline-archive.
func (g *globalOptions) archiveDir() string {
	if g.Archive != "" {
		return g.Archive
	}
	if d := os.Getenv("CUTLINE_ARCHIVE"); d != "" {
		return d
	}
	return "cutline-archive"
}

// printJSON writes v as indented JSON to stdout.
func (g *globalOptions) printJSON(v any) error {
	enc := json.NewEncoder(g.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// isTerminal reports whether w is a terminal (progress bars and colour
// only go to terminals).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// currentUser names who makes an edit: --as, else $USER, else the OS user.
func currentUser(as string) string {
	if as = strings.TrimSpace(as); as != "" {
		return as
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}

// commands lists every cutline command, in the order --help shows them.
func commands(g *globalOptions) []*cobra.Command {
	return []*cobra.Command{
		newIngestCommand(g),
		newShowCommand(g),
		newSearchCommand(g),
		newCaptionCommand(g),
		newParseCommand(g),
		newCreditCommand(g),
		newExportCommand(g),
		newHistoryCommand(g),
		newReindexCommand(g),
		newServeCommand(g),
		newUserCommand(g),
		newDemoCommand(g),
		newCheckCommand(g),
		newBenchCommand(g),
	}
}
