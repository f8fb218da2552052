package xmp

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fuzzCorpusDir finds the shared corpus without skipping: a fuzz target
// still runs on its generated seeds when the corpus is absent.
func fuzzCorpusDir() string {
	if env := os.Getenv("CUTLINE_CORPUS"); env != "" {
		return env
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared", "testdata", "corpus")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// seedPackets returns the fixtures plus the XMP payloads of every JPEG in
// the corpus's bad/ and images/ folders, when it is present.
func seedPackets() [][]byte {
	var seeds [][]byte
	for _, tc := range goodPackets {
		seeds = append(seeds, []byte(tc.packet))
	}
	seeds = append(seeds, encode(goodPackets[2].packet, 16, binary.BigEndian, true))
	root := fuzzCorpusDir()
	if root == "" {
		return seeds
	}
	for _, sub := range []string{"bad", "images"} {
		_ = filepath.WalkDir(filepath.Join(root, sub), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			std, ext := jpegXMP(data)
			if std != nil {
				seeds = append(seeds, std)
			}
			for _, e := range ext {
				if len(e) < 1<<16 {
					seeds = append(seeds, e)
				}
			}
			return nil
		})
	}
	return seeds
}

// FuzzParse feeds arbitrary bytes to Parse. Beyond not panicking, whatever
// model it returns must Marshal to well-formed XML that parses back, with
// no warning, to the same model.
func FuzzParse(f *testing.F) {
	for _, s := range seedPackets() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, _, err := (&ParseOptions{MaxNodes: 5000}).Parse(data)
		if p == nil {
			if err == nil {
				t.Fatal("nil packet without an error")
			}
			return
		}
		if err != nil {
			t.Fatalf("packet and error together: %v", err)
		}
		out, err := p.Marshal(nil)
		if err != nil {
			t.Fatalf("Marshal of a parsed packet: %v", err)
		}
		wellFormed(t, out)
		q, warns, err := Parse(out)
		if err != nil || len(warns) > 0 {
			t.Fatalf("Parse(Marshal(p)): %v %q\n%s", err, warns, out)
		}
		if diff := cmp.Diff(props(p), props(q)); diff != "" {
			t.Fatalf("model changed through Marshal (-parsed +reparsed):\n%s", diff)
		}
		if p.About != q.About || p.Toolkit != q.Toolkit {
			t.Fatalf("about/toolkit changed: %q/%q → %q/%q", p.About, p.Toolkit, q.About, q.Toolkit)
		}
	})
}

// FuzzRoundTrip sets arbitrary strings on the fields cutline writes. The
// contract: characters XML cannot carry are dropped and invalid UTF-8
// becomes U+FFFD (sanitized, defined in the test), the rest reads back
// exactly; a value that is empty after that deletes the property.
func FuzzRoundTrip(f *testing.F) {
	for _, v := range trickyValues {
		f.Add(v, "Zürich", "")
	}
	f.Add("a\x00b", "\xff\xfe", "\r\n")
	f.Add("\x01", " ", "\uFFFF")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		p := NewPacket()
		mustSet(t, p.SetLangAlt(NSDC, "description", a))
		mustSet(t, p.SetText(NSPhotoshop, "Headline", b))
		mustSet(t, p.SetText(NSIptc4xmpCore, "Location", c))
		mustSet(t, p.SetSeq(NSDC, "creator", []string{a, b}))
		mustSet(t, p.SetBag(NSDC, "subject", []string{b, c}))
		mustSet(t, p.SetBag(NSIptc4xmpExt, "PersonInImage", []string{c}))
		out, err := p.Marshal(nil)
		if err != nil {
			t.Fatal(err)
		}
		wellFormed(t, out)
		q, warns, err := Parse(out)
		if err != nil || len(warns) > 0 {
			t.Fatalf("Parse(Marshal): %v %q\n%s", err, warns, out)
		}
		for _, tc := range []struct {
			ns, name, in string
		}{
			{NSDC, "description", a},
			{NSPhotoshop, "Headline", b},
			{NSIptc4xmpCore, "Location", c},
		} {
			want := sanitized(tc.in)
			if got := q.Text(tc.ns, tc.name); got != want {
				t.Errorf("%s: got %q, want %q", tc.name, got, want)
			}
			if q.Has(tc.ns, tc.name) != (want != "") {
				t.Errorf("%s: present = %v for value %q", tc.name, q.Has(tc.ns, tc.name), want)
			}
		}
		lists := []struct {
			ns, name string
			in       []string
		}{
			{NSDC, "creator", []string{a, b}},
			{NSDC, "subject", []string{b, c}},
			{NSIptc4xmpExt, "PersonInImage", []string{c}},
		}
		for _, tc := range lists {
			want := make([]string, len(tc.in))
			for i, s := range tc.in {
				want[i] = sanitized(s)
			}
			if got := q.List(tc.ns, tc.name); !slices.Equal(got, want) {
				t.Errorf("%s: got %q, want %q", tc.name, got, want)
			}
		}
		if strings.Count(string(out), "<?xpacket") != 2 {
			t.Errorf("a value broke the packet wrapper:\n%s", out)
		}
	})
}
