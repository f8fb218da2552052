package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/cutline/cutline/archive"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// userOptions are the flags of "cutline user add" and "user passwd".
type userOptions struct {
	Role          string
	PasswordStdin bool
}

func newUserCommand(g *globalOptions) *cobra.Command {
	c := &cobra.Command{
		Use:   "user",
		Short: "Manage the web desk's accounts (add, list, remove, passwd)",
		Long: `Manage the accounts of the web desk. Editors change captions, run batches and
upload; viewers search, read and download. Passwords are stored as Argon2id
hashes only.

  cutline user add anna --role editor          (asks for the password twice)
  printf '%s\n' "$PASS" | cutline user add vic --role viewer --password-stdin
  cutline user list
  cutline user passwd anna
  cutline user remove vic

Accounts are read when "cutline serve" starts: stop the server to manage them.`,
	}
	var o userOptions
	add := &cobra.Command{
		Use:   "add NAME --role editor|viewer",
		Short: "Add an account",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			role, err := archive.ParseRole(o.Role)
			if err != nil {
				return usageError{err}
			}
			if err := archive.CheckUserName(args[0]); err != nil {
				return usageError{err}
			}
			pass, err := readPassword(g, &o)
			if err != nil {
				return err
			}
			s, err := openForUsers(g, true)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.AddUser(c.Context(), args[0], role, pass); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "added %s (%s)\n", args[0], role)
			return nil
		},
	}
	add.Flags().StringVar(&o.Role, "role", "", "editor or viewer (required)")
	add.Flags().BoolVar(&o.PasswordStdin, "password-stdin", false, "read the password from the first line of standard input")
	_ = add.MarkFlagRequired("role")

	passwd := &cobra.Command{
		Use:   "passwd NAME",
		Short: "Change an account's password (ends its sessions)",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			pass, err := readPassword(g, &o)
			if err != nil {
				return err
			}
			s, err := openForUsers(g, false)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.SetPassword(c.Context(), args[0], pass); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "changed the password of %s\n", args[0])
			return nil
		},
	}
	passwd.Flags().BoolVar(&o.PasswordStdin, "password-stdin", false, "read the password from the first line of standard input")

	remove := &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an account (the history keeps its name)",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			s, err := openForUsers(g, false)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.RemoveUser(c.Context(), args[0]); err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "removed %s\n", args[0])
			return nil
		},
	}

	list := &cobra.Command{
		Use:   "list",
		Short: "List the accounts",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			s, err := openArchive(g, false, "")
			if err != nil {
				return err
			}
			defer s.Close()
			users, err := s.Users(c.Context())
			if err != nil {
				return err
			}
			if g.JSON {
				if users == nil {
					users = []archive.User{}
				}
				return g.printJSON(users)
			}
			if len(users) == 0 {
				fmt.Fprintln(g.stdout, "no accounts: the web desk runs open, on loopback only")
			}
			for _, u := range users {
				fmt.Fprintf(g.stdout, "%-24s %-7s since %s\n", u.Name, u.Role, u.Created.Local().Format("2006-01-02"))
			}
			return nil
		},
	}
	c.AddCommand(add, list, passwd, remove)
	return c
}

// openForUsers opens the archive to change accounts. A running server
// holds the archive; it reads accounts when it starts, so it must be
// stopped first.
func openForUsers(g *globalOptions, create bool) (*archive.Store, error) {
	s, err := openArchive(g, create, "cutline user")
	var le *archive.LockedError
	if errors.As(err, &le) && le.Holder.PID != 0 {
		return nil, fmt.Errorf("the archive is in use by %s (pid %d); stop it to manage accounts (a server reads them when it starts)", le.Holder.Command, le.Holder.PID)
	}
	return s, err
}

// readPassword reads the new password: from stdin with --password-stdin,
// else twice from the terminal without echo.
func readPassword(g *globalOptions, o *userOptions) (string, error) {
	if o.PasswordStdin {
		line, err := bufio.NewReader(g.stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", usagef("--password-stdin: no password on standard input")
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	f, ok := g.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", usagef("no terminal to ask for the password: pass --password-stdin and write it to standard input")
	}
	fmt.Fprint(g.stderr, "Password: ")
	p1, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(g.stderr)
	if err != nil {
		return "", err
	}
	fmt.Fprint(g.stderr, "Again: ")
	p2, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(g.stderr)
	if err != nil {
		return "", err
	}
	if string(p1) != string(p2) {
		return "", usagef("the two passwords differ")
	}
	return string(p1), nil
}
