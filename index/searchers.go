package index

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Searchers for the two shapes that dominate editors' queries, a word and
// a phrase, each looked for in several fields.
//
// Bleve answers a word in eight fields with a disjunction of eight
// conjunctions of one term searcher each, and spends over 100 ns per hit
// in that machinery; a phrase costs it about 2 µs per candidate, most of
// it allocating term locations. Queries that match a tenth of a million
// photos then take tens or hundreds of milliseconds. The searchers here
// read the same posting lists through the same IndexReader, drop the
// fields where a word does not occur at all, and merge or check positions
// in one loop without allocating. They plug into Bleve's query tree (they
// are query.Query values), so that groups, OR and negation still use
// Bleve's conjunction and disjunction searchers, and they score hits as
// Bleve's TF-IDF term scorer does.

// fieldTerm is one analysed word in one field.
type fieldTerm struct{ field, term string }

// anyTermQuery matches the photos that have at least one of its terms.
type anyTermQuery struct{ terms []fieldTerm }

// Searcher implements query.Query.
func (q *anyTermQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	if o.Score == "none" {
		// Unscored, a disjunction of Bleve term searchers becomes one
		// union of posting bitmaps (its "unadorned" optimisation), which
		// beats any merge.
		alts := make([]query.Query, len(q.terms))
		for i, t := range q.terms {
			alts[i] = termOf(t.field, t.term)
		}
		if len(alts) == 1 {
			return alts[0].Searcher(ctx, r, m, o)
		}
		return query.NewDisjunctionQuery(alts).Searcher(ctx, r, m, o)
	}
	return newAnyTermSearcher(r, q.terms, o)
}

// fieldPhrase is a phrase in one field: the analysed words by position
// from the first, an empty slot where a stop word was removed.
type fieldPhrase struct {
	field string
	slots [][]byte
}

// anyPhraseQuery matches the photos that have one of its phrases. With
// pairs, a phrase of two words in the text field is looked up as one
// term of text_pairs.
type anyPhraseQuery struct {
	alts  []fieldPhrase
	pairs bool
}

// Searcher implements query.Query.
func (q *anyPhraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	var words []fieldTerm // one-word phrases are words
	var ss []search.Searcher
	closeAll := func() {
		for _, s := range ss {
			_ = s.Close()
		}
	}
	for _, p := range q.alts {
		if len(p.slots) == 1 {
			words = append(words, fieldTerm{p.field, string(p.slots[0])})
			continue
		}
		if q.pairs && p.field == fieldText && len(p.slots) == 2 && len(p.slots[0]) > 0 && len(p.slots[1]) > 0 {
			words = append(words, fieldTerm{fieldPairs, string(p.slots[0]) + " " + string(p.slots[1])})
			continue
		}
		s, err := newPhraseSearcher(r, p, o)
		if err != nil {
			closeAll()
			return nil, err
		}
		if s != nil {
			ss = append(ss, s)
		}
	}
	if len(words) > 0 {
		s, err := (&anyTermQuery{words}).Searcher(ctx, r, m, o)
		if err != nil {
			closeAll()
			return nil, err
		}
		ss = append(ss, s)
	}
	switch len(ss) {
	case 0:
		return searcher.NewMatchNoneSearcher(r)
	case 1:
		return ss[0], nil
	}
	return searcher.NewDisjunctionSearcher(ctx, r, ss, 1, o)
}

// postings is one term's posting list being read, segment after segment
// of a scorch snapshot. Reading zap's posting iterators directly, rather
// than through Bleve's TermFieldReader, saves copying every position
// into a TermFieldVector: a fifth of the time of a phrase.
type postings struct {
	segs  []segPostings
	seg   int             // segment of cur
	cur   segment.Posting // nil once exhausted
	doc   uint64          // cur's document number in the snapshot
	count uint64          // live documents with the term
	idf   float64
	qw    float64 // query weight: idf × query norm
	// step makes advance try the next posting before seeking: cheaper
	// when the list being followed is about as dense as this one.
	step bool
}

// segPostings is the posting list of one segment.
type segPostings struct {
	start uint64 // number of the segment's first document in the snapshot
	it    segment.PostingsIterator
}

// openPostings reads field:term from snap; nil when no live document has
// it.
func openPostings(snap *scorch.IndexSnapshot, field, term string, scored, positions bool, docTotal uint64) (*postings, error) {
	p := &postings{}
	var start uint64
	for _, ss := range snap.Segments() {
		d, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		if d != nil {
			pl, err := d.PostingsList([]byte(term), ss.Deleted(), nil)
			if err != nil {
				return nil, err
			}
			if n := pl.Count(); n > 0 {
				p.count += n
				p.segs = append(p.segs, segPostings{start, pl.Iterator(scored, scored, positions, nil)})
			}
		}
		start += uint64(ss.FullSize())
	}
	if p.count == 0 {
		return nil, nil
	}
	p.idf = 1 + math.Log(float64(docTotal)/float64(p.count+1))
	return p, p.next()
}

func (p *postings) next() error {
	for p.seg < len(p.segs) {
		s := p.segs[p.seg]
		c, err := s.it.Next()
		if err != nil {
			return err
		}
		if c != nil {
			p.cur, p.doc = c, s.start+c.Number()
			return nil
		}
		p.seg++
	}
	p.cur = nil
	return nil
}

// advance moves to the first document at or after doc. It never moves
// back.
func (p *postings) advance(doc uint64) error {
	if p.cur == nil || p.doc >= doc {
		return nil
	}
	if p.step {
		if err := p.next(); err != nil || p.cur == nil || p.doc >= doc {
			return err
		}
	}
	for p.seg+1 < len(p.segs) && p.segs[p.seg+1].start <= doc {
		p.seg++
	}
	s := p.segs[p.seg]
	c, err := s.it.Advance(doc - s.start)
	if err != nil {
		return err
	}
	if c == nil {
		p.seg++
		return p.next()
	}
	p.cur, p.doc = c, s.start+c.Number()
	return nil
}

// score is Bleve's TF-IDF term score of the current posting.
func (p *postings) score() float64 {
	tf := p.cur.Frequency()
	var s float64
	if tf < uint64(len(sqrts)) {
		s = sqrts[tf]
	} else {
		s = math.Sqrt(float64(tf))
	}
	var norm float64
	if nb, ok := p.cur.(normBits); ok && nb.NormUint64() < uint64(len(invSqrts)) {
		norm = invSqrts[nb.NormUint64()]
	} else {
		norm = p.cur.Norm()
	}
	return p.qw * s * norm * p.idf
}

// normBits is zapx's posting, whose norm is the field's length in words
// (Norm computes 1/√length each time).
type normBits interface{ NormUint64() uint64 }

// sqrts are the square roots of the common term frequencies; invSqrts
// the norms of the common field lengths, rounded to float32 as zapx's
// Norm rounds them.
var sqrts, invSqrts = func() (t [32]float64, n [1024]float64) {
	for i := range t {
		t[i] = math.Sqrt(float64(i))
	}
	for i := range n {
		n[i] = float64(float32(1.0 / math.Sqrt(float64(i))))
	}
	return t, n
}()

// snapshotOf returns the scorch snapshot r reads: the searchers here read
// its segments.
func snapshotOf(r index.IndexReader) (*scorch.IndexSnapshot, uint64, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, 0, fmt.Errorf("index: searching needs a scorch index reader, not %T", r)
	}
	total, err := snap.DocCount()
	return snap, total, err
}

// newAnyTermSearcher returns a searcher for the union of terms, scored as
// Bleve scores a disjunction of term queries: the sum of the matching
// terms' scores times the fraction of terms that match.
func newAnyTermSearcher(r index.IndexReader, terms []fieldTerm, o search.SearcherOptions) (search.Searcher, error) {
	snap, total, err := snapshotOf(r)
	if err != nil {
		return nil, err
	}
	s := &anyTermSearcher{scored: o.Score != "none"}
	for _, t := range terms {
		p, err := openPostings(snap, t.field, t.term, s.scored, false, total)
		if err != nil {
			return nil, err
		}
		if p != nil {
			s.ps = append(s.ps, p)
		}
	}
	if len(s.ps) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

type anyTermSearcher struct {
	ps     []*postings
	scored bool
}

func (s *anyTermSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	doc := uint64(math.MaxUint64)
	for _, p := range s.ps {
		if p.cur != nil && p.doc < doc {
			doc = p.doc
		}
	}
	if doc == math.MaxUint64 {
		return nil, nil
	}
	var sum float64
	matched := 0
	for _, p := range s.ps {
		if p.cur == nil || p.doc != doc {
			continue
		}
		matched++
		if s.scored {
			sum += p.score()
		}
		if err := p.next(); err != nil {
			return nil, err
		}
	}
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = index.NewIndexInternalID(dm.IndexInternalID, doc)
	if s.scored {
		dm.Score = sum * float64(matched) / float64(len(s.ps))
	}
	return dm, nil
}

func (s *anyTermSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	doc := id.Value()
	for _, p := range s.ps {
		if err := p.advance(doc); err != nil {
			return nil, err
		}
	}
	return s.Next(ctx)
}

func (s *anyTermSearcher) Close() error { return nil }

// scoredDoc is a hit of anyTermSearcher.top.
type scoredDoc struct {
	doc   uint64
	score float64
}

// worse orders hits as Bleve's collector does, worst first: by score,
// then by document number (the index order) descending.
func worse(a, b scoredDoc) bool {
	return a.score < b.score || a.score == b.score && a.doc > b.doc
}

// top returns the best k hits with document numbers in [start, end), best
// first, and the number of hits there; tap, if not nil, counts the facets
// of every hit. It is Next in a loop, without a DocumentMatch per hit.
func (s *anyTermSearcher) top(ctx context.Context, k int, start, end uint64, tap facetCounter) ([]scoredDoc, uint64, error) {
	for _, p := range s.ps {
		if err := p.advance(start); err != nil {
			return nil, 0, err
		}
	}
	// h is a heap of the best k so far, the worst of them at h[0].
	h := make([]scoredDoc, 0, k)
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= len(h) {
				return
			}
			if c+1 < len(h) && worse(h[c+1], h[c]) {
				c++
			}
			if !worse(h[c], h[i]) {
				return
			}
			h[i], h[c] = h[c], h[i]
			i = c
		}
	}
	var total uint64
	id := make(index.IndexInternalID, 8)
	n := float64(len(s.ps))
	for {
		doc := uint64(math.MaxUint64)
		for _, p := range s.ps {
			if p.cur != nil && p.doc < doc {
				doc = p.doc
			}
		}
		if doc >= end {
			break
		}
		var sum float64
		matched := 0
		for _, p := range s.ps {
			if p.cur == nil || p.doc != doc {
				continue
			}
			matched++
			sum += p.score()
			if err := p.next(); err != nil {
				return nil, 0, err
			}
		}
		total++
		if total%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		if tap != nil {
			if err := tap.add(index.NewIndexInternalID(id, doc)); err != nil {
				return nil, 0, err
			}
		}
		hit := scoredDoc{doc, sum * float64(matched) / n}
		switch {
		case len(h) < k:
			h = append(h, hit)
			for i := len(h) - 1; i > 0 && worse(h[i], h[(i-1)/2]); i = (i - 1) / 2 {
				h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
			}
		case k > 0 && worse(h[0], hit):
			h[0] = hit
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b scoredDoc) int {
		if worse(b, a) {
			return -1
		}
		return 1
	})
	return h, total, nil
}

func (s *anyTermSearcher) Weight() float64 {
	var w float64
	for _, p := range s.ps {
		w += p.idf * p.idf
	}
	return w
}

func (s *anyTermSearcher) SetQueryNorm(n float64) {
	for _, p := range s.ps {
		p.qw = p.idf * n
	}
}

func (s *anyTermSearcher) Count() uint64 {
	var n uint64
	for _, p := range s.ps {
		n += p.count
	}
	return n
}

func (s *anyTermSearcher) Min() int                   { return 0 }
func (s *anyTermSearcher) Size() int                  { return 64 + 64*len(s.ps) }
func (s *anyTermSearcher) DocumentMatchPoolSize() int { return 1 }

// newPhraseSearcher returns a searcher for a phrase in one field, or nil
// when one of its words is in no document's field. Hits are scored as
// Bleve scores a phrase: the sum of its words' term scores.
func newPhraseSearcher(r index.IndexReader, p fieldPhrase, o search.SearcherOptions) (search.Searcher, error) {
	snap, total, err := snapshotOf(r)
	if err != nil {
		return nil, err
	}
	s := &phraseSearcher{scored: o.Score != "none", slots: make([]int, len(p.slots))}
	byTerm := map[string]int{}
	for i, w := range p.slots {
		if len(w) == 0 {
			s.slots[i] = -1
			continue
		}
		k, ok := byTerm[string(w)]
		if !ok {
			ps, err := openPostings(snap, p.field, string(w), s.scored, true, total)
			if err != nil || ps == nil {
				return nil, err
			}
			k = len(s.ps)
			byTerm[string(w)] = k
			s.ps = append(s.ps, ps)
		}
		s.slots[i] = k
	}
	// The rarest word leads; the others are moved to its documents.
	s.order = make([]int, len(s.ps))
	for i := range s.order {
		s.order[i] = i
	}
	slices.SortFunc(s.order, func(a, b int) int {
		ca, cb := s.ps[a].count, s.ps[b].count
		switch {
		case ca < cb:
			return -1
		case ca > cb:
			return 1
		}
		return a - b
	})
	lead := s.ps[s.order[0]].count
	for _, k := range s.order[1:] {
		s.ps[k].step = s.ps[k].count <= 2*lead
	}
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

type phraseSearcher struct {
	ps     []*postings // one per distinct word
	slots  []int       // index in ps of the word at each position; -1 for a gap
	order  []int       // indexes of ps, rarest first
	scored bool
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		doc, ok, err := s.align()
		if err != nil || !ok {
			return nil, err
		}
		matched := s.matches()
		var sum float64
		if matched && s.scored {
			for _, p := range s.ps {
				sum += p.score()
			}
		}
		if err := s.ps[s.order[0]].next(); err != nil {
			return nil, err
		}
		if matched {
			dm := ctx.DocumentMatchPool.Get()
			dm.IndexInternalID = index.NewIndexInternalID(dm.IndexInternalID, doc)
			dm.Score = sum
			return dm, nil
		}
	}
}

// align moves every word's postings to the first document at or after
// the leading word's current one that has them all.
func (s *phraseSearcher) align() (uint64, bool, error) {
	lead := s.ps[s.order[0]]
	for {
		if lead.cur == nil {
			return 0, false, nil
		}
		doc := lead.doc
		agreed := true
		for _, k := range s.order[1:] {
			p := s.ps[k]
			if err := p.advance(doc); err != nil {
				return 0, false, err
			}
			if p.cur == nil {
				return 0, false, nil
			}
			if p.doc > doc {
				if err := lead.advance(p.doc); err != nil {
					return 0, false, err
				}
				agreed = false
				break
			}
		}
		if agreed {
			return doc, true, nil
		}
	}
}

// matches reports whether the current document has the words at
// consecutive positions (gaps filled by any word) in one value of the
// field.
func (s *phraseSearcher) matches() bool {
	for _, l := range s.ps[s.slots[0]].cur.Locations() {
		ok := true
		for i := 1; i < len(s.slots) && ok; i++ {
			if s.slots[i] < 0 {
				continue
			}
			ok = hasPosition(s.ps[s.slots[i]].cur.Locations(), l.Pos()+uint64(i), l.ArrayPositions())
		}
		if ok {
			return true
		}
	}
	return false
}

func hasPosition(ls []segment.Location, pos uint64, array []uint64) bool {
	for _, l := range ls {
		if l.Pos() == pos && slices.Equal(l.ArrayPositions(), array) {
			return true
		}
	}
	return false
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if err := s.ps[s.order[0]].advance(id.Value()); err != nil {
		return nil, err
	}
	return s.Next(ctx)
}

func (s *phraseSearcher) Close() error { return nil }

func (s *phraseSearcher) Weight() float64 {
	var w float64
	for _, p := range s.ps {
		w += p.idf * p.idf
	}
	return w
}

func (s *phraseSearcher) SetQueryNorm(n float64) {
	for _, p := range s.ps {
		p.qw = p.idf * n
	}
}

// Count is an upper bound: the rarest word's document count.
func (s *phraseSearcher) Count() uint64 { return s.ps[s.order[0]].count }

func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return 64 + 64*len(s.ps) }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return 1 }
