package thumbnails

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const testID = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b"

func TestCachePath(t *testing.T) {
	c := Cache{Dir: "/arch/thumbs"}
	tests := []struct {
		name string
		id   string
		size int
		want string
	}{
		{"valid", testID, 320, "/arch/thumbs/v" + strconv.Itoa(Version) + "/3a/" + testID + "-320.jpg"},
		{"upper case is not canonical", strings.ToUpper(testID), 320, ""},
		{"too short", testID[:63], 320, ""},
		{"path traversal", "../../../../etc/passwd" + testID[:42], 320, ""},
		{"separator inside", testID[:30] + "/" + testID[:33], 320, ""},
		{"zero size", testID, 0, ""},
		{"size too large", testID, MaxSize + 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.Path(tc.id, tc.size); got != tc.want {
				t.Errorf("Path = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCacheRoundTrip(t *testing.T) {
	c := Cache{Dir: t.TempDir()}
	if c.Has(testID, 320) {
		t.Fatal("empty cache claims to have a rendition")
	}
	if _, err := c.Open(testID, 320); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Open on empty cache: %v, want fs.ErrNotExist", err)
	}
	for _, size := range []int{320, 1280} {
		if err := c.Write(testID, size, []byte("jpeg-"+string(rune('0'+size%10)))); err != nil {
			t.Fatal(err)
		}
	}
	// Overwriting replaces the content.
	if err := c.Write(testID, 320, []byte("new")); err != nil {
		t.Fatal(err)
	}
	f, err := c.Open(testID, 320)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(f)
	f.Close()
	if err != nil || string(got) != "new" {
		t.Errorf("read %q, %v; want \"new\"", got, err)
	}
	if !c.Has(testID, 1280) {
		t.Error("Has(1280) = false after Write")
	}
	// No temporary files are left behind.
	ents, err := os.ReadDir(filepath.Dir(c.Path(testID, 320)))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 2 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("cache folder holds %v, want the two renditions only", names)
	}
	if err := c.Remove(testID); err != nil {
		t.Fatal(err)
	}
	if c.Has(testID, 320) || c.Has(testID, 1280) {
		t.Error("renditions still there after Remove")
	}
}

func TestCacheRejectsBadKeys(t *testing.T) {
	dir := t.TempDir()
	c := Cache{Dir: dir}
	for _, id := range []string{"", "..", "../x", strings.Repeat("g", 64), strings.ToUpper(testID)} {
		if err := c.Write(id, 320, []byte("x")); !errors.Is(err, ErrBadID) {
			t.Errorf("Write(%q): %v, want ErrBadID", id, err)
		}
		if _, err := c.Open(id, 320); !errors.Is(err, ErrBadID) {
			t.Errorf("Open(%q): %v, want ErrBadID", id, err)
		}
		if c.Has(id, 320) {
			t.Errorf("Has(%q) = true", id)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 0 {
		t.Errorf("bad keys created %d entries in the cache folder", len(ents))
	}
}

func TestCacheRemoveStale(t *testing.T) {
	dir := t.TempDir()
	c := Cache{Dir: dir}
	if err := c.Write(testID, 320, []byte("x")); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "v0", "3a")
	if err := os.MkdirAll(old, 0o755); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "notes") // not a version folder: kept
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := c.RemoveStale(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "v0")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("v0 still present: %v", err)
	}
	if !c.Has(testID, 320) {
		t.Error("current version's rendition removed")
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("unrelated folder removed: %v", err)
	}
}
