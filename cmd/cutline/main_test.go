package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/demo"
	"github.com/cutline/cutline/internal/synth"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain makes the test binary double as the cutline command: scripts
// under testdata/script and the subprocess tests run it as "cutline" (the
// directory holding it is put first in $PATH).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"cutline": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI end-to-end scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:  "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"mkphoto": cmdMkphoto},
		Setup: func(e *testscript.Env) error {
			e.Setenv("CUTLINE_ARCHIVE", e.WorkDir+"/archive")
			e.Setenv("USER", "tester")
			return nil
		},
	})
}

// cmdMkphoto writes a real JPEG carrying a caption in IPTC IIM and XMP:
//
//	mkphoto FILE [-seed N] [-size WxH] [-orientation N] [field=value ...]
//
// List fields take items separated by ";".
func cmdMkphoto(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: mkphoto FILE [-seed N] [-size WxH] [-orientation N] [field=value ...]")
	}
	file, seed, w, h, orient := args[0], int64(1), 320, 240, 0
	var f caption.Fields
	for i := 1; i < len(args); i++ {
		switch a := args[i]; a {
		case "-seed", "-size", "-orientation":
			if i+1 >= len(args) {
				ts.Fatalf("%s needs a value", a)
			}
			i++
			var err error
			switch a {
			case "-seed":
				seed, err = strconv.ParseInt(args[i], 10, 64)
			case "-size":
				_, err = fmt.Sscanf(args[i], "%dx%d", &w, &h)
			case "-orientation":
				orient, err = strconv.Atoi(args[i])
			}
			ts.Check(err)
		default:
			name, val, ok := strings.Cut(a, "=")
			if !ok {
				ts.Fatalf("want field=value, got %q", a)
			}
			var vals []string
			for _, v := range strings.Split(val, ";") {
				vals = append(vals, strings.TrimSpace(v))
			}
			if d, _ := caption.LookupField(name); !d.List {
				vals = []string{val}
			}
			ts.Check(f.Set(name, vals...))
		}
	}
	img, err := synth.JPEG(seed, w, h, nil)
	ts.Check(err)
	md := demo.Metadata{EXIF: &demo.EXIF{Orientation: orient, Make: "Canon", Model: "EOS R5",
		Taken: time.Date(2020, 9, 16, 11, 30, 0, 0, time.FixedZone("KST", 9*3600))}}
	if !f.IsZero() {
		md.IIM, md.XMP = &f, &f
	}
	data, err := demo.Embed(img, md)
	ts.Check(err)
	ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(file)), 0o755))
	ts.Check(os.WriteFile(ts.MkAbs(file), data, 0o644))
}
