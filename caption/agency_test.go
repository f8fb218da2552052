package caption

import "testing"

// TestNormalizeAgency checks the agency table through the spellings
// credits use.
func TestNormalizeAgency(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"AFP PHOTO", "AFP", true},
		{"A.F.P.", "AFP", true},
		{"The Associated Press", "AP", true},
		{"AP Photo", "AP", true},
		{"EPA-EFE", "EPA", true},
		{"epa efe", "EPA", true},
		{"THE CANADIAN PRESS", "The Canadian Press", true},
		{"KCNA VIA KNS", "KCNA", true},
		{"Yonhap News Agency", "Yonhap", true},
		{"WireImage", "Getty Images", true},
		{"United Press International", "UPI", true},
		{"  Reuters  ", "Reuters", true},
		{"AFP via Getty Images", "", false}, // a chain, not an agency
		{"Jung Yeon-je", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := NormalizeAgency(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeAgency(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	// Every name and alias of the table normalises to its agency.
	for _, a := range Agencies() {
		for _, al := range append([]string{a.Name}, a.Aliases...) {
			if got, ok := NormalizeAgency(al); !ok {
				t.Errorf("alias %q of %s is not recognised", al, a.Name)
			} else if got != a.Name {
				// An alias shared with an earlier agency goes to the first.
				t.Logf("alias %q of %s normalises to %s", al, a.Name, got)
			}
		}
	}
}
