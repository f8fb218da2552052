package parse

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestAgencyDatelines checks the datelines that put the date first or write
// it in figures, as ZUMA, SOPA Images, dpa, Polaris, Alamy and Corbis do
// (openings of real captions).
func TestAgencyDatelines(t *testing.T) {
	tests := []struct {
		text   string
		ref    time.Time // ParseOptions.Reference, for a dateline without a year
		taken  string
		places []string
	}{
		// ZUMA: date, then place, region and country, then a dash.
		{"September 20, 1994 - Washington, District of Columbia, United States of America - The president meets the mayor.", time.Time{},
			"1994-09-20", []string{"Washington", "District of Columbia", "United States of America"}},
		// Polaris: a double colon.
		{"June 09, 2021 - Berlin, Germany:: The minister stands for a portrait.", time.Time{},
			"2021-06-09", []string{"Berlin", "Germany"}},
		// Day first in figures, a country in capitals.
		{"23/05/2012 - Antananarivo, MADAGASCAR - Opponents of the regime gathered.", time.Time{},
			"2012-05-23", []string{"Antananarivo", "Madagascar"}},
		// dpa: date, country, city, colon; a slug before it.
		{"PRODUCTION - 30 March 2022, Baden-Wuerttemberg, Rottweil: Stacked wooden pallets lie in a shop.", time.Time{},
			"2022-03-30", []string{"Baden-Wuerttemberg", "Rottweil"}},
		{"05 November 2019, US, San Francisco: A robot car is on a test drive.", time.Time{},
			"2019-11-05", []string{"US", "San Francisco"}},
		// Corbis: three dashes.
		{"01 Apr 2015, Akron, Ohio, USA --- A former Navy SEAL gestures.", time.Time{},
			"2015-04-01", []string{"Akron", "Ohio", "USA"}},
		// SOPA Images: places in capitals, then the date in figures.
		{"POLAND - 2020/06/15: In this photo illustration a logo is seen.", time.Time{},
			"2020-06-15", []string{"Poland"}},
		{"WASHINGTON DC, DISTRICT OF COLUMBIA, UNITED STATES - 2021/01/06: Police use tear gas.", time.Time{},
			"2021-01-06", []string{"Washington, DC", "District of Columbia", "United States"}},
		// Alamy: places, a full stop, the date, a full stop.
		{"Edinburgh, Scotland, UK. 1 February 2024. PICTURED: The first minister speaks.", time.Time{},
			"2024-02-01", []string{"Edinburgh", "Scotland", "UK"}},
		// Getty's dateline keeps a state code in capitals.
		{"HOLLYWOOD, CA - MARCH 04: An actress attends the awards.", time.Date(2018, 3, 5, 0, 0, 0, 0, time.UTC),
			"2018-03-04", []string{"Hollywood", "CA"}},
		// A sentence that starts with a date is no dateline.
		{"June 9, 2021 was a hot day in Berlin.", time.Time{}, "2021-06-09", []string{"Berlin"}},
	}
	for _, tc := range tests {
		got := ParseWith(tc.text, ParseOptions{Reference: tc.ref})
		if got.Taken != tc.taken {
			t.Errorf("Parse(%q).Taken = %q, want %q", tc.text, got.Taken, tc.taken)
		}
		if diff := cmp.Diff(tc.places, got.Places, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Parse(%q).Places (-want +got):\n%s", tc.text, diff)
		}
	}
}
