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
// with these exact bytes is left alone (IDs are content hashes), and one
// that is not (cut short, damaged) is replaced. Only the rare file already
// there with the right size is read back, so a new photo costs a stat.
func (b *Blobs) Put(id ID, data []byte) error {
	_, err := b.Ensure(id, data)
	return err
}

// Ensure makes the original of id hold data, whose SHA-256 must be id,
// and says what it repaired: "" when the stored copy was already intact,
// otherwise why it was written again ("it was missing", "it was damaged:
// ..."). A stored copy of the right size is compared byte for byte with
// data: equal bytes mean it hashes to id without hashing it again, and a
// same-size damage (a flipped bit, a zeroed block) is found too, for the
// cost of one sequential read.
func (b *Blobs) Ensure(id ID, data []byte) (restored string, err error) {
	if len(id) != 64 {
		return "", fmt.Errorf("%w: %q", ErrBadID, id)
	}
	problem := b.differs(id, data)
	if problem == "" {
		return "", nil
	}
	if err := b.write(id, data); err != nil {
		return "", err
	}
	return problem, nil
}

// differs compares the stored original of id with data and returns why it
// is not a good copy, or "" when it is.
func (b *Blobs) differs(id ID, data []byte) string {
	f, err := os.Open(b.Path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return "it was missing"
	}
	if err != nil {
		return "it could not be read: " + errReason(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return "it could not be read: " + errReason(err)
	case !fi.Mode().IsRegular():
		return "it was not a regular file"
	case fi.Size() != int64(len(data)):
		return fmt.Sprintf("it was damaged: %d bytes instead of %d", fi.Size(), len(data))
	}
	buf := make([]byte, 64<<10)
	for off := 0; off < len(data); {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data)-off)])
		if err != nil {
			return "it could not be read: " + errReason(err)
		}
		if !bytes.Equal(buf[:n], data[off:off+n]) {
			return "it was damaged: its bytes did not match its ID"
		}
		off += n
	}
	return ""
}

// write stores data under id through a temporary file that is fsynced and
// renamed into place, replacing whatever was there.
func (b *Blobs) write(id ID, data []byte) error {
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
	if _, err := tmp.Write(data); err != nil {
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

// errReason is the cause of a file system error without the path it names
// (the caller names the file).
func errReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
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
