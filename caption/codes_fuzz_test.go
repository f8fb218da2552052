package caption

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cutline/cutline/internal/testcorpus"
)

// addBadSeeds seeds a fuzz target with the first bytes of every hostile
// file in the shared corpus, when the corpus is there. It does not skip
// when it is absent (testcorpus.Sub would), so the hand-written seeds
// still run on a machine that has only this repository.
func addBadSeeds(f *testing.F, add func(data []byte)) {
	f.Helper()
	dir := badCorpusDir()
	if dir == "" {
		return
	}
	for _, p := range testcorpus.Files(f, dir) {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if len(data) > 4096 {
			data = data[:4096]
		}
		add(data)
	}
}

// badCorpusDir finds ../shared/testdata/corpus/bad from the module root,
// or returns "".
func badCorpusDir() string {
	if env := os.Getenv("CUTLINE_CORPUS"); env != "" {
		return existingDir(filepath.Join(env, "bad"))
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return existingDir(filepath.Join(filepath.Dir(dir), "shared", "testdata", "corpus", "bad"))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func existingDir(d string) string {
	if fi, err := os.Stat(d); err == nil && fi.IsDir() {
		return d
	}
	return ""
}

func FuzzParseCodes(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("testdata", "codes_korea_desk.txt")); err == nil {
		f.Add(data)
	}
	f.Add([]byte("a\tb\tc\n// x\n\"q\"\"\"\t\"r, s\"\n"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0, '\t', 0, 'b', 0})
	f.Add([]byte("caf\xe9\t\x93x\x94\r\n"))
	addBadSeeds(f, func(b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCodes(data)
		if err != nil {
			return
		}
		if len(c.Warnings) > codesMaxWarnings+1 {
			t.Fatalf("%d warnings", len(c.Warnings))
		}
		// Every code of the table expands to its first replacement.
		for _, code := range c.List() {
			if strings.ContainsRune(code, '=') || strings.ContainsAny(code, "\n\t") {
				continue
			}
			want, ok := c.Lookup(code, 1)
			got, unexpanded := c.Expand("=" + code + "=")
			if ok && got != want && len(want) <= MaxExpandedLen {
				t.Fatalf("=%s= → %q (unexpanded %v); want %q", code, got, unexpanded, want)
			}
			if !utf8.ValidString(got) {
				t.Fatalf("invalid UTF-8 out of %q", code)
			}
		}
	})
}

func FuzzCodesExpand(f *testing.F) {
	f.Add("=moon= (R) and =kju#2= at =pmj=")
	f.Add("E = mc2 == x =unknown= =moon")
	f.Add("==moon===kju#0==#1=")
	f.Add(strings.Repeat("=a", 300))
	addBadSeeds(f, func(b []byte) { f.Add(string(b)) })
	data, err := os.ReadFile(filepath.Join("testdata", "codes_korea_desk.txt"))
	if err != nil {
		f.Fatal(err)
	}
	c, err := ParseCodes(data)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		out, unexpanded := c.Expand(text)
		if !strings.ContainsRune(text, '=') && (out != text || unexpanded != nil) {
			t.Fatalf("text without codes changed: %q → %q", text, out)
		}
		if len(out) > MaxExpandedLen+len(text) {
			t.Fatalf("output %d bytes", len(out))
		}
		for _, u := range unexpanded {
			if !strings.Contains(text, "="+u+"=") {
				t.Fatalf("reported %q, not in the text", u)
			}
		}
	})
}
