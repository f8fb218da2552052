package archive

import (
	"context"
	"errors"
	"path/filepath"
	"sort"
	"sync/atomic"
	"testing"

	"github.com/cutline/cutline/caption"
	"github.com/google/go-cmp/cmp"
)

// TestIngestInterrupted cancels an ingest part way, from inside the work
// of one file (the caption hook runs after the decode, before the original
// is stored), as Ctrl-C does. The file being finished is committed; files
// not started are not processed, which is not the same as rejected; and no
// original is left without its record.
func TestIngestInterrupted(t *testing.T) {
	for _, workers := range []int{1, 4} {
		t.Run(map[int]string{1: "one worker", 4: "four workers"}[workers], func(t *testing.T) {
			const n = 16
			dir := t.TempDir()
			for i := 0; i < n; i++ {
				writeJPEG(t, filepath.Join(dir, "p"+string(rune('a'+i))+".jpg"), int64(400+i), 320, 240)
			}
			s := openTemp(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var calls atomic.Int32
			var stopper atomic.Value // the name of the file being worked on when cancelled
			var done []string
			opts := &IngestOptions{
				Workers: workers,
				Caption: func(p *Photo) (caption.Fields, []string, error) {
					if calls.Add(1) == 3 {
						stopper.Store(p.Name)
						cancel()
					}
					return p.Caption, nil, nil
				},
				Done: func(in *Ingested, dup *Duplicate, rej *Rejected) {
					switch {
					case in != nil:
						done = append(done, in.Path)
					case dup != nil:
						done = append(done, dup.Path)
					default:
						done = append(done, rej.Path)
					}
				},
			}
			rep, err := s.Ingest(ctx, []string{dir}, opts)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if len(rep.Rejected) != 0 {
				t.Errorf("rejected %+v, want none: an interrupted file is not a bad file", rep.Rejected)
			}
			if len(rep.Ingested)+len(rep.NotProcessed) != n {
				t.Errorf("%d ingested + %d not processed, want %d in all", len(rep.Ingested), len(rep.NotProcessed), n)
			}
			if len(rep.NotProcessed) == 0 {
				t.Errorf("every file was processed: the interruption came too late to test anything")
			}
			var ingested []string
			for _, in := range rep.Ingested {
				ingested = append(ingested, in.Path)
				if ok, err := s.Has(context.Background(), in.ID); err != nil || !ok {
					t.Errorf("%s reported ingested but has no record (%v)", in.Path, err)
				}
			}
			if name, _ := stopper.Load().(string); !contains(ingested, filepath.Join(dir, name)) {
				t.Errorf("%s, finished as the ingest was interrupted, was not committed; ingested: %v", name, ingested)
			}
			sort.Strings(done)
			if diff := cmp.Diff(ingested, done); diff != "" {
				t.Errorf("Done calls differ from the report's ingested files (-report +Done):\n%s", diff)
			}
			orphans := 0
			err = s.Originals.Each(func(id ID, path string, tmp bool) error {
				if tmp {
					t.Errorf("temporary file left: %s", path)
					return nil
				}
				if ok, err := s.Has(context.Background(), id); err != nil || !ok {
					orphans++
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if orphans != 0 {
				t.Errorf("%d originals without a record after a graceful stop", orphans)
			}
		})
	}
}

// TestIngestCancelledBeforeStart: nothing is processed, nothing rejected,
// and the caller hears of no file.
func TestIngestCancelledBeforeStart(t *testing.T) {
	dir := t.TempDir()
	writeSynth(t, dir, 3, 64, 48)
	s := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	rep, err := s.Ingest(ctx, []string{dir}, &IngestOptions{Done: func(*Ingested, *Duplicate, *Rejected) { calls++ }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(rep.Ingested)+len(rep.Duplicates)+len(rep.Rejected) != 0 || len(rep.NotProcessed) != 3 || calls != 0 {
		t.Errorf("report %+v and %d Done calls; want the 3 files not processed and no call", rep, calls)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
