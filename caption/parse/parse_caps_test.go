package parse

import (
	"testing"

	"github.com/cutline/cutline/caption"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestCapitalsForms checks captions written entirely in capitals: the
// shapes that show a name there, and the words that must stay common.
func TestCapitalsForms(t *testing.T) {
	tests := []struct {
		text   string
		people []caption.Person
		places []string
		taken  string
	}{
		// A title before a name, a position, a known city and country, a
		// month kept for the date; "the presidential office" stays common.
		{"SOUTH KOREAN PRESIDENT YOON SUK YEOL (C) SPEAKS DURING A MEETING AT THE PRESIDENTIAL OFFICE IN SEOUL, SOUTH KOREA, MAY 10, 2023. REUTERS/KIM HONG-JI",
			[]caption.Person{{Name: "Yoon Suk Yeol", Position: "C"}}, []string{"Seoul", "South Korea"}, "2023-05-10"},
		// A base named after its one-word name; "U.S." as written.
		{"U.S. PRESIDENT JOE BIDEN WAVES AS HE BOARDS AIR FORCE ONE AT JOINT BASE ANDREWS, MARYLAND, U.S., JUNE 2, 2023. REUTERS/KEVIN LAMARQUE",
			[]caption.Person{{Name: "Joe Biden"}}, []string{"Joint Base Andrews", "Maryland", "U.S."}, "2023-06-02"},
		// Names after possessives; an unknown ground before a known city.
		{"ENGLAND'S MOEEN ALI PLAYS DEFENSIVELY FROM THE BOWLING OF SRI LANKA'S SHAMINDA ERANGA AT HEADINGLEY, LEEDS. PA",
			[]caption.Person{{Name: "Moeen Ali"}, {Name: "Shaminda Eranga"}}, []string{"Headingley", "Leeds"}, ""},
		// Korean names without a title; an unknown town before a known
		// country.
		{"LEE JAE-MYUNG (L), LEADER OF THE MAIN OPPOSITION DEMOCRATIC PARTY, AND ITS FLOOR LEADER, PARK CHAN-DAE, ATTEND A MEETING IN KITZBUEHEL, AUSTRIA, ON MARCH 12, 2025. (YONHAP)",
			[]caption.Person{{Name: "Lee Jae-myung", Position: "L"}, {Name: "Park Chan-dae"}}, []string{"Kitzbuehel", "Austria"}, "2025-03-12"},
		// A royal title keeps a single name; one name after a kin noun.
		{"QUEEN ELIZABETH TAKES HER SEAT AT ST GEORGE'S CHAPEL, IN WINDSOR, BRITAIN, APRIL 17, 2021. THE FUNERAL GAVE GRANDSONS WILLIAM AND HARRY THE CHANCE TO TALK. VICTORIA JONES/POOL VIA REUTERS",
			[]caption.Person{{Name: "Queen Elizabeth"}, {Name: "William"}, {Name: "Harry"}}, []string{"St George's Chapel", "Windsor", "Britain"}, "2021-04-17"},
		// Common words after "of", "with" and titles stay common: no
		// people here.
		{"PROTESTERS USE TALK POWDER TO LESSEN THE EFFECTS OF TEAR GAS AS THEY CLASH WITH POLICE IN LOME, TOGO, JANUARY 21, 2018. THE OFFICIAL SEAL OF APPROVAL CAME A FEW WEEKS AGO.",
			nil, []string{"Lome", "Togo"}, "2018-01-21"},
		{"THE WOMEN FOLLOW A TRADITION OF FREE-DIVE FISHING AFTER YEARS OF FESTERING BANDITRY IN BUSAN, SOUTH KOREA, APRIL 6, 2021.",
			nil, []string{"Busan", "South Korea"}, "2021-04-06"},
	}
	for _, tc := range tests {
		got := Parse(tc.text)
		if diff := cmp.Diff(tc.people, got.People, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Parse(%q).People (-want +got):\n%s", tc.text, diff)
		}
		if diff := cmp.Diff(tc.places, got.Places, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Parse(%q).Places (-want +got):\n%s", tc.text, diff)
		}
		if got.Taken != tc.taken {
			t.Errorf("Parse(%q).Taken = %q, want %q", tc.text, got.Taken, tc.taken)
		}
	}
}

// TestCapsBody checks which texts count as written in capitals.
func TestCapsBody(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		// A caption in capitals.
		{"FANS CHEER DURING THE MATCH AT THE EMIRATES STADIUM IN LONDON.", true},
		// Running text with a surname and a dateline in capitals is not.
		{"LONDON, ENGLAND - AUGUST 20: Czech Republic goalkeeper Petr CECH in action at Wembley Stadium.", false},
		// Too short to tell.
		{"KIM JONG UN", false},
	}
	for _, tc := range tests {
		if got := capsBody([]byte(tc.text)); got != tc.want {
			t.Errorf("capsBody(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestTruecaseKeepsOffsets checks that putting a caption back into the case
// of running text changes no byte offset, whatever its letters.
func TestTruecaseKeepsOffsets(t *testing.T) {
	for _, text := range []string{
		"PRESIDENT RECEP TAYYIP ERDOĞAN SPEAKS IN İSTANBUL, TÜRKİYE, APRIL 17, 2017.",
		"FRANÇOIS LEGAULT (C) ATTENDS A BRIEFING IN MONTRÉAL ON MAY 21, 2020. THE CANADIAN PRESS/RYAN REMIORZ",
		"ÖFUNATO, JAPAN -- RESCUERS SEARCH IN ŌFUNATO ON MARCH 14, 2011 \xff\xfe BROKEN BYTES.",
	} {
		p := newCaptionParser(text, ParseOptions{})
		before := len(p.work)
		p.truecase()
		if len(p.work) != before {
			t.Errorf("truecase(%q) changed the length from %d to %d", text, before, len(p.work))
		}
	}
}
