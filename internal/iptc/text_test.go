package iptc

import (
	"errors"
	"testing"
)

func TestDateTimeISO(t *testing.T) {
	tests := []struct {
		name, date, tim, want string
		bad                   bool
	}{
		{name: "date only", date: "20190308", want: "2019-03-08"},
		{name: "date and time with offset", date: "20190308", tim: "142205-0500", want: "2019-03-08T14:22:05-05:00"},
		{name: "UTC", date: "20240322", tim: "002302+0000", want: "2024-03-22T00:23:02+00:00"},
		{name: "time without offset (some writers)", date: "20190308", tim: "142205", want: "2019-03-08T14:22:05"},
		{name: "fraction of a second (IDimager)", date: "20080314", tim: "135926.054-0600", want: "2008-03-14T13:59:26.054-06:00"},
		{name: "leap day", date: "20240229", want: "2024-02-29"},
		{name: "not a leap year", date: "20230229", bad: true},
		{name: "month 13", date: "20191308", bad: true},
		{name: "short date", date: "2019038", bad: true},
		{name: "letters", date: "2019O308", bad: true},
		{name: "empty date", date: "", tim: "142205", bad: true},
		{name: "hour 24", date: "20190308", tim: "240000+0000", bad: true},
		{name: "bad offset", date: "20190308", tim: "142205 0500", bad: true},
		{name: "offset without sign", date: "20190308", tim: "1422050500", bad: true},
		{name: "empty fraction", date: "20190308", tim: "142205.-0500", bad: true},
		{name: "short time", date: "20190308", tim: "1422", bad: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DateTimeISO(tc.date, tc.tim)
			if tc.bad {
				if !errors.Is(err, ErrBadDate) {
					t.Errorf("DateTimeISO(%q, %q) = %q, %v; want ErrBadDate", tc.date, tc.tim, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("DateTimeISO(%q, %q) = %q, %v; want %q", tc.date, tc.tim, got, err, tc.want)
			}
		})
	}
}

func TestIIMDateTime(t *testing.T) {
	tests := []struct {
		name, iso, date, tim string
		bad                  bool
	}{
		{name: "date", iso: "2019-03-08", date: "20190308"},
		{name: "offset", iso: "2019-03-08T14:22:05-05:00", date: "20190308", tim: "142205-0500"},
		{name: "Z", iso: "2019-03-08T14:22:05Z", date: "20190308", tim: "142205+0000"},
		{name: "no offset stays without one", iso: "2019-03-08T14:22:05", date: "20190308", tim: "142205"},
		{name: "minutes only", iso: "2019-03-08T14:22+01:00", date: "20190308", tim: "142200+0100"},
		{name: "fraction dropped", iso: "2019-03-08T14:22:05.123+05:30", date: "20190308", tim: "142205+0530"},
		{name: "not a date", iso: "March 8, 2019", bad: true},
		{name: "bad time", iso: "2019-03-08T14h22", bad: true},
		{name: "hour 25", iso: "2019-03-08T25:00:00", bad: true},
		{name: "bad offset", iso: "2019-03-08T14:22:05+0500x", bad: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			date, tim, err := IIMDateTime(tc.iso)
			if tc.bad {
				if !errors.Is(err, ErrBadDate) {
					t.Errorf("IIMDateTime(%q) = %q, %q, %v; want ErrBadDate", tc.iso, date, tim, err)
				}
				return
			}
			if err != nil || date != tc.date || tim != tc.tim {
				t.Errorf("IIMDateTime(%q) = %q, %q, %v; want %q, %q", tc.iso, date, tim, err, tc.date, tc.tim)
			}
			// And back: the IIM values give the ISO form again (minus
			// what IIM cannot hold).
			back, err := DateTimeISO(date, tim)
			if err != nil {
				t.Errorf("DateTimeISO(%q, %q): %v", date, tim, err)
			}
			if tc.name == "offset" && back != tc.iso {
				t.Errorf("round trip gave %q, want %q", back, tc.iso)
			}
		})
	}
}
