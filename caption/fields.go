package caption

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Fields holds the editorial (IPTC) fields of one photo: what the editor
// reads and writes. Lists keep their order; empty strings and empty lists
// mean "absent". JSON keys are those of DESIGN.md.
type Fields struct {
	Headline      string   `json:"headline,omitempty"`
	Description   string   `json:"description,omitempty"`
	CaptionWriter string   `json:"captionWriter,omitempty"`
	Byline        []string `json:"byline,omitempty"`
	BylineTitle   string   `json:"bylineTitle,omitempty"`
	Credit        string   `json:"credit,omitempty"`
	Source        string   `json:"source,omitempty"`
	Copyright     string   `json:"copyright,omitempty"`
	Title         string   `json:"title,omitempty"`
	Keywords      []string `json:"keywords,omitempty"`
	Instructions  string   `json:"instructions,omitempty"`
	JobID         string   `json:"jobId,omitempty"`
	// DateCreated is ISO 8601 as far as it is known: "2019-03-08",
	// "2019-03-08T14:22:05" or "2019-03-08T14:22:05-05:00".
	DateCreated  string   `json:"dateCreated,omitempty"`
	City         string   `json:"city,omitempty"`
	Sublocation  string   `json:"sublocation,omitempty"`
	State        string   `json:"state,omitempty"`
	Country      string   `json:"country,omitempty"`
	CountryCode  string   `json:"countryCode,omitempty"`
	PersonsShown []string `json:"personsShown,omitempty"`
}

// Field describes one editable field of Fields.
type Field struct {
	Name  string // JSON key and CLI name, e.g. "headline", "personsShown"
	Label string // human label, e.g. "Persons shown"
	List  bool   // repeated field (by-line, keywords, persons shown)
	// IIMLimit is the maximum length in bytes of one value in IPTC IIM
	// (IIM 4.2); 0 when the field has no IIM dataset.
	IIMLimit int
	get      func(*Fields) *string
	getList  func(*Fields) *[]string
}

// fieldTable lists every field in the order editors see them.
var fieldTable = []Field{
	{Name: "headline", Label: "Headline", IIMLimit: 256, get: func(f *Fields) *string { return &f.Headline }},
	{Name: "description", Label: "Caption", IIMLimit: 2000, get: func(f *Fields) *string { return &f.Description }},
	{Name: "captionWriter", Label: "Caption writer", IIMLimit: 32, get: func(f *Fields) *string { return &f.CaptionWriter }},
	{Name: "byline", Label: "By-line", List: true, IIMLimit: 32, getList: func(f *Fields) *[]string { return &f.Byline }},
	{Name: "bylineTitle", Label: "By-line title", IIMLimit: 32, get: func(f *Fields) *string { return &f.BylineTitle }},
	{Name: "credit", Label: "Credit", IIMLimit: 32, get: func(f *Fields) *string { return &f.Credit }},
	{Name: "source", Label: "Source", IIMLimit: 32, get: func(f *Fields) *string { return &f.Source }},
	{Name: "copyright", Label: "Copyright", IIMLimit: 128, get: func(f *Fields) *string { return &f.Copyright }},
	{Name: "title", Label: "Title", IIMLimit: 64, get: func(f *Fields) *string { return &f.Title }},
	{Name: "keywords", Label: "Keywords", List: true, IIMLimit: 64, getList: func(f *Fields) *[]string { return &f.Keywords }},
	{Name: "instructions", Label: "Instructions", IIMLimit: 256, get: func(f *Fields) *string { return &f.Instructions }},
	{Name: "jobId", Label: "Job ID", IIMLimit: 32, get: func(f *Fields) *string { return &f.JobID }},
	{Name: "dateCreated", Label: "Date created", IIMLimit: 0, get: func(f *Fields) *string { return &f.DateCreated }},
	{Name: "city", Label: "City", IIMLimit: 32, get: func(f *Fields) *string { return &f.City }},
	{Name: "sublocation", Label: "Sub-location", IIMLimit: 32, get: func(f *Fields) *string { return &f.Sublocation }},
	{Name: "state", Label: "State / province", IIMLimit: 32, get: func(f *Fields) *string { return &f.State }},
	{Name: "country", Label: "Country", IIMLimit: 64, get: func(f *Fields) *string { return &f.Country }},
	{Name: "countryCode", Label: "Country code", IIMLimit: 3, get: func(f *Fields) *string { return &f.CountryCode }},
	{Name: "personsShown", Label: "Persons shown", List: true, getList: func(f *Fields) *[]string { return &f.PersonsShown }},
}

// AllFields returns the description of every field, in display order.
func AllFields() []Field { return slices.Clone(fieldTable) }

// LookupField finds a field by name, ignoring case and accepting a few
// common aliases ("caption" for description, "creator" for byline, ...).
func LookupField(name string) (Field, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := fieldAliases[n]; ok {
		n = a
	}
	for _, f := range fieldTable {
		if strings.ToLower(f.Name) == n {
			return f, true
		}
	}
	return Field{}, false
}

var fieldAliases = map[string]string{
	"caption":               "description",
	"creator":               "byline",
	"by-line":               "byline",
	"author":                "byline",
	"bylinetitle":           "bylinetitle",
	"by-line-title":         "bylinetitle",
	"objectname":            "title",
	"object-name":           "title",
	"keyword":               "keywords",
	"rights":                "copyright",
	"person":                "personsshown",
	"persons":               "personsshown",
	"personinimage":         "personsshown",
	"state-province":        "state",
	"province":              "state",
	"location":              "sublocation",
	"sub-location":          "sublocation",
	"writer":                "captionwriter",
	"jobid":                 "jobid",
	"transmissionreference": "jobid",
	"date":                  "datecreated",
}

// Get returns the values of the named field (one value for a text field,
// none when it is empty).
func (f *Fields) Get(name string) ([]string, error) {
	d, ok := LookupField(name)
	if !ok {
		return nil, unknownField(name)
	}
	if d.List {
		return slices.Clone(*d.getList(f)), nil
	}
	if s := *d.get(f); s != "" {
		return []string{s}, nil
	}
	return nil, nil
}

// Text returns the named field as one string; lists are joined with "; ".
func (f *Fields) Text(name string) string {
	v, _ := f.Get(name)
	return strings.Join(v, "; ")
}

// Set replaces the values of the named field. A text field takes at most
// one value; no value clears it.
func (f *Fields) Set(name string, values ...string) error {
	d, ok := LookupField(name)
	if !ok {
		return unknownField(name)
	}
	if d.List {
		var out []string
		for _, v := range values {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		*d.getList(f) = out
		return nil
	}
	switch len(values) {
	case 0:
		*d.get(f) = ""
	case 1:
		*d.get(f) = values[0]
	default:
		return fmt.Errorf("field %q takes one value, got %d", d.Name, len(values))
	}
	return nil
}

// Equal reports whether two Fields hold the same values.
func (f Fields) Equal(g Fields) bool {
	for _, d := range fieldTable {
		a, _ := f.Get(d.Name)
		b, _ := g.Get(d.Name)
		if !slices.Equal(a, b) {
			return false
		}
	}
	return true
}

// IsZero reports whether every field is empty.
func (f Fields) IsZero() bool { return f.Equal(Fields{}) }

// LimitWarnings lists the values that exceed their IPTC IIM length limit.
// The archive keeps the full text; only the IIM copy written on export is
// cut, so these are warnings, never errors.
func (f *Fields) LimitWarnings() []string {
	var out []string
	for _, d := range fieldTable {
		if d.IIMLimit == 0 {
			continue
		}
		vals, _ := f.Get(d.Name)
		for _, v := range vals {
			if len(v) > d.IIMLimit {
				out = append(out, fmt.Sprintf("%s is %d bytes; IPTC IIM allows %d (the IIM copy will be cut on export, XMP keeps it all)", d.Label, len(v), d.IIMLimit))
			}
		}
	}
	return out
}

func unknownField(name string) error {
	names := make([]string, len(fieldTable))
	for i, f := range fieldTable {
		names[i] = f.Name
	}
	return fmt.Errorf("unknown field %q (fields: %s)", name, strings.Join(names, ", "))
}

// ValueError reports a value that a field cannot hold.
type ValueError struct {
	Field, Value, Want string
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("%s: %q is not %s", e.Field, e.Value, e.Want)
}

// CheckDateCreated reports a DateCreated value that is not ISO 8601 as
// far as it is known: "2019", "2019-03", "2019-03-08", optionally with a
// time ("T14:22", "T14:22:05", fractions) and a zone ("Z", "-05:00"),
// on a real calendar day. Exporters write it to IIM 2:55/2:60 and XMP
// photoshop:DateCreated, whose readers expect exactly that.
func CheckDateCreated(s string) error {
	bad := &ValueError{Field: "dateCreated", Value: s, Want: "a date as YYYY-MM-DD (or YYYY-MM, YYYY; a time may follow, as in 2019-03-08T14:22:05-05:00)"}
	date, clock, hasClock := strings.Cut(s, "T")
	layouts := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}
	layout, ok := layouts[len(date)]
	if !ok {
		return bad
	}
	if _, err := time.Parse(layout, date); err != nil {
		return bad
	}
	if !hasClock {
		return nil
	}
	if len(date) != 10 {
		return bad
	}
	for _, l := range []string{"15:04", "15:04:05", "15:04:05.999999999"} {
		for _, zone := range []string{"", "Z07:00", "-0700"} {
			if _, err := time.Parse(l+zone, clock); err == nil {
				return nil
			}
		}
	}
	return bad
}
