package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/index"
)

// TestServeAndCLI runs a real "cutline serve" and, while it holds the
// archive, CLI commands beside it: writers fail within about two seconds
// with a message naming the server and its pid; readers (show, history,
// credit, export, and search through the server's API) keep working. Then
// SIGTERM stops the server cleanly and the archive checks clean.
func TestServeAndCLI(t *testing.T) {
	work := t.TempDir()
	arch := filepath.Join(work, "archive")
	writePhotos(t, filepath.Join(work, "wire"), 0, 6)
	if code, out, errs := runCutline(t, arch, "ingest", filepath.Join(work, "wire")); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errs)
	}
	_, out, _ := runCutline(t, arch, "--json", "search", "")
	var res index.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Hits) != 6 {
		t.Fatalf("search before serve: %v, %d hits", err, len(res.Hits))
	}
	id := string(res.Hits[0].ID)

	addr := freeAddr(t)
	srv := exec.Command("cutline", "--archive", arch, "serve", "--addr", addr)
	stdout, _ := srv.StdoutPipe()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	waitHTTP(t, "http://"+addr+"/", stdout)

	// Writers: refused quickly, naming the holder.
	for _, args := range [][]string{
		{"caption", id[:10], "--set", "headline=Changed beside the server"},
		{"ingest", filepath.Join(work, "wire")},
		{"reindex"},
		{"check", "--repair"},
	} {
		start := time.Now()
		code, _, errs := runCutline(t, arch, args...)
		took := time.Since(start)
		want := fmt.Sprintf("archive is in use by cutline serve (pid %d", srv.Process.Pid)
		if code == 0 || !strings.Contains(errs, want) {
			t.Errorf("%s beside the server: exit %d, stderr %q; want a failure saying %q", args[0], code, errs, want)
		}
		if took > 2*time.Second {
			t.Errorf("%s took %v to give up; want less than 2 s", args[0], took)
		}
	}

	// Readers keep working.
	for _, args := range [][]string{
		{"show", id[:10]},
		{"history", id[:10]},
		{"credit", id[:10], "--style", "afp"},
		{"export", id[:10], "--out", filepath.Join(work, "out")},
		{"export", "--where", "city:seoul", "--out", filepath.Join(work, "out2")},
		{"check"}, // read-only: originals and records; the index is the server's
	} {
		if code, out, errs := runCutline(t, arch, args...); code != 0 {
			t.Errorf("%s beside the server: exit %d\n%s%s", args[0], code, out, errs)
		} else if args[0] == "check" && (!strings.Contains(out, " 0 problems") || !strings.Contains(out, "not compared")) {
			t.Errorf("check beside the server: want a clean check that says the index was not compared\n%s%s", out, errs)
		}
	}
	code, out, errs := runCutline(t, arch, "--json", "search", "city:seoul")
	if code != 0 {
		t.Fatalf("search beside the server: exit %d: %s", code, errs)
	}
	res = index.Result{}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Total != 6 || res.Hits[0].Photo == nil {
		t.Errorf("search through the server: %v, total %d", err, res.Total)
	}

	// An edit through the server's API is seen by the CLI.
	req, _ := http.NewRequest(http.MethodPatch, "http://"+addr+"/api/photos/"+id,
		strings.NewReader(`{"caption":{"headline":"Edited on the desk"}}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH through the API: %v %v", err, resp)
	}
	resp.Body.Close()
	if _, out, _ := runCutline(t, arch, "search", "Edited desk"); !strings.Contains(out, "1–1 of 1") {
		t.Errorf("the CLI does not find the desk's edit through the server:\n%s", out)
	}

	// Graceful stop.
	srv.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v (want exit 0)", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15 s of SIGTERM")
	}
	if h, held := archive.ReadHolder(arch); held {
		t.Errorf("archive still held after the server stopped: %+v", h)
	}
	if code, out, errs := runCutline(t, arch, "check"); code != 0 {
		t.Errorf("check after the server stopped: exit %d\n%s%s", code, out, errs)
	}
	if _, out, _ := runCutline(t, arch, "--json", "show", id[:10]); !strings.Contains(out, "Edited on the desk") {
		t.Errorf("the desk's edit is not in the archive after the server stopped")
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitHTTP waits until url answers (draining the server's stdout).
func waitHTTP(t *testing.T, url string, stdout interface{ Read([]byte) (int, error) }) {
	t.Helper()
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not answer within 20 s", url)
}
