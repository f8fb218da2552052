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
	// MaxFileBytes caps the file size (DefaultMaxFileBytes when 0): a
	// larger file is rejected before it is read.
	MaxFileBytes int64
	// MaxFileBytesHint, when set, ends the rejection of a file over
	// MaxFileBytes and says how to raise the cap (the CLI names its flag).
	MaxFileBytesHint string
	// MemoryBudget bounds the memory of the files being worked on at once:
	// each file's bytes plus what decoding it for the renditions allocates
	// (DefaultMemoryBudget when 0). A file that needs more than the whole
	// budget runs alone.
	MemoryBudget int64
	// Progress, when set, is called after each file with the counts so far.
	Progress func(Progress)
	// Done, when set, is called with each file's outcome as soon as it is
	// final: for an ingested file, once its record is committed (so a
	// caller may acknowledge it). Exactly one of the three is non-nil. It
	// is not called for the files an interrupted ingest did not process.
	Done func(*Ingested, *Duplicate, *Rejected)
}

// Progress counts the files of an ingest.
type Progress struct {
	Done, Total int
	Bytes       int64 // bytes read so far
}

const (
	// DefaultMaxPixels is the pixel cap: larger images are rejected before
	// decoding (decompression bombs).
	DefaultMaxPixels = 100_000_000
	// DefaultMaxFileBytes is the file size cap. A JPEG photo never comes
	// near it: camera JPEGs take 0.3 to 0.7 bytes per pixel (0.67 at most
	// among the corpus's photos of a megapixel or more), so a photo at the
	// 100 MP pixel cap is well under 100 MB. 256 MiB is 2.7 bytes per
	// pixel at that cap; only quality 100 without chroma subsampling of
	// pure noise was measured denser (3.8). What is larger is padding, a
	// video or a disk image named .jpg, and holding it in memory would eat
	// the ingest's memory budget (files larger than the budget run alone).
	DefaultMaxFileBytes = 256 << 20
	// DefaultMemoryBudget bounds the bytes of the files being ingested at
	// once plus their decodes, so that ingest stays under 1 GiB resident
	// on any number of cores (the CLI also sets a soft limit for the
	// garbage collector, see cmd/cutline).
	DefaultMemoryBudget = 640 << 20
)

// headerBytes is how much of a file is read before its memory is
// reserved: enough to find the JPEG frame header behind the EXIF, XMP,
// ICC and Photoshop segments of any real photo (each at most 64 KiB).
const headerBytes = 1 << 20

// commitTimeout bounds the final commit of work already done when an
// ingest is interrupted (its context cancelled).
const commitTimeout = 10 * time.Second

// Report is the outcome of an ingest, in the shape of DESIGN.md.
type Report struct {
	Ingested   []Ingested  `json:"ingested"`
	Duplicates []Duplicate `json:"duplicates"`
	Rejected   []Rejected  `json:"rejected"`
	// NotProcessed lists the files an interrupted ingest (its context
	// cancelled) never started or dropped before writing anything: they
	// are neither good nor bad, so they are in none of the lists above nor
	// in the JSON report.
	NotProcessed []string `json:"-"`
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
	// Restored, when set, says why the archive's copy of the original
	// was written again from this file ("it was missing"...): the way to
	// restore a lost original is to ingest the file again. The JSON shape
	// of DESIGN.md has no place for it; the CLI prints it as a warning.
	Restored string `json:"-"`
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
// the report; a bad file never stops the others, nor does a folder that
// cannot be read (it is rejected, the rest goes on). The error is only for
// what stops the whole ingest: a failing database, or a cancelled context,
// after which the work already done is committed and the files not
// processed are listed in the report's NotProcessed.
func (s *Store) Ingest(ctx context.Context, paths []string, opts *IngestOptions) (*Report, error) {
	return s.ingestPaths(ctx, paths, opts, os.ReadDir)
}

// ingestPaths is Ingest with the folder reader as a parameter, so that
// tests can make a folder unreadable where permissions cannot (as root).
func (s *Store) ingestPaths(ctx context.Context, paths []string, opts *IngestOptions, readDir func(string) ([]fs.DirEntry, error)) (*Report, error) {
	if err := s.writable(); err != nil {
		return nil, err
	}
	rep := newReport()
	l := &lister{readDir: readDir}
	for _, p := range paths {
		start := len(l.files)
		l.add(p)
		sort.Strings(l.files[start:]) // in the order given, each sorted
	}
	for _, r := range l.problems {
		rep.Rejected = append(rep.Rejected, r)
		if opts != nil && opts.Done != nil {
			opts.Done(nil, nil, &r)
		}
	}
	sources := make([]source, len(l.files))
	for i, f := range l.files {
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
	src := source{path: name, open: func() (io.ReadCloser, int64, error) { return io.NopCloser(r), -1, nil }}
	err := s.ingest(ctx, []source{src}, opts, rep)
	return rep, err
}

func newReport() *Report {
	return &Report{Ingested: []Ingested{}, Duplicates: []Duplicate{}, Rejected: []Rejected{}}
}

// lister finds the files to ingest under the paths given. What it cannot
// take (an unreadable folder, a dangling symbolic link, a device) becomes
// a rejection naming it, and the listing goes on.
type lister struct {
	readDir  func(string) ([]fs.DirEntry, error) // os.ReadDir but in tests
	files    []string
	problems []Rejected
}

func (l *lister) reject(path, msg string) {
	l.problems = append(l.problems, Rejected{Path: path, Error: msg})
}

// add lists one path given by the caller: a file, or a folder walked
// recursively. A symbolic link given here is followed, folder or not:
// someone named it.
func (l *lister) add(path string) {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		l.reject(path, err.Error())
	case fi.IsDir():
		l.walk(path)
	case fi.Mode().IsRegular():
		l.files = append(l.files, path)
	default:
		l.reject(path, "not a regular file ("+fileKind(fi.Mode())+")")
	}
}

// walk lists a folder's files and sub-folders. Symbolic links to files are
// followed (the file is ingested under the link's name); links to folders
// are not, since they can make loops, but are reported.
func (l *lister) walk(dir string) {
	ents, err := l.readDir(dir)
	if err != nil {
		what := "the folder could not be read: "
		if len(ents) > 0 {
			what = "the folder could not be read in full: "
		}
		l.reject(dir, what+errReason(err))
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		switch t := e.Type(); {
		case t.IsDir():
			l.walk(p)
		case t.IsRegular():
			l.files = append(l.files, p)
		case t&fs.ModeSymlink != 0:
			l.link(p)
		default:
			l.reject(p, "not a regular file ("+fileKind(t)+")")
		}
	}
}

// link lists a symbolic link found in a folder.
func (l *lister) link(p string) {
	fi, err := os.Stat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		target, _ := os.Readlink(p)
		l.reject(p, fmt.Sprintf("a symbolic link to %q, which does not exist", target))
	case err != nil:
		l.reject(p, "a symbolic link whose target cannot be read: "+errReason(err))
	case fi.IsDir():
		l.reject(p, "a symbolic link to a folder, not followed (it could make a loop): ingest the folder itself")
	case fi.Mode().IsRegular():
		l.files = append(l.files, p)
	default:
		l.reject(p, "a symbolic link to something that is not a regular file ("+fileKind(fi.Mode())+")")
	}
}

// fileKind names a file type that is not a regular file or a folder.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "mode " + m.String()
}

// outcome is what a worker made of one source.
type outcome struct {
	idx      int
	rec      *record // new photo to insert (nil otherwise)
	dupID    ID      // already in the archive
	restored string  // a duplicate whose stored original was written again, and why
	err      error   // rejected
	skipped  bool    // not processed: the ingest was interrupted first
}

// ingest runs the pipeline: workers read, hash, analyse, render and store
// originals; one writer inserts records in batches, each batch one
// transaction, so that a photo is acknowledged only once its original is
// on disk and its record committed.
//
// When ctx is cancelled, files not yet started are left alone, and a file
// whose original is written is still committed (through a context that is
// not cancelled, bounded by commitTimeout), so that a graceful stop leaves
// no original without its record.
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
	mem := s.mem // shared with the Store's other ingests
	if o.MemoryBudget <= 0 {
		o.MemoryBudget = DefaultMemoryBudget
	} else {
		mem = semaphore.NewWeighted(o.MemoryBudget)
	}
	if o.User == "" {
		o.User = "ingest"
	}
	p := &pipeline{s: s, o: o, mem: mem, thumbs: s.thumbCache()}

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
			// The originals of the batch are on disk: commit them even
			// if the ingest is being stopped.
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), commitTimeout)
			werr = s.commit(cctx, pending)
			cancel()
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
		if oc.skipped {
			continue
		}
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
			rep.NotProcessed = append(rep.NotProcessed, srcs[i].path)
			continue
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
	if len(rep.NotProcessed) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		return errors.New("ingest stopped before every file was processed")
	}
	return nil
}

// entryOf turns an outcome into its report entry.
func entryOf(path string, oc outcome) (*Ingested, *Duplicate, *Rejected) {
	switch {
	case oc.err != nil:
		return nil, nil, &Rejected{Path: path, Error: oc.err.Error()}
	case oc.dupID != "":
		return nil, &Duplicate{Path: path, ID: oc.dupID, Restored: oc.restored}, nil
	case oc.rec == nil:
		return nil, nil, &Rejected{Path: path, Error: "not processed"}
	}
	return &Ingested{Path: path, ID: oc.rec.ID, Warnings: nonNil(oc.rec.Warnings)}, nil, nil
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
