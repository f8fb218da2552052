// Package caption is the pure-text heart of cutline: the editorial fields
// of a photo (Fields), the facts a caption states (Facts, filled by the
// parser in caption/parse), the table of news agencies (NormalizeAgency),
// credit lines in agency and house styles (Credit), Photo Mechanic code
// replacement (=code=) and templates with {variables}.
//
// The package does no I/O: callers pass text in and get text out, so every
// function here is deterministic and cheap to test.
package caption
