package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cutline/cutline/caption"
	"golang.org/x/sync/semaphore"
)

// IngestOptions configure Ingest. The zero value means defaults.
type IngestOptions struct {
	// Workers is the number of files processed at once (GOMAXPROCS when 0).
	Workers int
	// User is recorded in the history for caption changes made at ingest.
	User string
	// Caption, when set, turns the caption read from a file into the one
	// stored (a template, code replacement...). It may return warnings.
	Caption func(p *Photo) (caption.Fields, []string, error)
	// MaxPixels caps the image size (DefaultMaxPixels when 0): larger images
	// are rejected before any pixel is decoded.
	MaxPixels int64
	// MaxFileBytes caps the file size (DefaultMaxFileBytes when 0).
	MaxFileBytes int64
	// MemoryBudget bounds the memory of the decodes running at once
	// (DefaultMemoryBudget when 0).
	MemoryBudget int64
	// Progress, when set, is called after each file with the counts so far.
	Progress func(Progress)
	// Done, when set, is called with each file's outcome as soon as it is
	// final: for an ingested file, once its record is committed (so a
	// caller may acknowledge it). Exactly one of the three is non-nil.
	Done func(*Ingested, *Duplicate, *Rejected)
}

// Progress counts the files of an ingest.
type Progress struct {
	Done, Total int
	Bytes       int64 // bytes read so far
}

const (
	DefaultMaxPixels    = 100_000_000
	DefaultMaxFileBytes = 1 << 30
	DefaultMemoryBudget = 640 << 20
)

// Report is the outcome of an ingest, in the shape of DESIGN.md.
type Report struct {
	Ingested   []Ingested  `json:"ingested"`
	Duplicates []Duplicate `json:"duplicates"`
	Rejected   []Rejected  `json:"rejected"`
}

// Ingested is a file that became a new photo.
type Ingested struct {
	Path     string   `json:"path"`
	ID       ID       `json:"id"`
	Warnings []string `json:"warnings"`
}

// Duplicate is a file whose bytes were already in the archive.
type Duplicate struct {
	Path string `json:"path"`
	ID   ID     `json:"id"`
}

// Rejected is a file that was not ingested, and why.
type Rejected struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// OK reports whether every file was ingested or was a duplicate.
func (r *Report) OK() bool { return len(r.Rejected) == 0 }

// ErrRejected matches (with errors.Is) the error of a file that was
// rejected; its message is the reason alone.
var ErrRejected = errors.New("rejected")

type rejectError struct{ msg string }

func (e *rejectError) Error() string        { return e.msg }
func (e *rejectError) Is(target error) bool { return target == ErrRejected }

// rejectf builds a rejection; package prefixes of wrapped errors
// ("jpegmeta: ") are dropped, as the editor needs the reason, not our
// package names.
func rejectf(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	for _, p := range []string{"jpegmeta: ", "thumbnails: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return &rejectError{msg}
}

// Ingest adds the files and folders (recursively; names starting with "."
// are skipped) to the archive. Every file ends up in exactly one list of
// the report; a bad file never stops the others. The error is only for
// what stops the whole ingest (a cancelled context, a failing database).
func (s *Store) Ingest(ctx context.Context, paths []string, opts *IngestOptions) (*Report, error) {
	if err := s.writable(); err != nil {
		return nil, err
	}
	rep := newReport()
	var files []string
	for _, p := range paths {
		fs, err := listFiles(p)
		if err != nil {
			r := Rejected{Path: p, Error: err.Error()}
			rep.Rejected = append(rep.Rejected, r)
			if opts != nil && opts.Done != nil {
				opts.Done(nil, nil, &r)
			}
			continue
		}
		files = append(files, fs...)
	}
	sources := make([]source, len(files))
	for i, f := range files {
		sources[i] = fileSource(f)
	}
	if err := s.ingest(ctx, sources, opts, rep); err != nil {
		return rep, err
	}
	return rep, nil
}

// IngestReader adds one file read from r (an upload); name is its file name.
func (s *Store) IngestReader(ctx context.Context, name string, r io.Reader, opts *IngestOptions) (*Report, error) {
	if err := s.writable(); err != nil {
		return nil, err
	}
	rep := newReport()
	src := source{path: name, open: func(max int64) ([]byte, error) { return readCapped(r, name, max) }}
	err := s.ingest(ctx, []source{src}, opts, rep)
	return rep, err
}

func newReport() *Report {
	return &Report{Ingested: []Ingested{}, Duplicates: []Duplicate{}, Rejected: []Rejected{}}
}

// source is one file to ingest: its name for the report and how to read it.
type source struct {
	path string
	open func(max int64) ([]byte, error)
}

func fileSource(path string) source {
	return source{path: path, open: func(max int64) ([]byte, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if !fi.Mode().IsRegular() {
			return nil, rejectf("not a regular file")
		}
		if fi.Size() > max {
			return nil, rejectf("file is %d bytes, more than the %d allowed", fi.Size(), max)
		}
		return readCapped(f, path, max)
	}}
}

func readCapped(r io.Reader, name string, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, rejectf("file is more than the %d bytes allowed", max)
	}
	return data, nil
}

// listFiles returns path itself when it is a file, or every regular file
// below it, sorted, skipping names that start with ".".
func listFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	var out []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// outcome is what a worker made of one source.
type outcome struct {
	idx      int
	rec      *record // new photo to insert (nil otherwise)
	dupID    ID      // already in the archive
	err      error   // rejected
	warnings []string
}

// ingest runs the pipeline: workers read, hash, analyse, render and store
// originals; one writer inserts records in batches, each batch one
// transaction, so that a photo is acknowledged only once its original is
// on disk and its record committed.
func (s *Store) ingest(ctx context.Context, srcs []source, opts *IngestOptions, rep *Report) error {
	var o IngestOptions
	if opts != nil {
		o = *opts
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = DefaultMaxPixels
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.MemoryBudget <= 0 {
		o.MemoryBudget = DefaultMemoryBudget
	}
	if o.User == "" {
		o.User = "ingest"
	}
	p := &pipeline{s: s, o: o, mem: semaphore.NewWeighted(o.MemoryBudget), thumbs: s.thumbCache()}

	jobs := make(chan int)
	results := make(chan outcome, o.Workers)
	var wg sync.WaitGroup
	for w := 0; w < o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- p.process(ctx, i, srcs[i])
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range srcs {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// The writer: group commits of whatever has arrived, at most 64 at once.
	outs := make([]outcome, len(srcs))
	done := make([]bool, len(srcs))
	var (
		pending []outcome
		prog    = Progress{Total: len(srcs)}
		werr    error
	)
	report := func(oc outcome) {
		prog.Done++
		if o.Done != nil {
			in, dup, rej := entryOf(srcs[oc.idx].path, oc)
			o.Done(in, dup, rej)
		}
		if o.Progress != nil {
			o.Progress(prog)
		}
	}
	flush := func() {
		if len(pending) == 0 {
			return
		}
		if werr == nil {
			werr = s.commit(ctx, pending)
		}
		for _, oc := range pending {
			if werr != nil {
				oc.err = fmt.Errorf("not recorded: %w", werr)
				oc.rec = nil
			}
			outs[oc.idx], done[oc.idx] = oc, true
			report(oc)
		}
		pending = pending[:0]
	}
	for oc := range results {
		if oc.rec != nil {
			prog.Bytes += oc.rec.Bytes
			pending = append(pending, oc)
			if len(pending) < 64 && len(results) > 0 {
				continue
			}
			flush()
			continue
		}
		flush()
		outs[oc.idx], done[oc.idx] = oc, true
		report(oc)
	}
	flush()

	for i, oc := range outs {
		if !done[i] {
			oc.err = errors.New("not processed: " + errString(ctx.Err()))
		}
		in, dup, rej := entryOf(srcs[i].path, oc)
		switch {
		case in != nil:
			rep.Ingested = append(rep.Ingested, *in)
		case dup != nil:
			rep.Duplicates = append(rep.Duplicates, *dup)
		default:
			rep.Rejected = append(rep.Rejected, *rej)
		}
	}
	if werr != nil {
		return werr
	}
	return ctx.Err()
}

// entryOf turns an outcome into its report entry.
func entryOf(path string, oc outcome) (*Ingested, *Duplicate, *Rejected) {
	switch {
	case oc.err != nil:
		return nil, nil, &Rejected{Path: path, Error: oc.err.Error()}
	case oc.dupID != "":
		return nil, &Duplicate{Path: path, ID: oc.dupID}, nil
	case oc.rec == nil:
		return nil, nil, &Rejected{Path: path, Error: "not processed"}
	}
	return &Ingested{Path: path, ID: oc.rec.ID, Warnings: nonNil(oc.rec.Warnings)}, nil, nil
}

func errString(err error) string {
	if err == nil {
		return "stopped"
	}
	return err.Error()
}

// commit inserts a batch of new photos in one transaction. A photo that
// another file of the same batch (or another process) inserted first
// turns into a duplicate.
func (s *Store) commit(ctx context.Context, batch []outcome) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	inserted := make([]bool, len(batch))
	for i := range batch {
		ok, err := insertRecord(ctx, tx, batch[i].rec)
		if err != nil {
			return fmt.Errorf("recording %s: %w", batch[i].rec.ID.Short(), err)
		}
		if ok {
			if err := insertInitialHistory(ctx, tx, batch[i].rec, s.now()); err != nil {
				return err
			}
		}
		inserted[i] = ok
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for i := range batch {
		if !inserted[i] {
			batch[i].dupID, batch[i].rec = batch[i].rec.ID, nil
		}
	}
	return nil
}

// insertInitialHistory records the caption changes made at ingest (by a
// template) as history entries, so they can be reverted like any edit.
func insertInitialHistory(ctx context.Context, tx *sql.Tx, r *record, now time.Time) error {
	changes := diffFields(r.Embedded, r.Caption)
	if len(changes) == 0 {
		return nil
	}
	at := now.UTC().Format(time.RFC3339Nano)
	for _, c := range changes {
		js, err := marshalAll(c.Old, c.New)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO history (photo_id, at, user, field, old, new) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, at, r.ingestUser, c.Field, js[0], js[1]); err != nil {
			return err
		}
	}
	return nil
}
