package iptc

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrBadDate means a date or time is not in the IIM or ISO 8601 form the
// function expects.
var ErrBadDate = errors.New("malformed IIM date or time")

// DateTimeISO joins an IIM date (2:55, CCYYMMDD) and time (2:60,
// HHMMSS±HHMM) into ISO 8601: "2019-03-08" without a time,
// "2019-03-08T14:22:05-05:00" with one. A time without its UTC offset
// (HHMMSS, written by some software) gives "2019-03-08T14:22:05"; a
// fraction of a second after HHMMSS is kept.
func DateTimeISO(date, tim string) (string, error) {
	if len(date) != 8 || !digits(date) {
		return "", fmt.Errorf("iptc: %w: date %q is not CCYYMMDD", ErrBadDate, date)
	}
	d, err := time.Parse("20060102", date)
	if err != nil {
		return "", fmt.Errorf("iptc: %w: date %q: %v", ErrBadDate, date, err)
	}
	iso := d.Format("2006-01-02")
	if tim == "" {
		return iso, nil
	}
	if len(tim) < 6 || !digits(tim[:6]) {
		return "", fmt.Errorf("iptc: %w: time %q is not HHMMSS±HHMM", ErrBadDate, tim)
	}
	h, m, s := atoi2(tim[0:2]), atoi2(tim[2:4]), atoi2(tim[4:6])
	if h > 23 || m > 59 || s > 60 {
		return "", fmt.Errorf("iptc: %w: time %q is out of range", ErrBadDate, tim)
	}
	iso += fmt.Sprintf("T%02d:%02d:%02d", h, m, s)
	zone := tim[6:]
	if strings.HasPrefix(zone, ".") {
		// Fractions of a second are not IIM, but some writers
		// (IDimager) add them; ExifTool passes them through.
		i := 1
		for i < len(zone) && zone[i] >= '0' && zone[i] <= '9' {
			i++
		}
		if i == 1 {
			return "", fmt.Errorf("iptc: %w: time %q has an empty fraction", ErrBadDate, tim)
		}
		iso += zone[:i]
		zone = zone[i:]
	}
	switch {
	case zone == "":
	case len(zone) == 5 && (zone[0] == '+' || zone[0] == '-') && digits(zone[1:]) && atoi2(zone[1:3]) <= 14 && atoi2(zone[3:5]) <= 59:
		iso += zone[:3] + ":" + zone[3:]
	default:
		return "", fmt.Errorf("iptc: %w: time %q has a malformed UTC offset", ErrBadDate, tim)
	}
	return iso, nil
}

// IIMDateTime splits an ISO 8601 date ("2019-03-08"), date-time
// ("2019-03-08T14:22:05") or date-time with offset
// ("2019-03-08T14:22:05-05:00", "...Z") into the IIM date (CCYYMMDD) and
// time values. tim is "" for a bare date. A time without an offset is
// written as HHMMSS without one: IIM asks for an offset, but inventing
// +0000 would claim a time zone nobody gave.
func IIMDateTime(iso string) (date, tim string, err error) {
	datePart, timePart, hasTime := strings.Cut(iso, "T")
	d, err := time.Parse("2006-01-02", datePart)
	if err != nil {
		return "", "", fmt.Errorf("iptc: %w: %q is not an ISO 8601 date", ErrBadDate, iso)
	}
	date = d.Format("20060102")
	if !hasTime {
		return date, "", nil
	}
	zone := ""
	switch {
	case strings.HasSuffix(timePart, "Z"):
		timePart, zone = timePart[:len(timePart)-1], "+0000"
	case len(timePart) > 6 && (timePart[len(timePart)-6] == '+' || timePart[len(timePart)-6] == '-'):
		z := timePart[len(timePart)-6:]
		if z[3] != ':' || !digits(z[1:3]) || !digits(z[4:]) {
			return "", "", fmt.Errorf("iptc: %w: %q has a malformed UTC offset", ErrBadDate, iso)
		}
		timePart, zone = timePart[:len(timePart)-6], z[:3]+z[4:]
	}
	if i := strings.IndexByte(timePart, '.'); i >= 0 {
		timePart = timePart[:i] // IIM has no fractions of a second
	}
	var h, m, s int
	switch len(timePart) {
	case 5: // HH:MM
		if timePart[2] != ':' || !digits(timePart[:2]) || !digits(timePart[3:]) {
			return "", "", fmt.Errorf("iptc: %w: %q has a malformed time", ErrBadDate, iso)
		}
		h, m = atoi2(timePart[:2]), atoi2(timePart[3:])
	case 8: // HH:MM:SS
		if timePart[2] != ':' || timePart[5] != ':' || !digits(timePart[:2]) || !digits(timePart[3:5]) || !digits(timePart[6:]) {
			return "", "", fmt.Errorf("iptc: %w: %q has a malformed time", ErrBadDate, iso)
		}
		h, m, s = atoi2(timePart[:2]), atoi2(timePart[3:5]), atoi2(timePart[6:])
	default:
		return "", "", fmt.Errorf("iptc: %w: %q has a malformed time", ErrBadDate, iso)
	}
	if h > 23 || m > 59 || s > 60 {
		return "", "", fmt.Errorf("iptc: %w: %q has a time out of range", ErrBadDate, iso)
	}
	return date, fmt.Sprintf("%02d%02d%02d", h, m, s) + zone, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi2 converts two ASCII digits (already checked) to an int.
func atoi2(s string) int {
	return int(s[0]-'0')*10 + int(s[1]-'0')
}
