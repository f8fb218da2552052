package web

import (
	"bytes"
	"container/list"
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/index"
)

// readCache keeps recent search results and photo records for the desk's
// reads. The server is the archive's one writer and every change ends in
// Server.sync, which empties the cache after the index applied it, so a
// cached value is never older than what the index would answer. Values
// are shared between requests and must not be modified.
//
// Why: a search with facets over a whole archive visits the doc values of
// every matching photo (a few milliseconds at 10,000 photos), and a page
// of results reads 40 records from SQLite. Editors share the front page,
// the same facets and the same recent queries, so the second asker gets
// them from memory.
type readCache struct {
	mu sync.Mutex
	// gen counts the clears. A value read from the index or the archive
	// is stored only if no clear happened while it was read, so a read
	// that began before a change cannot put the old value back.
	gen     uint64
	results *lru[string, *index.Result]
	photos  *lru[archive.ID, *archive.Photo]
	// pages holds whole answers of the search page and the JSON search,
	// per URL and user (the page header names the user).
	pages *lru[string, *cachedResponse]
}

// Cache sizes: a result is one page of hits plus facets (a few KB); a
// photo a few KB. Both together stay under ~100 MB.
const (
	resultCacheSize  = 1024
	photoCacheSize   = 20_000
	pageCacheSize    = 256
	maxCachedPageLen = 256 << 10
)

func newReadCache() *readCache {
	return &readCache{
		results: newLRU[string, *index.Result](resultCacheSize),
		photos:  newLRU[archive.ID, *archive.Photo](photoCacheSize),
		pages:   newLRU[string, *cachedResponse](pageCacheSize),
	}
}

func (c *readCache) clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.gen++
	c.results.clear()
	c.photos.clear()
	c.pages.clear()
	c.mu.Unlock()
}

// search runs a search through the cache.
func (s *Server) search(ctx context.Context, q index.Query, opts index.SearchOptions) (*index.Result, error) {
	if s.cache == nil {
		return s.ix.Search(ctx, q, opts)
	}
	key := fmt.Sprintf("%s\x00%d\x00%d\x00%d\x00%t\x00%d\x00%t", q.String(), opts.Limit, opts.Offset, opts.Sort, opts.Facets, opts.FacetSize, opts.NoHighlight)
	c := s.cache
	c.mu.Lock()
	res, ok := c.results.get(key)
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return res, nil
	}
	res, err := s.ix.Search(ctx, q, opts)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.results.put(key, res)
	}
	c.mu.Unlock()
	return res, nil
}

// queued runs h once one of the work slots is free, waiting in arrival
// order (or until the client goes away). The read pages and their API
// twins are CPU-bound (search with facets, records from SQLite, template
// rendering): run fifty at once and the cores are shared fifty ways, so
// every answer takes fifty times its own work and the heaviest the
// longest; admitted one per core, each finishes in its own time after
// those ahead of it (measured at 50 clients: p99 of the uncached page 359
// → 113 ms, with four slots per two cores 145 ms). The throughput is the same, the tail is shorter, and
// the heap holds a few answers in progress rather than fifty. Answers
// from the cache do not queue.
// The answer is made into a buffer inside the slot and sent after it is
// freed, so a client that reads slowly holds no slot.
func (s *Server) queued(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		select {
		case s.workSem <- struct{}{}:
		case <-r.Context().Done():
			return r.Context().Err()
		}
		bw, buffered := w.(*bufferedWriter)
		if !buffered {
			bw = &bufferedWriter{header: http.Header{}}
		}
		err := func() error {
			defer func() { <-s.workSem }()
			return h(bw, r)
		}()
		if buffered || err != nil {
			return err
		}
		for k, v := range bw.header {
			w.Header()[k] = v
		}
		if bw.status == 0 {
			bw.status = http.StatusOK
		}
		w.WriteHeader(bw.status)
		if bw.body.Len() > 0 {
			_, err = w.Write(bw.body.Bytes())
		}
		return err
	}
}

// photo reads a photo through the cache.
func (s *Server) photo(ctx context.Context, id archive.ID) (*archive.Photo, error) {
	if s.cache == nil {
		return s.store.Photo(ctx, id)
	}
	c := s.cache
	c.mu.Lock()
	p, ok := c.photos.get(id)
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := s.store.Photo(ctx, id)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen == gen {
		c.photos.put(id, p)
	}
	c.mu.Unlock()
	return p, nil
}

// photos returns the photos of a page of hits: from the cache when there,
// the others from the archive in one query. Photos deleted since the index
// saw them are missing from the map.
func (s *Server) photos(ctx context.Context, hits []index.Hit) (map[archive.ID]*archive.Photo, error) {
	out := make(map[archive.ID]*archive.Photo, len(hits))
	var missing []archive.ID
	gen := uint64(0)
	if c := s.cache; c != nil {
		c.mu.Lock()
		gen = c.gen
		for _, h := range hits {
			if p, ok := c.photos.get(h.ID); ok {
				out[h.ID] = p
			} else {
				missing = append(missing, h.ID)
			}
		}
		c.mu.Unlock()
	} else {
		for _, h := range hits {
			missing = append(missing, h.ID)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	got, err := s.store.Photos(ctx, missing)
	if err != nil {
		return nil, err
	}
	if c := s.cache; c != nil {
		c.mu.Lock()
		if c.gen == gen {
			for id, p := range got {
				c.photos.put(id, p)
			}
		}
		c.mu.Unlock()
	}
	for id, p := range got {
		out[id] = p
	}
	return out, nil
}

// cachedResponse is a whole answer: status, headers and body.
type cachedResponse struct {
	status int
	header http.Header
	body   []byte
}

// bufferedWriter collects an answer so that it can be cached.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }
func (b *bufferedWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}
func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

// cachedGET answers a read from the cache when the same user asked the
// same URL since the last change, else runs h and keeps a 200 answer.
// The security headers set by the middleware stay on w; h's headers are
// replayed over them.
func (s *Server) cachedGET(w http.ResponseWriter, r *http.Request, h handlerFunc) error {
	h = s.queued(h)
	if s.cache == nil {
		return h(w, r)
	}
	key := r.URL.RequestURI() + "\x00" + r.Header.Get("HX-Request") + "\x00" + r.Header.Get("HX-Target")
	if wh := whoOf(r); wh != nil {
		key += "\x00" + wh.User.Name + "\x00" + string(wh.User.Role)
	}
	c := s.cache
	c.mu.Lock()
	cr, ok := c.pages.get(key)
	gen := c.gen
	c.mu.Unlock()
	if !ok {
		bw := &bufferedWriter{header: http.Header{}}
		if err := h(bw, r); err != nil {
			return err
		}
		cr = &cachedResponse{status: bw.status, header: bw.header, body: bw.body.Bytes()}
		if cr.status == 0 {
			cr.status = http.StatusOK
		}
		if cr.status == http.StatusOK && len(cr.body) <= maxCachedPageLen {
			c.mu.Lock()
			if c.gen == gen {
				c.pages.put(key, cr)
			}
			c.mu.Unlock()
		}
	}
	for k, v := range cr.header {
		w.Header()[k] = v
	}
	w.WriteHeader(cr.status)
	_, err := w.Write(cr.body)
	return err
}

// lru is a least-recently-used map of bounded size; callers lock.
type lru[K comparable, V any] struct {
	max   int
	order *list.List // front: most recent; elements hold *entry
	items map[K]*list.Element
}

type entry[K comparable, V any] struct {
	key K
	val V
}

func newLRU[K comparable, V any](max int) *lru[K, V] {
	return &lru[K, V]{max: max, order: list.New(), items: map[K]*list.Element{}}
}

func (l *lru[K, V]) get(k K) (V, bool) {
	if e, ok := l.items[k]; ok {
		l.order.MoveToFront(e)
		return e.Value.(*entry[K, V]).val, true
	}
	var zero V
	return zero, false
}

func (l *lru[K, V]) put(k K, v V) {
	if e, ok := l.items[k]; ok {
		e.Value.(*entry[K, V]).val = v
		l.order.MoveToFront(e)
		return
	}
	l.items[k] = l.order.PushFront(&entry[K, V]{k, v})
	for l.order.Len() > l.max {
		last := l.order.Back()
		l.order.Remove(last)
		delete(l.items, last.Value.(*entry[K, V]).key)
	}
}

func (l *lru[K, V]) clear() {
	l.order.Init()
	clear(l.items)
}
