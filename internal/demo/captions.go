package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/cutline/cutline/caption"
)

// SeedCaptions returns the captions of the two photos of the seed article
// (the Press TV piece on the inter-Korean hotline), with the fields an
// agency would have sent along. Their descriptions are verbatim; persons
// shown are left empty so that the desk's suggestions have work to do.
func SeedCaptions() []caption.Fields {
	return []caption.Fields{
		{
			Headline: "Democrats rally before H.R. 1 vote",
			Description: "US Rep. Ilhan Omar (D-MN) (L) talks with Speaker of the House Nancy Pelosi (D-CA) during a rally " +
				"with fellow Democrats before voting on H.R. 1, or the People Act, on the East Steps of the US Capitol on " +
				"March 08, 2019 in Washington, DC. (AFP photo)",
			Credit:      "AFP",
			Source:      "Getty Images North America",
			DateCreated: "2019-03-08",
			City:        "Washington",
			State:       "DC",
			Country:     "United States",
			CountryCode: "USA",
			Keywords:    []string{"Politics", "Congress", "Democrats"},
		},
		{
			Headline: "Unification minister at the inter-Korean hotline",
			Description: "This picture taken on September 16, 2020 shows South Korean Unification Minister Lee In-young (R) " +
				"looking at the inter-Korean hotline during a visit to the south side of the truce village of Panmunjom in " +
				"the Demilitarized Zone (DMZ) dividing the two Koreas. (File photo by AFP)",
			Credit:      "AFP",
			Source:      "AFP",
			DateCreated: "2020-09-16",
			Sublocation: "Panmunjom",
			Country:     "South Korea",
			CountryCode: "KOR",
			Keywords:    []string{"Politics", "North Korea", "South Korea", "diplomacy"},
		},
	}
}

// agency is how one agency captions and credits its pictures.
type agency struct {
	credit, source, copyright string
	photographers             []string
	// sign appends the agency's credit to a caption sentence.
	sign func(text, photographer string, file, pool bool) string
	// date writes a date the agency's way.
	date func(time.Time) string
}

var apMonths = []string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

func longDate(t time.Time) string { return t.Format("January 2, 2006") }

var agencies = []agency{
	{
		credit: "AFP", source: "AFP", copyright: "AFP",
		photographers: []string{"Han Min-jun", "Sophie Laurent", "Rafael Ortiz"},
		sign: func(text, ph string, file, pool bool) string {
			switch {
			case file:
				return text + " (File photo by " + ph + " / AFP)"
			case pool:
				return text + " (Photo by " + ph + " / POOL / AFP)"
			}
			return text + " (Photo by " + ph + " / AFP)"
		},
		date: func(t time.Time) string { return "on " + longDate(t) },
	},
	{
		credit: "REUTERS", source: "Reuters", copyright: "REUTERS",
		photographers: []string{"Kim Tae-yang", "Daniel Okafor", "Ingrid Halvorsen"},
		sign: func(text, ph string, file, pool bool) string {
			if file {
				text = "FILE PHOTO: " + text
			}
			if pool {
				return text + " " + ph + "/Pool via REUTERS"
			}
			return text + " REUTERS/" + ph
		},
		date: longDate,
	},
	{
		credit: "AP", source: "AP", copyright: "Copyright 2024 The Associated Press. All rights reserved.",
		photographers: []string{"Emily Carter", "Ahn Sung-woo", "Marco Bellini"},
		sign: func(text, ph string, file, pool bool) string {
			switch {
			case file:
				return text + " (AP Photo/" + ph + ", File)"
			case pool:
				return text + " (AP Photo/" + ph + ", Pool)"
			}
			return text + " (AP Photo/" + ph + ")"
		},
		date: func(t time.Time) string {
			return t.Weekday().String() + ", " + apMonths[t.Month()-1] + " " + fmt.Sprint(t.Day()) + ", " + fmt.Sprint(t.Year())
		},
	},
	{
		credit: "Getty Images", source: "Getty Images AsiaPac", copyright: "2024 Getty Images",
		photographers: []string{"Lucas Moreau", "Hannah Whitfield"},
		sign: func(text, ph string, file, pool bool) string {
			return text + " (Photo by " + ph + "/Getty Images)"
		},
		date: func(t time.Time) string { return "on " + t.Format("January 02, 2006") },
	},
	{
		credit: "Yonhap", source: "Yonhap News Agency", copyright: "Yonhap News Agency",
		photographers: []string{"Yoon Seo-yeon"},
		sign: func(text, ph string, file, pool bool) string {
			if file {
				return text + " (Yonhap, file photo)"
			}
			return text + " (Yonhap)"
		},
		date: func(t time.Time) string { return "on " + apMonths[t.Month()-1] + " " + fmt.Sprint(t.Day()) }, // Yonhap leaves the year out
	},
	{
		credit: "EPA-EFE", source: "EPA", copyright: "EPA-EFE",
		photographers: []string{"Jeon Min-ho", "Clara Vidal"},
		sign: func(text, ph string, file, pool bool) string {
			return text + " EPA-EFE/" + strings.ToUpper(ph)
		},
		date: func(t time.Time) string { return "on " + t.Format("02 January 2006") },
	},
}

// place is where a picture is set: a city, its country and a few venues.
type place struct {
	city, state, country, code string
	venues                     []string
	people                     []person
}

// person is a fictional public figure; the demo names no real person
// except in the two seed captions.
type person struct{ name, title string }

var places = []place{
	{"Seoul", "", "South Korea", "KOR", []string{"the National Assembly", "Gwanghwamun Square", "Seoul Station", "the presidential office"},
		[]person{{"Park Ji-hoon", "South Korean Foreign Minister"}, {"Choi Eun-ha", "Seoul Mayor"}, {"Lee Soo-min", "opposition leader"}}},
	{"Busan", "", "South Korea", "KOR", []string{"Busan Port", "Haeundae Beach", "the BEXCO convention centre"},
		[]person{{"Kang Dong-won", "Busan Mayor"}}},
	{"Washington", "DC", "United States", "USA", []string{"the US Capitol", "the White House", "the Lincoln Memorial"},
		[]person{{"Margaret Holloway", "US Senator"}, {"David Kessler", "Secretary of State"}}},
	{"Paris", "", "France", "FRA", []string{"the Elysee Palace", "the Place de la Concorde", "Gare du Nord"},
		[]person{{"Chloé Martin", "French Prime Minister"}, {"Julien Fabre", "Paris Mayor"}}},
	{"London", "", "United Kingdom", "GBR", []string{"Downing Street", "Trafalgar Square", "Wembley Stadium"},
		[]person{{"Eleanor Whitcombe", "British Foreign Secretary"}}},
	{"Tokyo", "", "Japan", "JPN", []string{"the prime minister's office", "Shibuya crossing", "the National Stadium"},
		[]person{{"Kenji Watanabe", "Japanese Prime Minister"}, {"Aiko Tanaka", "Tokyo Governor"}}},
	{"São Paulo", "São Paulo", "Brazil", "BRA", []string{"Paulista Avenue", "the Morumbi stadium"},
		[]person{{"João Pereira", "Brazilian Finance Minister"}}},
	{"Kyiv", "", "Ukraine", "UKR", []string{"Maidan Nezalezhnosti", "the Verkhovna Rada"},
		[]person{{"Olena Kovalenko", "Ukrainian Deputy Prime Minister"}}},
	{"Nairobi", "", "Kenya", "KEN", []string{"the Kenyatta International Convention Centre", "Uhuru Park"},
		[]person{{"Amina Wanjiru", "Kenyan Health Minister"}}},
	{"Geneva", "", "Switzerland", "CHE", []string{"the Palais des Nations", "the Jet d'Eau"},
		[]person{{"Ahmed Haddad", "UN special envoy"}}},
}

// scene is one kind of news picture: a sentence with slots, a headline and
// keywords. Slots: {title} {person} {title2} {person2} {venue} {city}
// {where} (city, country) {date}.
type scene struct {
	text, headline string
	keywords       []string
	people         int // how many people the sentence names
}

var scenes = []scene{
	{"{title} {person} (C) speaks during a news conference at {venue} in {where} {date}.", "{person} holds news conference", []string{"Politics", "news conference"}, 1},
	{"{title} {person} (L) shakes hands with {title2} {person2} (R) before their talks at {venue} in {city} {date}.", "{person} meets {person2}", []string{"Politics", "diplomacy"}, 2},
	{"Supporters wave flags as {title} {person} arrives for a rally in {where} {date}.", "Rally in {city}", []string{"Politics", "rally", "election"}, 1},
	{"Commuters walk past a screen showing a news broadcast at {venue} in {city} {date}.", "Commuters in {city}", []string{"daily life", "transport"}, 0},
	{"Firefighters battle a blaze at a warehouse in {where} {date}.", "Warehouse fire in {city}", []string{"fire", "accident"}, 0},
	{"Workers inspect solar panels at a plant outside {where} {date}.", "Solar plant near {city}", []string{"energy", "environment", "business"}, 0},
	{"A general view shows the skyline of {city} at dusk {date}.", "{city} skyline", []string{"cityscape", "general view"}, 0},
	{"Protesters hold placards during a demonstration against rising prices near {venue} in {where} {date}.", "Protest over prices in {city}", []string{"protest", "economy"}, 0},
	{"{title} {person} (2nd L) visits a vaccination centre in {city} {date}.", "{person} visits vaccination centre", []string{"health", "vaccination"}, 1},
	{"Fans cheer during the final at {venue} in {where} {date}.", "Cup final in {city}", []string{"sport", "football"}, 0},
	{"{title} {person} (R) and {title2} {person2} (L) attend a ceremony at {venue} in {city} {date}.", "Ceremony in {city}", []string{"Politics", "ceremony"}, 2},
	{"Rescue workers search through rubble after heavy rain in {where} {date}.", "Floods hit {city}", []string{"weather", "flood", "disaster"}, 0},
}

var cameras = [][2]string{{"Canon", "Canon EOS R3"}, {"NIKON CORPORATION", "NIKON Z 9"}, {"SONY", "ILCE-1"}, {"Canon", "Canon EOS-1D X Mark III"}}

// generated is the caption and the facts a generated photo was made from.
type generated struct {
	fields caption.Fields
	taken  time.Time
	camera [2]string
}

// makeCaption builds caption i. Most fields are filled the way agencies
// fill them; some are left out on purpose (no persons shown, no city, no
// credit field) so that the desk's warnings and suggestions show.
func makeCaption(seed int64, i int) generated {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(i)))
	ag := agencies[r.IntN(len(agencies))]
	pl := places[r.IntN(len(places))]
	sc := scenes[r.IntN(len(scenes))]
	ph := ag.photographers[r.IntN(len(ag.photographers))]
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(10*365))
	taken := day.Add(time.Duration(7+r.IntN(13))*time.Hour + time.Duration(r.IntN(3600))*time.Second)
	file := r.IntN(8) == 0
	pool := !file && sc.people > 0 && r.IntN(6) == 0

	p1 := pl.people[r.IntN(len(pl.people))]
	p2 := places[r.IntN(len(places))].people[0]
	if p2 == p1 {
		p2 = person{"Sophie Brandt", "German Economy Minister"}
	}
	where := pl.city + ", " + pl.country + ","
	if pl.state != "" && pl.code == "USA" {
		where = pl.city + ", " + pl.state + ","
	}
	repl := strings.NewReplacer(
		"{title}", p1.title, "{person}", p1.name, "{title2}", p2.title, "{person2}", p2.name,
		"{venue}", pl.venues[r.IntN(len(pl.venues))], "{city}", pl.city, "{where}", where,
		"{date}", ag.date(day),
	)
	text := ag.sign(repl.Replace(sc.text), ph, file, pool)
	head := strings.NewReplacer("{person}", p1.name, "{person2}", p2.name, "{city}", pl.city).Replace(sc.headline)

	f := caption.Fields{
		Headline:    head,
		Description: text,
		Byline:      []string{ph},
		BylineTitle: "Staff photographer",
		Credit:      ag.credit,
		Source:      ag.source,
		Copyright:   ag.copyright,
		Keywords:    append([]string(nil), sc.keywords...),
		DateCreated: taken.Format("2006-01-02T15:04:05"),
		City:        pl.city,
		State:       pl.state,
		Country:     pl.country,
		CountryCode: pl.code,
		JobID:       fmt.Sprintf("%s-%d-%04d", strings.ToUpper(pl.code), taken.Year(), i),
	}
	if file {
		f.Instructions = "FILE PHOTO"
	}
	if pool {
		f.Instructions = "POOL PHOTO"
	}
	if r.IntN(2) == 0 && sc.people > 0 {
		f.PersonsShown = []string{p1.name}
		if sc.people > 1 {
			f.PersonsShown = append(f.PersonsShown, p2.name)
		}
	}
	switch r.IntN(10) {
	case 0:
		f.City = "" // the caption names the city: the desk suggests it
	case 1:
		f.Credit = "" // the caption credits the agency: the credit lines still work
	case 2:
		f.Headline = strings.ToUpper(f.Headline) // wire services still send these
	}
	return generated{fields: f, taken: taken, camera: cameras[r.IntN(len(cameras))]}
}
