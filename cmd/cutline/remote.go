package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/index"
)

// A running "cutline serve" holds the search index (Bleve's lock admits no
// reader beside a writer), so read-only commands that need the index ask
// the server instead, at the address it wrote into the archive's lock.
// With accounts on the desk, $CUTLINE_TOKEN carries an API token
// (POST /api/login).

// serverFor returns the base URL of the server holding the archive in
// dir, or "" when no server holds it.
func serverFor(dir string) string {
	h, ok := archive.ReadHolder(dir)
	if !ok || h.Addr == "" {
		return ""
	}
	host, port, err := net.SplitHostPort(h.Addr)
	if err != nil {
		return ""
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// remoteSearch runs a search through the server's JSON API.
func remoteSearch(ctx context.Context, base, q string, o *searchOptions) (*index.Result, error) {
	v := url.Values{}
	v.Set("q", q)
	v.Set("limit", strconv.Itoa(o.Limit))
	v.Set("offset", strconv.Itoa(o.Offset))
	if o.Sort != "" {
		v.Set("sort", o.Sort)
	}
	v.Set("facets", strconv.FormatBool(o.Facets))
	var res index.Result
	if err := getJSON(ctx, base+"/api/search?"+v.Encode(), &res); err != nil {
		return nil, fmt.Errorf("the archive is held by cutline serve at %s, and searching through it failed: %w", base, err)
	}
	return &res, nil
}

func getJSON(ctx context.Context, u string, dst any) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	if tok := os.Getenv("CUTLINE_TOKEN"); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		json.NewDecoder(resp.Body).Decode(&e)
		if resp.StatusCode == http.StatusUnauthorized {
			return errors.New("the desk has accounts: set CUTLINE_TOKEN to a token from POST /api/login")
		}
		if e.Error != "" {
			return errors.New(e.Error)
		}
		return errors.New(resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(dst)
}

// remoteIDs pages through the server's search API for every matching ID.
func remoteIDs(ctx context.Context, base, q string) ([]archive.ID, error) {
	var ids []archive.ID
	for off := 0; ; {
		res, err := remoteSearch(ctx, base, q, &searchOptions{Limit: index.MaxLimit, Offset: off, Sort: "oldest"})
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		off += len(res.Hits)
		if len(res.Hits) == 0 || uint64(off) >= res.Total {
			if len(ids) == 0 {
				return nil, fmt.Errorf("--where %q: %w", q, errNoMatch)
			}
			return ids, nil
		}
	}
}
