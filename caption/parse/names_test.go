package parse

import (
	"github.com/cutline/cutline/caption"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNameCase checks how photographers written in capitals are name-cased.
func TestNameCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"JUNG YEON-JE", "Jung Yeon-je"},             // AFP, Korean given name stays lower after the hyphen
		{"Brendan SMIALOWSKI", "Brendan Smialowski"}, // AFP's "Given FAMILY"
		{"JEAN-PIERRE MULLER", "Jean-Pierre Muller"}, // not Korean: each part capitalised
		{"O'NEILL", "O'Neill"},
		{"MCDONALD", "McDonald"},
		{"Kim Hong-Ji", "Kim Hong-Ji"}, // mixed case is kept as written
		{"Jae C. Hong", "Jae C. Hong"},
		{"KING CHARLES III", "King Charles III"}, // roman numerals stay
	}
	for _, tc := range tests {
		if got := parseNameCase(tc.in); got != tc.want {
			t.Errorf("parseNameCase(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestParsePosition checks the position markers captions use.
func TestParsePosition(t *testing.T) {
	tests := []struct{ in, want string }{
		{"L", "L"}, {"R", "R"}, {"C", "C"},
		{"left", "L"}, {"centre", "C"}, {"center", "C"},
		{"2nd L", "2nd L"}, {"2nd from R", "2nd R"}, {"second from left", "2nd L"},
		{"3rd from L, front row", "3rd L"}, {"L, front", "L"}, {"2L", "2nd L"}, {"far right", "R"},
		{"L-R", ""}, {"D-CA", ""}, {"DMZ", ""}, {"AFP", ""}, {"", ""}, {"45", ""},
	}
	for _, tc := range tests {
		if got := parsePosition(tc.in); got != tc.want {
			t.Errorf("parsePosition(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestListDirection checks the markers that number the people of a
// sentence.
func TestListDirection(t *testing.T) {
	tests := []struct{ in, want string }{
		{"L-R", "left"}, {"L to R", "left"}, {"From left", "left"}, {"from left to right", "left"},
		{"R-L", "right"}, {"from right", "right"}, {"L", ""}, {"2nd from L", ""},
	}
	for _, tc := range tests {
		if got := listDirection(tc.in); got != tc.want {
			t.Errorf("listDirection(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNotPeople lists runs of capitalised words that must not be read as
// people: organisations, laws, places, events, nationalities and titles.
func TestNotPeople(t *testing.T) {
	for _, text := range []string{
		"Lawmakers vote on H.R. 1, or the People Act, on the East Steps.",
		"Fellow Democrats and South Korean officials wait.",
		"The Unification Minister speaks.",
		"Goldman Sachs and Morgan Stanley shares fell.",
		"Black Lives Matter protesters march.",
		"Fans of Manchester City and Real Madrid cheer.",
		"The Premier League trophy is shown at the World Cup.",
		"Los Angeles and San Francisco residents wait.",
		"A view of Kim Il Sung Square.",
		"Samsung Electronics shares rose on the Korea Exchange.",
		"The Korean Central News Agency said.",
		"People Power Party leaders attend.",
		"Toronto Raptors forward drives.",
		"Soldiers of the Royal Air Force salute.",
		"Big Ben chimes over Westminster.",
		// From real captions (testdata/real.json, tuning half):
		// a capitalised group with a position, an organisation's name,
		"Members (L) of the People's Solidarity for Participatory Democracy stage a rally.",
		// a military unit,
		"He visits the Mu Islet Hero Defence Detachment on the front.",
		// an adjective on a hyphen,
		"Supporters of Yemen's Iran-backed Huthi rebel movement gather.",
		// a mosque named after the people,
		"He names it the \"Bestepe People's Mosque.\"",
		// a sponsored match,
		"Ali plays during day five of the second Investec Test match.",
		// victims in the name of a monument,
		"Leaders lay wreaths at the cenotaph for Atomic Bomb Victims.",
		// a hospital named after saints,
		"A ward of Szent Istvan and Szent Laszlo Unified Hospitals in Budapest.",
		// PA's story slug.
		"PRESS ASSOCIATION Photo. See PA story CRICKET England Moeen.",
		// From the later tuning captions (split "dev"): a self-proclaimed
		// republic, a party in lower case, a parliament.
		"A militant of the self-proclaimed Luhansk People's Republic (LNR) is reflected in a mirror.",
		"Top Bhartya Janta party (BJP) leader waves.",
		"Elections to India's lower house of parliament, or Lok Sabha, are held every five years.",
		// From review: storms, companies shown by their signs, logos, shares
		// or the noun before them.
		"Tropical Storm Hilary floods a street.",
		"Super Typhoon Rai hits the coast.",
		"A Credit Suisse logo is seen on a building.",
		"Shares of Wells Fargo fell; Swiss bank Credit Suisse said it would cut jobs.",
	} {
		if got := Parse(text).People; len(got) != 0 {
			t.Errorf("Parse(%q).People = %v, want none", text, got)
		}
	}
}

// TestPeopleForms checks the ways captions write names.
func TestPeopleForms(t *testing.T) {
	tests := []struct {
		text string
		want []caption.Person
	}{
		// A title, a portfolio and a nationality before the name.
		{"U.S. Secretary of Defense Lloyd Austin speaks.", []caption.Person{{Name: "Lloyd Austin"}}},
		// Royal titles stay with a single name, not with a full name.
		{"Queen Elizabeth II and Crown Prince Mohammed bin Salman meet.", []caption.Person{{Name: "Queen Elizabeth II"}, {Name: "Mohammed bin Salman"}}},
		// Particles inside names.
		{"Ursula von der Leyen greets Luiz Inacio Lula da Silva.", []caption.Person{{Name: "Ursula von der Leyen"}, {Name: "Luiz Inacio Lula da Silva"}}},
		// Arabic article joined to the name.
		{"Syrian President Bashar al-Assad waves.", []caption.Person{{Name: "Bashar al-Assad"}}},
		// Initials and suffixes.
		{"George W. Bush and Martin Luther King Jr. are remembered.", []caption.Person{{Name: "George W. Bush"}, {Name: "Martin Luther King Jr."}}},
		// A possessive that describes, and one that ends the name.
		{"Serbia's Novak Djokovic reads Nancy Pelosi's letter.", []caption.Person{{Name: "Novak Djokovic"}, {Name: "Nancy Pelosi"}}},
		// Role nouns opening a sentence; hyphenated titles.
		{"Actress Emma Stone and then-President Barack Obama smile.", []caption.Person{{Name: "Emma Stone"}, {Name: "Barack Obama"}}},
		// A surname with a position joins the earlier full name.
		{"Xi Jinping meets Vladimir Putin. Putin (R) smiles.", []caption.Person{{Name: "Xi Jinping"}, {Name: "Vladimir Putin", Position: "R"}}},
		// AP's comma positions.
		{"Kim Jong Un, center, and Kim Yo Jong, second from left, watch.", []caption.Person{{Name: "Kim Jong Un", Position: "C"}, {Name: "Kim Yo Jong", Position: "2nd L"}}},
		// A surname that is also a common word.
		{"Lee Jae-myung meets Park Jin and Tony Hall.", []caption.Person{{Name: "Lee Jae-myung"}, {Name: "Park Jin"}, {Name: "Tony Hall"}}},
		// From real captions (testdata/real.json, tuning half):
		// a given name that is also a word for a law,
		{"United States President Bill Clinton, right, meets with Mayor Jacque Chirac of Paris, France, left.",
			[]caption.Person{{Name: "Bill Clinton", Position: "R"}, {Name: "Jacque Chirac", Position: "L"}}},
		// a role before a full name,
		{"Pathologist Panagiotis Soldatos (R) examines elderly woman Afroditi Roussou (2-R), 90, on the island.",
			[]caption.Person{{Name: "Panagiotis Soldatos", Position: "R"}, {Name: "Afroditi Roussou", Position: "2nd R"}}},
		// a position after the country of the person,
		{"Roger Federer of Switzerland holds the trophy after defeating Andy Murray of Britain (L) in London.",
			[]caption.Person{{Name: "Roger Federer"}, {Name: "Andy Murray", Position: "L"}}},
		// a surname in capitals after a given name (AFP, French agencies),
		{"Opponents led by Professor Paul RAJOANARIVELO, leader of KFP, gathered.",
			[]caption.Person{{Name: "Paul RAJOANARIVELO"}}},
		// a single name after an office title, a role or kin noun, or before an age,
		{"President Obama hugs coach Geno Auriemma.", []caption.Person{{Name: "Obama"}, {Name: "Geno Auriemma"}}},
		{"George W. Bush and former first lady Laura wave.", []caption.Person{{Name: "George W. Bush"}, {Name: "Laura"}}},
		{"Forces loyal to ex-president Saleh took the city.", []caption.Person{{Name: "Saleh"}}},
		{"Blaze, 8, from Swindon, plays in the mud.", []caption.Person{{Name: "Blaze"}}},
		// "Ayatollah" stays with a single name like a royal title.
		{"Ayatollah Ali Khamenei sits under a portrait of Ayatollah Khomeini.",
			[]caption.Person{{Name: "Ali Khamenei"}, {Name: "Ayatollah Khomeini"}}},
		// a list from left stops before the monument named after it.
		{"From left to right, Charles Michel and Giorgia Meloni pose after laying wreaths at the cenotaph for Atomic Bomb Victims.",
			[]caption.Person{{Name: "Charles Michel", Position: "from left 1"}, {Name: "Giorgia Meloni", Position: "from left 2"}}},
		// From the later tuning captions (split "dev"): "Pope Emeritus",
		{"Pope Francis (L) embraces Pope Emeritus Benedict XVI.",
			[]caption.Person{{Name: "Pope Francis", Position: "L"}, {Name: "Pope Emeritus Benedict XVI"}}},
		// two single names after a plural kin noun,
		{"The funeral gave grandsons William and Harry the chance to talk.", []caption.Person{{Name: "William"}, {Name: "Harry"}}},
		// a region before a full name is where the person governs.
		{"Governor of Texas Greg Abbott speaks.", []caption.Person{{Name: "Greg Abbott"}}},
		// From review: a single name with a title of nobility in commas,
		{"Sophie, Duchess of Edinburgh, visits a school.", []caption.Person{{Name: "Sophie, Duchess of Edinburgh"}}},
		// and a storm word is not a given name after a title.
		{"Actress Storm Reid (L) arrives.", []caption.Person{{Name: "Storm Reid", Position: "L"}}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, Parse(tc.text).People); diff != "" {
			t.Errorf("Parse(%q).People (-want +got):\n%s", tc.text, diff)
		}
	}
}
