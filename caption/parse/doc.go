// Package parse reads the facts out of a news photo caption: the credited
// agency, the photographer, the "via" provider, the file / handout / pool
// flags, the date the picture was taken, the people named with their
// position in the frame, the places, and usage restrictions.
//
// Real captions vary wildly, so the parser works from their structure, not
// from lists of people: credit forms ("REUTERS/Name/File Photo", "(AP
// Photo/Name, File)", "(Photo by NAME / AFP)", "Name/AFP via Getty
// Images"...), datelines ("SEOUL, Nov 25 (Reuters) -"), date phrases ("This
// picture taken on ... shows"), titles ("Minister", "Rep."), position
// markers ("(L)", "2nd R", "from left"), capitalised sequences and
// hyphenated Korean names. Places also use an embedded gazetteer (see
// gazetteer.go). Precision comes first: a place or an organisation is not a
// person, and what the parser cannot read it leaves empty. A caption
// written entirely in capitals is first put back into the case of running
// text (parse_caps.go), a capital kept only where the shape of the text
// shows a name.
//
// testdata/real.json holds real agency captions with their sources, split
// into a tuning half and a held-out half; TestParseReal scores both.
//
// Like package caption, it does no I/O and never fails: Parse always
// returns Facts, reading at most MaxParseBytes of the text.
package parse
