package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bolterrors "go.etcd.io/bbolt/errors"
)

// DefaultLockTimeout is how long Open waits for another process to let go
// of the index before giving up with ErrLocked (within two seconds of the
// command starting, as for the archive's own lock).
const DefaultLockTimeout = 1500 * time.Millisecond

// Keys of the values cutline keeps in Bleve's internal storage.
var (
	keyWatermark = []byte("cutline.watermark")       // last applied Change.Seq, decimal
	keyMapping   = []byte("cutline.mapping_version") // MappingVersion, decimal
)

var (
	// ErrLocked reports an index held by another process.
	ErrLocked = errors.New("index is in use by another process")
	// ErrStale reports an index that must be rebuilt before it can be
	// searched: built by another mapping version, or never built.
	ErrStale = errors.New("index must be rebuilt")
	// ErrReadOnly reports a write to an index opened read-only.
	ErrReadOnly = errors.New("index is open read-only")
	// ErrClosed reports a call on a closed index.
	ErrClosed = errors.New("index is closed")
)

// Options configure Open. The zero value opens for writing, waits
// DefaultLockTimeout for the lock and logs nothing.
type Options struct {
	// ReadOnly opens an existing index for searching only. Bleve takes a
	// shared lock, so several read-only openers coexist, but none of them
	// can open while a writer holds the index, nor a writer while one of
	// them does (see the package doc).
	ReadOnly bool
	// LockTimeout bounds the wait for another process's lock; zero means
	// DefaultLockTimeout.
	LockTimeout time.Duration
	// Logf receives progress and the reasons for rebuilds; nil is silent.
	Logf func(format string, args ...any)
	// BatchSize is the number of documents per Bleve batch in Sync and
	// Rebuild; zero means 1000.
	BatchSize int

	// mapping selects the untuned mapping for the benchmark's reference.
	mapping mappingOptions
}

// Index is cutline's search index: a Bleve index derived from the archive.
// Its methods are safe for concurrent use; Sync and Rebuild serialise with
// each other, and searches go on during them.
type Index struct {
	dir  string
	opts Options
	m    *mapping.IndexMappingImpl
	text analysis.Analyzer // analyzerText, for queries and highlights
	name analysis.Analyzer // analyzerName, for queries on name fields

	writeMu sync.Mutex // serialises Sync and Rebuild

	mu    sync.RWMutex // guards the fields below
	bi    bleve.Index  // nil once closed
	stale string       // why the index must be rebuilt; "" when current

	// Knobs for tests that compare the shortcuts with the plain way.
	noWindow   bool   // sort every hit rather than a window of days
	noSample   bool   // count the facets of every hit, never a sample
	noColumns  bool   // read facet values from Bleve's doc values
	noParallel bool   // never split a search in two
	noTop      bool   // collect words alone with Bleve's collector
	splitMin   uint64 // parallelMin, when not zero
	exactLimit uint64 // FacetExactLimit, when not zero
	sampleSize uint64 // facetSample, when not zero

	cols *columnCache // facet columns of the open index; guarded by mu
}

// Open opens the index in dir, creating an empty one when dir does not
// exist (unless ReadOnly). A new index, or one built by another mapping
// version, is stale: Sync rebuilds it, and Search refuses it with ErrStale
// until then. When another process holds the index, Open fails with
// ErrLocked after opts.LockTimeout.
func Open(dir string, opts *Options) (*Index, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 1000
	}
	m, err := newMapping(o.mapping)
	if err != nil {
		return nil, fmt.Errorf("index: mapping: %w", err)
	}
	ix := &Index{dir: filepath.Clean(dir), opts: o, m: m}
	ix.text = m.AnalyzerNamed(analyzerText)
	ix.name = m.AnalyzerNamed(analyzerName)
	if ix.text == nil || ix.name == nil {
		return nil, fmt.Errorf("index: analyzers %s and %s missing from the mapping", analyzerText, analyzerName)
	}

	if _, err := os.Stat(ix.dir); errors.Is(err, fs.ErrNotExist) {
		if o.ReadOnly {
			return nil, fmt.Errorf("index: no index at %s (build it with cutline reindex): %w", ix.dir, fs.ErrNotExist)
		}
		ix.removeLeftovers()
		if err := ix.create(); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	} else if !o.ReadOnly {
		ix.removeLeftovers()
	}

	bi, err := ix.openBleve(ix.dir)
	if err != nil {
		if errors.Is(err, ErrLocked) || o.ReadOnly {
			return nil, err
		}
		// The index is derived data: one that cannot be opened is rebuilt,
		// but only if it is one; a folder of something else is left alone.
		if !looksLikeIndex(ix.dir) {
			return nil, fmt.Errorf("index: %s is not a cutline index: %w", ix.dir, err)
		}
		ix.logf("index: %v; starting a new index (run Sync to fill it)", err)
		if err := os.RemoveAll(ix.dir); err != nil {
			return nil, fmt.Errorf("index: removing unreadable index: %w", err)
		}
		if err := ix.create(); err != nil {
			return nil, err
		}
		if bi, err = ix.openBleve(ix.dir); err != nil {
			return nil, err
		}
	}
	ix.bi = bi
	ix.stale = staleReason(bi)
	ix.cols = newColumnCache()
	return ix, nil
}

// looksLikeIndex reports a folder that is empty or holds a Bleve index.
func looksLikeIndex(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	if len(entries) == 0 {
		return true
	}
	_, err = os.Stat(filepath.Join(dir, "index_meta.json"))
	return err == nil
}

// openBleve opens the Bleve index at dir with the lock timeout set.
func (ix *Index) openBleve(dir string) (bleve.Index, error) {
	cfg := map[string]any{
		// scorch reads "bolt_timeout" (a time.Duration string) into the
		// bbolt Options.Timeout of root.bolt; without it a second opener
		// waits forever on the file lock.
		"bolt_timeout": ix.opts.LockTimeout.String(),
	}
	if ix.opts.ReadOnly {
		cfg["read_only"] = true
	}
	bi, err := bleve.OpenUsing(dir, cfg)
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("index: %s: %w (gave up after %v; is cutline serve or another cutline command running?)", dir, ErrLocked, ix.opts.LockTimeout)
		}
		return nil, fmt.Errorf("index: opening %s: %w", dir, err)
	}
	return bi, nil
}

// create makes an empty index at ix.dir, built in a temporary folder and
// renamed into place so that a crash never leaves half an index at dir.
func (ix *Index) create() error {
	tmp, err := ix.newTemp()
	if err != nil {
		return err
	}
	bi, err := bleve.New(tmp, ix.m)
	if err != nil {
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("index: creating: %w", err)
	}
	err = bi.SetInternal(keyMapping, []byte(strconv.Itoa(MappingVersion)))
	if cerr := bi.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, ix.dir)
	}
	if err != nil {
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("index: creating: %w", err)
	}
	return nil
}

// newTemp makes a fresh sibling folder of ix.dir for building an index.
func (ix *Index) newTemp() (string, error) {
	parent := filepath.Dir(ix.dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("index: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, filepath.Base(ix.dir)+".tmp-")
	if err != nil {
		return "", fmt.Errorf("index: %w", err)
	}
	return tmp, nil
}

// removeLeftovers deletes the temporary and old folders a crash during a
// rebuild can leave beside the index.
func (ix *Index) removeLeftovers() {
	base := filepath.Base(ix.dir)
	entries, err := os.ReadDir(filepath.Dir(ix.dir))
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, base+".tmp-") || strings.HasPrefix(n, base+".old-")) {
			ix.logf("index: removing %s left by an interrupted rebuild", n)
			_ = os.RemoveAll(filepath.Join(filepath.Dir(ix.dir), n))
		}
	}
}

// staleReason says why bi cannot be searched as it is, or "".
func staleReason(bi bleve.Index) string {
	v, err := bi.GetInternal(keyMapping)
	if err != nil {
		return fmt.Sprintf("cannot read its mapping version: %v", err)
	}
	if string(v) != strconv.Itoa(MappingVersion) {
		if len(v) == 0 {
			v = []byte("none")
		}
		return fmt.Sprintf("it was built with mapping version %s and this cutline uses version %d", v, MappingVersion)
	}
	w, err := bi.GetInternal(keyWatermark)
	if err != nil {
		return fmt.Sprintf("cannot read its watermark: %v", err)
	}
	if w == nil {
		return "it has never been built"
	}
	return ""
}

// Dir returns the folder of the index.
func (ix *Index) Dir() string { return ix.dir }

// Stale returns why the index must be rebuilt before it can be searched,
// or "" when it is current. Sync rebuilds a stale index.
func (ix *Index) Stale() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.stale
}

// Watermark returns the Seq of the last archive change applied.
func (ix *Index) Watermark() (int64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return 0, ErrClosed
	}
	return readWatermark(ix.bi)
}

func readWatermark(bi bleve.Index) (int64, error) {
	v, err := bi.GetInternal(keyWatermark)
	if err != nil {
		return 0, fmt.Errorf("index: reading watermark: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("index: bad watermark %q: %w", v, err)
	}
	return n, nil
}

// Count returns the number of photos in the index.
func (ix *Index) Count() (uint64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return 0, ErrClosed
	}
	return ix.bi.DocCount()
}

// EachID calls fn with the ID of every photo in the index, in no
// particular order: "cutline check" compares them with the archive's.
func (ix *Index) EachID(ctx context.Context, fn func(id string) error) (err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return ErrClosed
	}
	bx, err := ix.bi.Advanced()
	if err != nil {
		return err
	}
	r, err := bx.Reader()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := r.Close(); err == nil {
			err = cerr
		}
	}()
	dr, err := r.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer dr.Close()
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		iid, err := dr.Next()
		if err != nil || iid == nil {
			return err
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return err
		}
		if err := fn(id); err != nil {
			return err
		}
	}
}

// Close closes the index, releasing its lock.
func (ix *Index) Close() error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.bi == nil {
		return nil
	}
	err := ix.bi.Close()
	ix.bi = nil
	if err != nil {
		return fmt.Errorf("index: closing: %w", err)
	}
	return nil
}

func (ix *Index) logf(format string, args ...any) {
	if ix.opts.Logf != nil {
		ix.opts.Logf(format, args...)
	}
}
