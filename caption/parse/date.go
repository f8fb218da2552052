package parse

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Dates in captions are written "March 08, 2019", "Sept. 8, 2020",
// "Tuesday June 24, 2014", "25 November 2020", "19 Jan 2002", "24-06-2014",
// "2019.03.08", and without a year in datelines and AP's current-year style
// ("Nov 25", "Friday, Jan. 7"). Which of them is the day the picture was
// taken is decided by chooseTaken.

// foundDate is a date written in the caption.
type foundDate struct {
	y, m, d     int // y is 0 when the caption gives no year
	first, last int // token range
	taken       bool
	excluded    bool
	// ambiguous is set on a slashed date that reads either way
	// ("08/10/2023"): day first, unless the caption is American.
	ambiguous bool
}

// monthOfWord returns the month a word names (1–12), or 0. The word must be
// capitalised or in capitals: "may" and "march" are verbs.
func monthOfWord(t ptoken) int {
	if t.kind != ptWord || !t.isCap() {
		return 0
	}
	switch t.lower() {
	case "jan", "january":
		return 1
	case "feb", "february":
		return 2
	case "mar", "march":
		return 3
	case "apr", "april":
		return 4
	case "may":
		return 5
	case "jun", "june":
		return 6
	case "jul", "july":
		return 7
	case "aug", "august":
		return 8
	case "sep", "sept", "september":
		return 9
	case "oct", "october":
		return 10
	case "nov", "november":
		return 11
	case "dec", "december":
		return 12
	}
	return 0
}

// weekdayWord reports a day name, full or abbreviated.
func weekdayWord(t ptoken) bool {
	if t.kind != ptWord || !t.isCap() {
		return false
	}
	switch t.lower() {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun":
		return true
	}
	return false
}

// dayOfNum reads a day of the month ("8", "08", "8th", "21st"), or 0.
func dayOfNum(t ptoken) int {
	if t.kind != ptNum {
		return 0
	}
	s := strings.ToLower(t.text)
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	if len(s) == 0 || len(s) > 2 || !allDigits(s) {
		return 0
	}
	d, _ := strconv.Atoi(s)
	if d < 1 || d > 31 {
		return 0
	}
	return d
}

// yearOfNum reads a four-digit year between 1826 (the first photograph) and
// 2200, or 0.
func yearOfNum(t ptoken) int {
	if t.kind != ptNum || len(t.text) != 4 || !allDigits(t.text) {
		return 0
	}
	y, _ := strconv.Atoi(t.text)
	if y < 1826 || y > 2200 {
		return 0
	}
	return y
}

// dateExists reports whether the day exists in that month (of that year, or
// of a leap year when the year is unknown).
func dateExists(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	yy := y
	if yy == 0 {
		yy = 2000
	}
	return d <= time.Date(yy, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// findDates lists the dates written in the working text, with what their
// context says about them.
func (p *captionParser) findDates() []foundDate {
	toks := p.toks
	var out []foundDate
	for i := 0; i < len(toks); i++ {
		d, ok := dateAt(toks, i)
		if !ok {
			continue
		}
		if len(out) > 0 && d.first <= out[len(out)-1].last {
			continue
		}
		prevEnd := -1
		if len(out) > 0 {
			prevEnd = out[len(out)-1].last
		}
		d.taken, d.excluded = dateContext(toks, d.first, d.last, prevEnd)
		out = append(out, d)
		i = d.last
	}
	return out
}

// dateAt reads a date whose first token is at i (or whose month is at i,
// for the day-first forms, in which case the range starts at the day).
func dateAt(toks []ptoken, i int) (foundDate, bool) {
	t := toks[i]
	if t.kind == ptNum {
		if d, ok := numericDate(toks, i); ok {
			return d, true
		}
		// Day first: "25 November 2020", "8th of March".
		day := dayOfNum(t)
		if day == 0 {
			return foundDate{}, false
		}
		j := i + 1
		if j < len(toks) && toks[j].kind == ptWord && toks[j].lower() == "of" {
			j++
		}
		if j >= len(toks) {
			return foundDate{}, false
		}
		m := monthOfWord(toks[j])
		if m == 0 {
			return foundDate{}, false
		}
		d := foundDate{m: m, d: day, first: i, last: j}
		k := j + 1
		if k < len(toks) && toks[k].is(",") {
			k++
		}
		if k < len(toks) {
			if y := yearOfNum(toks[k]); y != 0 {
				d.y, d.last = y, k
			}
		}
		return d, dateExists(d.y, d.m, d.d)
	}
	first := i
	if weekdayWord(t) {
		// "Tuesday June 24, 2014", "Friday, Jan. 7": the weekday belongs to
		// the date.
		j := i + 1
		if j < len(toks) && toks[j].is(",") {
			j++
		}
		if j >= len(toks) || monthOfWord(toks[j]) == 0 {
			return foundDate{}, false
		}
		i = j
		t = toks[i]
	}
	m := monthOfWord(t)
	if m == 0 || i+1 >= len(toks) {
		return foundDate{}, false
	}
	day := dayOfNum(toks[i+1])
	if day == 0 || (i+2 < len(toks) && toks[i+2].is(":") && i+3 < len(toks) && toks[i+3].kind == ptNum && !toks[i+3].space) {
		return foundDate{}, false
	}
	d := foundDate{m: m, d: day, first: first, last: i + 1}
	k := i + 2
	if k < len(toks) && toks[k].is(",") {
		k++
	}
	if k < len(toks) {
		if y := yearOfNum(toks[k]); y != 0 {
			d.y, d.last = y, k
		}
	}
	return d, dateExists(d.y, d.m, d.d)
}

// numericDate reads "24-06-2014", "24.06.2014", "2019-03-08", "2019.03.08"
// (one token) and "24/06/2014" (five tokens). Day-month-year is assumed
// unless the first number is a year or the second cannot be a month.
func numericDate(toks []ptoken, i int) (foundDate, bool) {
	var nums []string
	last := i
	t := toks[i]
	switch {
	case strings.ContainsAny(t.text, "-."):
		nums = strings.FieldsFunc(t.text, func(r rune) bool { return r == '-' || r == '.' })
	case i+4 < len(toks) && toks[i+1].is("/") && toks[i+3].is("/") && !toks[i+1].space && !toks[i+2].space && !toks[i+3].space && !toks[i+4].space:
		nums = []string{t.text, toks[i+2].text, toks[i+4].text}
		last = i + 4
	}
	if len(nums) != 3 {
		return foundDate{}, false
	}
	var v [3]int
	for k, n := range nums {
		if !allDigits(n) || len(n) > 4 {
			return foundDate{}, false
		}
		v[k], _ = strconv.Atoi(n)
	}
	var y, m, d int
	ambiguous := false
	if len(nums[2]) == 2 && len(nums[0]) <= 2 && afterDated(toks, i) {
		// PA's "File photo dated 07/07/16": day, month, two-digit year.
		if v[2] += 2000; v[2] >= 2070 {
			v[2] -= 100
		}
		nums[2] = strconv.Itoa(v[2])
	}
	switch {
	case len(nums[0]) == 4:
		y, m, d = v[0], v[1], v[2]
	case len(nums[2]) == 4:
		y, m, d = v[2], v[1], v[0]
		if m > 12 && d <= 12 {
			m, d = d, m // 06/24/2014, US order
		}
		ambiguous = last > i && m <= 12 && d <= 12 && m != d
	default:
		return foundDate{}, false
	}
	if y < 1826 || y > 2200 || !dateExists(y, m, d) {
		return foundDate{}, false
	}
	return foundDate{y: y, m: m, d: d, first: i, last: last, ambiguous: ambiguous}, true
}

// afterDated reports a date right after "dated" or "taken", where a
// two-digit year can be trusted.
func afterDated(toks []ptoken, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if toks[k].kind == ptWord {
			switch toks[k].lower() {
			case "dated", "taken":
				return true
			}
			return false
		}
	}
	return false
}

// dateContext reads the words before (and, for AP's "In this <date>, file
// photo", after) a date. A date is marked taken when the caption says so
// ("This picture taken on", "A file picture dated", "Picture date:") and
// excluded when it dates something else (a release, a birth, a deadline).
// The look-back stops at the previous date and at sentence ends.
func dateContext(toks []ptoken, first, last, prevEnd int) (taken, excluded bool) {
	nearestExcl := -1
	// clause is set once the look-back crosses a comma with words between
	// it and the date: "In this photo provided by the press office,
	// Zelenskyy attends a meeting in Kyiv, Monday, June 5, 2023". A release
	// verb before that comma dates the release phrase, which has ended; the
	// date belongs to the next clause. A comma right before the date (", on
	// June 5") keeps it in the phrase: "released by KCNA, March 21, 2013".
	clause := false
	between := 0 // words between the date and the look-back, "on" aside
	for k, n := first-1, 0; k > prevEnd && n < 16; k-- {
		t := toks[k]
		if t.kind == ptPunct && (t.text == "." || t.text == "|" || t.text == "!" || t.text == "?") {
			break
		}
		if t.kind == ptPunct && t.text == "," && between > 0 {
			clause = true
		}
		if t.kind != ptWord {
			continue
		}
		n++
		if t.lower() != "on" {
			between++
		}
		switch t.lower() {
		case "date":
			if k > 0 && toks[k-1].kind == ptWord {
				switch toks[k-1].lower() {
				case "issue", "release", "publication", "transmission", "embargo", "expiry":
					// PA's "Issue date: Friday February 3, 2017": when the
					// picture was sent, not taken.
					if nearestExcl < 0 {
						nearestExcl = k
					}
					continue
				}
			}
			return true, false
		case "taken", "dated", "shot", "photographed", "pictured", "filmed":
			return true, false
		case "released", "issued", "published", "posted", "distributed", "obtained", "provided", "supplied":
			if nearestExcl < 0 && !clause {
				nearestExcl = k
			}
		case "born", "died", "since", "until", "till", "scheduled", "due", "expected", "slated", "ahead",
			"deadline", "postponed", "delayed", "killed", "assassinated", "murdered", "slain", "executed",
			"buried", "founded":
			// These date what follows them closely ("died on March 3",
			// "since March 1", "ahead of the May 4 vote"), not a date a
			// clause later: "for the first time since the shootings in
			// Chardon, Ohio March 1, 2012", "who died at the age of 99, at
			// St George's Chapel, in Windsor, Britain, April 17, 2021".
			if nearestExcl < 0 && n <= 4 {
				nearestExcl = k
			}
		}
	}
	// "In this Sept. 8, 2020, file photo" and "In this 2019 photo".
	if first > 0 && toks[first-1].kind == ptWord && toks[first-1].lower() == "this" {
		for k := last + 1; k < len(toks) && k <= last+4; k++ {
			switch toks[k].lower() {
			case "photo", "picture", "image", "photograph", "file", "handout":
				return true, false
			}
		}
	}
	return false, nearestExcl >= 0
}

// chooseTaken decides the date the picture was taken, as YYYY-MM-DD, or "".
// A date the caption marks as the picture's wins; then the dateline's date
// ("LONDON, ENGLAND - AUGUST 20:", "SEOUL, Nov 25 (Reuters)"); then the
// first date with a year that dates nothing else; then the first date
// without one. A missing year comes from another full date of the caption,
// else from ParseOptions.Reference (the latest year that does not put the
// date after it), else the date is left out. A caption that calls its
// picture undated has no date taken unless one is marked as such.
//
// american says the caption is from the United States, where "08/10/2023"
// is August 10.
func (p *captionParser) chooseTaken(dl dateline, dates []foundDate, american bool) string {
	var anchors []foundDate
	for i, d := range dates {
		if d.ambiguous && american && dateExists(d.y, d.d, d.m) {
			dates[i].m, dates[i].d = d.d, d.m
			d = dates[i]
		}
		if d.y != 0 {
			anchors = append(anchors, d)
		}
	}
	if dl.hasDate && dl.date.y != 0 {
		anchors = append([]foundDate{dl.date}, anchors...)
	}
	resolve := func(d foundDate) string {
		if d.y != 0 {
			return formatYMD(d.y, d.m, d.d)
		}
		for _, a := range anchors {
			if a.m == d.m && a.d == d.d {
				return formatYMD(a.y, d.m, d.d)
			}
		}
		switch {
		case len(anchors) > 0:
			// Another date of the caption: the year-less one may come before
			// or after it ("taken on July 27, 2023 and released on July 28").
			a := anchors[0]
			return nearestYear(d.m, d.d, time.Date(a.y, time.Month(a.m), a.d, 12, 0, 0, 0, time.UTC))
		case !p.opts.Reference.IsZero():
			// The reference is when the photo was taken or ingested, or
			// today: the picture cannot be from after it.
			return latestYear(d.m, d.d, p.opts.Reference)
		}
		return ""
	}
	for _, d := range dates {
		if d.taken {
			return resolve(d)
		}
	}
	if p.undatedPicture() {
		// "seen in this undated handout photo": the caption says nobody
		// knows when the picture was taken, so its other dates are the
		// story's ("who was killed on July 8, 2022") or a release's.
		return ""
	}
	if dl.hasDate {
		return resolve(dl.date)
	}
	if p.weekdayOnlyLead(dates) {
		// "Supporters gather in Sanaa on Thursday. Rebels captured the city
		// on September 21, 2014": the picture's day is a weekday without a
		// date; the later dates are the story's.
		return ""
	}
	for _, d := range dates {
		if !d.excluded && d.y != 0 {
			return resolve(d)
		}
	}
	for _, d := range dates {
		if !d.excluded {
			return resolve(d)
		}
	}
	return ""
}

// undatedPicture reports a caption that calls its picture undated: "this
// undated handout photo", "an undated file picture".
func (p *captionParser) undatedPicture() bool {
	toks := p.toks
	for i, t := range toks {
		if t.kind != ptWord || t.lower() != "undated" {
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+3; k++ {
			switch toks[k].lower() {
			case "photo", "photos", "picture", "pictures", "image", "images", "photograph", "photographs",
				"handout", "file", "still", "screengrab", "screenshot", "video":
				return true
			}
		}
	}
	return false
}

// weekdayOnlyLead reports a first sentence that dates the picture by a
// weekday alone ("on Thursday") and holds no date.
func (p *captionParser) weekdayOnlyLead(dates []foundDate) bool {
	toks := p.toks
	stop := len(toks)
	for i, t := range toks {
		if t.kind == ptPunct && (t.text == "." || t.text == "|" || t.text == "!" || t.text == "?") && i > 3 {
			stop = i
			break
		}
	}
	for _, d := range dates {
		if d.first < stop {
			return false
		}
	}
	for i := 1; i < stop; i++ {
		if weekdayWord(toks[i]) && toks[i-1].kind == ptWord && toks[i-1].lower() == "on" {
			return true
		}
	}
	return false
}

// nearestYear dates month/day in the year that puts it nearest to ref.
func nearestYear(m, d int, ref time.Time) string {
	best, bestDist := "", time.Duration(1<<62)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if !dateExists(y, m, d) {
			continue
		}
		t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
		dist := t.Sub(ref)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = formatYMD(y, m, d), dist
		}
	}
	return best
}

// latestYear dates month/day on its last occurrence on or before the day of
// ref, no more than a year earlier; "" when there is none (29 February
// with no leap day in that year). Two days of grace after ref allow for
// time zones (Seoul's "Nov 27" while it is still the 26th in London) and
// camera clocks a day out.
func latestYear(m, d int, ref time.Time) string {
	ry, rm, rd := ref.AddDate(0, 0, 2).Date()
	for y := ry; y >= ry-1; y-- {
		if !dateExists(y, m, d) {
			continue
		}
		if y < ry || m < int(rm) || m == int(rm) && d <= rd {
			return formatYMD(y, m, d)
		}
	}
	return ""
}

func formatYMD(y, m, d int) string {
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}
