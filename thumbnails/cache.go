package thumbnails

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Version is the renderer version. It is part of every cache path and is
// bumped whenever the renditions' pixels change (filter, quality, colour
// handling, sizes), so an old cache is never served for a new renderer.
// 1: image/jpeg and imaging. 2: scaled decoder, per-plane Lanczos, own
// encoder. 3: imaging orients the largest rendition and makes the smaller
// ones from it.
const Version = 3

// ErrBadID reports a cache key that is not a 64-hex-character SHA-256.
var ErrBadID = errors.New("not a photo ID")

// Cache stores renditions under Dir as
// <Dir>/v<Version>/<first two hex digits>/<id>-<size>.jpg. A cache is
// derived data: a lost or half-written file only costs a re-render, so
// files are renamed into place without fsync.
type Cache struct {
	Dir string
}

// Path returns where the rendition of photo id at size is stored, or ""
// when id is not 64 lower-case hex characters or size is out of range: no
// path is ever built from unchecked text.
func (c Cache) Path(id string, size int) string {
	if checkKey(id, size) != nil {
		return ""
	}
	return filepath.Join(c.Dir, "v"+strconv.Itoa(Version), id[:2], id+"-"+strconv.Itoa(size)+".jpg")
}

func checkKey(id string, size int) error {
	if len(id) != 64 {
		return fmt.Errorf("thumbnails: %w: %d characters, want 64", ErrBadID, len(id))
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return fmt.Errorf("thumbnails: %w: %q is not lower-case hex", ErrBadID, id)
		}
	}
	if size < 1 || size > MaxSize {
		return fmt.Errorf("thumbnails: rendition size %d out of range 1..%d", size, MaxSize)
	}
	return nil
}

// Write stores a rendition: written to a temporary file in the target
// folder, then renamed, so readers never see a partial file.
func (c Cache) Write(id string, size int, jpeg []byte) error {
	if err := checkKey(id, size); err != nil {
		return err
	}
	p := c.Path(id, size)
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("thumbnails: cache: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("thumbnails: cache: %w", err)
	}
	_, werr := f.Write(jpeg)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("thumbnails: cache: writing %s: %w", p, err)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("thumbnails: cache: %w", err)
	}
	return nil
}

// Has reports whether the rendition is cached.
func (c Cache) Has(id string, size int) bool {
	if checkKey(id, size) != nil {
		return false
	}
	fi, err := os.Stat(c.Path(id, size))
	return err == nil && fi.Mode().IsRegular()
}

// Open opens a cached rendition for reading (an *os.File suits
// http.ServeContent). A missing rendition gives an error matching
// fs.ErrNotExist.
func (c Cache) Open(id string, size int) (*os.File, error) {
	if err := checkKey(id, size); err != nil {
		return nil, err
	}
	return os.Open(c.Path(id, size))
}

// Remove deletes every cached rendition of photo id in this version.
func (c Cache) Remove(id string) error {
	if err := checkKey(id, 1); err != nil {
		return err
	}
	dir := filepath.Join(c.Dir, "v"+strconv.Itoa(Version), id[:2])
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("thumbnails: cache: %w", err)
	}
	var errs []error
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), id+"-") {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// RemoveStale deletes the folders of other renderer versions (v<N> with
// N != Version), reclaiming the space of renditions no one will serve.
func (c Cache) RemoveStale() error {
	ents, err := os.ReadDir(c.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("thumbnails: cache: %w", err)
	}
	var errs []error
	for _, e := range ents {
		n, ok := strings.CutPrefix(e.Name(), "v")
		v, err := strconv.Atoi(n)
		if !ok || err != nil || v == Version || !e.IsDir() {
			continue
		}
		if err := os.RemoveAll(filepath.Join(c.Dir, e.Name())); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
