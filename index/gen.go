package index

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/cutline/cutline/archive"
	"github.com/cutline/cutline/caption"
)

// Generator makes synthetic but realistic caption records for benchmarks
// and tests: names from several languages (with accents and hyphens),
// places, agencies with their own credit styles, dates and flags. Photo i
// depends only on the seed and i, so any record can be made again alone.
type Generator struct {
	seed uint64
}

// NewGenerator returns a generator for the given seed.
func NewGenerator(seed uint64) *Generator { return &Generator{seed: seed} }

type genPlace struct{ city, country, code string }

var (
	genFamily = [][]string{
		{"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong"},
		{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore", "Martin", "Jackson", "White", "Harris", "Clark", "O'Brien", "McAllister"},
		{"Al-Masri", "Haddad", "Khalil", "Nasser", "Abdelkafi", "Mansour", "Hamdan", "Saleh", "Qasim", "El-Sayed", "Farouk", "Aziz", "Al-Rashid", "Bakr"},
		{"García", "Rodríguez", "Martínez", "López", "González", "Pérez", "Sánchez", "Fernández", "Gómez", "Díaz", "Muñoz", "Peña", "Gonçalves", "Araújo"},
		{"Dubois", "Lefèvre", "Müller", "Schröder", "Novák", "Kowalski", "Rossi", "Tanaka", "Wang", "Nguyen", "Öztürk", "Ivanova"},
	}
	genGiven = [][]string{
		{"Hong-Ji", "In-young", "Yeon-je", "Jae-in", "Suk-yeol", "Min-ji", "Seo-yeon", "Ji-hoon", "Hyun-woo", "Soo-bin", "Dong-hyun", "Eun-ji", "Jae-won", "Ha-eun"},
		{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "Sarah", "Thomas", "Emily", "Daniel", "Laura"},
		{"Mohammed", "Ahmed", "Fatima", "Omar", "Layla", "Youssef", "Khaled", "Aisha", "Hassan", "Nour", "Rania", "Tariq", "Samir", "Mariam"},
		{"José", "María", "Juan", "Ana", "Luis", "Carmen", "Diego", "Sofía", "Andrés", "Lucía", "João", "Inês", "Sebastián", "Valentina"},
		{"Jean-Pierre", "Élodie", "Jürgen", "Anja", "Tomáš", "Agnieszka", "Giulia", "Hiroshi", "Wei", "Linh", "Emre", "Olga"},
	}
	genPlaces = []genPlace{
		{"Seoul", "South Korea", "KOR"}, {"Panmunjom", "South Korea", "KOR"}, {"Busan", "South Korea", "KOR"},
		{"Pyongyang", "North Korea", "PRK"}, {"Washington", "United States", "USA"}, {"New York", "United States", "USA"},
		{"Los Angeles", "United States", "USA"}, {"London", "United Kingdom", "GBR"}, {"Paris", "France", "FRA"},
		{"Berlin", "Germany", "DEU"}, {"Madrid", "Spain", "ESP"}, {"Barcelona", "Spain", "ESP"},
		{"Mexico City", "Mexico", "MEX"}, {"São Paulo", "Brazil", "BRA"}, {"Rio de Janeiro", "Brazil", "BRA"},
		{"Buenos Aires", "Argentina", "ARG"}, {"Bogotá", "Colombia", "COL"}, {"Cairo", "Egypt", "EGY"},
		{"Beirut", "Lebanon", "LBN"}, {"Gaza City", "Gaza", "PSE"}, {"Jerusalem", "Israel", "ISR"},
		{"Baghdad", "Iraq", "IRQ"}, {"Tehran", "Iran", "IRN"}, {"Riyadh", "Saudi Arabia", "SAU"},
		{"Dubai", "United Arab Emirates", "ARE"}, {"Istanbul", "Turkey", "TUR"}, {"Kyiv", "Ukraine", "UKR"},
		{"Moscow", "Russia", "RUS"}, {"Beijing", "China", "CHN"}, {"Hong Kong", "China", "CHN"},
		{"Tokyo", "Japan", "JPN"}, {"New Delhi", "India", "IND"}, {"Kabul", "Afghanistan", "AFG"},
		{"Nairobi", "Kenya", "KEN"}, {"Lagos", "Nigeria", "NGA"}, {"Johannesburg", "South Africa", "ZAF"},
		{"Sydney", "Australia", "AUS"}, {"Montréal", "Canada", "CAN"}, {"Zürich", "Switzerland", "CHE"},
		{"Reykjavík", "Iceland", "ISL"},
	}
	genVenues = []string{"the presidential palace", "the national stadium", "city hall", "the central square", "the parliament building",
		"the Olympic Park", "the main train station", "a refugee camp", "the old town", "the stock exchange"}
	genTopics = []string{"rising food prices", "the government's pension reform", "police violence", "the war", "climate inaction",
		"a new labour law", "corruption", "the election results"}
	genTeams = []string{"Real Madrid", "FC Seoul", "Boca Juniors", "Al Ahly", "Manchester United", "Paris Saint-Germain", "Flamengo", "Bayern Munich"}
	genRoles = []string{"President", "Prime Minister", "Foreign Minister", "actress", "coach", "Chief Executive", "opposition leader", "Defence Minister"}
	genKeys  = []string{"politics", "sport", "soccer", "disaster", "protest", "election", "entertainment", "business", "weather", "conflict", "health", "culture"}
	genMonth = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// genAgency is an agency with the way it signs captions and credits.
type genAgency struct {
	name, credit string
	sign         func(photographer string) string
}

var genAgencies = []genAgency{
	{"Reuters", "REUTERS", func(p string) string { return "REUTERS/" + p }},
	{"AFP", "AFP", func(p string) string { return "AFP PHOTO / " + strings.ToUpper(p) }},
	{"AP", "AP", func(p string) string { return "(AP Photo/" + p + ")" }},
	{"Getty Images", "Getty Images", func(p string) string { return "Photo by " + p + "/Getty Images" }},
	{"EPA", "EPA-EFE", func(p string) string { return "EPA-EFE/" + strings.ToUpper(p) }},
	{"Yonhap", "Yonhap", func(p string) string { return "(Yonhap)" }},
	{"Xinhua", "Xinhua", func(p string) string { return "(Xinhua/" + p + ")" }},
	{"Anadolu", "Anadolu Agency", func(p string) string { return p + "/Anadolu Agency" }},
	{"Kyodo", "Kyodo", func(p string) string { return "(Kyodo)" }},
}

// name returns one of about 20,000 people, common ones far more often
// (a cube of a uniform number skews towards the start of the list).
func (g *Generator) name(r *rand.Rand) string {
	u := r.Float64()
	k := int(u * u * u * 20000)
	lang := k % len(genFamily)
	fam := genFamily[lang][(k/len(genFamily))%len(genFamily[lang])]
	giv := genGiven[lang][(k/(len(genFamily)*len(genFamily[lang])))%len(genGiven[lang])]
	if lang == 0 || fam == "Tanaka" || fam == "Wang" || fam == "Nguyen" {
		return fam + " " + giv // family name first
	}
	return giv + " " + fam
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// Photo returns synthetic photo i.
func (g *Generator) Photo(i int) archive.Photo {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(26*365))
	when := fmt.Sprintf("%s %d, %d", genMonth[day.Month()-1], day.Day(), day.Year())
	pl := pick(r, genPlaces)
	ag := pick(r, genAgencies)
	photographer := g.name(r)
	p1, p2 := g.name(r), g.name(r)

	var desc, headline string
	var people []caption.Person
	var keys []string
	switch r.IntN(8) {
	case 0:
		desc = fmt.Sprintf("%s %s speaks during a news conference in %s, %s, %s.", pick(r, genRoles), p1, pl.city, pl.country, when)
		headline = p1 + " speaks in " + pl.city
		people = []caption.Person{{Name: p1}}
		keys = []string{"politics"}
	case 1:
		desc = fmt.Sprintf("Protesters march through %s during a demonstration against %s, %s, %s.", pl.city, pick(r, genTopics), pl.country, when)
		headline = "Protest in " + pl.city
		keys = []string{"protest", "politics"}
	case 2:
		desc = fmt.Sprintf("%s (L) shakes hands with %s (R) before their meeting at %s in %s, %s, %s.", p1, p2, pick(r, genVenues), pl.city, pl.country, when)
		headline = p1 + " meets " + p2
		people = []caption.Person{{Name: p1, Position: "L"}, {Name: p2, Position: "R"}}
		keys = []string{"politics", "diplomacy"}
	case 3:
		desc = fmt.Sprintf("Rescue workers search for survivors in the rubble of a collapsed building after an earthquake in %s, %s, %s.", pl.city, pl.country, when)
		headline = "Earthquake hits " + pl.country
		keys = []string{"disaster"}
	case 4:
		t1, t2 := pick(r, genTeams), pick(r, genTeams)
		desc = fmt.Sprintf("%s of %s celebrates after scoring during the match against %s at %s in %s, %s.", p1, t1, t2, pick(r, genVenues), pl.city, when)
		headline = t1 + " beat " + t2
		people = []caption.Person{{Name: p1}}
		keys = []string{"sport", "soccer"}
	case 5:
		desc = fmt.Sprintf("Firefighters battle a wildfire near %s, %s, %s.", pl.city, pl.country, when)
		headline = "Wildfire near " + pl.city
		keys = []string{"disaster", "weather"}
	case 6:
		desc = fmt.Sprintf("Voters queue at a polling station in %s during the general election in %s, %s.", pl.city, pl.country, when)
		headline = pl.country + " votes"
		keys = []string{"election", "politics"}
	default:
		desc = fmt.Sprintf("%s, %s, attends a film premiere at %s in %s, %s, %s.", p1, pick(r, genRoles), pick(r, genVenues), pl.city, pl.country, when)
		headline = p1 + " at premiere"
		people = []caption.Person{{Name: p1}}
		keys = []string{"entertainment", "culture"}
	}

	f := caption.Facts{Agency: ag.name, Photographer: photographer, Taken: day.Format("2006-01-02"),
		People: people, Places: []string{pl.city, pl.country}}
	credit := ag.credit
	switch n := r.IntN(100); {
	case n < 5:
		f.File = true
		desc = "FILE PHOTO: " + desc
	case n < 9:
		f.Handout = true
		desc = "This handout photo released by the " + pl.country + " government shows: " + desc
		credit = "HANDOUT/" + ag.credit
	case n < 14:
		f.Pool = true
		credit = "POOL/" + ag.credit
	}
	desc += " " + ag.sign(photographer)

	persons := make([]string, 0, len(people))
	for _, pp := range people {
		n := pp.Name
		if r.IntN(4) == 0 {
			n = strings.ToUpper(n) // agencies that shout names in IPTC
		}
		persons = append(persons, n)
	}
	id := archive.IDOf(fmt.Appendf(nil, "cutline-bench-%d-%d", g.seed, i))
	return archive.Photo{
		ID: id, Name: fmt.Sprintf("IMG_%07d.jpg", i), Format: "jpeg", Width: 6000, Height: 4000,
		Bytes:    int64(2_000_000 + r.IntN(8_000_000)),
		Ingested: day.Add(time.Duration(24+r.IntN(72)) * time.Hour),
		Caption: caption.Fields{
			Headline: headline, Description: desc, Byline: []string{photographer}, Credit: credit, Source: ag.name,
			Keywords: append(keys, pick(r, genKeys)), DateCreated: day.Format("2006-01-02"),
			City: pl.city, Country: pl.country, CountryCode: pl.code, PersonsShown: persons,
		},
		Facts: f,
	}
}
