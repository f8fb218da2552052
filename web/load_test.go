package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/index"
	"github.com/cutline/cutline/internal/demo"
)

// TestLoad measures the search page and the JSON search under concurrent
// clients on loopback. By default it is a smoke test (300 photos, 8
// clients, one second per endpoint) that checks every answer and reports
// the figures without judging them. The README's figures come from
//
//	CUTLINE_LOAD_N=10000 CUTLINE_LOAD_CLIENTS=50 CUTLINE_LOAD_SECONDS=20 \
//	  go test -run TestLoad -v -timeout 30m ./web/
//
// which builds (or, with CUTLINE_LOAD_DIR, reuses) a 10,000-photo demo
// archive. The client is bounded: a fixed number of clients, each sending
// one request at a time, for a fixed time, to 127.0.0.1 only.
func TestLoad(t *testing.T) {
	n := envInt("CUTLINE_LOAD_N", 300)
	clients := envInt("CUTLINE_LOAD_CLIENTS", 8)
	dur := time.Duration(envInt("CUTLINE_LOAD_SECONDS", 1)) * time.Second
	full := os.Getenv("CUTLINE_LOAD_N") != ""
	if testing.Short() && !full {
		t.Skip("-short")
	}
	// The garbage collector as cutline serve sets it.
	defer TuneGC()()
	dir := os.Getenv("CUTLINE_LOAD_DIR")
	if dir == "" {
		dir = filepath.Join(t.TempDir(), "archive")
	}
	s, err := archive.Open(dir, &archive.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	have, err := s.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if have < n {
		start := time.Now()
		// Tiny pictures, 300 distinct bodies; every caption differs, so
		// every file is a distinct photo.
		if _, err := demo.Ingest(ctx, s, "demo", &demo.Options{N: n, Small: true, Bodies: 300}); err != nil {
			t.Fatal(err)
		}
		t.Logf("archive of %d photos generated and ingested in %v", n, time.Since(start).Round(time.Millisecond))
	}
	count, _ := s.Count(ctx)
	ix, err := index.Open(s.IndexDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	srv, err := New(Config{Store: s, Index: ix, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("index up to date in %v", time.Since(start).Round(time.Millisecond))
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	// The same desk without its read caches, for the worst case.
	plain, err := New(Config{Store: s, Index: ix, Addr: "127.0.0.1:0", NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	tsPlain := httptest.NewServer(plain.Handler())
	defer tsPlain.Close()

	queries := loadQueries(t, ix)
	t.Logf("%d distinct queries", len(queries))
	// Every request asks a query the desk has not answered in the last few
	// hundred requests, so its caches (answers kept until the next change)
	// help little; the "no cache" runs send the same mix to the desk
	// without them: every request searches the index, computes facets,
	// reads 40 photos and renders.
	page := func(base string) func(int) string {
		return func(i int) string {
			u := base + "/?q=" + url.QueryEscape(queries[i%len(queries)])
			if i%7 == 3 {
				u += "&page=2"
			}
			return u
		}
	}
	api := func(base string) func(int) string {
		return func(i int) string { return base + "/api/search?limit=40&q=" + url.QueryEscape(queries[i%len(queries)]) }
	}
	endpoints := []struct {
		name string
		url  func(i int) string
	}{
		{"search page", page(ts.URL)},
		{"JSON search", api(ts.URL)},
		{"search page, no cache", page(tsPlain.URL)},
		{"JSON search, no cache", api(tsPlain.URL)},
	}
	client := &http.Client{
		Timeout:   60 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients},
	}
	var report strings.Builder
	fmt.Fprintf(&report, "%d photos, %d clients, %v per endpoint, GOMAXPROCS %d\n", count, clients, dur, runtime.GOMAXPROCS(0))
	for _, ep := range endpoints {
		// Warm up (the first searches load index segments).
		for i := 0; i < 20; i++ {
			if _, err := get(client, ep.url(i)); err != nil {
				t.Fatalf("%s warm-up: %v", ep.name, err)
			}
		}
		var (
			mu        sync.Mutex
			latencies []time.Duration
			failures  []string
			wg        sync.WaitGroup
		)
		deadline := time.Now().Add(dur)
		began := time.Now()
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				var mine []time.Duration
				for i := c; time.Now().Before(deadline); i += clients {
					t0 := time.Now()
					size, err := get(client, ep.url(i))
					d := time.Since(t0)
					if err == nil && size == 0 {
						err = fmt.Errorf("empty body")
					}
					if err != nil {
						mu.Lock()
						failures = append(failures, err.Error())
						mu.Unlock()
						continue
					}
					mine = append(mine, d)
				}
				mu.Lock()
				latencies = append(latencies, mine...)
				mu.Unlock()
			}(c)
		}
		wg.Wait()
		elapsed := time.Since(began)
		if len(failures) > 0 {
			t.Errorf("%s: %d failed requests, first: %s", ep.name, len(failures), failures[0])
		}
		if len(latencies) == 0 {
			t.Fatalf("%s: no request completed", ep.name)
		}
		slices.Sort(latencies)
		pct := func(p float64) time.Duration { return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))] }
		fmt.Fprintf(&report, "%-22s %6d requests  %7.0f req/s  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms\n",
			ep.name, len(latencies), float64(len(latencies))/elapsed.Seconds(),
			ms(pct(0.50)), ms(pct(0.90)), ms(pct(0.99)), ms(latencies[len(latencies)-1]))
	}
	t.Log("\n" + report.String())
	if out := os.Getenv("CUTLINE_LOAD_REPORT"); out != "" {
		if err := os.WriteFile(out, []byte(report.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// loadQueries builds a mix of distinct queries of every form from the
// archive's own people, places, credits and years, and from caption words:
// what editors type, not ten queries repeated.
func loadQueries(t *testing.T, ix *index.Index) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), index.Query{}, index.SearchOptions{Limit: 1, Facets: true, FacetSize: index.MaxFacetSize})
	if err != nil {
		t.Fatal(err)
	}
	terms := func(facet string) []string {
		var out []string
		for _, ft := range res.Facets[facet] {
			out = append(out, ft.Term)
		}
		return out
	}
	people, places, credits, years := terms("person"), terms("place"), terms("credit"), terms("year")
	words := []string{"protest", "rally", "minister", "fire", "summit", "election", "storm", "match",
		"visit", "flood", "ceremony", "market", "talks", "parliament", "festival", "police", "border", "court"}
	phrases := []string{"news conference", "prime minister", "national assembly", "general view", "during a"}
	q := []string{""}
	r := uint64(1)
	pick := func(l []string) string {
		if len(l) == 0 {
			return "seoul"
		}
		r = r*6364136223846793005 + 1442695040888963407 // a fixed LCG: the same mix every run
		return l[(r>>33)%uint64(len(l))]
	}
	for i := 0; i < 3000 && len(q) < 1200; i++ {
		switch i % 9 {
		case 0:
			q = append(q, fmt.Sprintf("person:%q", pick(people)))
		case 1:
			q = append(q, fmt.Sprintf("place:%q", pick(places)))
		case 2:
			q = append(q, pick(words)+" "+pick(words))
		case 3:
			q = append(q, fmt.Sprintf("credit:%q year:%s", pick(credits), pick(years)))
		case 4:
			q = append(q, fmt.Sprintf("%q", pick(phrases))+" -"+pick(words))
		case 5:
			q = append(q, fmt.Sprintf("after:%s-01-01 before:%s-07-01", pick(years), pick(years)))
		case 6:
			q = append(q, pick(words)+" OR "+pick(words)+" "+fmt.Sprintf("place:%q", pick(places)))
		case 7:
			q = append(q, fmt.Sprintf("person:%q -credit:%q", pick(people), pick(credits)))
		case 8:
			q = append(q, pick(words))
		}
	}
	seen := map[string]bool{}
	out := q[:0]
	for _, x := range q {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func get(c *http.Client, u string) (int64, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return n, err
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("%s: %s", u, resp.Status)
	}
	return n, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
