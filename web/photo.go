package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
)

// photoView is the photo page: preview, edit form, facts and suggestions,
// credit lines, downloads and history.
type photoView struct {
	base
	P          *archive.Photo
	Q          string // the search the editor came from
	BackURL    string
	Rev        string
	HasPreview bool
	PreviewW   int
	PreviewH   int
	Fields     []fieldView
	Suggest    []suggestion
	Credits    []creditRow
	History    []historyView
	Warnings   []string
	Saved      int
	Errors     []string
	Conflict   bool
	Facts      caption.Facts
	HasFacts   bool
}

// fieldView is one field of the edit form.
type fieldView struct {
	Name, Label string
	List        bool
	Long        bool // a textarea
	Short       bool // half width (location fields)
	Value       string
	Items       []string
	Limit       int  // IIM length limit in bytes, 0 when none
	Over        bool // a value is over the limit
	Bytes       int
}

type historyView struct {
	archive.HistoryEntry
	Label    string
	Old, New string
}

// captionRev identifies a caption's content, so that a save can tell that
// someone else changed the photo since the form was loaded.
func captionRev(f caption.Fields) string {
	b, _ := json.Marshal(f)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// photoID resolves the {id} of a photo URL: a full ID, or a unique prefix
// of at least 8 hex characters.
func (s *Server) photoID(r *http.Request) (archive.ID, error) {
	raw := r.PathValue("id")
	if id, err := archive.ParseID(raw); err == nil {
		return id, nil
	}
	return s.store.Resolve(r.Context(), raw)
}

func (s *Server) photoPage(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	if string(id) != r.PathValue("id") {
		u := "/photos/" + string(id)
		if r.URL.RawQuery != "" {
			u += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, u, http.StatusSeeOther)
		return nil
	}
	p, err := s.store.Photo(r.Context(), id)
	if err != nil {
		return err
	}
	v, err := s.photoView(r, p, p.Caption)
	if err != nil {
		return err
	}
	v.Saved, _ = strconv.Atoi(r.URL.Query().Get("saved"))
	return s.render(w, r, http.StatusOK, "photo", v)
}

// photoView builds the page for p, with form holding the values to show
// (the stored caption, or what the editor submitted when a save failed).
func (s *Server) photoView(r *http.Request, p *archive.Photo, form caption.Fields) (*photoView, error) {
	ctx := r.Context()
	q := r.URL.Query().Get("q")
	if r.Method == http.MethodPost {
		q = r.PostForm.Get("q")
	}
	v := &photoView{
		base: s.base(r, titleOf(p)), P: p, Q: q, BackURL: searchParams{q: q}.url(1),
		Rev: captionRev(p.Caption), HasPreview: s.hasPreview(p), Facts: p.Facts,
		HasFacts: !isZeroFacts(p.Facts),
	}
	v.PreviewW, v.PreviewH = fitBox(p.Width, p.Height, 1280)
	v.Fields = fieldViews(form)
	v.Suggest = suggestions(p)
	v.Warnings = append(slices.Clone(p.Warnings), p.Caption.LimitWarnings()...)
	v.Warnings = slices.Compact(v.Warnings)
	v.Credits = s.creditRows(ctx, p, nil)
	hist, err := s.store.History(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	for i := len(hist) - 1; i >= 0; i-- {
		h := hist[i]
		label := h.Field
		if d, ok := caption.LookupField(h.Field); ok {
			label = d.Label
		}
		v.History = append(v.History, historyView{HistoryEntry: h, Label: label,
			Old: strings.Join(h.Old, "; "), New: strings.Join(h.New, "; ")})
	}
	return v, nil
}

func titleOf(p *archive.Photo) string {
	if p.Caption.Headline != "" {
		return clip(60, p.Caption.Headline)
	}
	return p.Name
}

func isZeroFacts(f caption.Facts) bool {
	return f.Agency == "" && f.Photographer == "" && f.Via == "" && !f.File && !f.Handout && !f.Pool &&
		f.Taken == "" && len(f.People) == 0 && len(f.Places) == 0 && len(f.Restrictions) == 0
}

// longFields are edited in a textarea; shortFields share a row.
var (
	longFields  = map[string]bool{"description": true, "instructions": true}
	shortFields = map[string]bool{"city": true, "sublocation": true, "state": true, "country": true,
		"countryCode": true, "credit": true, "source": true, "dateCreated": true, "jobId": true,
		"captionWriter": true, "bylineTitle": true, "title": true}
)

func fieldViews(f caption.Fields) []fieldView {
	var out []fieldView
	for _, d := range caption.AllFields() {
		vals, _ := f.Get(d.Name)
		fv := fieldView{Name: d.Name, Label: d.Label, List: d.List, Long: longFields[d.Name],
			Short: shortFields[d.Name], Limit: d.IIMLimit}
		if d.List {
			fv.Items = vals
			fv.Value = strings.Join(vals, "\n")
		} else {
			fv.Value = strings.Join(vals, "")
			fv.Bytes = len(fv.Value)
		}
		for _, x := range vals {
			if d.IIMLimit > 0 && len(x) > d.IIMLimit {
				fv.Over = true
			}
		}
		out = append(out, fv)
	}
	return out
}

// errConflict reports a save over a caption that changed since the form
// was loaded.
var errConflict = errors.New("changed since the form was loaded")

// dateCreatedRE accepts the ISO 8601 forms caption.Fields documents.
var dateCreatedRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$`)

// formFields reads the edit form into a copy of cur. Fields absent from
// the form keep their value; list fields take one item per line.
func formFields(form url.Values, cur caption.Fields) (caption.Fields, []string) {
	f := cur
	var problems []string
	for _, d := range caption.AllFields() {
		raw, ok := form[d.Name]
		if !ok {
			continue
		}
		text := strings.ReplaceAll(strings.Join(raw, "\n"), "\r\n", "\n")
		var vals []string
		if d.List {
			for _, item := range strings.Split(text, "\n") {
				if item = strings.TrimSpace(item); item != "" && !slices.Contains(vals, item) {
					vals = append(vals, item)
				}
			}
		} else if t := strings.TrimSpace(text); t != "" {
			if !longFields[d.Name] {
				t = strings.Join(strings.Fields(t), " ") // one line
			}
			vals = []string{t}
		}
		if d.Name == "dateCreated" && len(vals) == 1 && !dateCreatedRE.MatchString(vals[0]) {
			problems = append(problems, fmt.Sprintf("Date created %q: write it as YYYY-MM-DD, optionally with a time (2020-09-16T14:05:00+09:00)", vals[0]))
			continue
		}
		if err := f.Set(d.Name, vals...); err != nil {
			problems = append(problems, err.Error())
		}
	}
	return f, problems
}

// savePhoto handles the edit form. A caption that changed since the form
// was loaded is not overwritten: the page comes back with the editor's
// values and a conflict notice (409), and saving again overwrites.
func (s *Server) savePhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return errStatus(http.StatusBadRequest, err)
	}
	rev := r.PostForm.Get("rev")
	var (
		submitted caption.Fields
		problems  []string
	)
	_, changes, err := s.store.Update(r.Context(), id, userName(r), func(p *archive.Photo) (caption.Fields, error) {
		submitted, problems = formFields(r.PostForm, p.Caption)
		if len(problems) > 0 {
			return p.Caption, nil
		}
		if rev != captionRev(p.Caption) && !submitted.Equal(p.Caption) {
			return p.Caption, errConflict
		}
		return submitted, nil
	})
	if err != nil && !errors.Is(err, errConflict) {
		return err
	}
	if errors.Is(err, errConflict) || len(problems) > 0 {
		p, err2 := s.store.Photo(r.Context(), id)
		if err2 != nil {
			return err2
		}
		v, err2 := s.photoView(r, p, submitted)
		if err2 != nil {
			return err2
		}
		status := http.StatusBadRequest
		v.Errors = append(v.Errors, problems...)
		if errors.Is(err, errConflict) {
			status, v.Conflict = http.StatusConflict, true
		}
		return s.render(w, r, status, "photo", v)
	}
	return s.afterChange(w, r, id, len(changes))
}

// afterChange updates the index, then sends the editor back to the photo
// page (POST, redirect, GET), saying how many fields changed.
func (s *Server) afterChange(w http.ResponseWriter, r *http.Request, id archive.ID, n int) error {
	if n > 0 {
		if err := s.sync(r.Context()); err != nil {
			return err
		}
	}
	v := url.Values{}
	v.Set("saved", strconv.Itoa(n))
	if q := r.PostForm.Get("q"); q != "" {
		v.Set("q", q)
	}
	http.Redirect(w, r, "/photos/"+string(id)+"?"+v.Encode(), http.StatusSeeOther)
	return nil
}

// suggestion is a one-click edit offered from the facts parsed from the
// caption: facts never overwrite what an editor typed, they are offered.
type suggestion struct {
	Label string
	Field string
	Op    string // "set" or "add"
	Value string
}

// suggestions lists the edits the photo's facts suggest and its fields do
// not already have.
func suggestions(p *archive.Photo) []suggestion {
	f, facts := &p.Caption, &p.Facts
	var out []suggestion
	has := func(list []string, v string) bool {
		return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(strings.TrimSpace(x), v) })
	}
	for _, pe := range facts.People {
		if pe.Name != "" && !has(f.PersonsShown, pe.Name) {
			out = append(out, suggestion{"Add " + pe.Name + " to persons shown", "personsShown", "add", pe.Name})
		}
	}
	located := []string{f.City, f.Sublocation, f.State, f.Country, f.CountryCode}
	for _, pl := range facts.Places {
		// "Washington, DC" is located when the city is Washington.
		head, _, _ := strings.Cut(pl, ",")
		if pl != "" && !has(located, pl) && !has(located, strings.TrimSpace(head)) {
			out = append(out, suggestion{"Set city to " + pl, "city", "set", pl})
		}
	}
	if facts.Photographer != "" && !has(f.Byline, facts.Photographer) {
		out = append(out, suggestion{"Add " + facts.Photographer + " to by-line", "byline", "add", facts.Photographer})
	}
	if facts.Agency != "" && f.Credit == "" {
		out = append(out, suggestion{"Set credit to " + facts.Agency, "credit", "set", facts.Agency})
	}
	if facts.Taken != "" && f.DateCreated == "" {
		out = append(out, suggestion{"Set date created to " + facts.Taken, "dateCreated", "set", facts.Taken})
	}
	return out
}

// applySuggestion applies one suggestion without JavaScript (the desk's
// script applies it to the form instead, to be saved with other edits).
func (s *Server) applySuggestion(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return errStatus(http.StatusBadRequest, err)
	}
	field, op, value := r.PostForm.Get("field"), r.PostForm.Get("op"), strings.TrimSpace(r.PostForm.Get("value"))
	d, ok := caption.LookupField(field)
	if !ok || value == "" || (op != "set" && op != "add") {
		return errorf(http.StatusBadRequest, "a suggestion needs a field, op (set or add) and a value")
	}
	_, changes, err := s.store.Update(r.Context(), id, userName(r), func(p *archive.Photo) (caption.Fields, error) {
		f := p.Caption
		cur, _ := f.Get(d.Name)
		if op == "add" && d.List {
			if !slices.Contains(cur, value) {
				cur = append(cur, value)
			}
			return f, f.Set(d.Name, cur...)
		}
		return f, f.Set(d.Name, value)
	})
	if err != nil {
		return err
	}
	return s.afterChange(w, r, id, len(changes))
}

func (s *Server) revertPage(w http.ResponseWriter, r *http.Request) error {
	id, err := s.photoID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return errStatus(http.StatusBadRequest, err)
	}
	seq, err := strconv.ParseInt(r.PostForm.Get("seq"), 10, 64)
	if err != nil || seq <= 0 {
		return errorf(http.StatusBadRequest, "revert needs the number of a history entry")
	}
	_, changes, err := s.revert(r.Context(), id, seq, userName(r))
	if err != nil {
		return err
	}
	return s.afterChange(w, r, id, len(changes))
}

// revert restores the value before history entry seq; an unknown entry is
// a 404.
func (s *Server) revert(ctx context.Context, id archive.ID, seq int64, user string) (*archive.Photo, []archive.FieldChange, error) {
	hist, err := s.store.History(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if !slices.ContainsFunc(hist, func(h archive.HistoryEntry) bool { return h.Seq == seq }) {
		if _, err := s.store.Photo(ctx, id); err != nil {
			return nil, nil, err
		}
		return nil, nil, errorf(http.StatusNotFound, "photo %s has no history entry %d", id.Short(), seq)
	}
	return s.store.Revert(ctx, id, seq, user)
}
