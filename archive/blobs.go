package archive

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Blobs stores originals by ID under originals/ab/cdef… (the first two hex
// characters name the sub-folder). An original is written once, through a
// temporary file that is fsynced and renamed into place, and never
// rewritten: a reader sees either nothing or the whole file.
type Blobs struct {
	dir string
}

// Path returns where the original with this ID lives.
func (b *Blobs) Path(id ID) string {
	return filepath.Join(b.dir, string(id[:2]), string(id[2:]))
}

// Has reports whether the original is present with the expected size.
func (b *Blobs) Has(id ID, size int64) bool {
	fi, err := os.Stat(b.Path(id))
	return err == nil && fi.Mode().IsRegular() && fi.Size() == size
}

// Put stores data under id. It is idempotent: an original already present
// with the same size is left alone (IDs are content hashes).
func (b *Blobs) Put(id ID, data []byte) error {
	if len(id) != 64 {
		return fmt.Errorf("%w: %q", ErrBadID, id)
	}
	if b.Has(id, int64(len(data))) {
		return nil
	}
	final := b.Path(id)
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := io.Copy(tmp, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("writing original: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("syncing original: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o444); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return err
	}
	ok = true
	return syncDir(dir)
}

// Open opens the original for reading.
func (b *Blobs) Open(id ID) (*os.File, error) {
	f, err := os.Open(b.Path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("original of %s: %w", id.Short(), ErrNotFound)
	}
	return f, err
}

// Read returns the bytes of the original.
func (b *Blobs) Read(id ID) ([]byte, error) {
	f, err := b.Open(id)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Remove deletes an original; only check --repair does this, for originals
// no record refers to.
func (b *Blobs) Remove(id ID) error {
	p := b.Path(id)
	os.Chmod(p, 0o644)
	err := os.Remove(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Each calls fn with the ID of every stored original, and with the path of
// every leftover temporary file (tmp true) so that check can clean them.
func (b *Blobs) Each(fn func(id ID, path string, tmp bool) error) error {
	err := filepath.WalkDir(b.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == b.dir {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".tmp-") {
			return fn("", p, true)
		}
		id, err := ParseID(filepath.Base(filepath.Dir(p)) + name)
		if err != nil {
			return fn("", p, true)
		}
		return fn(id, p, false)
	})
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// randomSuffix returns a short random hex string for temporary names.
func randomSuffix() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
