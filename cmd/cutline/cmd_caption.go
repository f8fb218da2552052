package main

import (
	"fmt"
	"os"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/spf13/cobra"
)

// captionOptions are the flags of "cutline caption".
type captionOptions struct {
	Set, Add, Remove []string
	Template         string
	Codes            string
	Where            string
	Revert           int64
	As               string
}

func newCaptionCommand(g *globalOptions) *cobra.Command {
	var o captionOptions
	c := &cobra.Command{
		Use:   "caption [ID...] --set field=value ...",
		Short: "Edit caption fields (one photo, a list, or every photo a query finds)",
		Long: `Edit the IPTC caption fields of photos. Every change is kept in the history.

  cutline caption 3fa2b9c1 --set headline="Hotline restored" --add keywords=Korea
  cutline caption 3fa2b9c1 --set description="=afp= {city}, {date}" --codes codes.txt
  cutline caption --where 'agency:AFP year:2020' --template desk.tpl
  cutline caption 3fa2b9c1 --revert 12      (restore the value before history entry 12)

Fields: headline, description (caption), captionWriter, byline, bylineTitle,
credit, source, copyright, title, keywords, instructions, jobId, dateCreated,
city, sublocation, state, country, countryCode, personsShown. List fields
(byline, keywords, personsShown) take several items separated by ";".
Values expand =code= shortcodes (--codes, Photo Mechanic's format) and then
{variables} from the photo's own metadata ({city}, {date}, {year4}, ...).`,
		RunE: func(c *cobra.Command, args []string) error { return runCaption(c, g, &o, args) },
	}
	f := c.Flags()
	f.StringArrayVar(&o.Set, "set", nil, "set a field: field=value (repeatable)")
	f.StringArrayVar(&o.Add, "add", nil, "add an item to a list field: field=value (repeatable)")
	f.StringArrayVar(&o.Remove, "remove", nil, "remove an item from a list field: field=value (repeatable)")
	f.StringVar(&o.Template, "template", "", "apply this caption template")
	f.StringVar(&o.Codes, "codes", "", "Photo Mechanic code-replacement file for =code= shortcodes")
	f.StringVar(&o.Where, "where", "", "edit every photo this search query finds")
	f.Int64Var(&o.Revert, "revert", 0, "restore the value a field had before history entry N")
	f.StringVar(&o.As, "as", "", "who the history names (default $USER)")
	return c
}

// captionResult is one photo's outcome in "caption --json".
type captionResult struct {
	ID       archive.ID            `json:"id"`
	Changes  []archive.FieldChange `json:"changes"`
	Warnings []string              `json:"warnings,omitempty"`
	Error    string                `json:"error,omitempty"`
}

func runCaption(c *cobra.Command, g *globalOptions, o *captionOptions, args []string) error {
	var edits []archive.Edit
	for _, l := range []struct {
		op   archive.EditOp
		vals []string
	}{{archive.Set, o.Set}, {archive.Add, o.Add}, {archive.Remove, o.Remove}} {
		for _, v := range l.vals {
			e, err := archive.ParseEdit(l.op, v)
			if err != nil {
				return usageError{err}
			}
			edits = append(edits, e)
		}
	}
	if c.Flags().Changed("revert") && o.Revert <= 0 {
		return usagef("--revert %d: history entries are numbered from 1 (cutline history ID lists them)", o.Revert)
	}
	if o.Revert == 0 && len(edits) == 0 && o.Template == "" {
		return usagef("nothing to do: give --set, --add, --remove, --template or --revert")
	}
	if o.Revert != 0 && (len(edits) > 0 || o.Template != "" || o.Where != "" || len(args) != 1) {
		return usagef("--revert N takes exactly one photo ID and no other edit")
	}
	if (len(args) == 0) == (o.Where == "") {
		return usagef("give photo IDs or --where QUERY (one of the two)")
	}
	tmpl, codes, err := loadTemplateAndCodes(o.Template, o.Codes)
	if err != nil {
		return usageError{err}
	}
	s, err := openArchive(g, false, "cutline caption")
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := c.Context()
	var ids []archive.ID
	if o.Where != "" {
		if ids, err = searchAllIDs(ctx, g, s, o.Where); err != nil {
			return err
		}
	} else if ids, err = resolveIDs(ctx, s, args); err != nil {
		return err
	}
	user := currentUser(o.As)
	var results []captionResult
	failed := false
	for _, id := range ids {
		res := captionResult{ID: id, Changes: []archive.FieldChange{}}
		var changes []archive.FieldChange
		if o.Revert != 0 {
			_, changes, err = s.Revert(ctx, id, o.Revert, user)
		} else {
			_, changes, err = s.Update(ctx, id, user, func(p *archive.Photo) (caption.Fields, error) {
				f, warns, err := archive.ApplyEdits(p, edits, tmpl, codes)
				res.Warnings = warns
				return f, err
			})
		}
		if err != nil {
			res.Error, failed = err.Error(), true
		}
		if changes != nil {
			res.Changes = changes
		}
		results = append(results, res)
		if !g.JSON {
			// Printed once committed: a line is an acknowledgement.
			printCaptionResult(g, &res)
		}
	}
	if err := syncIndex(ctx, g, s); err != nil {
		return err
	}
	if g.JSON {
		if err := g.printJSON(results); err != nil {
			return err
		}
	}
	if failed {
		return exitError{exitFailure}
	}
	return nil
}

func printCaptionResult(g *globalOptions, r *captionResult) {
	switch {
	case r.Error != "":
		fmt.Fprintf(g.stderr, "cutline: %s: %s\n", r.ID.Short(), r.Error)
	case len(r.Changes) == 0:
		fmt.Fprintf(g.stdout, "%s  unchanged\n", r.ID.Short())
	default:
		for _, ch := range r.Changes {
			fmt.Fprintf(g.stdout, "%s  %s: %s → %s\n", r.ID.Short(), ch.Field, quoteList(ch.Old), quoteList(ch.New))
		}
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(g.stdout, "%s  warning: %s\n", r.ID.Short(), oneLine(w))
	}
}

// loadTemplateAndCodes reads the --template and --codes files.
func loadTemplateAndCodes(tmplPath, codesPath string) (*caption.Template, *caption.Codes, error) {
	var (
		t     *caption.Template
		codes *caption.Codes
	)
	if tmplPath != "" {
		b, err := os.ReadFile(tmplPath)
		if err != nil {
			return nil, nil, err
		}
		if t, err = caption.ParseTemplate(b); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", tmplPath, err)
		}
	}
	if codesPath != "" {
		b, err := os.ReadFile(codesPath)
		if err != nil {
			return nil, nil, err
		}
		if codes, err = caption.ParseCodes(b); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", codesPath, err)
		}
	}
	return t, codes, nil
}

// captionHook turns --template/--codes of ingest into the archive's
// ingest-time caption hook.
func captionHook(tmplPath, codesPath string) (func(*archive.Photo) (caption.Fields, []string, error), error) {
	t, codes, err := loadTemplateAndCodes(tmplPath, codesPath)
	if err != nil {
		return nil, err
	}
	return func(p *archive.Photo) (caption.Fields, []string, error) {
		return archive.ApplyEdits(p, nil, t, codes)
	}, nil
}
