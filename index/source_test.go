package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
)

// memSource is an in-memory Source: a map of photos and an outbox, as the
// archive keeps them in SQLite.
type memSource struct {
	mu      sync.Mutex
	photos  map[archive.ID]archive.Photo
	changes []archive.Change
	seq     int64
	// photoCalls counts Photo lookups, to see what Sync reads.
	photoCalls int
}

func newMemSource() *memSource {
	return &memSource{photos: map[archive.ID]archive.Photo{}}
}

// put adds or replaces a photo and records the change, as one archive
// transaction would.
func (s *memSource) put(p archive.Photo) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	s.photos[p.ID] = p
	s.changes = append(s.changes, archive.Change{Seq: s.seq, ID: p.ID})
}

func (s *memSource) del(id archive.ID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	delete(s.photos, id)
	s.changes = append(s.changes, archive.Change{Seq: s.seq, ID: id, Deleted: true})
}

// prune drops the outbox entries up to seq, as archive.Store.PruneChanges.
func (s *memSource) prune(seq int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.changes = slices.DeleteFunc(s.changes, func(c archive.Change) bool { return c.Seq <= seq })
}

func (s *memSource) Changes(ctx context.Context, after int64, limit int) ([]archive.Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := sort.Search(len(s.changes), func(i int) bool { return s.changes[i].Seq > after })
	end := min(len(s.changes), i+limit)
	return slices.Clone(s.changes[i:end]), nil
}

func (s *memSource) Photo(ctx context.Context, id archive.ID) (*archive.Photo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.photoCalls++
	p, ok := s.photos[id]
	if !ok {
		return nil, fmt.Errorf("photo %s: %w", id.Short(), archive.ErrNotFound)
	}
	return &p, nil
}

func (s *memSource) EachPhoto(ctx context.Context, fn func(*archive.Photo) error) error {
	s.mu.Lock()
	ids := make([]archive.ID, 0, len(s.photos))
	for id := range s.photos {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	slices.Sort(ids)
	for _, id := range ids {
		s.mu.Lock()
		p, ok := s.photos[id]
		s.mu.Unlock()
		if !ok {
			continue
		}
		if err := fn(&p); err != nil {
			return err
		}
	}
	return nil
}

func (s *memSource) LastChange(ctx context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.changes) == 0 {
		return 0, nil
	}
	return s.changes[len(s.changes)-1].Seq, nil
}

// idOf gives each fixture a stable ID from its name.
func idOf(name string) archive.ID { return archive.IDOf([]byte(name)) }

// fixtures are hand-written photos covering the fields the index reads.
// Dates (the photo date each one sorts by) are in the comments.
func fixtures() []archive.Photo {
	ingested := time.Date(2023, 1, 1, 9, 0, 0, 0, time.UTC)
	ps := []archive.Photo{
		{ // 2020-03-03 from the caption's facts
			Name: "lee",
			Caption: caption.Fields{
				Headline:     "Lee In-young visits Panmunjom",
				Description:  "South Korean actress Lee In-young (C) waves during a visit to the truce village of Panmunjom in the Demilitarized Zone, South Korea, March 3, 2020. REUTERS/Kim Hong-Ji",
				Byline:       []string{"Kim Hong-Ji"},
				Credit:       "REUTERS",
				City:         "Panmunjom",
				Country:      "South Korea",
				PersonsShown: []string{"Lee In-young"},
				Keywords:     []string{"politics", "entertainment"},
			},
			Facts: caption.Facts{Agency: "Reuters", Photographer: "Kim Hong-Ji", Taken: "2020-03-03",
				People: []caption.Person{{Name: "Lee In-young", Position: "C"}}, Places: []string{"Panmunjom", "Demilitarized Zone", "South Korea"}},
		},
		{ // 2021-06-01
			Name: "leeupper",
			Caption: caption.Fields{
				Description:  "lee in young at a press conference in Seoul.",
				Credit:       "Yonhap",
				PersonsShown: []string{"LEE IN-YOUNG"},
			},
			Facts: caption.Facts{Agency: "Yonhap", File: true, Taken: "2021-06-01"},
		},
		{ // 2022-10-05
			Name: "leebusan",
			Caption: caption.Fields{
				Description:  "Actress Lee In-young attends a film premiere in Busan.",
				Credit:       "Yonhap",
				PersonsShown: []string{"Lee In-young"},
				City:         "Busan",
			},
			Facts: caption.Facts{Agency: "Yonhap", Taken: "2022-10-05"},
		},
		{ // 2019-11-24
			Name: "saopaulo",
			Caption: caption.Fields{
				Headline:    "Fans celebrate in São Paulo",
				Description: "Fans celebrate in São Paulo, Brazil, after the final. (AP Photo/Andre Penner, File)",
				Credit:      "AP",
				City:        "São Paulo",
				Country:     "Brazil",
			},
			Facts: caption.Facts{Agency: "AP", Photographer: "Andre Penner", File: true, Taken: "2019-11-24", Places: []string{"São Paulo", "Brazil"}},
		},
		{ // 2017-07-04 from the IPTC date created
			Name: "handout",
			Caption: caption.Fields{
				Description: "Kim Jong Un inspects a missile launch in this undated photo released by KCNA. KCNA via REUTERS",
				Credit:      "KCNA via REUTERS",
				DateCreated: "2017-07-04",
			},
			Facts: caption.Facts{Agency: "Reuters", Via: "KCNA", Handout: true, People: []caption.Person{{Name: "Kim Jong Un"}}, Places: []string{"North Korea"}},
		},
		{ // 2021-01-20
			Name: "pool",
			Caption: caption.Fields{
				Description: "President Joe Biden speaks in the Rose Garden of the White House in Washington, U.S., January 20, 2021. Pool via REUTERS/Evelyn Hockstein",
				Credit:      "POOL",
				Keywords:    []string{"Politics"},
			},
			Facts: caption.Facts{Agency: "Reuters", Photographer: "Evelyn Hockstein", Pool: true, Taken: "2021-01-20",
				People: []caption.Person{{Name: "Joe Biden"}}, Places: []string{"Washington"}},
		},
		{ // 2018-05-01
			Name: "afp",
			Caption: caption.Fields{
				Description: "Protesters clash with police in Paris on May 1, 2018. AFP PHOTO / Zakaria ABDELKAFI",
				Credit:      "AFP",
				City:        "Paris",
				Country:     "France",
			},
			Facts: caption.Facts{Agency: "AFP", Photographer: "Zakaria Abdelkafi", Taken: "2018-05-01"},
		},
		{ // 2023-01-01, the ingest time: nothing else dates it
			Name:    "nodate",
			Caption: caption.Fields{Description: "A man walks his dog in the rain.", Credit: "Staff"},
		},
		{ // 2015-08-15 from EXIF
			Name:    "exif",
			Taken:   "2015-08-15T10:00:00",
			Caption: caption.Fields{Description: "Independence day parade in Seoul", Credit: "Yonhap"},
		},
	}
	for i := range ps {
		ps[i].ID = idOf(ps[i].Name)
		ps[i].Ingested = ingested
		ps[i].Format = "jpeg"
	}
	return ps
}

// fixtureNames maps IDs back to fixture names for readable diffs.
func fixtureNames() map[archive.ID]string {
	m := map[archive.ID]string{}
	for _, p := range fixtures() {
		m[p.ID] = p.Name
	}
	return m
}

// openFilled opens a new index on disk and syncs the fixtures into it.
func openFilled(t testing.TB) (*Index, *memSource) {
	t.Helper()
	src := newMemSource()
	for _, p := range fixtures() {
		src.put(p)
	}
	ix, err := Open(filepath.Join(t.TempDir(), "index"), &Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	return ix, src
}
