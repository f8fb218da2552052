// Package index is cutline's search: a Bleve index derived from the
// archive's SQLite records, the query language editors type, and the
// facets and highlights the CLI and the web desk show.
//
// # Derived, never the source of truth
//
// Every photo's document is computed from its archive.Photo (document in
// mapping.go), so the index can always be rebuilt. Changes reach it through
// the archive's outbox: each ingest or caption edit writes an
// archive.Change in the same SQLite transaction, and Sync applies the
// changes after the index's watermark, in batches. Each Bleve batch also
// stores its new watermark (Bleve internal key "cutline.watermark"), so a
// crash at any point converges: a batch is applied with its watermark or
// not at all, and re-applying a change re-indexes the photo as it is now.
// A watermark ahead of the archive (an archive restored from an older
// copy) makes Sync rebuild. A rebuild builds a whole new index in a
// temporary folder beside the index ("DIR.tmp-*") and swaps it in with two
// renames; leftovers of an interrupted rebuild are removed by Open.
//
// The mapping carries MappingVersion (internal key
// "cutline.mapping_version"). An index built by another version, or never
// built, is stale: Search refuses it with ErrStale and Sync rebuilds it,
// saying why through Options.Logf.
//
// # Locking
//
// Bleve keeps its root in a bbolt file, locked with flock: exclusive for a
// writer, shared for a read-only open. Open passes scorch's "bolt_timeout"
// option so that a second opener gets ErrLocked after Options.LockTimeout
// (default 2 s) instead of blocking forever. Measured on Bleve v2.6.3:
// read-only opens coexist with each other, but not with a writer, in
// either order; a process that wants to search while "cutline serve" holds
// the index must go through the server.
//
// # Fields
//
// Analyzers, both defined in the mapping so that the index carries them:
//
//	cutline_text  asciifolding char filter, unicode tokenizer, English
//	              possessive filter, lower case, English stop words,
//	              Porter stemmer. For prose.
//	cutline_name  asciifolding char filter, unicode tokenizer, lower case.
//	              For names and places: no stemming, no stop words, so
//	              "Lee In-young" keeps its "In".
//	cutline_pairs cutline_text, then word pairs (Bleve's shingle filter,
//	              two words, "a b"; a removed stop word leaves "_" in
//	              its place, so no pair spans it).
//	keyword       the whole value as one token (Bleve's keyword analyzer).
//
// Folding accents before tokenizing makes "Sao Paulo" find "São Paulo"
// and the reverse; the unicode tokenizer splits "In-young", so "Lee
// In-young", "LEE IN-YOUNG" and "lee in young" are the same tokens.
//
// Document fields (TV = term vectors, needed for phrases; S = stored; DV =
// doc values, for sorting and facets; nothing else is stored, and the _all
// field is switched off, which Bleve otherwise adds, empty, to every
// document; MappingVersion 3):
//
//	text          cutline_text  TV S   headline, a newline, caption text;
//	                                   stored for highlighting
//	text_pairs    cutline_pairs        the same text as word pairs: a free
//	                                   phrase of two words is one term
//	keyword       cutline_text  TV     keywords
//	person        cutline_name  TV     persons shown, people named in the
//	                                   caption (facts), one spelling each
//	place         cutline_name  TV     places named in the caption, sub-
//	                                   location, city, state, country
//	byline        cutline_name  TV     by-line and parsed photographer
//	credit        cutline_name  TV     credit line as written
//	source        cutline_name  TV     source
//	agency        cutline_name  TV     parsed agency (else the credit when it
//	                                   names a known agency), "via" provider
//	city          cutline_name  TV     city
//	country       cutline_name  TV     country and country code
//	person_facet  keyword          DV  one token per person: folded key,
//	place_facet   keyword          DV  U+001F, spelling as written (see
//	credit_facet  keyword          DV  below); persons, places, credit,
//	agency_facet  keyword          DV  agency
//	year          keyword          DV  year of the photo's date, "2006"
//	month, day    keyword              "2006-01", "2006-01-02" (date ranges
//	                                   are covered by day, month and year
//	                                   terms rather than a numeric range)
//	date          keyword          DV  sort key "2006-01-02T15:04:05": the
//	                                   photo's date: the date taken from
//	                                   the caption, else EXIF
//	                                   DateTimeOriginal, else IPTC date
//	                                   created, else the ingest time (UTC
//	                                   when no zone; clamped to years
//	                                   1–9999)
//	file, handout, pool  boolean       the parsed flags
//
// Facet tokens pair a folded key ("lee in young") with a spelling ("Lee
// In-young"): facets add up the spellings of each key and name it by its
// most common spelling, so editors see "Lee In-young (3)" rather than a
// lower-case token. A photo carries one token per key, so the sums are
// photo counts.
//
// # Query language
//
// ParseQuery reads it; it is not Bleve's query-string syntax.
//
//	query  = group { space group }        groups are ANDed
//	group  = term { "OR" term }           OR (upper case) binds tighter
//	term   = [ "-" ] ( word | phrase | field ":" ( word | phrase ) )
//	phrase = '"' text '"'                 straight or curly quotes
//
// A free word or phrase is looked for in text, keyword, person, place,
// byline, credit, source and agency; a word made only of stop words
// ("the") constrains nothing. Fields:
//
//	person: place: credit: agency: byline: keyword: city: country: source:
//	    words (all must appear in that field) or a "phrase"; agency names
//	    are normalised ("Agence France-Presse" is AFP). Aliases: people,
//	    persons, places, location, keywords, photographer, by.
//	after:DATE before:DATE   DATE is YYYY, YYYY-MM or YYYY-MM-DD; both
//	    exclude the named period: after:2019 before:2021 is 2020.
//	    Aliases since, until.
//	year:YYYY
//	file:yes|no handout:yes|no pool:yes|no
//	id:PREFIX                hex prefix of a photo ID
//
// "-" before a term leaves out the photos that match it. The empty query
// matches every photo. By default hits are ranked by relevance when the
// query has words or phrases and listed newest first otherwise. Errors are
// *QueryError values with the byte position and a message that says what
// is wrong ("unknown field 'plce:'; did you mean place:?").
//
// # Highlights
//
// Highlights are computed here, not by Bleve's highlighter: Bleve reports
// token offsets in the accent-folded text but returns the original, so
// its marks drift after every "ã" (Bleve issue #1113). The stored text is
// analysed again, the query's positive words and phrases (free or fielded,
// so a person: query marks the name in the caption) are found in it, and
// offsets are mapped back to the original bytes. Fragments are plain text
// with byte ranges; Fragment.Format renders them with escaping.
//
// # Speed
//
// Search reads one Bleve snapshot and keeps nothing between calls but the
// facet columns below. It was measured at a million photos (BENCH.md);
// what it does differently from a plain Bleve search, and why:
//
//   - A word in several fields, and a phrase, are read by searchers of our
//     own (searchers.go) that skip the fields without the word and merge
//     zap's posting lists, or check positions, in one loop: Bleve spends
//     over 100 ns per hit in its disjunction of conjunctions, and 2 µs per
//     candidate of a phrase. Scores are Bleve's TF-IDF.
//   - A phrase of two words in the caption is one term of text_pairs:
//     "news conference", in an eighth of the benchmark's captions, costs
//     5 ms instead of 20 (and the rebuild a third more CPU time).
//   - Groups of filters only (dates, flags, IDs) are read without scores,
//     as posting bitmaps that the words skip through (filteredQuery).
//   - A big search runs as two, over the two halves of the document
//     numbers, on two cores, and their pages are merged.
//   - Listing by date reads a window of the newest (or oldest) days that
//     hold a page, not every hit (window.go); a query of dates alone is
//     counted from the document counts of its day, month and year terms.
//   - Facets are counted from columns of ordinals built once per segment,
//     while the search finds the hits; the empty query's from per-segment
//     totals less deletions (facets.go, columns.go). Only a query of dates
//     alone listed by date with more than FacetExactLimit hits gets
//     sampled, estimated facets (Result.FacetsEstimated).
//   - Rebuild writes with two batch writers, so that analysis goes on
//     during each batch's fsync, collects garbage less often (GOGC=200
//     while it runs, unless GOGC is set), merges the result into one
//     segment and builds its facet columns before swapping it in.
package index
