package caption

import (
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Vars is what {variables} are filled from: the photo's own metadata, as
// the caller read it. Nothing here reads a clock or a file, so the same
// Vars always give the same text.
type Vars struct {
	// Fields are the photo's editorial fields; every field is a variable
	// under its JSON name ({headline}, {city}, {captionWriter}...) and
	// its aliases ({caption}, {creator}...). Lists join with "; ".
	Fields Fields
	// Facts are the facts parsed from the caption; they supply
	// {photographer}, {agency} and {via} when the fields do not.
	Facts Facts
	// Taken is when the picture was taken. When zero, the date variables
	// come from Fields.DateCreated, then Facts.Taken.
	Taken time.Time
	// Filename is the photo's file name as ingested ("DSC_0042.JPG").
	Filename string
	// Extra holds caller-defined variables (a camera serial number, a job
	// name). Names ignore case and take precedence over the built-ins.
	Extra map[string]string
}

// VarNames lists the built-in variables other than the field names, for
// help texts and editors' completion. See Vars.Lookup for their values.
func VarNames() []string {
	return []string{
		"photographer", "agency", "via",
		"date", "apdate", "isodate", "monthname", "monthname3", "month", "month2",
		"day", "day2", "year4", "year2", "weekday",
		"filename", "filenamebase",
	}
}

// Lookup returns the value of the variable name and whether the name is
// known. A known variable may have an empty value. Names ignore case.
//
//	{photographer}  the credited photographer, from the facts or the first
//	                by-line that names a person, in name case ("JUNG
//	                YEON-JE" → "Jung Yeon-je")
//	{agency} {via}  the credited agency and the provider it distributes
//	                for, normalised ("AFP", "Getty Images")
//	{date}          "March 8, 2019"
//	{apdate}        AP style: "March 8, 2019", "Sept. 16, 2020"
//	{isodate}       "2019-03-08"
//	{monthname}     "March";  {monthname3} "Mar"
//	{month} {day}   "3", "8";  {month2} {day2} "03", "08"
//	{year4} {year2} "2019", "19"
//	{weekday}       "Friday"
//	{filename}      "DSC_0042.JPG";  {filenamebase} "DSC_0042"
//	{<field>}       any field of Fields by JSON name or alias
//
// A date variable is empty when the date is not known to that precision
// (a DateCreated of "2019" gives {year4} but an empty {day}).
func (v Vars) Lookup(name string) (string, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if val, ok := v.extra(n); ok {
		return val, true
	}
	switch n {
	case "photographer":
		return creditResolve(CreditInput{Fields: v.Fields, Facts: v.Facts}).photographerName(), true
	case "agency":
		return creditResolve(CreditInput{Fields: v.Fields, Facts: v.Facts}).distributor(), true
	case "via":
		return creditResolve(CreditInput{Fields: v.Fields, Facts: v.Facts}).provider(), true
	case "filename":
		return v.Filename, true
	case "filenamebase":
		if v.Filename == "" {
			return "", true
		}
		base := path.Base(strings.ReplaceAll(v.Filename, "\\", "/"))
		return strings.TrimSuffix(base, path.Ext(base)), true
	}
	if val, ok := v.dateVar(n); ok {
		return val, true
	}
	if _, ok := LookupField(n); ok {
		return v.Fields.Text(n), true
	}
	return "", false
}

// extra finds a caller-defined variable: the exact lower-case key first,
// then the first key (in sorted order) that matches ignoring case, so the
// answer never depends on map order.
func (v Vars) extra(n string) (string, bool) {
	if val, ok := v.Extra[n]; ok {
		return val, true
	}
	keys := make([]string, 0, len(v.Extra))
	for k := range v.Extra {
		if strings.EqualFold(k, n) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return "", false
	}
	slices.Sort(keys)
	return v.Extra[keys[0]], true
}

// varsPrecision says how much of a date is known.
type varsPrecision int

const (
	varsNoDate varsPrecision = iota
	varsYear
	varsMonth
	varsDay
)

// taken returns the capture date and how precisely it is known.
func (v Vars) taken() (time.Time, varsPrecision) {
	if !v.Taken.IsZero() {
		return v.Taken, varsDay
	}
	if t, p := varsParseDate(v.Fields.DateCreated); p != varsNoDate {
		return t, p
	}
	return varsParseDate(v.Facts.Taken)
}

// varsParseDate reads the date part of an ISO 8601 value: "2019",
// "2019-03", "2019-03-08" and anything longer that starts with a full
// date ("2019-03-08T14:22:05-05:00"). The date is taken as written, in the
// photo's own time zone: converting it would move late-evening pictures to
// the next day.
func varsParseDate(s string) (time.Time, varsPrecision) {
	s = strings.TrimSpace(s)
	num := func(a, b int) (int, bool) {
		if len(s) < b {
			return 0, false
		}
		n, err := strconv.Atoi(s[a:b])
		return n, err == nil && s[a] != '+' && s[a] != '-'
	}
	y, ok := num(0, 4)
	if !ok || y < 1 {
		return time.Time{}, varsNoDate
	}
	if len(s) < 7 || s[4] != '-' {
		if len(s) == 4 {
			return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), varsYear
		}
		return time.Time{}, varsNoDate
	}
	m, ok := num(5, 7)
	if !ok || m < 1 || m > 12 {
		return time.Time{}, varsNoDate
	}
	if len(s) < 10 || s[7] != '-' {
		return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), varsMonth
	}
	d, ok := num(8, 10)
	if !ok || d < 1 || d > 31 {
		return time.Time{}, varsNoDate
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // February 30 and the like
		return time.Time{}, varsNoDate
	}
	return t, varsDay
}

// dateVar computes the date variables.
func (v Vars) dateVar(name string) (string, bool) {
	need := varsDay
	switch name {
	case "year4", "year2":
		need = varsYear
	case "monthname", "monthname3", "month", "month2":
		need = varsMonth
	case "date", "apdate", "isodate", "day", "day2", "weekday":
	default:
		return "", false
	}
	t, prec := v.taken()
	if prec < need {
		return "", true
	}
	switch name {
	case "year4":
		return strconv.Itoa(t.Year()), true
	case "year2":
		return t.Format("06"), true
	case "monthname":
		return t.Month().String(), true
	case "monthname3":
		return t.Month().String()[:3], true
	case "month":
		return strconv.Itoa(int(t.Month())), true
	case "month2":
		return t.Format("01"), true
	case "day":
		return strconv.Itoa(t.Day()), true
	case "day2":
		return t.Format("02"), true
	case "weekday":
		return t.Weekday().String(), true
	case "isodate":
		return t.Format("2006-01-02"), true
	case "apdate":
		return varsAPMonth(t.Month()) + " " + strconv.Itoa(t.Day()) + ", " + strconv.Itoa(t.Year()), true
	default: // "date"
		return t.Month().String() + " " + strconv.Itoa(t.Day()) + ", " + strconv.Itoa(t.Year()), true
	}
}

// varsAPMonth abbreviates a month as AP style does before a day: Jan.,
// Feb., Aug., Sept., Oct., Nov., Dec.; March to July are spelled out
// (AP Stylebook, "months").
func varsAPMonth(m time.Month) string {
	switch m {
	case time.January, time.February, time.August, time.October, time.November, time.December:
		return m.String()[:3] + "."
	case time.September:
		return "Sept."
	}
	return m.String()
}

// The brace syntax shared by field templates, --set values and the house
// credit template:
//
//	{name}               the value of a variable; names ignore case
//	{if name} … {end}    the text between, only when name has a value
//	{if not name} … {end}
//	{if a} … {else if b} … {else} … {end}
//	{{                   a literal "{"
//
// A "{" that does not open one of these forms ("{ ", "{3,5}", a brace
// with no closing "}" on the same line) is literal text, so that ordinary
// captions need no escaping. A "}" on its own is always literal.
// Conditions nest at most 16 deep.
//
// ExpandVars fills the {variables} in text from v. It returns the text,
// the problems met (unknown variables, left as typed; variables with no
// value, left out) and an error only when the {if}/{end} structure is
// broken (a *TemplateError).
func ExpandVars(text string, v Vars) (string, []string, error) {
	nodes, err := tmplParse(text)
	if err != nil {
		return "", nil, err
	}
	out, problems := tmplExec(nodes, v.Lookup)
	return out, problems, nil
}

// ExpandText expands Photo Mechanic codes, then variables, in text: what
// "cutline caption --set" and templates do to a value.
//
// Codes come first for two reasons. A code's replacement is the editor's
// own text and may itself hold variables ("=sel=" → "SEOUL, South Korea,
// {apdate}"), which the second pass fills. And variable values come from
// the photo's metadata, that is from whoever wrote the file: expanding
// them first would let a by-line or caption that contains "=potus="
// trigger the editor's codes. Each pass runs once, so no value is ever
// expanded again. As in Photo Mechanic, a code may be built from
// variables ("={serialnum}#2="): those are filled inside the code only,
// to find it.
//
// The problems are the unexpanded codes ("unknown code =xx=", "code
// =aoc#3=: aoc has no replacement #3") followed by the variable problems
// of ExpandVars.
func ExpandText(text string, codes *Codes, v Vars) (string, []string, error) {
	resolve := func(code string) string {
		nodes, err := tmplParse(code)
		if err != nil {
			return code
		}
		out, _ := tmplExec(nodes, v.Lookup)
		return out
	}
	expanded, unknown := codes.expand(text, resolve)
	var problems []string
	for _, u := range unknown {
		problems = append(problems, codes.describe(u))
	}
	out, vp, err := ExpandVars(expanded, v)
	if err != nil {
		return "", problems, err
	}
	return out, append(problems, vp...), nil
}
