package iptc

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// rawBlock spells out one resource block byte by byte: signature, ID,
// Pascal name (padded to even unless noPad), size, data and, for odd
// sizes, a padding byte unless noPad.
func rawBlock(sig string, id uint16, name string, data []byte, noPad bool) []byte {
	b := []byte(sig)
	b = append(b, byte(id>>8), byte(id), byte(len(name)))
	b = append(b, name...)
	if (1+len(name))%2 == 1 {
		b = append(b, 0)
	}
	n := len(data)
	b = append(b, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	b = append(b, data...)
	if n%2 == 1 && !noPad {
		b = append(b, 0)
	}
	return b
}

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func TestParseResources(t *testing.T) {
	iim := []byte("\x1c\x02\x78\x00\x03abc")
	tests := []struct {
		name      string
		in        []byte
		want      []Resource
		wantWarn  string // substring of the only warning; "" means none
		roundTrip bool   // EncodeResources must give the input back
	}{
		{
			// The common case: IIM then the digest.
			name: "iim and digest",
			in:   concat(rawBlock("8BIM", 0x0404, "", iim, false), rawBlock("8BIM", 0x0425, "", make([]byte, 16), false)),
			want: []Resource{
				{Signature: "8BIM", ID: 0x0404, Data: iim},
				{Signature: "8BIM", ID: 0x0425, Data: make([]byte, 16)},
			},
			roundTrip: true,
		},
		{
			// An odd-sized block is padded; the block after it must
			// not be lost (bep/imagemeta's bug).
			name: "odd size then iim",
			in:   concat(rawBlock("8BIM", 0x040A, "", []byte{1}, false), rawBlock("8BIM", 0x0404, "", iim, false)),
			want: []Resource{
				{Signature: "8BIM", ID: 0x040A, Data: []byte{1}},
				{Signature: "8BIM", ID: 0x0404, Data: iim},
			},
			roundTrip: true,
		},
		{
			// Names are Pascal strings padded to an even length: odd
			// name length needs no pad, even length needs one.
			name: "names of both parities",
			in:   concat(rawBlock("8BIM", 0x03ED, "Resolution", []byte{0, 72}, false), rawBlock("8BIM", 0x03F3, "Print Flags", []byte{1, 2, 3}, false)),
			want: []Resource{
				{Signature: "8BIM", ID: 0x03ED, Name: "Resolution", Data: []byte{0, 72}},
				{Signature: "8BIM", ID: 0x03F3, Name: "Print Flags", Data: []byte{1, 2, 3}},
			},
			roundTrip: true,
		},
		{
			// The rare signatures of ImageReady and others.
			name: "rare signatures",
			in:   concat(rawBlock("PHUT", 0x0001, "", []byte{9, 9}, false), rawBlock("AgHg", 0x0002, "", nil, false), rawBlock("DCSR", 0x0003, "", []byte{7}, false)),
			want: []Resource{
				{Signature: "PHUT", ID: 1, Data: []byte{9, 9}},
				{Signature: "AgHg", ID: 2, Data: []byte{}},
				{Signature: "DCSR", ID: 3, Data: []byte{7}},
			},
			roundTrip: true,
		},
		{
			// A writer that forgot the padding byte after odd data.
			name: "missing padding",
			in:   concat(rawBlock("8BIM", 0x040A, "", []byte{1}, true), rawBlock("8BIM", 0x0404, "", iim, false)),
			want: []Resource{
				{Signature: "8BIM", ID: 0x040A, Data: []byte{1}},
				{Signature: "8BIM", ID: 0x0404, Data: iim},
			},
			wantWarn: "odd size without a padding byte",
		},
		{
			// A size of 0x7FFFFFFF must stop the walk, not allocate.
			name:     "bogus size",
			in:       concat(rawBlock("8BIM", 0x0425, "", make([]byte, 16), false), []byte("8BIM\x04\x04\x00\x00\x7f\xff\xff\xff\x1c\x02")),
			want:     []Resource{{Signature: "8BIM", ID: 0x0425, Data: make([]byte, 16)}},
			wantWarn: "declares 2147483647 bytes",
		},
		{
			// Zero bytes after the last block are padding, not junk.
			name: "trailing zeros",
			in:   concat(rawBlock("8BIM", 0x0404, "", iim, false), make([]byte, 6)),
			want: []Resource{{Signature: "8BIM", ID: 0x0404, Data: iim}},
		},
		{
			// Garbage instead of resources.
			name:     "garbage",
			in:       []byte("JUNKJUNKJUNK"),
			wantWarn: "unexpected bytes",
		},
		{
			// Cut inside the name.
			name:     "cut in name",
			in:       []byte("8BIM\x04\x04\x09abc"),
			wantWarn: "cut off",
		},
		{
			// Nothing at all.
			name: "empty",
			in:   nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, warnings := ParseResources(tc.in)
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b []byte) bool { return bytes.Equal(a, b) })); diff != "" {
				t.Errorf("resources (-want +got):\n%s", diff)
			}
			switch {
			case tc.wantWarn == "" && len(warnings) > 0:
				t.Errorf("unexpected warnings %q", warnings)
			case tc.wantWarn != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tc.wantWarn)):
				t.Errorf("warnings %q, want one containing %q", warnings, tc.wantWarn)
			}
			if tc.roundTrip {
				if enc := EncodeResources(got); !bytes.Equal(enc, tc.in) {
					t.Errorf("EncodeResources:\n got % x\nwant % x", enc, tc.in)
				}
			}
		})
	}
}

func TestEncodeResourcesDefaults(t *testing.T) {
	// An empty signature means 8BIM; odd data and even-length names get
	// their padding.
	got := EncodeResources([]Resource{{ID: 0x0404, Name: "ab", Data: []byte{1, 2, 3}}})
	want := []byte("8BIM\x04\x04\x02ab\x00\x00\x00\x00\x03\x01\x02\x03\x00")
	if !bytes.Equal(got, want) {
		t.Errorf("got % x\nwant % x", got, want)
	}
}

func TestWithIIM(t *testing.T) {
	old := []byte("\x1c\x02\x78\x00\x03old")
	iim := Encode([]Dataset{TextDataset(Caption, "new")})
	sum := Digest(iim)
	other := Resource{Signature: "8BIM", ID: 0x03ED, Data: []byte{0, 72, 0, 1}}
	tests := []struct {
		name string
		in   []Resource
		iim  []byte
		want []Resource
	}{
		{
			// Replaced in place; other resources keep their order.
			name: "replace",
			in:   []Resource{other, {Signature: "8BIM", ID: ResourceIIM, Data: old}, {Signature: "8BIM", ID: ResourceDigest, Data: make([]byte, 16)}},
			iim:  iim,
			want: []Resource{other, {Signature: "8BIM", ID: ResourceIIM, Data: iim}, {Signature: "8BIM", ID: ResourceDigest, Data: sum[:]}},
		},
		{
			// Missing ones are appended, IIM before digest.
			name: "append",
			in:   []Resource{other},
			iim:  iim,
			want: []Resource{other, {Signature: "8BIM", ID: ResourceIIM, Data: iim}, {Signature: "8BIM", ID: ResourceDigest, Data: sum[:]}},
		},
		{
			// A second IIM resource is dropped.
			name: "duplicate",
			in:   []Resource{{Signature: "8BIM", ID: ResourceIIM, Data: old}, {Signature: "8BIM", ID: ResourceIIM, Data: old}},
			iim:  iim,
			want: []Resource{{Signature: "8BIM", ID: ResourceIIM, Data: iim}, {Signature: "8BIM", ID: ResourceDigest, Data: sum[:]}},
		},
		{
			// nil removes IIM and digest.
			name: "remove",
			in:   []Resource{{Signature: "8BIM", ID: ResourceIIM, Data: old}, other, {Signature: "8BIM", ID: ResourceDigest, Data: make([]byte, 16)}},
			iim:  nil,
			want: []Resource{other},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := WithIIM(tc.in, tc.iim)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDigestKnownValue(t *testing.T) {
	// The MD5 of an empty IIM block is the MD5 of nothing, which
	// ExifTool reports for an empty 0x0404 resource.
	got := Digest(nil)
	if h := hex.EncodeToString(got[:]); h != "d41d8cd98f00b204e9800998ecf8427e" {
		t.Errorf("Digest(nil) = %s", h)
	}
}
