package jpegmeta

import (
	"bytes"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"

	"github.com/cutline/cutline/internal/testcorpus"
)

// goexifResult is what a bounded goexif run gives.
type goexifResult struct {
	x        *exif.Exif
	err      error
	panicked any
	fields   map[exif.FieldName]string
}

// watched are the fields compared between sanitised and raw decodes.
var watched = []exif.FieldName{exif.DateTimeOriginal, exif.Make, exif.Model, exif.Orientation}

// decodeWithTimeout runs exif.Decode on payload in a goroutine, recovering
// panics, and exercises the accessors cutline uses. ok is false when it
// did not finish in time.
func decodeWithTimeout(payload []byte, timeout time.Duration) (res goexifResult, ok bool) {
	done := make(chan goexifResult, 1)
	go func() {
		var r goexifResult
		defer func() {
			if p := recover(); p != nil {
				r.panicked = p
			}
			done <- r
		}()
		r.x, r.err = exif.Decode(bytes.NewReader(payload))
		if r.x == nil {
			return
		}
		r.fields = map[exif.FieldName]string{}
		for _, name := range watched {
			if tag, err := r.x.Get(name); err == nil {
				r.fields[name] = tagString(tag)
			}
		}
		_, _ = r.x.DateTime()
		_, _, _ = r.x.LatLong()
		_, _ = r.x.JpegThumbnail()
		_ = r.x.String()
	}()
	select {
	case r := <-done:
		return r, true
	case <-time.After(timeout):
		return goexifResult{}, false
	}
}

func tagString(tag *tiff.Tag) string {
	switch tag.Format() {
	case tiff.StringVal:
		s, _ := tag.StringVal()
		return s
	case tiff.IntVal:
		if tag.Count > 0 {
			v, _ := tag.Int(0)
			return fmt.Sprint(v)
		}
	}
	return tag.String()
}

// TestGoexifOnSanitized feeds every sanitised EXIF payload of both corpora
// to goexif: no hang, no panic. For good images where goexif could decode
// the raw payload, the sanitised one gives the same DateTimeOriginal, Make,
// Model and Orientation.
func TestGoexifOnSanitized(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes every corpus EXIF twice")
	}
	const timeout = 5 * time.Second
	compared, same, rawFailed, cleanBetter := 0, 0, 0, 0
	for _, sub := range []string{"images", "bad"} {
		for _, p := range testcorpus.Files(t, testcorpus.Sub(t, sub)) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := Scan(data)
			if f == nil || f.EXIF == nil {
				continue
			}
			clean, _, err := SanitizeEXIF(f.EXIF)
			if err != nil {
				continue // unusable: never handed to goexif
			}
			start := time.Now()
			got, ok := decodeWithTimeout(clean, timeout)
			switch {
			case !ok:
				t.Errorf("%s: goexif still running after %v on the sanitised payload", p, timeout)
				continue
			case got.panicked != nil:
				t.Errorf("%s: goexif panicked on the sanitised payload: %v", p, got.panicked)
				continue
			case got.x == nil:
				t.Errorf("%s: goexif rejected the sanitised payload: %v", p, got.err)
				continue
			}
			if d := time.Since(start); d > 100*time.Millisecond {
				t.Errorf("%s: goexif took %v on the sanitised payload", p, d)
			}
			if sub != "images" {
				continue
			}
			// The raw payloads of good images are safe enough to try,
			// still under a timeout.
			raw, ok := decodeWithTimeout(f.EXIF, timeout)
			if !ok || raw.panicked != nil || raw.x == nil {
				t.Logf("%s: goexif cannot decode the raw payload (%v); sanitised it decodes", p, raw.err)
				rawFailed++
				continue
			}
			if raw.err != nil && got.err == nil {
				t.Logf("%s: raw decode error %q gone after sanitising", p, raw.err)
				cleanBetter++
			}
			compared++
			equal := true
			for _, name := range watched {
				want, had := raw.fields[name]
				if !had {
					continue
				}
				if got.fields[name] != want {
					equal = false
					t.Errorf("%s: %s = %q after sanitising, %q before", p, name, got.fields[name], want)
				}
			}
			if equal {
				same++
			}
		}
	}
	t.Logf("goexif: %d good images compared, %d identical on DateTimeOriginal/Make/Model/Orientation; %d raw payloads goexif could not decode at all; %d decoded with an error raw and cleanly after sanitising", compared, same, rawFailed, cleanBetter)
}
