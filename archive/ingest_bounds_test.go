package archive

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// heldTracker watches which sources have their bytes in memory: from the
// first read past the head (the point where the pipeline has reserved the
// file's memory) until the source is closed.
type heldTracker struct {
	mu         sync.Mutex
	held       map[int]int64 // source → size
	budget     int64
	violations []string
	maxFiles   int
}

func (h *heldTracker) hold(i int, size int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.held[i]; ok {
		return
	}
	h.held[i] = size
	var sum int64
	for _, n := range h.held {
		sum += n
	}
	h.maxFiles = max(h.maxFiles, len(h.held))
	if len(h.held) > 1 && sum > h.budget {
		h.violations = append(h.violations, fmt.Sprintf("%d files of %d bytes in all held at once, budget %d", len(h.held), sum, h.budget))
	}
}

func (h *heldTracker) release(i int) {
	h.mu.Lock()
	delete(h.held, i)
	h.mu.Unlock()
}

// trackedReader is one source's bytes, reporting to a heldTracker.
type trackedReader struct {
	r    *bytes.Reader
	i    int
	size int64
	t    *heldTracker
}

func (r *trackedReader) Read(p []byte) (int, error) {
	if r.r.Size()-int64(r.r.Len()) >= headerBytes {
		r.t.hold(r.i, r.size)
	}
	return r.r.Read(p)
}

func (r *trackedReader) Close() error { r.t.release(r.i); return nil }

// TestIngestBudgetCountsFileBytes: a file's bytes are part of the memory
// budget. Files (a real JPEG padded with zeros) of 6 MiB under a budget of
// 10 MiB are worked on one at a time whatever the number of workers, and
// one of 12 MiB, more than the whole budget, runs alone and is ingested.
func TestIngestBudgetCountsFileBytes(t *testing.T) {
	const budget = 10 << 20
	sizes := []int64{6 << 20, 6 << 20, 12 << 20, 6 << 20, 6 << 20, 12 << 20, 6 << 20, 6 << 20}
	tr := &heldTracker{held: map[int]int64{}, budget: budget}
	srcs := make([]source, len(sizes))
	for i, size := range sizes {
		data := make([]byte, size)
		copy(data, synthJPEG(t, int64(200+i), 64, 48))
		srcs[i] = source{path: fmt.Sprintf("padded-%d.jpg", i), open: func() (io.ReadCloser, int64, error) {
			return &trackedReader{r: bytes.NewReader(data), i: i, size: size, t: tr}, size, nil
		}}
	}
	s := openTemp(t)
	rep := newReport()
	opts := &IngestOptions{Workers: 4, MemoryBudget: budget}
	if err := s.ingest(context.Background(), srcs, opts, rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Ingested) != len(sizes) {
		t.Errorf("%d of %d padded files ingested; rejected: %+v", len(rep.Ingested), len(sizes), rep.Rejected)
	}
	for _, v := range tr.violations {
		t.Error(v)
	}
	t.Logf("at most %d files held at once", tr.maxFiles)
}

// TestIngestFileSizeCap: a file over the size cap is rejected before it is
// read, with a message that gives its size, the cap and (when the caller
// gives one) how to raise it; a file at the cap is read.
func TestIngestFileSizeCap(t *testing.T) {
	jpeg := synthJPEG(t, 300, 64, 48)
	cases := []struct {
		name   string
		size   int64 // the file: the JPEG padded (sparsely) to this size
		max    int64 // IngestOptions.MaxFileBytes
		hint   string
		upload bool     // through IngestReader, whose size is unknown
		want   []string // in the rejection; nil when the file is ingested
	}{
		// The default cap, 256 MiB: one byte over is refused unread.
		{"default cap", DefaultMaxFileBytes + 1, 0, "", false,
			[]string{"256 MiB (268435457 bytes)", "more than the 256 MiB allowed"}},
		// A cap of the caller's, with its hint.
		{"hint", 300 << 10, 200 << 10, "raise the limit with --max-file-mb", false,
			[]string{"300 KiB (307200 bytes)", "more than the 200 KiB allowed", "raise the limit with --max-file-mb"}},
		// Exactly at the cap is allowed.
		{"at the cap", 200 << 10, 200 << 10, "", false, nil},
		// An upload over the cap, found while reading it.
		{"upload", 3 << 20, 2 << 20, "", true, []string{"more than the 2 MiB allowed"}},
		// A small upload (read whole with its head) over a small cap.
		{"small upload", 300 << 10, 200 << 10, "", true, []string{"300 KiB (307200 bytes)", "more than the 200 KiB allowed"}},
		// An upload within the cap.
		{"upload at the cap", 200 << 10, 200 << 10, "", true, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "padded.jpg")
			if err := os.WriteFile(path, jpeg, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, tc.size); err != nil {
				t.Fatal(err)
			}
			s := openTemp(t)
			opts := &IngestOptions{MaxFileBytes: tc.max, MaxFileBytesHint: tc.hint}
			var rep *Report
			var err error
			if tc.upload {
				f, ferr := os.Open(path)
				if ferr != nil {
					t.Fatal(ferr)
				}
				defer f.Close()
				rep, err = s.IngestReader(context.Background(), "padded.jpg", f, opts)
			} else {
				rep, err = s.Ingest(context.Background(), []string{path}, opts)
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == nil {
				if len(rep.Ingested) != 1 {
					t.Errorf("not ingested: %+v", rep)
				}
				return
			}
			if len(rep.Rejected) != 1 {
				t.Fatalf("not rejected: %+v", rep)
			}
			for _, w := range tc.want {
				if !strings.Contains(rep.Rejected[0].Error, w) {
					t.Errorf("rejection %q does not say %q", rep.Rejected[0].Error, w)
				}
			}
		})
	}
}

// TestIngestFileChangedWhileRead: a file whose size changes between the
// stat and the read (still being written by a feed) is rejected, not
// archived cut short.
func TestIngestFileChangedWhileRead(t *testing.T) {
	jpeg := synthJPEG(t, 301, 64, 48)
	big := make([]byte, 3<<20) // past the head, so both read paths are tried
	copy(big, jpeg)
	cases := []struct {
		name string
		data []byte
		size int64 // what the stat said
		want string
	}{
		// Grew after the stat: more bytes than announced.
		{"grew small", jpeg, int64(len(jpeg)) - 10, "it grew past"},
		{"grew large", big, int64(len(big)) - 10, "it grew past"},
		// Shrank: fewer bytes than announced.
		{"shrank small", jpeg, int64(len(jpeg)) + 10, "bytes instead of"},
		{"shrank large", big, int64(len(big)) + 10, "bytes instead of"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := source{path: "feed.jpg", open: func() (io.ReadCloser, int64, error) {
				return io.NopCloser(bytes.NewReader(tc.data)), tc.size, nil
			}}
			s := openTemp(t)
			rep := newReport()
			if err := s.ingest(context.Background(), []source{src}, nil, rep); err != nil {
				t.Fatal(err)
			}
			if len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0].Error, tc.want) {
				t.Errorf("report %+v, want a rejection saying %q", rep, tc.want)
			}
		})
	}
}
