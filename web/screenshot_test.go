package web

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots writes the README's screenshots of the search and photo
// pages at 1280×800, from a default demo archive, into the folder named by
// CUTLINE_SCREENSHOTS:
//
//	CUTLINE_SCREENSHOTS=../docs go test -run TestScreenshots ./web/
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("CUTLINE_SCREENSHOTS")
	if dir == "" {
		t.Skip("set CUTLINE_SCREENSHOTS=DIR to write the screenshots")
	}
	f := newFixture(t, fixtureOptions{photos: 32, big: true, cfg: Config{LocalUser: "desk"}})
	b := newBrowser(t, f.h)
	b.do(chromedp.EmulateViewport(1280, 800))
	shots := []struct{ file, path, ready string }{
		{"search.png", "/?q=" + "korea+OR+washington+OR+seoul", `document.querySelectorAll(".card img").length > 0 && Array.from(document.querySelectorAll(".card img")).every(i => i.complete)`},
		{"photo.png", "/photos/" + string(f.ids[0]) + "?q=Omar", `document.querySelector(".preview img").complete`},
	}
	for _, s := range shots {
		b.open(s.path)
		b.waitFor(s.ready)
		png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, s.file), png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", filepath.Join(dir, s.file), len(png))
	}
}
