package caption

import (
	"errors"
	"testing"
)

func TestCheckDateCreated(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"2019", true},                        // the year alone
		{"2019-03", true},                     // year and month
		{"2019-03-08", true},                  // a day
		{"2019-03-08T14:22", true},            // with minutes
		{"2019-03-08T14:22:05", true},         // with seconds, no zone
		{"2019-03-08T14:22:05-05:00", true},   // with an offset
		{"2019-03-08T14:22:05Z", true},        // UTC
		{"2019-03-08T14:22:05.25+0900", true}, // fraction, offset without colon
		{"2020-02-29", true},                  // a leap day
		{"notadate", false},                   // words
		{"2021-02-29", false},                 // no such day
		{"2019-13", false},                    // no such month
		{"19-03-08", false},                   // two-digit year
		{"08/03/2019", false},                 // a local form
		{"2019-03T14:22", false},              // a time needs a day
		{"2019-03-08T25:00", false},           // no such hour
		{"2019-03-08 14:22", false},           // a space for T
		{"2019-03-08T", false},                // T without a time
	}
	for _, tt := range tests {
		err := CheckDateCreated(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("CheckDateCreated(%q) = %v, want ok=%v", tt.in, err, tt.ok)
		}
		var ve *ValueError
		if err != nil && (!errors.As(err, &ve) || ve.Field != "dateCreated" || ve.Value != tt.in) {
			t.Errorf("CheckDateCreated(%q) = %#v, want a ValueError naming the field and value", tt.in, err)
		}
	}
}
