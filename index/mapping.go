package index

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
)

// MappingVersion is the version of the mapping and of the document
// construction below. Change it whenever either changes: an index built
// with another version is rebuilt by Sync instead of being searched with a
// mapping that no longer matches it.
//
// Version 2: no _all field. Version 3: text_pairs.
const MappingVersion = 3

// Analyzer names, defined inside the mapping so that an index carries its
// own analysis chain.
const (
	analyzerText  = "cutline_text"  // English prose, folded
	analyzerName  = "cutline_name"  // names and places, folded, no stemming
	analyzerPairs = "cutline_pairs" // cutline_text's word pairs
)

// Field names of the Bleve document. doc.go documents each one.
const (
	fieldText    = "text" // headline + "\n" + caption
	fieldPairs   = "text_pairs"
	fieldKeyword = "keyword"
	fieldPerson  = "person"
	fieldPlace   = "place"
	fieldByline  = "byline"
	fieldCredit  = "credit"
	fieldSource  = "source"
	fieldAgency  = "agency"
	fieldCity    = "city"
	fieldCountry = "country"
	fieldDate    = "date"  // sort key: "2006-01-02T15:04:05", UTC
	fieldYear    = "year"  // "2006"
	fieldMonth   = "month" // "2006-01"
	fieldDay     = "day"   // "2006-01-02"
	fieldFile    = "file"
	fieldHandout = "handout"
	fieldPool    = "pool"

	facetPerson = "person_facet"
	facetPlace  = "place_facet"
	facetCredit = "credit_facet"
	facetAgency = "agency_facet"
)

// pairFilter makes the word pairs of text_pairs: "a b" for words at
// consecutive positions; a removed stop word leaves a "_" in its place,
// so that no pair spans it.
const pairFilter = "cutline_pair"

// freeFields are the fields a free word or phrase is looked for in.
var freeFields = []string{fieldText, fieldKeyword, fieldPerson, fieldPlace, fieldByline, fieldCredit, fieldSource, fieldAgency}

// facetSep separates the folded key of a facet value from its display
// spelling inside one facet token ("lee in young\x1fLee In-young").
const facetSep = "\x1f"

// mappingOptions switch the tuning of the mapping off, for the benchmark's
// side-by-side comparison; the zero value is the tuned production mapping.
type mappingOptions struct {
	// untuned builds Bleve's defaults: every field stored, term vectors
	// everywhere, doc values everywhere, and the _all composite field.
	untuned bool
}

// newMapping returns the index mapping described in doc.go.
func newMapping(o mappingOptions) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	err := m.AddCustomAnalyzer(analyzerText, map[string]any{
		"type":         custom.Name,
		"char_filters": []any{asciifolding.Name},
		"tokenizer":    unicodetok.Name,
		"token_filters": []any{
			en.PossessiveName, lowercase.Name, en.StopName, porter.Name,
		},
	})
	if err != nil {
		return nil, err
	}
	err = m.AddCustomAnalyzer(analyzerName, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{asciifolding.Name},
		"tokenizer":     unicodetok.Name,
		"token_filters": []any{lowercase.Name},
	})
	if err != nil {
		return nil, err
	}

	err = m.AddCustomTokenFilter(pairFilter, map[string]any{
		"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false, "separator": " ", "filler": "_",
	})
	if err != nil {
		return nil, err
	}
	err = m.AddCustomAnalyzer(analyzerPairs, map[string]any{
		"type":         custom.Name,
		"char_filters": []any{asciifolding.Name},
		"tokenizer":    unicodetok.Name,
		"token_filters": []any{
			en.PossessiveName, lowercase.Name, en.StopName, porter.Name, pairFilter,
		},
	})
	if err != nil {
		return nil, err
	}

	// field builds one field mapping; the flags are the tuned choices, and
	// the untuned variant overrides them with Bleve's defaults.
	field := func(typ, analyzer string, termVectors, store, docValues bool) *mapping.FieldMapping {
		var f *mapping.FieldMapping
		switch typ {
		case "boolean":
			f = mapping.NewBooleanFieldMapping()
		default:
			f = mapping.NewTextFieldMapping()
			f.Analyzer = analyzer
		}
		f.IncludeTermVectors = termVectors
		f.Store = store
		f.DocValues = docValues
		f.IncludeInAll = false
		if o.untuned {
			f.IncludeTermVectors = typ == "text"
			f.Store = true
			f.DocValues = true
			f.IncludeInAll = true
		}
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	if o.untuned {
		doc.AddFieldMappingsAt(fieldText, field("text", analyzerText, true, true, false))
	} else {
		// The caption again, as pairs of consecutive words: a phrase of two
		// words is then one term, not two position lists to compare.
		pairs := field("text", analyzerPairs, false, false, false)
		pairs.Name = fieldPairs
		doc.AddFieldMappingsAt(fieldText, field("text", analyzerText, true, true, false), pairs)
	}
	doc.AddFieldMappingsAt(fieldKeyword, field("text", analyzerText, true, false, false))
	for _, name := range []string{fieldPerson, fieldPlace, fieldByline, fieldCredit, fieldSource, fieldAgency, fieldCity, fieldCountry} {
		doc.AddFieldMappingsAt(name, field("text", analyzerName, true, false, false))
	}
	for _, name := range []string{facetPerson, facetPlace, facetCredit, facetAgency, fieldYear, fieldDate} {
		doc.AddFieldMappingsAt(name, field("text", keyword.Name, false, false, true))
	}
	// Dates are keywords at three precisions rather than a Bleve datetime:
	// a numeric field indexes a dozen prefix terms per value and a range
	// over it expands to hundreds of them, while the day-granular ranges
	// of the query language are covered by a few year, month and day
	// terms (see dateCover).
	for _, name := range []string{fieldMonth, fieldDay} {
		doc.AddFieldMappingsAt(name, field("text", keyword.Name, false, false, false))
	}
	for _, name := range []string{fieldFile, fieldHandout, fieldPool} {
		doc.AddFieldMappingsAt(name, field("boolean", "", false, false, false))
	}
	if !o.untuned {
		// Without this Bleve adds an empty _all field to every document,
		// which costs 6% of the indexing time.
		doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	}
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerText
	m.DefaultField = fieldText
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	if o.untuned {
		m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = true, true, true
	}
	return m, nil
}

// document is what one photo puts in the index.
func document(p *archive.Photo) map[string]any {
	c := &p.Caption
	f := &p.Facts
	d := make(map[string]any, 20)
	put := func(name string, vals ...string) {
		var out []string
		for _, v := range vals {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		switch len(out) {
		case 0:
		case 1:
			d[name] = out[0]
		default:
			d[name] = out
		}
	}

	// The headline comes first, on one line, so that a highlight can tell
	// the two apart by the first newline.
	headline := strings.Join(strings.Fields(c.Headline), " ")
	if headline != "" || strings.TrimSpace(c.Description) != "" {
		d[fieldText] = headline + "\n" + c.Description
	}
	put(fieldKeyword, c.Keywords...)

	people := make([]string, 0, len(c.PersonsShown)+len(f.People))
	people = append(people, c.PersonsShown...)
	for _, pp := range f.People {
		people = append(people, pp.Name)
	}
	people = dedupeFolded(people)
	put(fieldPerson, people...)
	put(facetPerson, facetTokens(people)...)

	places := make([]string, 0, len(f.Places)+4)
	places = append(places, f.Places...)
	places = append(places, c.Sublocation, c.City, c.State, c.Country)
	places = dedupeFolded(places)
	put(fieldPlace, places...)
	put(facetPlace, facetTokens(places)...)

	put(fieldByline, dedupeFolded(append(append([]string(nil), c.Byline...), f.Photographer))...)
	put(fieldCredit, c.Credit)
	put(facetCredit, facetTokens([]string{c.Credit})...)
	put(fieldSource, c.Source)
	agency := photoAgency(p)
	put(fieldAgency, agency, f.Via)
	put(facetAgency, facetTokens([]string{agency})...)
	put(fieldCity, c.City)
	put(fieldCountry, c.Country, c.CountryCode)

	date := clampDate(photoDate(p))
	d[fieldDate] = date.Format(sortDateLayout)
	d[fieldYear] = date.Format("2006")
	d[fieldMonth] = date.Format("2006-01")
	d[fieldDay] = date.Format("2006-01-02")
	d[fieldFile] = f.File
	d[fieldHandout] = f.Handout
	d[fieldPool] = f.Pool
	return d
}

// photoAgency is the parsed agency, else the credit when it names a known
// agency on its own ("AFP", "The Associated Press").
func photoAgency(p *archive.Photo) string {
	if a := strings.TrimSpace(p.Facts.Agency); a != "" {
		return a
	}
	if a, ok := caption.NormalizeAgency(p.Caption.Credit); ok {
		return a
	}
	return ""
}

// photoDate is the date a photo is sorted and filtered by: the date the
// caption says it was taken, else the camera's DateTimeOriginal, else the
// IPTC date created, else the time it was ingested. Dates without a zone
// are read as UTC, so a day never moves across a year boundary.
func photoDate(p *archive.Photo) time.Time {
	for _, s := range []string{p.Facts.Taken, p.Taken, p.Caption.DateCreated} {
		if t, ok := parseLooseDate(s); ok {
			return t
		}
	}
	return p.Ingested.UTC()
}

// sortDateLayout formats the date sort key: fixed width, so that string
// order is time order.
const sortDateLayout = "2006-01-02T15:04:05"

// Dates are kept to four-digit years, the range of the layouts above.
var (
	minDate = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

func clampDate(t time.Time) time.Time {
	t = t.UTC()
	switch {
	case t.Before(minDate):
		return minDate
	case t.After(maxDate):
		return maxDate
	}
	return t
}

// parseLooseDate reads the date forms found in photos: RFC 3339, ISO 8601
// without a zone, a day, a month or a year.
func parseLooseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1 || t.Year() > 9999 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// foldKey is the identity of a name for facets: accents and case folded,
// punctuation and runs of space turned into one space, so that
// "LEE IN-YOUNG", "Lee In-young" and "lee in young" share one key.
func foldKey(s string) string {
	if s == "" {
		return ""
	}
	folded := s
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			// Only text beyond ASCII has anything to fold.
			folded = string(asciifolding.New().Filter([]byte(s)))
			break
		}
	}
	var b strings.Builder
	b.Grow(len(folded))
	space := false
	for _, r := range folded {
		switch {
		case r == '\'' || r == '.':
			// "O'Brien" and "OBrien", "St. Louis" and "St Louis" are one key.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// dedupeFolded drops empty values and later spellings of a name already
// seen, keeping the first spelling.
func dedupeFolded(vals []string) []string {
	seen := make(map[string]bool, len(vals))
	out := vals[:0:0]
	for _, v := range vals {
		v = strings.TrimSpace(v)
		k := foldKey(v)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, v)
	}
	return out
}

// facetTokens turns display values into facet tokens, one per folded key.
func facetTokens(vals []string) []string {
	vals = dedupeFolded(vals)
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		out = append(out, foldKey(v)+facetSep+strings.Join(strings.Fields(v), " "))
	}
	return out
}

// splitFacetToken returns the key and display spelling of a facet token.
func splitFacetToken(tok string) (key, display string) {
	k, d, ok := strings.Cut(tok, facetSep)
	if !ok {
		return tok, tok
	}
	return k, d
}

// foldedOffsets maps byte offsets in the ASCII-folded form of s (what the
// analyzers tokenize, since their first step is the asciifolding character
// filter) back to byte offsets in s. Bleve reports token offsets in the
// folded text but returns the original; without this map a highlight after
// "São" would be shifted by a byte. The result has one entry per folded
// byte plus one for the end.
func foldedOffsets(s string) []int {
	folder := asciifolding.New()
	out := make([]int, 0, len(s)+1)
	for i, r := range s {
		if r < utf8.RuneSelf {
			out = append(out, i)
			continue
		}
		var n int
		if r == utf8.RuneError {
			// An invalid byte becomes U+FFFD, three bytes, when folded.
			n = 3
		} else {
			n = len(folder.Filter([]byte(string(r))))
		}
		for j := 0; j < n; j++ {
			out = append(out, i)
		}
	}
	return append(out, len(s))
}
