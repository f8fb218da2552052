package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/synth"
	"github.com/cutline/cutline/internal/testcorpus"
)

// The real archive is a Source.
var _ Source = (*archive.Store)(nil)

// storeIDs lists the archive's photo IDs, sorted, as strings.
func storeIDs(t *testing.T, s *archive.Store) []string {
	t.Helper()
	ids, err := s.IDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	slices.Sort(out)
	return out
}

// TestArchiveSync drives the index from a real archive: ingest, caption
// edits through the outbox, and a rebuild that agrees with it.
func TestArchiveSync(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	store, err := archive.Open(filepath.Join(dir, "archive"), &archive.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	files := filepath.Join(dir, "in")
	os.MkdirAll(files, 0o755)
	for i := range 4 {
		data, err := synth.JPEG(int64(i+1), 64, 48, &synth.JPEGOptions{EXIF: &synth.EXIF{
			Taken: time.Date(2020, 9, 16+i, 10, 0, 0, 0, time.UTC), Make: "Canon", Model: "EOS R5",
		}})
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(files, fmt.Sprintf("img%d.jpg", i)), data, 0o644)
	}
	rep, err := store.Ingest(ctx, []string{files}, nil)
	if err != nil || len(rep.Ingested) != 4 {
		t.Fatalf("ingest: %v, %+v", err, rep)
	}

	ix, err := Open(store.IndexDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(ctx, store); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(storeIDs(t, store), allIDs(t, ix)); diff != "" {
		t.Errorf("index and archive differ (-archive +index):\n%s", diff)
	}

	// A caption edit reaches the index through the outbox.
	id := rep.Ingested[2].ID
	_, _, err = store.Update(ctx, id, "test", func(p *archive.Photo) (caption.Fields, error) {
		c := p.Caption
		c.Description = "Fans celebrate in São Paulo, Brazil. (AP Photo/Andre Penner)"
		c.Credit = "AP"
		c.PersonsShown = []string{"LEE IN-YOUNG"}
		return c, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err := ix.Sync(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	if n < 1 {
		t.Errorf("Sync applied %d changes after an edit", n)
	}
	for _, q := range []string{`"sao paulo"`, `person:"Lee In-young"`, `credit:ap`, `year:2020 brazil`} {
		if got := hitsOf(t, ix, q); !slices.Equal(got, []string{string(id)}) {
			t.Errorf("%s after the edit: hits %v, want [%s]", q, got, id.Short())
		}
	}
	wm, _ := ix.Watermark()
	last, _ := store.LastChange(ctx)
	if wm != last {
		t.Errorf("watermark %d, archive's last change %d", wm, last)
	}

	// A rebuild from the archive gives the same index.
	before := hitsOf(t, ix, "brazil")
	if _, err := ix.Rebuild(ctx, store); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, hitsOf(t, ix, "brazil")); diff != "" {
		t.Errorf("rebuild changed the hits (-before +after):\n%s", diff)
	}
}

// TestArchiveCorpus indexes the shared corpus of real photos and checks
// that every ingested photo is in the index and that each caption's
// headline finds its photo.
func TestArchiveCorpus(t *testing.T) {
	images := testcorpus.Sub(t, "images")
	if testing.Short() {
		t.Skip("ingests the corpus")
	}
	ctx := context.Background()
	dir := t.TempDir()
	store, err := archive.Open(filepath.Join(dir, "archive"), &archive.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.Ingest(ctx, []string{images}, nil); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(store.IndexDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(ctx, store); err != nil {
		t.Fatal(err)
	}
	ids := storeIDs(t, store)
	res, err := ix.Search(ctx, Query{}, SearchOptions{Limit: MaxLimit, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != uint64(len(ids)) {
		t.Errorf("index holds %d photos, archive %d", res.Total, len(ids))
	}
	checked := 0
	err = store.EachPhoto(ctx, func(p *archive.Photo) error {
		h := p.Caption.Headline
		if h == "" || len(h) > 100 {
			return nil
		}
		q, err := ParseQuery(`"` + h + `"`)
		if err != nil || len(ix.text.Analyze([]byte(h))) == 0 {
			return nil // a headline with quotes, or only stop words
		}
		checked++
		r, err := ix.Search(ctx, q, SearchOptions{Limit: MaxLimit})
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(r.Hits, func(hit Hit) bool { return hit.ID == p.ID }) {
			t.Errorf("headline %q does not find %s", h, p.Name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d photos indexed, %d found by their headline; facets: %v", len(ids), checked, res.Facets["credit"])
}
