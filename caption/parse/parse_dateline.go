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
		region = parseTitleCase(region)
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
