package parse

import (
	"regexp"
	"strconv"
	"strings"
)

// A dateline opens a caption with where (and often when) it was filed:
//
//	SEOUL, Nov 25 (Reuters) -            story dateline: place, date, agency
//	SEOUL, South Korea, Jan. 3 (UPI) --
//	MILLVALE, Pa. (AP) —
//	WASHINGTON, DC - AUGUST 20:          Getty dateline: place, date
//	LONDON, ENGLAND - MAY 06:
//	19 Jan 2002:                         old Getty style: the date alone
//	Soccer Football - Premier League - Arsenal v Chelsea - Emirates Stadium,
//	London, Britain - May 2, 2023 ...    Reuters sport: event, venue, date

// dateline is what a caption's dateline says.
type dateline struct {
	places  []string
	date    foundDate
	hasDate bool
}

const (
	dlMonth = `(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	dlWord  = `\p{Lu}[\p{L}\p{M}'.\-]*`
	dlPlace = dlWord + `(?:\s(?:(?:de|da|del|do|di|of|upon|on|la|le|el|al)\s)?` + dlWord + `){0,4}`
	dlDash  = `(?:-{1,2}|–|—)`
)

// The dateline shapes of the photo agencies that put the date first or
// write it in figures (ZUMA, SOPA Images, dpa, Polaris, Alamy, Corbis):
//
//	September 20, 1994 - Washington, District of Columbia, United States -
//	June 09, 2021 - Berlin, Germany::
//	23/05/2012 - Antananarivo, MADAGASCAR -
//	05 November 2019, US, San Francisco:       (dpa, after a slug "PRODUCTION -")
//	01 Apr 2015, Akron, Ohio, USA ---
//	POLAND - 2020/06/15:
//	WASHINGTON DC, DISTRICT OF COLUMBIA, UNITED STATES - 2021/01/06:
//	Edinburgh, Scotland, UK. 1 February 2024.  (Alamy)
const (
	dlFullDate = `(?:` + dlMonth + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+` + dlMonth + `,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}/\d{1,2}/\d{1,2}|\d{4}-\d{2}-\d{2})`
	dlNumDate  = `(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}/\d{1,2}/\d{1,2}|\d{4}-\d{2}-\d{2})`
	dlPlaces   = dlPlace + `(?:,\s*` + dlPlace + `){0,4}`
	dlSlug     = `(?:\p{Lu}{4,}\s+` + dlDash + `\s+)?`
)

var (
	dateFirstDateline = regexp.MustCompile(`^\s*` + dlSlug + `(` + dlFullDate + `)\s*(?:` + dlDash + `|,)\s*(` + dlPlaces + `)\s*(?:::?|-{1,3}|–|—)\s*`)
	numericDateline   = regexp.MustCompile(`^\s*(` + dlPlaces + `)\s*` + dlDash + `\s*(` + dlNumDate + `)\s*:\s*`)
	alamyDateline     = regexp.MustCompile(`^\s*(` + dlPlaces + `)\.\s+(` + dlFullDate + `)\.\s+`)
)

var (
	storyDateline = regexp.MustCompile(`^\s*(` + dlPlace + `)(?:,\s*(` + dlPlace + `))?(?:,?\s*(` + dlMonth + `\s+\d{1,2})(?:,\s*(\d{4}))?)?\s*\(([^()]{2,40})\)\s*(?:` + dlDash + `|:)\s*`)
	gettyDateline = regexp.MustCompile(`^\s*(` + dlPlace + `)(?:,\s*(` + dlPlace + `))?\s*` + dlDash + `\s*(` + dlMonth + `\s+\d{1,2})(?:,?\s+(\d{4}))?\s*:\s*`)
	dateDateline  = regexp.MustCompile(`^\s*(\d{1,2}\s+` + dlMonth + `|` + dlMonth + `\s+\d{1,2},?)\s+(\d{4})\s*:\s*`)
)

// dateline reads the caption's dateline, if it has one, and blanks it out
// of the working text. A story dateline's agency becomes the weakest credit.
func (p *captionParser) dateline() dateline {
	var dl dateline
	work := string(p.work)
	// The working text may start with blanked lead markers.
	off := len(work) - len(strings.TrimLeft(work, " |"))
	w := work[off:]
	if len(w) > 200 {
		w = w[:200] // a dateline is short; the expressions need no more
	}
	var m []int
	var monthDay, year string
	if d, ok := p.sportHeader(off, w); ok {
		return d
	}
	// Each form needs a character the others may not: look before running
	// the expressions.
	head := w[:min(len(w), 120)]
	if d, ok := p.agencyDateline(off, w); ok {
		return d
	}
	var story, getty, dated []int
	if strings.Contains(head, "(") {
		story = storyDateline.FindStringSubmatchIndex(w)
	}
	if story == nil && strings.Contains(head, ":") {
		getty = gettyDateline.FindStringSubmatchIndex(w)
		if getty == nil && strings.Contains(w[:min(len(w), 30)], ":") {
			dated = dateDateline.FindStringSubmatchIndex(w)
		}
	}
	switch {
	case story != nil:
		m = story
		agency, ok := agencyName(w[m[10]:m[11]])
		if !ok {
			return dl
		}
		p.datelineCredit = agency
		monthDay, year = reSubmatch(w, m, 3), reSubmatch(w, m, 4)
	case getty != nil:
		m = getty
		monthDay, year = reSubmatch(w, m, 3), reSubmatch(w, m, 4)
	case dated != nil:
		m = dated
		if d, ok := parseMonthDay(reSubmatch(w, m, 1)); ok {
			d.y, _ = strconv.Atoi(reSubmatch(w, m, 2))
			dl.date, dl.hasDate = d, dateExists(d.y, d.m, d.d)
		}
		p.blank(off+m[0], off+m[1])
		return dl
	default:
		return dl
	}
	place, region := reSubmatch(w, m, 1), reSubmatch(w, m, 2)
	if !datelinePlaceOK(place) {
		return dateline{}
	}
	dl.places = datelinePlaces(place, region)
	if monthDay != "" {
		if d, ok := parseMonthDay(monthDay); ok {
			d.y, _ = strconv.Atoi(year)
			if dateExists(d.y, d.m, d.d) {
				dl.date, dl.hasDate = d, true
			}
		}
	}
	p.blank(off+m[0], off+m[1])
	return dl
}

// reSubmatch returns submatch n of a match, or "".
func reSubmatch(s string, m []int, n int) string {
	if 2*n+1 >= len(m) || m[2*n] < 0 {
		return ""
	}
	return s[m[2*n]:m[2*n+1]]
}

// datelinePlaceOK rejects a "place" that is the start of a sentence rather
// than a dateline: a dateline place is in capitals or a known place.
func datelinePlaceOK(s string) bool {
	if allCapsWord(strings.ReplaceAll(s, ".", "")) {
		return true
	}
	return lookupPlace(s) != kindNone
}

// datelinePlaces turns the dateline's place and region into places:
// "WASHINGTON, DC" → "Washington, DC"; "LONDON, ENGLAND" → "London",
// "England"; "NEW YORK, NEW YORK" → "New York".
func datelinePlaces(place, region string) []string {
	place = parseTitleCase(strings.TrimSpace(place))
	region = strings.TrimSpace(region)
	if isDC(region) {
		return []string{normalizeDC(place + ", DC")}
	}
	out := []string{place}
	if region != "" {
		region = datelinePlaceName(region)
		if !strings.EqualFold(region, place) {
			out = append(out, region)
		}
	}
	return out
}

// parseMonthDay reads "Nov 25", "AUGUST 20", "Sept. 8," and "25 November".
func parseMonthDay(s string) (foundDate, bool) {
	toks := ptokenize(strings.TrimRight(s, ", "))
	var d foundDate
	for _, t := range toks {
		if t.kind == ptNum && d.d == 0 {
			d.d = dayOfNum(t)
			continue
		}
		if mm := monthOfAnyCase(t); mm != 0 {
			d.m = mm
		}
	}
	return d, d.m != 0 && d.d != 0
}

// monthOfAnyCase is monthOfWord for datelines, which write months in capitals.
func monthOfAnyCase(t ptoken) int {
	if t.kind != ptWord {
		return 0
	}
	t.text = strings.ToUpper(t.text[:1]) + t.text[1:]
	return monthOfWord(t)
}

// isDC reports the ways captions write the District of Columbia.
func isDC(s string) bool {
	switch strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", "")) {
	case "DC", "D.C.", "D.C":
		return true
	}
	return false
}

// normalizeDC writes "Washington, D.C." and "Washington DC" as
// "Washington, DC".
func normalizeDC(s string) string {
	t := strings.TrimSpace(s)
	for _, suf := range []string{", D.C.", ", D.C", ", DC", " D.C.", " DC", " D.C"} {
		if len(t) > len(suf) && strings.EqualFold(t[len(t)-len(suf):], suf) {
			return strings.TrimSpace(t[:len(t)-len(suf)]) + ", DC"
		}
	}
	return t
}

// sportHeader reads Reuters' sport header: segments joined by " - " (sport,
// competition, match), the venue, then the date, then the caption:
// "Soccer Football - Premier League - Arsenal v Chelsea - Emirates Stadium,
// London, Britain - May 2, 2023 Arsenal's ...". The venue gives the places
// and the date is the dateline's; the whole header is blanked.
func (p *captionParser) sportHeader(off int, w string) (dateline, bool) {
	head := w[:min(len(w), 400)]
	var seps []int
	for i := 0; i < len(head); {
		j := strings.Index(head[i:], " - ")
		if j < 0 {
			break
		}
		seps = append(seps, i+j)
		i += j + 3
	}
	if len(seps) < 3 {
		return dateline{}, false
	}
	for k := 2; k < len(seps); k++ {
		rest := w[seps[k]+3:]
		toks := ptokenize(rest[:min(len(rest), 40)])
		if len(toks) == 0 {
			continue
		}
		d, ok := dateAt(toks, 0)
		if !ok || d.y == 0 {
			continue
		}
		var dl dateline
		dl.date, dl.hasDate = d, true
		for _, pl := range strings.Split(w[seps[k-1]+3:seps[k]], ",") {
			if pl = strings.TrimSpace(pl); pl != "" {
				dl.places = append(dl.places, normalizeDC(pl))
			}
		}
		if len(dl.places) >= 2 && isDC(dl.places[len(dl.places)-1]) {
			n := len(dl.places)
			dl.places = append(dl.places[:n-2], normalizeDC(dl.places[n-2]+", DC"))
		}
		p.blank(off, off+seps[k]+3+toks[d.last].end)
		return dl, true
	}
	return dateline{}, false
}

// agencyDateline reads the date-first and figure-dated datelines of the
// photo agencies (see dateFirstDateline) and blanks them out.
func (p *captionParser) agencyDateline(off int, w string) (dateline, bool) {
	// Each form has a date in figures near the start: look before running
	// the expressions.
	digit := strings.IndexAny(w, "0123456789")
	if digit < 0 || digit > 120 {
		return dateline{}, false
	}
	var places, date string
	var m []int
	if digit <= 25 { // the date-first form starts with its date
		m = dateFirstDateline.FindStringSubmatchIndex(w)
	}
	if m != nil {
		date, places = reSubmatch(w, m, 1), reSubmatch(w, m, 2)
	} else if m = numericDateline.FindStringSubmatchIndex(w); m != nil {
		places, date = reSubmatch(w, m, 1), reSubmatch(w, m, 2)
	} else if m = alamyDateline.FindStringSubmatchIndex(w); m != nil {
		places, date = reSubmatch(w, m, 1), reSubmatch(w, m, 2)
	} else {
		return dateline{}, false
	}
	toks := ptokenize(date)
	if len(toks) == 0 {
		return dateline{}, false
	}
	d, ok := dateAt(toks, 0)
	if !ok || d.y == 0 {
		return dateline{}, false
	}
	var pls []string
	for _, pl := range strings.Split(places, ",") {
		pl = strings.TrimSpace(pl)
		if pl == "" {
			continue
		}
		if lookupPlace(pl) == kindNone && !allCapsWord(strings.ReplaceAll(pl, ".", "")) && !isUSStateCode(pl) {
			// A dateline names places; a run of other capitalised words
			// ("Photo Illustration") is the start of a sentence.
			if len(pls) == 0 && !strings.Contains(places, ",") {
				return dateline{}, false
			}
		}
		pls = append(pls, datelinePlaceName(pl))
	}
	if len(pls) == 0 {
		return dateline{}, false
	}
	// "WASHINGTON DC": one place.
	for i, pl := range pls {
		if n := normalizeDC(pl); n != pl {
			pls[i] = n
		}
	}
	p.blank(off+m[0], off+m[1])
	return dateline{places: pls, date: d, hasDate: true}, true
}

// datelinePlaceName writes a dateline place: name case for a name in
// capitals, but acronyms and state codes as they are ("UK", "CA").
func datelinePlaceName(s string) string {
	if isUSStateCode(s) || len(s) <= 3 && isAcronymLike(s) {
		return s
	}
	return parseTitleCase(s)
}

// isUSStateCode reports the two-letter postal codes of the United States as
// datelines write them ("HOLLYWOOD, CA").
func isUSStateCode(s string) bool {
	switch s {
	case "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
		"KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
		"NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
		"VA", "WA", "WV", "WI", "WY":
		return true
	}
	return false
}
