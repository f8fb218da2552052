package archive

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/cutline/cutline/internal/synth"
	"github.com/google/go-cmp/cmp"
)

// walkFixture makes feed/a/{1,2}.jpg, feed/b.jpg and an empty feed/z_locked
// folder, and returns the feed folder.
func walkFixture(t *testing.T) string {
	t.Helper()
	feed := filepath.Join(t.TempDir(), "feed")
	for _, d := range []string{"a", "z_locked"} {
		if err := os.MkdirAll(filepath.Join(feed, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i, name := range []string{"a/1.jpg", "a/2.jpg", "b.jpg"} {
		writeJPEG(t, filepath.Join(feed, name), int64(100+i), 64, 48)
	}
	if err := os.WriteFile(filepath.Join(feed, "z_locked", "3.jpg"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return feed
}

// ingestedNames returns the paths of the ingested files, relative to dir.
func ingestedNames(t *testing.T, dir string, rep *Report) []string {
	t.Helper()
	var out []string
	for _, in := range rep.Ingested {
		rel, err := filepath.Rel(dir, in.Path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	sort.Strings(out)
	return out
}

// TestIngestUnreadableFolder: a folder that cannot be read is rejected by
// name with its reason, and every readable file around it is ingested. The
// failure is injected, as the tests may run as root.
func TestIngestUnreadableFolder(t *testing.T) {
	feed := walkFixture(t)
	locked := filepath.Join(feed, "z_locked")
	readDir := func(dir string) ([]fs.DirEntry, error) {
		if dir == locked {
			return nil, &fs.PathError{Op: "open", Path: dir, Err: syscall.EACCES}
		}
		return os.ReadDir(dir)
	}
	s := openTemp(t)
	rep, err := s.ingestPaths(context.Background(), []string{feed}, nil, readDir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a/1.jpg", "a/2.jpg", "b.jpg"}, ingestedNames(t, feed, rep)); diff != "" {
		t.Errorf("ingested (-want +got):\n%s", diff)
	}
	want := []Rejected{{Path: locked, Error: "the folder could not be read: permission denied"}}
	if diff := cmp.Diff(want, rep.Rejected); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
}

// TestIngestUnreadableFolderPermissions is the same with real permissions;
// root reads any folder, so it runs only as another user.
func TestIngestUnreadableFolderPermissions(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read a folder with mode 000 (TestIngestUnreadableFolder injects the error instead)")
	}
	feed := walkFixture(t)
	locked := filepath.Join(feed, "z_locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	s := openTemp(t)
	rep, err := s.Ingest(context.Background(), []string{feed}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a/1.jpg", "a/2.jpg", "b.jpg"}, ingestedNames(t, feed, rep)); diff != "" {
		t.Errorf("ingested (-want +got):\n%s", diff)
	}
	want := []Rejected{{Path: locked, Error: "the folder could not be read: permission denied"}}
	if diff := cmp.Diff(want, rep.Rejected); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
}

// TestIngestSymlinks: a link to a file is ingested under the link's name; a
// link to a folder is not followed but reported; a dangling link is
// rejected with its reason. A folder given by the caller through a link is
// walked.
func TestIngestSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	feed := filepath.Join(root, "feed")
	for _, d := range []string{outside, feed} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeJPEG(t, filepath.Join(outside, "target.jpg"), 7, 64, 48)
	writeJPEG(t, filepath.Join(feed, "plain.jpg"), 8, 64, 48)
	links := map[string]string{
		"to-file.jpg":  filepath.Join(outside, "target.jpg"),
		"to-folder":    outside,
		"dangling.jpg": filepath.Join(outside, "gone.jpg"),
		"loop":         feed, // a link back up: following it would never end
		".hidden.jpg":  filepath.Join(outside, "target.jpg"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(feed, name)); err != nil {
			t.Skip("symbolic links not supported:", err)
		}
	}
	viaLink := filepath.Join(root, "feed-link")
	if err := os.Symlink(feed, viaLink); err != nil {
		t.Fatal(err)
	}

	s := openTemp(t)
	rep, err := s.Ingest(context.Background(), []string{feed}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"plain.jpg", "to-file.jpg"}, ingestedNames(t, feed, rep)); diff != "" {
		t.Errorf("ingested (-want +got):\n%s", diff)
	}
	for _, in := range rep.Ingested {
		if filepath.Base(in.Path) != "to-file.jpg" {
			continue
		}
		p, err := s.Photo(context.Background(), in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "to-file.jpg" {
			t.Errorf("a linked file is named %q, want the link's name to-file.jpg", p.Name)
		}
	}
	got := map[string]string{}
	for _, r := range rep.Rejected {
		got[filepath.Base(r.Path)] = r.Error
	}
	wantReason := map[string]string{
		"to-folder":    "a symbolic link to a folder, not followed",
		"loop":         "a symbolic link to a folder, not followed",
		"dangling.jpg": "which does not exist",
	}
	if len(got) != len(wantReason) {
		t.Errorf("rejected %v, want exactly %v", got, wantReason)
	}
	for name, want := range wantReason {
		if !strings.Contains(got[name], want) {
			t.Errorf("%s: rejection %q, want it to say %q", name, got[name], want)
		}
	}
	if !strings.Contains(got["dangling.jpg"], "gone.jpg") {
		t.Errorf("dangling link: rejection %q does not name its target", got["dangling.jpg"])
	}

	// The same folder named through a link: walked, and now duplicates.
	rep, err = s.Ingest(context.Background(), []string{viaLink}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Duplicates) != 2 || len(rep.Ingested) != 0 {
		t.Errorf("folder given through a link: %d ingested, %d duplicates; want 0, 2", len(rep.Ingested), len(rep.Duplicates))
	}
}

// TestIngestNotRegular: a named pipe in a folder is reported, not opened
// (opening a pipe would wait for a writer forever) nor skipped silently.
func TestIngestNotRegular(t *testing.T) {
	feed := t.TempDir()
	writeJPEG(t, filepath.Join(feed, "a.jpg"), 9, 64, 48)
	if err := syscall.Mkfifo(filepath.Join(feed, "pipe.jpg"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	s := openTemp(t)
	rep, err := s.Ingest(context.Background(), []string{feed}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Rejected{{Path: filepath.Join(feed, "pipe.jpg"), Error: "not a regular file (a named pipe)"}}
	if diff := cmp.Diff(want, rep.Rejected); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
	if len(rep.Ingested) != 1 {
		t.Errorf("%d ingested, want 1", len(rep.Ingested))
	}
}

// writeJPEG writes a small generated JPEG (distinct per seed).
func writeJPEG(t *testing.T, path string, seed int64, w, h int) []byte {
	t.Helper()
	data := synthJPEG(t, seed, w, h)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return data
}

// synthJPEG generates a JPEG, distinct per seed.
func synthJPEG(t *testing.T, seed int64, w, h int) []byte {
	t.Helper()
	data, err := synth.JPEG(seed, w, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
