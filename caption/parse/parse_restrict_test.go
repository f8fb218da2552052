package parse

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestRestrictions checks the restriction wordings of the agencies.
func TestRestrictions(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		// Reuters' notice: the notes go, the restrictions stay.
		{"KCNA via REUTERS ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY. REUTERS IS UNABLE TO INDEPENDENTLY VERIFY THIS IMAGE. NO THIRD PARTY SALES. SOUTH KOREA OUT.",
			[]string{"NO THIRD PARTY SALES", "SOUTH KOREA OUT"}},
		// EPA: a credit word before the place that is out.
		{"EPA-EFE/YONHAP SOUTH KOREA OUT", []string{"SOUTH KOREA OUT"}},
		// EPA: slash between restrictions, repeated ones once.
		{"EPA-EFE/KCNA EDITORIAL USE ONLY EDITORIAL USE ONLY/NO SALES", []string{"EDITORIAL USE ONLY", "NO SALES"}},
		// Mixed case.
		{"A view of the city. Editorial use only. Mandatory credit.", []string{"Editorial use only", "Mandatory credit"}},
		// "For editorial use only" keeps its "For".
		{"(For editorial use only)", []string{"For editorial use only"}},
		// AFP: two "NO" clauses in one run.
		{"RESTRICTED TO EDITORIAL USE - MANDATORY CREDIT \"AFP PHOTO / HANDOUT\" - NO MARKETING NO ADVERTISING CAMPAIGNS - DISTRIBUTED AS A SERVICE TO CLIENTS",
			[]string{"RESTRICTED TO EDITORIAL USE", "MANDATORY CREDIT", "NO MARKETING", "NO ADVERTISING CAMPAIGNS"}},
		// A place out in any case, a medium out.
		{"(Photo by STR / AFP) / China OUT / TV OUT", []string{"China OUT", "TV OUT"}},
		// Yonhap.
		{"(PHOTO NOT FOR SALE) (Yonhap)", []string{"PHOTO NOT FOR SALE"}},
		// Words in capitals that are not restrictions.
		{"WASHINGTON, DC - AUGUST 20: A NEW ERA begins. NO", nil},
		// "no sales" in a sentence is not a restriction.
		{"Shops report no sales growth in Seoul.", nil},
		// From real captions (testdata/real.json, tuning half): Reuters'
		// old distributors' note, PA's restrictions, an AFP embargo.
		{"QUALITY FROM SOURCE. NO THIRD PARTY SALES. NOT FOR USE BY REUTERS THIRD PARTY DISTRIBUTORS",
			[]string{"NO THIRD PARTY SALES", "NOT FOR USE BY REUTERS THIRD PARTY DISTRIBUTORS"}},
		{"Editorial use only. RESTRICTIONS: Use subject to restrictions. Editorial use only. No commercial use.",
			[]string{"Editorial use only", "Use subject to restrictions", "No commercial use"}},
		{"Embargoed until December 30, 2022 – 23:00 GMT / German Chancellor Olaf Scholz poses.",
			[]string{"Embargoed until December 30, 2022 – 23:00 GMT"}},
	}
	for _, tc := range tests {
		got := Parse(tc.text).Restrictions
		if diff := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Parse(%q).Restrictions (-want +got):\n%s", tc.text, diff)
		}
	}
}

// TestFlags checks the file, pool and handout flags read from text and
// credits.
func TestFlags(t *testing.T) {
	tests := []struct {
		text                string
		file, pool, handout bool
	}{
		{"FILE - A view of Seoul. (AP Photo/Lee Jin-man, File)", true, false, false},
		{"(FILES) This file photo shows Seoul.", true, false, false},
		{"A view of Seoul. REUTERS/Kim Hong-Ji/File Photo", true, false, false},
		{"A file picture dated 24-06-2014 shows Berlin.", true, false, false},
		{"People watch a TV screen showing a file image of a missile launch.", false, false, false},
		{"A view of Seoul. (Photo by Jung Yeon-je / POOL / AFP)", false, true, false},
		{"A view of Seoul. (Pool photo) (Yonhap)", false, true, false},
		{"Children play in a swimming pool in Seoul. (Yonhap)", false, false, false},
		{"This handout photo shows a launch. (Photo by Handout / KCNA / AFP)", false, false, true},
		{"Volunteers hand out food handouts in Seoul.", false, false, false},
		// The Washington Times marks AP file pictures after the credit.
		{"A site in Samjiyon. (Korean Central News Agency/Korea News Service via AP) **FILE**", true, false, false},
		{"Rebels seized the files. Officials said rank and file members left.", false, false, false},
	}
	for _, tc := range tests {
		f := Parse(tc.text)
		if f.File != tc.file || f.Pool != tc.pool || f.Handout != tc.handout {
			t.Errorf("Parse(%q): file %v pool %v handout %v; want %v %v %v", tc.text, f.File, f.Pool, f.Handout, tc.file, tc.pool, tc.handout)
		}
	}
}
