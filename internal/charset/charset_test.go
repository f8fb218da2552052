package charset

import "testing"

// TestWindows1252 checks each range of the code page.
func TestWindows1252(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"plain ASCII", "plain ASCII"},
		{"\x80\x85\x91\x92\x93\x94\x96\x97\x99", "€…‘’“”–—™"},      // the 0x80..0x9F block
		{"\xe9\xfc\xd6\xdf\xa9", "éüÖß©"},                          // Latin-1 range
		{"\x81\x8d\x8f\x90\x9d", "\u0081\u008d\u008f\u0090\u009d"}, // undefined: C1 controls
		{"\x8a\x9a\x8e\x9e\x9f\x8c\x9c", "ŠšŽžŸŒœ"},
	}
	for _, tc := range tests {
		if got := Windows1252([]byte(tc.in)); got != tc.want {
			t.Errorf("Windows1252(% x) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
