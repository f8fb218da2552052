package parse

import "strings"

// The word lists below are the structure of captions that the people and
// places passes rely on. They are switch statements rather than maps so that
// the package holds no state and costs nothing at start-up. Words are looked
// up in lower case without a final dot.

// titleClass says how a title word cuts a run of capitalised words.
type titleClass uint8

const (
	notTitle titleClass = iota
	// titleStrong words are never part of a name: the name follows them
	// ("President Donald Trump", "Unification Minister Lee In-young").
	titleStrong
	// titleWeak words are also surnames ("Cook", "Driver", "Major"): they cut
	// only when a full name of two words or more follows.
	titleWeak
	// titleRoyal words stay with a single given name ("Pope Francis",
	// "King Charles III") and are dropped before a full name.
	titleRoyal
)

// titleOf classifies a title, office or role word. Hyphenated words are
// titles when a part is ("Then-President", "President-elect").
func titleOf(w string) titleClass {
	w = strings.ToLower(strings.TrimSuffix(w, "."))
	if strings.Contains(w, "-") {
		best := notTitle
		for _, p := range strings.Split(w, "-") {
			if c := titleOf(p); c == titleStrong {
				return c
			} else if c != notTitle {
				best = c
			}
		}
		return best
	}
	switch w {
	case "president", "minister", "secretary", "speaker", "senator", "sen", "sens", "rep", "reps",
		"representative", "congressman", "congresswoman", "governor", "gov", "mayor", "chancellor",
		"premier", "chairman", "chairwoman", "chairperson", "chair", "ceo", "cfo", "coo", "cto",
		"director", "leader", "commander", "ambassador", "envoy", "spokesman", "spokeswoman",
		"spokesperson", "justice", "attorney", "prosecutor", "commissioner", "councillor",
		"councilman", "councilwoman", "councilor", "lawmaker", "legislator", "mp", "mep", "mla",
		"dr", "mr", "mrs", "ms", "mx", "sir", "dame", "lord", "baroness", "baron", "rev", "reverend",
		"prof", "professor", "gen", "general", "lt", "lieutenant", "col", "colonel", "sgt",
		"sergeant", "capt", "maj", "adm", "admiral", "cpl", "corporal", "pvt", "cmdr", "brig",
		"marshal", "officer", "chief", "deputy", "vice", "acting", "former", "ex", "then", "late",
		"elect", "designate", "incumbent", "interim", "first", "head", "founder", "co-founder",
		"cofounder", "executive", "candidate", "nominee", "hopeful", "challenger", "contender",
		"frontrunner", "cardinal", "archbishop", "rabbi", "imam", "patriarch", "monk",
		"nun", "pastor", "actor", "actress", "singer", "rapper", "songwriter", "musician",
		"comedian", "presenter", "anchor", "journalist", "reporter", "photographer", "filmmaker",
		"producer", "designer", "author", "novelist", "writer", "poet", "artist", "painter",
		"sculptor", "architect", "activist", "campaigner", "dissident", "defector", "athlete",
		"player", "forward", "striker", "midfielder", "defender", "goalkeeper", "quarterback",
		"pitcher", "batter", "outfielder", "infielder", "catcher", "shortstop", "winger", "captain",
		"skipper", "manager", "coach", "boxer", "wrestler", "golfer", "cyclist", "swimmer", "skier",
		"skater", "snowboarder", "sprinter", "runner", "gymnast", "fencer", "archer", "jockey",
		"rider", "racer", "champion", "medallist", "medalist", "winner", "star", "superstar",
		"legend", "model", "supermodel", "influencer", "youtuber", "dj", "billionaire", "tycoon",
		"entrepreneur", "businessman", "businesswoman", "economist", "scientist", "astronaut",
		"physician", "surgeon", "nurse", "soldier", "veteran", "diplomat", "negotiator", "official",
		"pm", "fm", "vp", "potus", "flotus", "emir", "crown", "heir", "consort", "princess-consort",
		"whip", "majority", "minority", "solicitor", "advocate", "magistrate", "inspector",
		"superintendent", "detective", "constable", "trooper", "sheriff", "warden", "host",
		"hostess", "chef", "conductor", "composer", "choreographer", "dancer", "ballerina",
		"pianist", "violinist", "cellist", "guitarist", "drummer", "vocalist", "frontman",
		"frontwoman", "director-general", "secretary-general", "attorney-general",
		// Roles captions put before a name like a title: "Pathologist
		// Panagiotis Soldatos", "Patient Mirabella Horvath".
		"patient", "pathologist", "paramedic", "firefighter", "fisherman", "vendor",
		"worker", "resident", "volunteer", "survivor", "pilgrim", "refugee", "migrant",
		"technician", "engineer", "researcher", "lawyer", "doctor", "medic", "policeman",
		"policewoman", "protester", "protestor", "demonstrator", "voter", "tourist", "visitor",
		"spectator", "supporter", "mourner", "worshipper", "worshiper", "bride", "groom",
		"wife", "daughter", "widow", "widower", "grandmother", "grandfather",
		"girlfriend", "boyfriend", "fiancee", "fiance", "granddaughter", "grandson", "nephew",
		"niece", "uncle", "aunt", "housewife", "shopkeeper", "villager", "evacuee",
		"rescuer", "militant", "fighter", "serviceman", "servicewoman",
		"cadet", "recruit", "trainee", "intern", "employee", "staffer", "aide",
		"adviser", "advisor", "assistant", "secretary's", "psychologist", "psychiatrist",
		"dentist", "pharmacist", "biologist", "chemist", "physicist", "geologist", "zoologist",
		"ecologist", "climatologist", "epidemiologist", "virologist", "sociologist",
		"historian", "archaeologist", "anthropologist", "curator", "librarian", "mechanic",
		"welder", "labourer", "laborer", "janitor", "waiter",
		"waitress", "bartender", "fishmonger", "florist",
		"hairdresser", "cashier", "zookeeper",
		"beekeeper", "herder", "veterinarian", "vet", "midwife", "caregiver",
		"teen", "teenager", "schoolgirl", "schoolboy", "toddler", "infant", "newborn":
		return titleStrong
	case "king", "queen", "prince", "princess", "pope", "emperor", "empress", "sheikh", "sheik",
		"sultan", "duke", "duchess", "archduke", "grand-duke", "tsar", "czar", "lady", "saint",
		"ayatollah":
		return titleRoyal
	case "judge", "major", "cook", "driver", "hunter", "center", "point", "fullback", "halfback", "singer-songwriter", "guard", "bishop", "page",
		"porter", "baker", "mason", "fisher", "taylor", "carter", "parker", "knight", "marshall",
		"counsel", "deacon", "father", "brother", "sister", "mother", "chaplain", "pilot", "private",
		"dean", "provost", "principal", "teacher", "student", "fan",
		"farmer", "husband", "cousin", "carpenter", "barber", "butcher", "miner", "cleaner",
		"shepherd", "sailor", "keeper", "ranger", "guide", "clerk", "tailor":
		return titleWeak
	}
	return notTitle
}

// isParticle reports whether a lower-case word may sit inside a name
// ("Luiz Inacio Lula da Silva", "Ursula von der Leyen", "Mohammed bin Salman").
func isParticle(w string) bool {
	switch w {
	case "de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "zu",
		"bin", "bint", "ibn", "al", "el", "la", "le", "du", "des", "ter", "ten", "y", "e", "abu",
		"ben", "mac", "st", "bte", "binti", "ould", "ag":
		return true
	}
	return false
}

// isArabicArticle reports whether a lower-case word is a name joined to its
// article ("al-Assad", "el-Sisi").
func isArabicArticle(w string) bool {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-", "ul-", "ud-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) {
			return true
		}
	}
	return false
}

// isFunctionWord reports words that start sentences or noun phrases and
// never begin a name.
func isFunctionWord(w string) bool {
	switch w {
	case "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "as", "after",
		"before", "during", "from", "with", "without", "by", "for", "to", "while", "when", "where",
		"here", "there", "it", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our",
		"its", "my", "your", "and", "but", "or", "if", "of", "some", "many", "several", "all",
		"both", "each", "every", "one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "dozens", "hundreds", "thousands", "more", "most", "other", "another",
		"inside", "outside", "near", "under", "over", "between", "among", "amid", "despite",
		"following", "ahead", "upon", "about", "around", "across", "through", "behind", "beside",
		"next", "then", "now", "today", "yesterday", "tomorrow", "also", "not", "no", "yes", "so",
		"such", "what", "who", "which", "how", "why", "however", "meanwhile", "still",
		"unidentified", "undated", "view", "general", "picture", "photo", "image", "file", "files",
		"handout", "pool", "editors", "note", "attention", "caption", "correction", "update",
		"updated", "clarification", "refile", "repeat", "corrects", "adds", "via", "please", "see",
		"read", "breaking", "exclusive", "live", "watch", "video":
		return true
	}
	return false
}

// isNameOpener reports capitalised adjectives and articles that start the
// names of places, teams and things but not people ("Big Ben", "Real
// Madrid", "Los Angeles", "Grand Slam").
func isNameOpener(w string) bool {
	switch w {
	case "big", "little", "great", "grand", "new", "old", "north", "south", "east", "west",
		"northern", "southern", "eastern", "western", "central", "upper", "lower", "black", "white",
		"red", "blue", "green", "golden", "royal", "national", "international", "federal", "state",
		"supreme", "high", "united", "holy", "saint", "st", "san", "santa", "santo", "são", "sao",
		"los", "las", "el", "le", "la", "les", "real", "atletico", "athletic", "sporting", "inter",
		"olympique", "borussia", "dynamo", "team", "club", "fc", "ac", "as", "sc", "world", "global",
		"european", "asian", "african", "american", "pacific", "atlantic", "arctic", "democratic",
		"republican", "people's", "peoples", "popular", "liberal", "conservative", "social",
		"socialist", "communist", "labor", "labour", "green's", "presidential", "imperial",
		"military", "joint", "special", "annual",
		"independence", "liberation", "victory", "freedom", "peace", "unification", "reunification",
		"constitution", "heritage", "memorial", "museum", "mount", "lake", "river", "cape", "port",
		"fort", "camp", "air", "fleet", "army", "navy", "coast", "border", "capital",
		"city", "county", "province", "district", "prime", "oval", "downing", "wall",
		"times", "covid", "covid-19", "omicron", "delta", "black-and-white", "all", "premier",
		"champions", "super", "grammy", "nobel", "pulitzer",
		"olympic", "paralympic", "formula", "tour", "first", "second", "third", "fourth", "fifth",
		"last", "final", "next", "former", "late":
		return true
	}
	return false
}

// isOrgWord reports words that make a run of capitalised words an
// organisation, an event, a law, a building or a place rather than a person.
func isOrgWord(w string) bool {
	switch w {
	case "house", "senate", "congress", "party", "nations", "tennis", "football", "soccer",
		"golf", "rugby", "cricket", "basketball", "baseball", "hockey", "lawn", "croquet",
		"athletics", "volleyball", "handball", "boxing", "swimming", "skating", "skiing", "ministry", "agency", "court", "council",
		"committee", "commission", "department", "office", "bank", "university", "college", "school",
		"institute", "academy", "hospital", "clinic", "museum", "gallery", "library", "foundation",
		"association", "federation", "union", "league", "club", "team", "group", "company",
		"corporation", "corp", "inc", "ltd", "llc", "plc", "co", "airlines", "airways", "motors",
		"motor", "electronics", "industries", "holdings", "energy", "systems", "technologies",
		"technology", "labs", "media", "news", "times", "post", "press", "journal", "daily",
		"herald", "tribune", "gazette", "television", "tv", "radio", "network", "channel", "studios",
		"pictures", "images", "photos", "service", "services", "force", "forces", "army", "navy",
		"guard", "police", "command", "corps", "brigade", "battalion", "regiment", "division",
		"fleet", "government", "administration", "parliament", "assembly", "cabinet", "embassy",
		"consulate", "mission", "presidency", "secretariat", "authority", "board", "bureau",
		"organization", "organisation", "alliance", "coalition", "front", "movement", "church",
		"cathedral", "mosque", "temple", "shrine", "chapel", "abbey", "palace", "castle", "hall",
		"tower", "towers", "building", "center", "centre", "stadium", "arena", "park", "square",
		"street", "avenue", "road", "boulevard", "bridge", "airport", "station", "port", "harbour",
		"harbor", "base", "camp", "zone", "strip", "island", "islands", "mountain", "mountains",
		"river", "lake", "sea", "ocean", "bay", "gulf", "valley", "beach", "coast", "village",
		"city", "town", "county", "province", "region", "district", "republic", "kingdom", "empire",
		"act", "bill", "law", "treaty", "accord", "agreement", "declaration", "constitution",
		"amendment", "cup", "open", "games", "olympics", "paralympics", "championship",
		"championships", "tournament", "prix", "series", "festival", "awards", "award", "prize",
		"gala", "summit", "forum", "conference", "convention", "expo", "fair", "week", "day", "show",
		"concert", "tour", "marathon", "race", "rally", "parade", "match", "final", "finals",
		"election", "elections", "primary", "primaries", "caucus", "caucuses", "war", "revolution",
		"crisis", "fund", "index", "exchange", "market", "project", "program", "programme", "plan",
		"initiative", "operation", "exercise", "exercises", "drill", "drills", "christmas", "easter",
		"ramadan", "eid", "diwali", "thanksgiving", "halloween", "hanukkah", "covid", "coronavirus",
		"pandemic", "democrats", "republicans", "democrat", "republican", "conservatives", "tories",
		"greens", "liberals", "mall", "plaza", "gardens", "garden", "memorial", "monument",
		"cemetery", "complex", "compound", "headquarters", "hq", "auditorium", "theatre", "theater",
		"cinema", "hotel", "resort", "restaurant", "cafe", "bar", "pub", "club's", "market's",
		"institution", "society", "trust", "council's", "steps", "room", "wing", "floor", "lobby",
		"chamber", "hill", "heights", "field", "fields", "court's", "terminal", "pier", "dock",
		"canal", "dam", "reservoir", "forest", "desert", "peninsula", "highway", "expressway",
		"motorway", "line", "railway", "subway", "metro", "gate", "wall", "fortress", "citadel",
		"prison", "jail", "penitentiary", "barracks", "academy's", "fc", "cf", "afc", "sc", "united",
		"rovers", "wanderers", "hotspur", "albion", "athletic", "lakers",

		"76ers", "sixers",

		"motor's", "airline", "bancorp", "partners", "ventures",
		"investments", "securities", "insurance", "pharma", "pharmaceuticals", "biotech", "group's",
		"motors'", "foods", "brands", "stores", "markets",
		"petroleum", "chemical", "chemicals", "telecom", "communications", "software",
		"semiconductor", "semiconductors", "logistics", "shipping", "shipbuilding",
		"aerospace", "robotics",
		"automotive", "platforms", "entertainment", "publishing", "magazine",
		"weekly", "monthly", "ilbo", "shimbun", "sinmun", "tv's",
		"trophy", "bowl", "slam", "derby", "classic",
		"invitational", "masters", "trials", "qualifier", "playoffs", "playoff",
		"cup's",
		"virus", "flu", "vaccine", "agency's", "ministry's", "government's",
		"police's", "army's", "navy's",
		"detachment", "squadron", "unit", "democracy", "solidarity", "victims", "hospitals",
		"resources", "brigades", "forces'", "militia", "militias", "taskforce":
		return true
	}
	return isLegalSuffix(w)
}

// isLegalSuffix reports the legal-form suffixes of company names ("Nestle
// SA", "Siemens AG", "Toyota Motor KK"). Some are also surnames ("Evaristo
// Sa"), so a credit reads them as a name where a photographer is credited
// (see slotNames).
func isLegalSuffix(w string) bool {
	switch w {
	case "sa", "ag", "gmbh", "nv", "bv", "ab", "asa", "spa", "kk", "pte", "bhd", "tbk":
		return true
	}
	return false
}

// isGroupNoun reports plural nouns for groups of people, which a caption
// may capitalise at the start of a sentence and mark with a position
// ("Members (L) of ... stage a rally") but which are never a name.
func isGroupNoun(w string) bool {
	switch w {
	case "members", "supporters", "protesters", "protestors", "demonstrators", "people",
		"residents", "soldiers", "troops", "police", "policemen", "officers", "officials",
		"fans", "players", "students", "workers", "children", "kids", "women", "men", "girls",
		"boys", "families", "relatives", "mourners", "worshippers", "worshipers", "pilgrims",
		"refugees", "migrants", "volunteers", "rescuers", "firefighters", "delegates",
		"lawmakers", "leaders", "participants", "visitors", "tourists", "spectators",
		"activists", "journalists", "reporters", "photographers", "guests", "dancers",
		"performers", "athletes", "competitors", "runners", "riders", "teams", "voters",
		"villagers", "farmers", "fishermen", "vendors", "shoppers", "commuters", "passengers",
		"survivors", "victims", "evacuees", "militants", "fighters", "rebels", "staff",
		"employees", "teachers", "nurses", "doctors", "medics", "paramedics", "monks", "nuns",
		"priests", "crowds", "crowd", "others", "friends", "colleagues", "teammates",
		"opponents", "rivals", "winners", "finalists", "graduates", "cadets", "sailors",
		"marines", "pilots", "crew", "crews", "residents'", "citizens", "locals", "youths",
		"youngsters", "elderly", "patients", "prisoners", "detainees", "hostages", "inmates":
		return true
	}
	return false
}

// isKinOrRoleBefore reports the lower-case nouns after which a single
// capitalised word is a person known by one name: "former first lady
// Laura", "ex-president Saleh", "defender Rojas", "her son Abdallah".
func isKinOrRoleBefore(w string) bool {
	if titleOf(w) != notTitle {
		return true
	}
	switch w {
	case "lady", "son", "baby", "brother", "sister", "mother", "father", "dog", "cat", "horse",
		"partner", "friend", "colleague", "teammate", "compatriot", "counterpart", "rival",
		"opponent", "successor", "predecessor", "1-year-old", "2-year-old", "3-year-old",
		"daughter", "wife", "grandson", "granddaughter", "grandmother", "grandfather", "nephew",
		"niece", "uncle", "aunt", "sons", "daughters", "grandsons", "granddaughters", "brothers",
		"sisters":
		return true
	}
	return strings.HasSuffix(w, "-year-old") || strings.HasSuffix(w, "-month-old")
}

// isAttributiveWord reports hyphenated adjectives that capitalised words
// take before a noun ("Iran-backed", "Kremlin-run") and that no name has.
func isAttributiveWord(w string) bool {
	for _, suf := range []string{"-backed", "-led", "-based", "-born", "-owned", "-run", "-held",
		"-funded", "-made", "-linked", "-aligned", "-allied", "-controlled", "-occupied", "-bound",
		"-style", "-era", "-themed", "-inspired", "-related", "-sponsored", "-supported", "-dominated",
		"-annexed", "-speaking", "-majority", "-populated", "-affected", "-hit", "-stricken", "-ravaged",
		"-torn"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// isFacilityWord reports capitalised words that end the names of places
// people stand in: buildings, squares, stadiums, natural features.
func isFacilityWord(w string) bool {
	switch w {
	case "capitol", "palace", "castle", "hall", "tower", "towers", "building", "center", "centre",
		"stadium", "arena", "park", "square", "street", "avenue", "road", "boulevard", "bridge",
		"airport", "station", "port", "harbour", "harbor", "base", "camp", "zone", "strip", "island",
		"islands", "mountain", "mountains", "river", "lake", "sea", "ocean", "bay", "gulf", "valley",
		"beach", "coast", "village", "house", "church", "cathedral", "mosque", "temple", "shrine",
		"chapel", "abbey", "basilica", "museum", "gallery", "library", "hospital", "university",
		"college", "school", "mall", "plaza", "gardens", "garden", "memorial", "monument",
		"cemetery", "complex", "compound", "headquarters", "auditorium", "theatre", "theater",
		"hotel", "resort", "market", "room", "chamber", "hill", "heights", "field",
		"terminal", "pier", "dock", "canal", "dam", "forest", "desert", "peninsula", "highway",
		"gate", "wall", "fortress", "prison", "barracks", "bowl", "court", "courthouse", "assembly",
		"parliament", "embassy", "consulate", "ministry", "cabinet", "office", "quay", "wharf",
		"marina", "lagoon", "falls", "canyon", "glacier", "volcano", "crater", "reef", "cape",
		"point", "pass", "plateau", "plain", "plains", "delta", "estuary", "strait", "channel",
		"sound", "district", "quarter", "precinct", "borough", "county", "province", "prefecture",
		"region", "territory", "oblast", "governorate", "municipality", "township",
		"neighborhood", "neighbourhood", "suburb", "downtown", "farm", "factory", "plant",
		"mill", "mine", "shipyard", "refinery", "depot", "warehouse", "studio", "studios",
		"center's", "circuit", "speedway", "racecourse", "course", "club", "ground", "grounds",
		"velodrome", "pool", "rink", "dome", "coliseum", "colosseum", "amphitheatre", "amphitheater",
		"pavilion", "fairgrounds", "showground", "racetrack", "track", "pitch", "green", "links",
		"greens", "lane", "alley", "way", "drive", "place", "terrace", "crescent", "row",
		"embankment", "promenade", "esplanade", "corniche", "checkpoint", "crossing", "border",
		"frontier", "line", "outpost", "airbase", "airfield", "spaceport", "cosmodrome", "launchpad",
		"reactor", "observatory", "zoo", "aquarium", "sanctuary", "reserve", "arsenal", "armory",
		"armoury", "academy", "institute", "seminary", "monastery", "convent", "synagogue", "pagoda",
		"stupa", "mausoleum", "tomb", "cenotaph", "arch", "obelisk", "statue", "fountain",
		"lighthouse", "residence", "mansion", "villa", "manor", "lodge", "chateau", "schloss",
		"kremlin", "opera", "philharmonic":
		return true
	}
	return false
}

// isPlaceNounBeforeOf reports the lower-case nouns after which "of" names a
// place: "the truce village of Panmunjom", "65 kilometers south of Seoul".
func isPlaceNounBeforeOf(w string) bool {
	switch w {
	case "village", "town", "city", "capital", "province", "region", "state", "county", "district",
		"island", "islands", "port", "municipality", "prefecture", "outskirts", "suburbs", "suburb",
		"streets", "center", "centre", "heart", "north", "south", "east", "west", "northeast",
		"northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
		"south-west", "part", "parts", "border", "borders", "coast", "shores", "banks", "bank",
		"area", "areas", "vicinity", "borough", "neighbourhood", "neighborhood", "governorate",
		"oblast", "territory", "territories", "kingdom", "republic", "emirate", "enclave", "exclave",
		"hamlet", "settlement", "camp", "resort", "community", "commune", "county-level",
		"townships", "township", "archipelago", "peninsula", "mountains", "foothills", "slopes",
		"valley", "waters", "sea", "coastline", "skies", "skyline", "downtown", "district's",
		"ruins", "site", "sites", "municipalities", "cities", "towns", "villages", "regions",
		"provinces", "states", "countries", "city-state", "outskirt", "edge", "entrance", "gates",
		"side":
		return true
	}
	return false
}

// isPlaceModifier reports lower-case words that may stand between a
// preposition and a place: "in central Seoul", "in downtown Manhattan".
func isPlaceModifier(w string) bool {
	switch w {
	case "central", "downtown", "northern", "southern", "eastern", "western", "northeastern",
		"northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
		"south-eastern", "south-western", "north", "south", "east", "west", "northeast", "northwest",
		"southeast", "southwest", "rural", "suburban", "coastal", "midtown", "uptown", "greater",
		"occupied", "war-torn", "war-ravaged", "besieged", "nearby", "neighbouring", "neighboring",
		"flood-hit", "quake-hit", "earthquake-hit", "storm-hit", "fire-hit", "drought-hit",
		"rebel-held", "government-held", "russian-occupied", "russian-held", "ukrainian-held",
		"israeli-occupied", "annexed", "remote", "mountainous", "northernmost", "southernmost",
		"easternmost", "westernmost", "inland", "upstate", "downstate", "historic", "old", "presidential", "main", "new", "former", "iconic", "famous",
		"ancient", "royal", "sacred", "holy", "renovated", "damaged", "destroyed", "bombed", "flooded",
		"official", "nearby's", "heavily", "fortified", "heavily-fortified", "seaside", "border", "capital's",
		"west-central", "east-central", "north-central", "south-central", "far", "southernmost's":
		return true
	}
	return false
}

// isLowerPlaceNoun reports lower-case nouns that captions write after a
// place name and that belong to it: "Haneda airport", "Gyeonggi province".
func isLowerPlaceNoun(w string) bool {
	switch w {
	case "airport", "station", "district", "province", "region", "county", "island", "islands",
		"prefecture", "port", "harbour", "harbor", "stadium", "square", "park", "village", "town", "oblast",
		"governorate", "state", "peninsula", "river", "mountain", "valley", "beach", "border",
		"borough", "township", "city":
		return true
	}
	return false
}

// isDemonym reports nationality and group adjectives ("South Korean" is not a
// person), in lower case; a plural form is also accepted.
func isDemonym(w string) bool {
	if demonym(w) {
		return true
	}
	if strings.HasSuffix(w, "s") && demonym(strings.TrimSuffix(w, "s")) {
		return true
	}
	return false
}

func demonym(w string) bool {
	switch w {
	case "american", "british", "english", "scottish", "welsh", "irish", "french", "german",
		"italian", "spanish", "portuguese", "dutch", "belgian", "swiss", "austrian", "swedish",
		"norwegian", "danish", "finnish", "icelandic", "polish", "czech", "slovak", "hungarian",
		"romanian", "bulgarian", "greek", "turkish", "russian", "ukrainian", "belarusian", "serbian",
		"croatian", "bosnian", "slovenian", "albanian", "macedonian", "montenegrin", "kosovar",
		"moldovan", "georgian", "armenian", "azerbaijani", "azeri", "kazakh", "uzbek", "kyrgyz",
		"tajik", "turkmen", "estonian", "latvian", "lithuanian", "chinese", "japanese", "korean",
		"taiwanese", "mongolian", "vietnamese", "thai", "cambodian", "laotian", "burmese",
		"malaysian", "singaporean", "indonesian", "filipino", "filipina", "philippine", "indian",
		"pakistani", "bangladeshi", "lankan", "nepali", "nepalese", "bhutanese", "afghan", "iranian",
		"iraqi", "syrian", "lebanese", "israeli", "palestinian", "jordanian", "saudi", "emirati",
		"qatari", "kuwaiti", "bahraini", "omani", "yemeni", "egyptian", "libyan", "tunisian",
		"algerian", "moroccan", "sudanese", "ethiopian", "eritrean", "somali", "kenyan", "ugandan",
		"tanzanian", "rwandan", "burundian", "congolese", "nigerian", "ghanaian", "senegalese",
		"malian", "ivorian", "cameroonian", "gabonese", "chadian", "nigerien", "african",
		"zimbabwean", "zambian", "angolan", "mozambican", "namibian", "botswanan", "malawian",
		"malagasy", "canadian", "mexican", "cuban", "haitian", "dominican", "guatemalan", "honduran",
		"salvadoran", "nicaraguan", "rican", "panamanian", "colombian", "venezuelan", "ecuadorian",
		"peruvian", "bolivian", "chilean", "argentine", "argentinian", "uruguayan", "paraguayan",
		"brazilian", "australian", "zealander", "zealand", "european", "asian", "arab", "arabian",
		"latino", "latina", "hispanic", "kurdish", "kurd", "jewish", "muslim", "catholic",
		"buddhist", "hindu", "sikh", "tibetan", "uyghur", "uighur", "rohingya", "yazidi", "druze",
		"bedouin", "persian", "slavic", "nordic", "baltic", "balkan", "caucasian", "soviet",
		"ottoman", "byzantine", "roman", "korean-american", "chinese-american", "indigenous",
		"aboriginal", "maori", "inuit", "sami", "crimean", "chechen", "dagestani", "tatar", "basque",
		"catalan", "flemish", "walloon", "bavarian", "corsican", "sicilian", "sardinian", "scot",
		"brit", "briton", "yankee", "texan", "californian", "new yorker", "parisian", "londoner",
		"berliner", "muscovite", "ukrainian-born", "us-born", "western", "eastern", "northern",
		"southern", "pro-russian", "pro-western", "anti-government", "pro-democracy",
		"pro-palestinian", "pro-israel", "pro-israeli", "anti-war", "democratic", "republican",
		"gop", "labour", "liberal", "conservative", "socialist", "communist", "nationalist",
		"unionist", "loyalist", "republican-led", "democratic-led", "olympic", "paralympic", "sunni",
		"shiite", "shia", "coptic", "orthodox", "protestant", "evangelical", "lutheran", "anglican",
		"mormon":
		return true
	}
	return false
}

// isOrdinalWord maps spelled ordinals used in positions to "2nd", "3rd"...
func ordinalWord(w string) string {
	switch w {
	case "second", "2nd":
		return "2nd"
	case "third", "3rd":
		return "3rd"
	case "fourth", "4th":
		return "4th"
	case "fifth", "5th":
		return "5th"
	case "sixth", "6th":
		return "6th"
	case "seventh", "7th":
		return "7th"
	case "eighth", "8th":
		return "8th"
	case "ninth", "9th":
		return "9th"
	case "tenth", "10th":
		return "10th"
	}
	return ""
}

// knownOrgNames are two-word organisations that look exactly like a
// person's name.
func isKnownOrgName(key string) bool {
	switch key {
	case "goldman sachs", "morgan stanley", "lockheed martin", "rolls royce", "dow jones",
		"black lives matter", "ernst young", "price waterhouse", "procter gamble", "lehman brothers",
		"warner bros", "warner brothers", "marks spencer", "johnson johnson", "wells fargo",
		"charles schwab", "merrill lynch", "bain capital", "tommy hilfiger", "calvin klein",
		"ralph lauren", "louis vuitton", "christian dior", "yves saint laurent", "saint laurent",
		"hugo boss", "giorgio armani", "dolce gabbana", "roland garros", "santa claus",
		"father christmas", "mother nature", "uncle sam", "big ben", "lady liberty", "mona lisa",
		"notre dame", "sinn fein", "boko haram", "al qaeda", "islamic state", "lok sabha",
		"rajya sabha", "vidhan sabha":
		return true
	}
	return false
}

// isPortfolio reports the words that name a ministry or department and
// stand between a title and a name: "Secretary of Defense Lloyd Austin",
// "Foreign Minister", "Unification Minister".
func isPortfolio(w string) bool {
	switch w {
	case "defense", "defence", "state", "treasury", "commerce", "energy", "health", "education",
		"labor", "labour", "justice", "interior", "agriculture", "transportation", "transport",
		"finance", "trade", "industry", "foreign", "home", "environment", "culture", "tourism",
		"unification", "economy", "economic", "security", "intelligence", "information",
		"communications", "science", "technology", "sports", "sport", "youth", "gender",
		"equality", "welfare", "employment", "housing", "infrastructure", "digital", "land",
		"veterans", "affairs", "homeland", "public", "planning", "budget", "fisheries",
		"oceans", "maritime", "national", "internal", "external", "immigration", "legal",
		"judicial", "military", "naval", "air", "nuclear", "climate", "food", "water",
		"resources", "development", "cooperation", "relations", "policy", "strategy":
		return true
	}
	return false
}

// isKnownOrgFirst reports the first words of the names isKnownOrgName
// knows, so that runs starting otherwise are not folded and looked up.
func isKnownOrgFirst(w string) bool {
	switch w {
	case "goldman", "morgan", "lockheed", "rolls", "rolls-royce", "dow", "black", "ernst",
		"price", "procter", "lehman", "warner", "marks", "johnson", "wells", "charles",
		"merrill", "bain", "tommy", "calvin", "ralph", "louis", "christian", "yves", "saint",
		"hugo", "giorgio", "dolce", "roland", "santa", "father", "mother", "uncle", "big",
		"lady", "mona", "notre", "sinn", "boko", "al", "islamic", "lok", "rajya", "vidhan":
		return true
	}
	return false
}
