package parse

import (
	"testing"
	"time"
)

// TestDateForms checks each way captions write the date taken.
func TestDateForms(t *testing.T) {
	ref := time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		ref  time.Time
		want string
	}{
		// Month, zero-padded day, year (Getty).
		{"Crowds gather on March 08, 2019 in Washington, DC.", time.Time{}, "2019-03-08"},
		// AP abbreviation with a dot, and "Sept."
		{"A worker cleans a bus stop in Los Angeles, Sept. 8, 2020.", time.Time{}, "2020-09-08"},
		// Weekday without a comma (PA).
		{"Picture date: Tuesday June 24, 2014.", time.Time{}, "2014-06-24"},
		// Weekday with commas (AP).
		{"in Washington, Tuesday, June 24, 2014.", time.Time{}, "2014-06-24"},
		// Day first (EPA).
		{"in Seoul, South Korea, 25 November 2020.", time.Time{}, "2020-11-25"},
		// Abbreviated month, day first, no comma (old Getty).
		{"19 Jan 2002: Cobi Jones controls the ball.", time.Time{}, "2002-01-19"},
		// Ordinal day.
		{"A crowd on March 8th, 2019 in Paris.", time.Time{}, "2019-03-08"},
		// "the 8th of March".
		{"A crowd on the 8th of March 2019 in Paris.", time.Time{}, "2019-03-08"},
		// Numeric, day first with dashes.
		{"A file picture dated 24-06-2014 shows the gate.", time.Time{}, "2014-06-24"},
		// ISO.
		{"A drone view taken 2019-03-08 shows the port.", time.Time{}, "2019-03-08"},
		// Dotted, year first (East Asian style).
		{"Photo taken 2020.09.16 in Seoul.", time.Time{}, "2020-09-16"},
		// A month and year alone are not a date.
		{"Workers in Pyongyang, May 2016.", time.Time{}, ""},
		// "may" as a verb is not a month.
		{"Officials may 3 times reconsider.", time.Time{}, ""},
		// A year-less date without a reference stays empty.
		{"SEOUL, Nov 25 (Reuters) - Talks resumed.", time.Time{}, ""},
		// ... and takes the year that puts it nearest the reference.
		{"SEOUL, Nov 25 (Reuters) - Talks resumed.", ref, "2020-11-25"},
		// A year-less date takes its year from a full date of the caption.
		{"This picture taken on 23 July was released on 25 July 2009.", time.Time{}, "2009-07-23"},
		// An impossible day is no date.
		{"A rally on February 30, 2021 in Rome.", time.Time{}, ""},
		// 29 February exists in leap years only.
		{"A rally on February 29, 2020 in Rome.", time.Time{}, "2020-02-29"},
		{"A rally on February 29, 2021 in Rome.", time.Time{}, ""},
		// A release date is not the date taken; a birth date neither.
		{"in this picture released on April 14, 2023 by KCNA.", time.Time{}, ""},
		{"Kim, who was born on January 8, 1984, waves.", time.Time{}, ""},
		// The date the caption marks as taken wins over an earlier mention.
		{"Talks held since May 1, 2020; this picture taken on June 2, 2020 shows delegates.", time.Time{}, "2020-06-02"},
		// "In this <date>, file photo".
		{"FILE - In this Aug. 15, 2018, file photo, a ceremony in Cheonan.", time.Time{}, "2018-08-15"},
		// A Getty dateline's date gets its year from the text.
		{"LONDON, ENGLAND - AUGUST 20: A view of the city on August 20, 2019 in London, England.", time.Time{}, "2019-08-20"},
		// A dateline with its year wins over another date in the text.
		{"19 Jan 2002: Fans recall the final of July 30, 1966.", time.Time{}, "2002-01-19"},
		// From real captions (testdata/real.json, tuning half):
		// PA's file photo with a two-digit year, day first, and an issue date,
		{"File photo dated 07/07/16 of Michael Gove. PRESS ASSOCIATION Photo. Issue date: Friday February 3, 2017.", time.Time{}, "2016-07-07"},
		// an issue date alone is no date taken,
		{"Michael Gove speaks. Issue date: Friday February 3, 2017.", time.Time{}, ""},
		// the day a handout was provided neither,
		{"This undated photo provided on Nov. 16, 2021, by the North Korean government shows a site.", time.Time{}, ""},
		// a year glued to the next sentence,
		{"Rescuers search in Ofunato, March 14, 2011.The team arrived late.", time.Time{}, "2011-03-14"},
		// a first sentence dated by a weekday alone makes later dates the story's.
		{"Supporters gather in Sanaa on Thursday. Rebels captured Sanaa on September 21, 2014.", time.Time{}, ""},
		// From the later tuning captions (split "dev"): "since" and "died"
		// date what follows them closely, not a date a clause later.
		{"Students return for the first time since the shootings in Chardon, Ohio March 1, 2012.", time.Time{}, "2012-03-01"},
		{"The funeral of Prince Philip, who died at the age of 99, at St George's Chapel, in Windsor, Britain, April 17, 2021.", time.Time{}, "2021-04-17"},
		{"A man who died on April 17, 2021 is remembered in Windsor.", time.Time{}, ""},
		// From review: a release phrase ends at the comma that closes it;
		// the date of the next clause is the picture's,
		{"In this photo provided by the press office, the president attends a meeting in Kyiv, Ukraine, Monday, June 5, 2023.", time.Time{}, "2023-06-05"},
		// but a date right after the comma still dates the release,
		{"Soldiers drill in this picture released by the North's KCNA news agency, March 21, 2013.", time.Time{}, ""},
		// a killing dates an event, not the picture,
		{"Mourners gather in Nara, where Shinzo Abe was assassinated on July 8, 2022.", time.Time{}, ""},
		// and an undated picture has no date taken.
		{"Shinzo Abe, who was killed on July 8, 2022, is seen in this undated handout photo.", time.Time{}, ""},
		{"This undated file picture shows the site, Kyiv, Ukraine, May 3, 2023.", time.Time{}, ""},
		// A year-less date is never put after the reference: the last
		// January 5 before November 2026 is in 2026, the last June 24
		// before March 2026 in 2025.
		{"LONDON - JANUARY 5: The prime minister speaks.", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), "2026-01-05"},
		{"A man walks in Tokyo on Tuesday (June 24).", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), "2026-06-24"},
		{"A man walks in Tokyo on Tuesday (June 24).", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "2025-06-24"},
	}
	for _, tc := range tests {
		got := ParseWith(tc.text, ParseOptions{Reference: tc.ref}).Taken
		if got != tc.want {
			t.Errorf("Taken(%q, ref %v) = %q, want %q", tc.text, tc.ref.Format("2006-01-02"), got, tc.want)
		}
	}
}

// TestNearestYear checks the year chosen for a month and day near the
// turn of a year.
func TestNearestYear(t *testing.T) {
	tests := []struct {
		m, d int
		ref  time.Time
		want string
	}{
		{12, 30, time.Date(2022, 1, 2, 0, 0, 0, 0, time.UTC), "2021-12-30"},
		{1, 2, time.Date(2021, 12, 30, 0, 0, 0, 0, time.UTC), "2022-01-02"},
		{6, 15, time.Date(2021, 6, 16, 0, 0, 0, 0, time.UTC), "2021-06-15"},
		// 29 February near a reference in a common year: the nearest leap year.
		{2, 29, time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), "2020-02-29"},
	}
	for _, tc := range tests {
		if got := nearestYear(tc.m, tc.d, tc.ref); got != tc.want {
			t.Errorf("nearestYear(%d, %d, %v) = %q, want %q", tc.m, tc.d, tc.ref, got, tc.want)
		}
	}
}

// TestLatestYear checks the year given to a month and day from the
// reference: the last occurrence on or before it, within a year.
func TestLatestYear(t *testing.T) {
	tests := []struct {
		m, d int
		ref  time.Time
		want string
	}{
		// Earlier in the year of the reference.
		{1, 5, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), "2026-01-05"},
		// The reference's own day.
		{11, 26, time.Date(2026, 11, 26, 23, 0, 0, 0, time.UTC), "2026-11-26"},
		// Up to two days after the reference (time zones, camera clocks)
		// is this year's; three days after is last year's.
		{11, 28, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), "2026-11-28"},
		{11, 29, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), "2025-11-29"},
		{1, 2, time.Date(2021, 12, 30, 0, 0, 0, 0, time.UTC), "2021-01-02"},
		{12, 30, time.Date(2022, 1, 2, 0, 0, 0, 0, time.UTC), "2021-12-30"},
		// 29 February: the leap day of the past year, or none within a year.
		{2, 29, time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), "2020-02-29"},
		{2, 29, time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC), ""},
		// The reference's calendar day counts, in its own time zone.
		{6, 5, time.Date(2023, 6, 5, 1, 0, 0, 0, time.FixedZone("KST", 9*3600)), "2023-06-05"},
	}
	for _, tc := range tests {
		if got := latestYear(tc.m, tc.d, tc.ref); got != tc.want {
			t.Errorf("latestYear(%d, %d, %v) = %q, want %q", tc.m, tc.d, tc.ref, got, tc.want)
		}
	}
}
