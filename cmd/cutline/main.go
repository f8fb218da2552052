// Command cutline is a news photo archive and caption desk: ingest agency
// and staff photos, caption and credit them, search the archive, export
// JPEGs with the caption embedded, and serve the web desk.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one cutline command and returns the process exit code. It
// is the one place where errors become messages and exit codes.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C (or SIGTERM) asks the command to wind down: an
	// ingest commits what is in progress, a server finishes its requests.
	// Once it is received the signals go back to their default, so a
	// second one stops the process at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	g := &globalOptions{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRootCommand(g)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	return exitCode(err, stderr)
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the command ran and found a problem (rejected files, failed check)
	exitUsage   = 2 // bad arguments or flags
)

// exitError carries an exit code without a message of its own (the
// command already printed its report).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError marks mistakes in the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintf(stderr, "cutline: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	if errors.Is(err, context.Canceled) {
		return 130
	}
	return exitFailure
}

func newRootCommand(g *globalOptions) *cobra.Command {
	root := &cobra.Command{
		Use:   "cutline",
		Short: "News photo archive and caption desk",
		Long: `cutline is a news photo archive and caption desk.

Ingest agency and staff photos, caption and credit them, search the archive by
person, place, date and credit, generate credit lines, and export JPEGs with the
caption embedded as IPTC and XMP. The archive is a folder: --archive DIR, else
$CUTLINE_ARCHIVE, else ./cutline-archive.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	g.addFlags(root)
	root.AddCommand(commands(g)...)
	return root
}
