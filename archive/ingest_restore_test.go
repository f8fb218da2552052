package archive

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestRestoresOriginal: when a photo's record exists but its stored
// original is missing or damaged, ingesting the same file again writes the
// original back and reports a duplicate saying it was restored; an intact
// original is left alone and nothing is said.
func TestIngestRestoresOriginal(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, path string, data []byte)
		want   string // what Restored says; "" for an intact original
	}{
		// Nothing happened to it: a plain duplicate.
		{"intact", func(*testing.T, string, []byte) {}, ""},
		// Deleted (what check reports as original-missing).
		{"missing", func(t *testing.T, path string, _ []byte) { mustRemove(t, path) }, "it was missing"},
		// Cut short: the size differs.
		{"truncated", func(t *testing.T, path string, data []byte) { replace(t, path, data[:len(data)/2]) }, "bytes instead of"},
		// One byte changed: same size, wrong hash (a hash-mismatch).
		{"same size", func(t *testing.T, path string, data []byte) {
			bad := bytes.Clone(data)
			bad[len(bad)/2] ^= 0x40
			replace(t, path, bad)
		}, "did not match its ID"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			ctx := context.Background()
			file := filepath.Join(t.TempDir(), "photo.jpg")
			data := writeJPEG(t, file, 42, 96, 64)
			rep, err := s.Ingest(ctx, []string{file}, nil)
			if err != nil || len(rep.Ingested) != 1 {
				t.Fatalf("first ingest: %v %+v", err, rep)
			}
			id := rep.Ingested[0].ID
			tc.damage(t, s.Originals.Path(id), data)

			rep, err = s.Ingest(ctx, []string{file}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Duplicates) != 1 || len(rep.Rejected) != 0 || len(rep.Ingested) != 0 {
				t.Fatalf("second ingest: %+v, want one duplicate", rep)
			}
			dup := rep.Duplicates[0]
			if dup.ID != id {
				t.Errorf("duplicate of %s, want %s", dup.ID.Short(), id.Short())
			}
			if got := dup.Restored; (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("Restored = %q, want %q", got, tc.want)
			}
			stored, err := s.Originals.Read(id)
			if err != nil {
				t.Fatalf("the original is still unreadable: %v", err)
			}
			if IDOf(stored) != id {
				t.Errorf("the stored original hashes to %s, want %s", IDOf(stored).Short(), id.Short())
			}
			fi, err := os.Stat(s.Originals.Path(id))
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o444 {
				t.Errorf("restored original has mode %v, want read-only", fi.Mode().Perm())
			}
			if n := leftoverTemps(t, s); n != 0 {
				t.Errorf("%d temporary files left among the originals", n)
			}
		})
	}
}

// TestIngestReplacesDamagedOrphan: an original with no record whose bytes
// are damaged but of the right size (left by a failing disk, or a crash on
// a file system without ordered writes) is replaced when the photo is
// ingested, not taken as its original.
func TestIngestReplacesDamagedOrphan(t *testing.T) {
	s := openTemp(t)
	file := filepath.Join(t.TempDir(), "photo.jpg")
	data := writeJPEG(t, file, 43, 96, 64)
	id := IDOf(data)
	bad := bytes.Clone(data)
	bad[len(bad)-3] ^= 0x01
	path := s.Originals.Path(id)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	replace(t, path, bad)
	rep, err := s.Ingest(context.Background(), []string{file}, nil)
	if err != nil || len(rep.Ingested) != 1 {
		t.Fatalf("ingest: %v %+v", err, rep)
	}
	stored, err := s.Originals.Read(id)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stored, data) {
		t.Errorf("the damaged orphan was kept as the photo's original")
	}
}

func mustRemove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

// replace overwrites a (read-only) file with data.
func replace(t *testing.T, path string, data []byte) {
	t.Helper()
	os.Chmod(path, 0o644)
	if err := os.WriteFile(path, data, 0o444); err != nil {
		t.Fatal(err)
	}
}

// leftoverTemps counts the temporary files among the originals.
func leftoverTemps(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	err := s.Originals.Each(func(_ ID, _ string, tmp bool) error {
		if tmp {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
