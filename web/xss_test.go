package web

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/demo"
)

// payload is hostile text that calls xss(tag) if it ever runs: a script
// element, an image with an error handler, an svg with a load handler, an
// escape from a textarea and the title, and a javascript: URL.
func payload(tag string) string {
	return `<script>xss("` + tag + `")</script>"><img src=x onerror=xss("` + tag + `")>'><svg onload=xss("` + tag +
		`")></textarea></title><script>xss("` + tag + `")</script> javascript:xss("` + tag + `")`
}

// hostileFields puts a payload in every caption field (two in lists).
// IIM cuts most fields to 32 bytes, which still leaves markup.
func hostileFields(t *testing.T, prefix string) *caption.Fields {
	var f caption.Fields
	for _, d := range caption.AllFields() {
		vals := []string{payload(prefix + "-" + d.Name)}
		if d.List {
			vals = append(vals, `"><img src=x onerror=xss("`+prefix+"-"+d.Name+`-2")>`)
		}
		if err := f.Set(d.Name, vals...); err != nil {
			t.Fatal(err)
		}
	}
	return &f
}

// hostileName is a file name that would be markup; it has no "/" since
// uploads keep the base name only.
const hostileName = `"><img src=x onerror=xss("name")>'><svg onload=xss("name2")>.jpg`

// hostilePhotos makes two JPEGs: one with payloads in every IPTC IIM, XMP
// and EXIF text field (the IIM and XMP ones differ, so the warnings quote
// both), and one whose caption comes from EXIF text only.
func hostilePhotos(t *testing.T) (full, exifOnly []byte) {
	t.Helper()
	base, err := demo.Photo(80, &demo.Options{Small: true})
	if err != nil {
		t.Fatal(err)
	}
	clean, err := demo.Embed(base.Data, demo.Metadata{}) // drop the demo's own metadata
	if err != nil {
		t.Fatal(err)
	}
	clean = dropEXIF(clean)
	iim := hostileFields(t, "iim")
	iim.DateCreated = "2020-09-16" // IIM dates are digits; the XMP one is hostile
	exif := &demo.EXIF{
		Orientation: 1, Make: payload("exif-make"), Model: payload("exif-model"), Lens: payload("exif-lens"),
		Description: payload("exif-description"), Artist: payload("exif-artist"), Copyright: payload("exif-copyright"),
	}
	if full, err = demo.Embed(clean, demo.Metadata{IIM: iim, XMP: hostileFields(t, "xmp"), EXIF: exif}); err != nil {
		t.Fatal(err)
	}
	other, err := demo.Photo(81, &demo.Options{Small: true})
	if err != nil {
		t.Fatal(err)
	}
	clean2, err := demo.Embed(other.Data, demo.Metadata{})
	if err != nil {
		t.Fatal(err)
	}
	if exifOnly, err = demo.Embed(dropEXIF(clean2), demo.Metadata{EXIF: exif}); err != nil {
		t.Fatal(err)
	}
	return full, exifOnly
}

// dropEXIF removes an APP1 EXIF segment right after SOI.
func dropEXIF(b []byte) []byte {
	if len(b) > 6 && b[2] == 0xFF && b[3] == 0xE1 {
		n := int(b[4])<<8 | int(b[5])
		return append(b[:2:2], b[4+n:]...)
	}
	return b
}

// hostileFixture ingests the hostile photos through the upload API (with
// hostile file names) and edits one, so that its history holds payloads.
func hostileFixture(t *testing.T, accounts bool) (*fixture, []archive.ID) {
	f := newFixture(t, fixtureOptions{photos: 3, accounts: accounts})
	user := ""
	if accounts {
		user = "ed"
	}
	full, exifOnly := hostilePhotos(t)
	w := f.do(user, "POST", "/api/upload", upload(map[string][]byte{hostileName: full, "exif-" + hostileName: exifOnly}, hostileName, "exif-"+hostileName))
	rep := decode[archive.Report](t, w)
	if w.Code != http.StatusOK || len(rep.Ingested) != 2 {
		t.Fatalf("hostile upload: %d %+v", w.Code, rep)
	}
	ids := []archive.ID{rep.Ingested[0].ID, rep.Ingested[1].ID}
	p := f.photo(ids[0])
	if !strings.Contains(p.Caption.Headline, `<script>xss("xmp-headline")`) || !strings.Contains(p.Camera.Make, "<script>") ||
		!strings.Contains(f.photo(ids[1]).Caption.Description, `xss("exif-description")`) {
		t.Fatalf("the payloads did not reach the archive: %+v %+v", p.Caption, p.Camera)
	}
	if _, _, err := f.store.Update(context.Background(), ids[0], user, func(p *archive.Photo) (caption.Fields, error) {
		c := p.Caption
		c.Headline = payload("edit-headline")
		return c, nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := f.srv.sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	return f, ids
}

// rawMarkup matches a payload that reached a page as markup rather than text.
var rawMarkup = regexp.MustCompile(`<script>xss|<img src=x|<svg onload|</textarea></title>|(?i)(href|src|action)="\s*javascript:`)

// TestXSSPagesEscape renders every page that shows the hostile photos'
// metadata and checks that no payload is markup in the HTML, and that
// each was really there (escaped), so that the check cannot pass on a
// page that simply left the text out.
func TestXSSPagesEscape(t *testing.T) {
	f, ids := hostileFixture(t, true)
	a, b := string(ids[0]), string(ids[1])
	pages := []struct {
		name, method, path string
		body               *body
		shows              string // a tag whose escaped payload the page must show
	}{
		{"search page", "GET", "/", nil, "edit-headline"},
		{"search with highlights", "GET", "/?q=xss", nil, "edit-headline"},
		{"hostile query", "GET", "/?q=" + url.QueryEscape(`<script>xss("q")</script>`), nil, ""},
		{"hostile query error", "GET", "/?q=" + url.QueryEscape(`person:"><img src=x onerror=xss("q2")>`), nil, ""},
		{"photo page", "GET", "/photos/" + a, nil, "xmp-description"},
		{"photo page, EXIF captions", "GET", "/photos/" + b, nil, "exif-description"},
		{"hostile ID", "GET", "/photos/" + url.PathEscape(`<script>xss("id")</script>`), nil, ""},
		{"batch report", "POST", "/batch", form("id", a, "id", b, "mode", "template", "template", "keywords+: "+payload("batch")), "batch"},
		{"upload report", "POST", "/upload", upload(map[string][]byte{hostileName: []byte("not a JPEG")}, hostileName), ""},
		{"login page", "GET", "/login?next=" + url.QueryEscape(`/"><script>xss("next")</script>`), nil, ""},
	}
	for _, p := range pages {
		user := "ed"
		if strings.HasPrefix(p.path, "/login") {
			user = ""
		}
		w := f.do(user, p.method, p.path, p.body)
		page := w.Body.String()
		if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: Content-Type %q", p.name, w.Header().Get("Content-Type"))
		}
		if m := rawMarkup.FindAllString(page, 3); m != nil {
			t.Errorf("%s (%d): payload as markup: %q", p.name, w.Code, m)
		}
		if p.shows != "" && !strings.Contains(page, `&lt;script&gt;xss(&#34;`+p.shows+`&#34;)`) {
			t.Errorf("%s: the escaped payload %s is not on the page, so the check proves nothing", p.name, p.shows)
		}
	}
	// The facet links built from hostile credits, places and persons.
	for _, link := range links(f.do("ed", "GET", "/", nil).Body.String(), "/?q=") {
		w := f.do("ed", "GET", link, nil)
		if m := rawMarkup.FindAllString(w.Body.String(), 3); m != nil {
			t.Errorf("facet page %s: payload as markup: %q", link, m)
		}
	}
	// JSON never carries raw markup either (encoding/json escapes < > &).
	for _, path := range []string{"/api/photos/" + a, "/api/search?q=xss", "/api/photos/" + a + "/history", "/api/photos/" + a + "/credit"} {
		w := f.do("ed", "GET", path, nil)
		if strings.Contains(w.Body.String(), "<") {
			t.Errorf("%s: raw < in JSON", path)
		}
	}
	// Downloads name the file safely.
	w := f.do("ed", "GET", "/photos/"+a+"/original", nil)
	if cd := w.Header().Get("Content-Disposition"); strings.ContainsAny(cd, "<>") || !strings.HasPrefix(cd, "attachment;") {
		t.Errorf("Content-Disposition %q", cd)
	}
}

// TestBrowserXSS shows the hostile photos on every page in Chromium and
// checks, on each, that no payload ran, none was blocked by the CSP (which
// would mean it had become markup) and no element a payload would make is
// in the DOM.
func TestBrowserXSS(t *testing.T) {
	f, ids := hostileFixture(t, false)
	b := newBrowser(t, f.h)
	for _, path := range []string{
		"/",
		"/?q=xss",
		"/?q=" + url.QueryEscape(`<script>xss("q")</script>`),
		"/?q=" + url.QueryEscape(`person:"><img src=x onerror=xss("q2")>`),
		"/photos/" + string(ids[0]),
		"/photos/" + string(ids[1]),
		"/photos/" + url.PathEscape(`<img src=x onerror=xss("id")>`),
	} {
		b.open(path)
		b.checkPage(path)
	}
	// Live search swaps in results that carry the payloads.
	b.open("/")
	b.do(chromedp.SendKeys(chromedp.ID("q"), "xss"))
	b.waitFor(`document.getElementById("total").textContent === "2"`)
	b.checkPage("live search results")
	// Every facet, as an editor clicks it.
	for _, href := range eval[[]string](b, `Array.from(document.querySelectorAll(".facet a")).map(a => a.getAttribute("href"))`) {
		b.open(href)
		b.checkPage("facet " + href)
	}
	// Chips and suggestions on the photo page are built by the script.
	b.open("/photos/" + string(ids[0]))
	if n := eval[int](b, `document.querySelectorAll(".chip").length`); n == 0 {
		t.Errorf("no chips on the photo page")
	}
	b.checkPage("photo page with chips")
	// Copying a hostile credit line copies text.
	b.clickAt(`tr[data-style="house"] button.copy`)
	b.waitFor(`document.querySelector('tr[data-style="house"] button.copy').textContent !== "Copy"`)
	b.checkPage("after copy")
	// A batch from the grid: select all, apply a hostile template.
	b.open("/?q=xss")
	b.clickAt("#select-all")
	b.clickAt(`input[name=mode][value=template]`)
	b.do(chromedp.SetValue(chromedp.CSS(`textarea[name=template]`), "keywords+: "+payload("batch")))
	b.clickAt("#batch-apply")
	b.waitFor(`!!document.getElementById("batch-summary")`)
	b.checkPage("batch report")
	// The upload page shows hostile names, warnings and rejection reasons.
	dir := t.TempDir()
	full, _ := hostilePhotos(t)
	edited := append(append([]byte{}, full...), 0) // other bytes, same metadata
	p1, p2 := filepath.Join(dir, hostileName), filepath.Join(dir, "x"+hostileName)
	if err := os.WriteFile(p1, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p2, []byte(payload("file")), 0o644); err != nil {
		t.Fatal(err)
	}
	b.open("/upload")
	b.do(chromedp.SetUploadFiles(chromedp.ID("files"), []string{p1, p2}))
	b.waitFor(`document.querySelectorAll("#queue tr.ok, #queue tr.rejected, #queue tr.dup").length === 2`)
	if got := eval[string](b, `document.querySelector("#queue tbody td").textContent`); got != hostileName {
		t.Errorf("upload row shows the name as %q", got)
	}
	b.checkPage("upload report")
}
