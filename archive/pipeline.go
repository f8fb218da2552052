package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/cutline/cutline/thumbnails"
	"golang.org/x/sync/semaphore"
)

// pipeline holds what the ingest workers share.
type pipeline struct {
	s      *Store
	o      IngestOptions
	mem    *semaphore.Weighted
	thumbs *thumbnails.Cache
}

func (s *Store) thumbCache() *thumbnails.Cache { return &thumbnails.Cache{Dir: s.ThumbDir()} }

// source is one file to ingest: its name for the report and how to read
// it. open returns the file's size, or -1 when it is not known before
// reading (an upload).
type source struct {
	path string
	open func() (io.ReadCloser, int64, error)
}

func fileSource(path string) source {
	return source{path: path, open: func() (io.ReadCloser, int64, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, 0, err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, 0, err
		}
		if !fi.Mode().IsRegular() {
			f.Close()
			return nil, 0, rejectf("not a regular file")
		}
		return f, fi.Size(), nil
	}}
}

// process turns one source into an outcome. It never panics: a panic in a
// decoder becomes the file's rejection, and the batch goes on.
//
// Memory: the file's bytes and its decode are reserved together from the
// budget before the file is read (its frame header, in the first
// headerBytes, gives the decode's cost), in one acquisition, so that
// workers never hold part of the budget while waiting for more.
//
// Cancellation: until the decode starts, a cancelled ctx drops the file
// (not processed); once it has started, the file is finished, stored and
// handed to the writer, which commits it.
func (p *pipeline) process(ctx context.Context, idx int, src source) (oc outcome) {
	oc.idx = idx
	defer func() {
		if r := recover(); r != nil {
			oc = outcome{idx: idx, err: fmt.Errorf("internal error while reading the file (please report it): %v\n%s", r, debug.Stack())}
		}
	}()
	if ctx.Err() != nil {
		return outcome{idx: idx, skipped: true}
	}
	f, size, err := src.open()
	if err != nil {
		oc.err = err
		return oc
	}
	defer f.Close()
	if size > p.o.MaxFileBytes {
		oc.err = p.tooLarge(size)
		return oc
	}
	head, err := readHead(f, size)
	if err != nil {
		oc.err = err
		return oc
	}
	if size < 0 && len(head) < headerBytes {
		size = int64(len(head)) // a small upload, read whole
		if size > p.o.MaxFileBytes {
			oc.err = p.tooLarge(size)
			return oc
		}
	}
	fileShare, decodeShare := p.reservation(head, size)
	if err := p.mem.Acquire(ctx, fileShare+decodeShare); err != nil {
		return outcome{idx: idx, skipped: true}
	}
	defer func() {
		// The file is closed before its share goes back (and closed
		// again, harmlessly, by the defer above): the next file may
		// then be opened and read within the budget.
		f.Close()
		p.release(fileShare + decodeShare)
	}()
	data, err := p.readRest(f, head, size)
	if err != nil {
		oc.err = err
		return oc
	}
	id := IDOf(data)
	if ok, err := p.s.Has(ctx, id); err != nil {
		if ctx.Err() != nil {
			return outcome{idx: idx, skipped: true}
		}
		oc.err = err
		return oc
	} else if ok {
		p.mem.Release(decodeShare) // reserved, never allocated
		decodeShare = 0
		// The record exists; make sure its original does too, so that
		// ingesting the file again is how a lost original is restored.
		restored, err := p.s.Originals.Ensure(id, data)
		if err != nil {
			oc.err = fmt.Errorf("the original of %s (already archived) is missing or damaged and could not be restored: %w", id.Short(), err)
			return oc
		}
		oc.dupID, oc.restored = id, restored
		return oc
	}
	a, err := analyze(data, p.o.MaxPixels)
	if err != nil {
		oc.err = err
		return oc
	}
	rec := &record{
		Photo: Photo{
			ID: id, Name: filepath.Base(src.path), Bytes: int64(len(data)),
			Width: a.width, Height: a.height, Format: "jpeg", Orientation: a.orientation,
			Taken: a.taken, Camera: a.camera, GPS: a.gps, Ingested: p.s.now().UTC(),
			Caption: a.caption, Warnings: a.warnings,
		},
		Embedded:   a.caption,
		ingestUser: p.o.User,
	}
	if ctx.Err() != nil {
		return outcome{idx: idx, skipped: true}
	}
	if err := p.render(rec, data, a); err != nil {
		oc.err = err
		return oc
	}
	p.release(decodeShare)
	decodeShare = 0
	if p.o.Caption != nil {
		f, warns, err := p.o.Caption(clonePhoto(&rec.Photo))
		if err != nil {
			oc.err = rejectf("applying the caption template: %v", err)
			return oc
		}
		rec.Caption = f
		rec.Warnings = append(rec.Warnings, warns...)
	}
	rec.Warnings = append(rec.Warnings, rec.Caption.LimitWarnings()...)
	rec.Facts = factsOf(&rec.Photo)
	if err := p.s.Originals.Put(id, data); err != nil {
		oc.err = fmt.Errorf("storing the original: %w", err)
		return oc
	}
	oc.rec = rec
	return oc
}

// release gives n bytes back to the memory budget once what they stood
// for is garbage. A large share is collected first: the budget bounds
// live memory, and a large buffer left for the collector's next cycle
// would still be there when the next file allocates its own in one piece
// (two 950 MiB files one after the other peaked at 1.9 GiB resident).
// Small shares are left to the collector, which the soft memory limit
// keeps up with them; a collection costs little next to a decode of this
// size.
func (p *pipeline) release(n int64) {
	if n >= p.o.MemoryBudget/16 {
		runtime.GC()
	}
	p.mem.Release(n)
}

// tooLarge is the rejection of a file over the size cap.
func (p *pipeline) tooLarge(size int64) error {
	msg := fmt.Sprintf("the file is %s (%d bytes), more than the %s allowed for one file; no JPEG photo is that large (padding, or not a photo?)",
		byteSize(size), size, byteSize(p.o.MaxFileBytes))
	if p.o.MaxFileBytesHint != "" {
		msg += "; " + p.o.MaxFileBytesHint
	}
	return rejectf("%s", msg)
}

// byteSize writes n in MiB (or KiB below one MiB), as the cap is given.
func byteSize(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MiB"
}

// readHead reads the start of a file: all of it when it is small, else
// headerBytes. size is the file's size, or -1 when unknown.
func readHead(r io.Reader, size int64) ([]byte, error) {
	n := int64(headerBytes)
	if size >= 0 {
		n = min(n, size)
	}
	head := make([]byte, n)
	got, err := io.ReadFull(r, head)
	switch {
	case err == nil:
		return head, nil
	case size < 0 && (err == io.EOF || err == io.ErrUnexpectedEOF):
		return head[:got], nil // the whole upload
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return nil, rejectf("the file changed while it was read (is it still being written?): %d bytes instead of %d", got, size)
	}
	return nil, err
}

// reservation returns what a file takes from the memory budget: its bytes,
// and what its decode allocates (thumbnails' cost model, from the frame
// header in head). Their sum is capped by the budget: a file that needs
// more runs alone. size is -1 for an upload larger than head.
func (p *pipeline) reservation(head []byte, size int64) (fileShare, decodeShare int64) {
	fileShare = size
	if size < 0 {
		fileShare = p.o.MaxFileBytes
	}
	h, err := thumbnails.ReadHeader(head, p.o.MaxPixels)
	switch {
	case err == nil:
		decodeShare = h.Cost()
	case int64(len(head)) == size, errors.Is(err, thumbnails.ErrNotJPEG), errors.Is(err, thumbnails.ErrTooLarge), errors.Is(err, thumbnails.ErrUnsupported):
		// Render stops at this same header error (head is the whole
		// file, or the error does not depend on what follows) before it
		// allocates for pixels.
		decodeShare = 0
	default:
		// The frame header is not in the first headerBytes (no real
		// photo does that): the cost is unknown, so the file runs alone.
		decodeShare = p.o.MemoryBudget
	}
	fileShare = min(fileShare, p.o.MemoryBudget)
	decodeShare = min(decodeShare, p.o.MemoryBudget-fileShare)
	return fileShare, decodeShare
}

// readRest reads the rest of a file after its head, into one buffer of
// the file's size when it is known. A file that grows or shrinks while it
// is read is rejected rather than archived cut short.
func (p *pipeline) readRest(r io.Reader, head []byte, size int64) ([]byte, error) {
	if size < 0 {
		return readCapped(io.MultiReader(bytes.NewReader(head), r), p.o.MaxFileBytes)
	}
	data := head
	if int64(len(head)) < size {
		data = make([]byte, size)
		copy(data, head)
		if got, err := io.ReadFull(r, data[len(head):]); err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, rejectf("the file changed while it was read (is it still being written?): %d bytes instead of %d", len(head)+got, size)
		} else if err != nil {
			return nil, err
		}
	}
	if n, _ := io.ReadFull(r, make([]byte, 1)); n > 0 {
		return nil, rejectf("the file changed while it was read (is it still being written?): it grew past %d bytes", size)
	}
	return data, nil
}

// readCapped reads an upload of unknown size, up to max bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, rejectf("the file is more than the %s allowed for one file", byteSize(max))
	}
	return data, nil
}

// render makes the renditions and writes them to the cache; the caller
// holds the decode's share of the memory budget. An image whose pixels
// cannot be decoded is still archived (its original and metadata are what
// the archive is for), with a warning and no preview.
func (p *pipeline) render(rec *record, data []byte, a *analysis) error {
	if a.noPreview != "" {
		rec.PreviewError = a.noPreview
		rec.Warnings = append(rec.Warnings, "no preview: "+a.noPreview)
		return nil
	}
	rends, err := thumbnails.Render(data, rec.Orientation, &thumbnails.Options{MaxPixels: p.o.MaxPixels})
	if err != nil {
		rec.PreviewError = strings.TrimPrefix(err.Error(), "thumbnails: ")
		rec.Warnings = append(rec.Warnings, "no preview: "+rec.PreviewError)
		return nil
	}
	for _, r := range rends {
		if err := p.thumbs.Write(string(rec.ID), r.Size, r.JPEG); err != nil {
			return fmt.Errorf("writing the %d px rendition: %w", r.Size, err)
		}
	}
	return nil
}
