package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The browser tests drive a real headless Chromium (Debian's chromium, as
// .ci/run installs it) against the desk served on loopback by
// httptest.NewServer, with the same handler as "cutline serve". They skip
// when no Chromium is installed.

// pageWatch is installed in every page before its own scripts run. It
// records calls to xss() (what the hostile payloads call) and every
// Content-Security-Policy violation: a payload that became markup would
// show up in one of the two even though the CSP stops it from running.
const pageWatch = `
window.__xss = [];
window.xss = function (tag) { window.__xss.push(String(tag)); };
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
window.alert = function (m) { window.__xss.push("alert:" + m); };
`

type browserT struct {
	t    *testing.T
	ctx  context.Context
	base string // the desk's URL, without a trailing slash
}

// chromiumPath finds the browser, or "" when none is installed.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser serves h on loopback and starts a headless Chromium with a
// fresh profile and a 1280×800 window.
func newBrowser(t *testing.T, h http.Handler) *browserT {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		t.Skip("no Chromium installed (apt-get install chromium)")
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	profile, err := os.MkdirTemp("", "cutline-chromium-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Chromium's helpers may still write there for a moment after it
		// exits; retry the removal for a while.
		for i := 0; i < 50 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	b := &browserT{t: t, ctx: ctx, base: ts.URL}
	b.do(chromedp.Navigate("about:blank"))
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pageWatch}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: ts.URL,
		}); err != nil {
			t.Logf("granting %s: %v", name, err)
		}
	}
	return b
}

// do runs actions, failing the test on the first error.
func (b *browserT) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v (at %s)", err, b.location())
	}
}

// open navigates to a path of the desk.
func (b *browserT) open(path string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.base + path))
}

func (b *browserT) location() string {
	loc, _ := chromedp.Run(b.ctx, chromedp.Location())
	return loc
}

// eval runs a JavaScript expression and decodes its value.
func eval[T any](b *browserT, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluating %.80s: %v (at %s)", expr, err, b.location())
	}
	return v
}

// waitFor polls a JavaScript condition until it is true (10 s at most).
// A navigation while polling (a form that was just submitted) restarts
// the poll in the new page.
func (b *browserT) waitFor(cond string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		if time.Now().After(deadline) || b.ctx.Err() != nil || !strings.Contains(err.Error(), "navigated or closed") &&
			!strings.Contains(err.Error(), "context was destroyed") && !strings.Contains(err.Error(), "Cannot find context") {
			b.t.Fatalf("waiting for %s: %v (at %s)", cond, err, b.location())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// text returns the text content of the first element matching a CSS
// selector.
func (b *browserT) text(sel string) string {
	b.t.Helper()
	return eval[string](b, `(document.querySelector(`+jsString(sel)+`) || {textContent: ""}).textContent`)
}

// clickAt clicks the centre of the first element matching sel with the
// real mouse (so modifiers such as shift reach the page as a user's would).
func (b *browserT) clickAt(sel string, mods ...chromedp.Modifier) {
	b.t.Helper()
	b.do(chromedp.ScrollIntoView(chromedp.CSS(sel)))
	r := eval[struct{ X, Y float64 }](b, `(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect();
		return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`)
	b.do(chromedp.MouseClickXY(r.X, r.Y, chromedp.ButtonModifiers(mods...)))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\u2028", `\u2028`, "\u2029", `\u2029`)
	return `"` + r.Replace(s) + `"`
}

// pageReport is what checkPage finds in the page the browser shows.
type pageReport struct {
	XSS []string // calls of xss() or alert(): a payload ran
	CSP []string // CSP violations: a payload became markup and was blocked
	Bad []string // elements a payload would have made
}

// pageCheck lists what hostile text would leave in the DOM had it become
// markup: scripts not from /static, event-handler attributes, javascript:
// URLs, images not served by the desk, svg, iframe, object and embed.
const pageCheck = `(() => {
  const bad = [];
  for (const s of document.scripts) {
    const u = s.src ? new URL(s.src) : null;
    if (!u || u.origin !== location.origin || !u.pathname.startsWith("/static/")) bad.push("script " + s.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) bad.push("handler " + el.tagName + " " + a.name);
      if (/^(href|src|action|formaction|data)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) bad.push("javascript: URL on " + el.tagName);
    }
    if (/^(svg|iframe|object|embed|frame|base|meta)$/i.test(el.tagName) && !(el.tagName === "META" && el.parentNode === document.head)) bad.push("element " + el.tagName);
  }
  for (const img of document.images) {
    const src = img.getAttribute("src") || "";
    if (!src.startsWith("/thumbs/")) bad.push("img " + src);
  }
  return {xss: window.__xss || ["watch script missing"], csp: window.__csp || [], bad};
})()`

// checkPage fails the test when the page shows any sign of a payload.
func (b *browserT) checkPage(what string) {
	b.t.Helper()
	r := eval[pageReport](b, pageCheck)
	if len(r.XSS) > 0 || len(r.CSP) > 0 || len(r.Bad) > 0 {
		b.t.Errorf("%s (%s): executed %q, CSP violations %q, injected %q", what, b.location(), r.XSS, r.CSP, r.Bad)
	}
}
