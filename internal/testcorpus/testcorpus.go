// Package testcorpus locates the shared corpus of real and hostile JPEGs
// (../shared/testdata/corpus relative to the module root) for tests. Tests
// that use it skip cleanly when the corpus is absent, as on a machine that
// has only this repository.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the absolute path of the corpus folder, or skips the test
// when the folder is absent.
func Dir(t testing.TB) string {
	t.Helper()
	d, err := find()
	if err != nil {
		t.Skipf("shared corpus not available: %v", err)
	}
	return d
}

// Find returns the corpus folder and true, or false when it is absent.
// Fuzz targets use it to seed their corpora without skipping.
func Find() (string, bool) {
	d, err := find()
	return d, err == nil
}

// Sub returns a sub-folder of the corpus ("images", "bad", "truth"),
// skipping the test when it is absent.
func Sub(t testing.TB, name string) string {
	t.Helper()
	d := filepath.Join(Dir(t), name)
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared corpus folder %s not available: %v", name, err)
	}
	return d
}

// Files returns every regular file under dir whose name ends in one of
// exts (compared case-insensitively); all files when exts is empty. README
// and MANIFEST files are left out.
func Files(t testing.TB, dir string, exts ...string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		base := d.Name()
		if base == "README.md" || base == "MANIFEST.tsv" {
			return nil
		}
		if len(exts) == 0 {
			out = append(out, p)
			return nil
		}
		for _, e := range exts {
			if len(base) >= len(e) && equalFold(base[len(base)-len(e):], e) {
				out = append(out, p)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", dir, err)
	}
	return out
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// find walks up from the working directory to the module root (the folder
// holding go.mod) and returns ../shared/testdata/corpus from there.
func find() (string, error) {
	if env := os.Getenv("CUTLINE_CORPUS"); env != "" {
		return env, statDir(env)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(filepath.Dir(dir), "shared", "testdata", "corpus")
			return c, statDir(c)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

func statDir(d string) error {
	fi, err := os.Stat(d)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return &os.PathError{Op: "stat", Path: d, Err: os.ErrInvalid}
	}
	return nil
}
