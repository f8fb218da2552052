package parse

import (
	"strings"
	"testing"

	"github.com/cutline/cutline/caption/internal/textfold"
)

// TestGazetteerSorted checks the embedded file's shape: a header of
// comments crediting GeoNames, then "key|kind" lines, sorted and unique,
// each key already folded, so that binary search finds every entry.
func TestGazetteerSorted(t *testing.T) {
	if !strings.Contains(gazetteerText, "GeoNames") || !strings.Contains(gazetteerText, "CC BY 4.0") {
		t.Error("gazetteer header lacks the GeoNames attribution")
	}
	prev := ""
	n := 0
	for _, line := range strings.Split(strings.TrimSuffix(gazetteerText, "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			if n > 0 {
				t.Fatalf("comment line after entries: %q", line)
			}
			continue
		}
		n++
		key, kind, ok := strings.Cut(line, "|")
		if !ok || len(kind) != 1 || !strings.Contains("CRLbc", kind) {
			t.Fatalf("bad line %q", line)
		}
		if textfold.Key(key) != key {
			t.Errorf("key %q is not folded (%q)", key, textfold.Key(key))
		}
		if key <= prev {
			t.Fatalf("keys out of order: %q after %q", key, prev)
		}
		prev = key
		if got := lookupKey(key); got != placeKind(kind[0]) {
			t.Fatalf("lookupKey(%q) = %q, want %q", key, got, kind)
		}
	}
	if n < 20000 {
		t.Errorf("gazetteer has %d entries, want the cities of GeoNames too", n)
	}
}

// TestLookupPlace checks names captions use, in the forms they write them.
func TestLookupPlace(t *testing.T) {
	tests := []struct {
		name string
		want placeKind
	}{
		{"Seoul", kindBigCity},
		{"SEOUL", kindBigCity},
		{"São Paulo", kindBigCity},
		{"Sao Paulo", kindBigCity},
		{"Kaesong", kindBigCity}, // GeoNames writes Kaesŏng
		{"Goyang", kindBigCity},  // GeoNames writes Goyang-si
		{"South Korea", kindCountry},
		{"U.S.", kindCountry},
		{"Gyeonggi Province", kindRegion},
		{"North Gyeongsang Province", kindRegion},
		{"Panmunjom", kindLandmark},
		{"St. Peter's Square", kindLandmark},
		{"Washington, D.C.", kindBigCity},
		{"The Hague", kindBigCity},
		{"Nancy Pelosi", kindNone},
		{"", kindNone},
		{"a|b", kindNone},
	}
	for _, tc := range tests {
		if got := lookupPlace(tc.name); got != tc.want {
			t.Errorf("lookupPlace(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestGazetteerHasPrefix checks the prefix test the landmark scan uses.
func TestGazetteerHasPrefix(t *testing.T) {
	for _, p := range []string{"great hall", "south ko", "a", "zz"} {
		want := false
		for _, line := range strings.Split(gazetteerText, "\n") {
			if !strings.HasPrefix(line, "#") && strings.HasPrefix(line, p) {
				want = true
				break
			}
		}
		if got := gazetteerHasPrefix(p); got != want {
			t.Errorf("gazetteerHasPrefix(%q) = %v, want %v", p, got, want)
		}
	}
	if gazetteerHasPrefix("") {
		t.Error(`gazetteerHasPrefix("") = true`)
	}
}
