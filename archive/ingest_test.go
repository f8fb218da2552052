package archive

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cutline/cutline/internal/synth"
	"github.com/cutline/cutline/internal/testcorpus"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "archive"), &Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func writeSynth(t *testing.T, dir string, n int, w, h int) []string {
	t.Helper()
	var paths []string
	for i := 0; i < n; i++ {
		data, err := synth.JPEG(int64(i+1), w, h, &synth.JPEGOptions{EXIF: &synth.EXIF{
			Orientation: 1 + i%8, Taken: time.Date(2020, 9, 16, 10, i, 0, 0, time.FixedZone("", 9*3600)),
			Make: "Canon", Model: "EOS R5",
		}})
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "img"+string(rune('a'+i))+".jpg")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func TestIngestSynthAndDuplicates(t *testing.T) {
	s := openTemp(t)
	dir := t.TempDir()
	writeSynth(t, dir, 8, 640, 480)
	ctx := context.Background()
	rep, err := s.Ingest(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Ingested) != 8 || len(rep.Rejected) != 0 || len(rep.Duplicates) != 0 {
		t.Fatalf("first ingest: %+v", rep)
	}
	for _, in := range rep.Ingested {
		p, err := s.Photo(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantW, wantH := 640, 480
		if p.Orientation >= 5 {
			wantW, wantH = 480, 640
		}
		if p.Width != wantW || p.Height != wantH {
			t.Errorf("%s: orientation %d: size %dx%d, want %dx%d", in.Path, p.Orientation, p.Width, p.Height, wantW, wantH)
		}
		if p.Camera == nil || p.Camera.Model != "EOS R5" {
			t.Errorf("%s: camera %+v", in.Path, p.Camera)
		}
		if p.Taken == "" || p.Taken[len(p.Taken)-6:] != "+09:00" {
			t.Errorf("%s: taken %q, want an offset +09:00", in.Path, p.Taken)
		}
		if !s.Originals.Has(in.ID, p.Bytes) {
			t.Errorf("%s: original missing", in.Path)
		}
	}
	rep2, err := s.Ingest(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep2.Ingested) != 0 || len(rep2.Duplicates) != 8 {
		t.Fatalf("second ingest: %d ingested, %d duplicates; want 0, 8", len(rep2.Ingested), len(rep2.Duplicates))
	}
	if n, _ := s.Count(ctx); n != 8 {
		t.Fatalf("count %d, want 8", n)
	}
}

func TestIngestCorpusSmoke(t *testing.T) {
	dir := testcorpus.Sub(t, "images")
	s := openTemp(t)
	rep, err := s.Ingest(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Rejected {
		t.Logf("rejected %s: %s", r.Path, r.Error)
	}
	t.Logf("%d ingested, %d dup, %d rejected", len(rep.Ingested), len(rep.Duplicates), len(rep.Rejected))
}

func TestPhotosBatch(t *testing.T) {
	s := openTemp(t)
	dir := t.TempDir()
	writeSynth(t, dir, 5, 64, 48)
	ctx := context.Background()
	rep, err := s.Ingest(ctx, []string{dir}, nil)
	if err != nil || len(rep.Ingested) != 5 {
		t.Fatalf("ingest: %v %+v", err, rep)
	}
	ids := []ID{rep.Ingested[3].ID, "0000000000000000000000000000000000000000000000000000000000000000", rep.Ingested[0].ID}
	got, err := s.Photos(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[ids[0]] == nil || got[ids[2]] == nil {
		t.Fatalf("Photos: %d photos, want the 2 that exist", len(got))
	}
	for _, id := range []ID{ids[0], ids[2]} {
		one, err := s.Photo(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if one.Name != got[id].Name || one.Taken != got[id].Taken || !one.Caption.Equal(got[id].Caption) {
			t.Errorf("%s: Photos and Photo disagree: %+v vs %+v", id.Short(), got[id], one)
		}
	}
}
