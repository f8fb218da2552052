package iptc

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/cutline/cutline/internal/jpegmeta"
	"github.com/cutline/cutline/internal/testcorpus"
)

// seedPayloads returns the Photoshop blocks (iim false) or IIM blocks
// (iim true) of the shared corpus for seeding. Seeding is optional: when
// the corpus is absent the fuzz target runs on its in-code seeds alone
// (testcorpus.Sub would skip the whole target instead).
func seedPayloads(f *testing.F, iim bool) [][]byte {
	dir := os.Getenv("CUTLINE_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "testdata", "corpus")
	}
	var out [][]byte
	for _, sub := range []string{"bad", "images"} {
		d := filepath.Join(dir, sub)
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		for _, p := range testcorpus.Files(f, d) {
			data, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			sc, _ := jpegmeta.Scan(data)
			if sc == nil || sc.Photoshop == nil {
				continue
			}
			if !iim {
				out = append(out, sc.Photoshop)
				continue
			}
			res, _ := ParseResources(sc.Photoshop)
			if r, ok := Find(res, ResourceIIM); ok {
				out = append(out, r.Data)
			}
		}
	}
	return out
}

func FuzzParseResources(f *testing.F) {
	f.Add([]byte(nil))
	f.Add(rawBlock("8BIM", 0x0404, "", []byte("\x1c\x02\x78\x00\x01x"), false))
	f.Add(concat(rawBlock("8BIM", 0x040A, "n", []byte{1}, false), rawBlock("PHUT", 0x0425, "ab", make([]byte, 16), false)))
	f.Add([]byte("8BIM\x04\x04\x00\x00\x7f\xff\xff\xff"))
	for _, b := range seedPayloads(f, false) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res, warnings := ParseResources(b)
		enc := EncodeResources(res)
		// Whatever was read encodes to something that reads back the
		// same. A block read without any warning is reproduced byte for
		// byte, except for zero bytes after the last block (dropped) and
		// a missing final padding byte (added).
		again, w2 := ParseResources(enc)
		if len(w2) != 0 {
			t.Fatalf("re-parse of our own encoding warns: %q", w2)
		}
		if len(again) != len(res) {
			t.Fatalf("re-parse gave %d resources, want %d", len(again), len(res))
		}
		for i := range res {
			if again[i].ID != res[i].ID || again[i].Signature != res[i].Signature || again[i].Name != res[i].Name || !bytes.Equal(again[i].Data, res[i].Data) {
				t.Fatalf("resource %d changed in the round trip", i)
			}
		}
		if len(warnings) == 0 && !bytes.Equal(enc, b) {
			trailingZeros := bytes.HasPrefix(b, enc) && allZero(b[len(enc):])
			finalPadAdded := len(enc) == len(b)+1 && bytes.HasPrefix(enc, b) && enc[len(b)] == 0
			if !trailingZeros && !finalPadAdded {
				t.Fatalf("no warnings but encode differs:\n in % x\nout % x", b, enc)
			}
		}
	})
}

func FuzzDecodeIIM(f *testing.F) {
	f.Add([]byte(nil))
	f.Add(Encode([]Dataset{TextDataset(Caption, "Zürich"), TextDataset(Keywords, "판문점")}))
	f.Add([]byte("\x1c\x02\x78\x80\x04\xff\xff\xff\xf0abc"))
	f.Add([]byte("\x1c\x01\x5a\x00\x03\x1b%G\x1c\x02\x78\x00\x02\xfc\x00"))
	for _, b := range seedPayloads(f, true) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, _ := Decode(b)
		total := 0
		for _, d := range rec.Datasets {
			total += len(d.Value)
		}
		if total > len(b) {
			t.Fatalf("datasets hold %d bytes from a %d-byte input", total, len(b))
		}
		for _, tag := range []Tag{Caption, Headline, Keywords, Byline} {
			for _, s := range rec.List(tag) {
				if !utf8.ValidString(s) {
					t.Fatalf("%s decoded to invalid UTF-8 %q", tag, s)
				}
			}
		}
		_ = rec.DateCreated()
	})
}

func FuzzIIMRoundTrip(f *testing.F) {
	f.Add("이인영 Lee In-young — Panmunjom, 판문점", "São Paulo", "Zürich")
	f.Add("", "a", "\u00a0")
	f.Add("long "+string(make([]byte, 40000)), "x", "y")
	f.Fuzz(func(t *testing.T, caption, keyword, city string) {
		// Decode reads text as UTF-8 (invalid sequences fall back to
		// Windows-1252) and strips trailing NULs, so only valid UTF-8
		// without trailing NULs can come back unchanged.
		for _, s := range []string{caption, keyword, city} {
			if !utf8.ValidString(s) || (len(s) > 0 && s[len(s)-1] == 0) {
				t.Skip()
			}
		}
		iim := Encode([]Dataset{TextDataset(Caption, caption), TextDataset(Keywords, keyword), TextDataset(Keywords, city), TextDataset(City, city)})
		rec, warnings := Decode(iim)
		if len(warnings) != 0 {
			t.Fatalf("warnings %q", warnings)
		}
		if rec.Text(Caption) != caption || rec.Text(City) != city {
			t.Fatalf("got %q / %q, want %q / %q", rec.Text(Caption), rec.Text(City), caption, city)
		}
		if kw := rec.List(Keywords); len(kw) != 2 || kw[0] != keyword || kw[1] != city {
			t.Fatalf("keywords %q", kw)
		}
		// The digest of the same block is stable.
		if Digest(iim) != Digest(Encode([]Dataset{TextDataset(Caption, caption), TextDataset(Keywords, keyword), TextDataset(Keywords, city), TextDataset(City, city)})) {
			t.Fatal("Encode is not deterministic")
		}
	})
}
