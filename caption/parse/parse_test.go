package parse

import (
	"github.com/cutline/cutline/caption"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// parseCase is one caption and the facts an editor reads in it.
type parseCase struct {
	name string
	text string
	ref  string // ParseOptions.Reference as YYYY-MM-DD, or ""
	want caption.Facts
}

func pers(name, pos string) caption.Person { return caption.Person{Name: name, Position: pos} }

// parseTable is the tuning set: captions written in each agency's style,
// with every fact spelled out. The held-out set in testdata/heldout.json is
// scored separately by TestParseScores.
var parseTable = []parseCase{
	{
		// Seed caption 1 (seed-article.txt): AFP, titles, party tags, a date
		// before the place, "Washington, DC".
		name: "seed AFP photo",
		text: "US Rep. Ilhan Omar (D-MN) (L) talks with Speaker of the House Nancy Pelosi (D-CA) during a rally with fellow Democrats before voting on H.R. 1, or the People Act, on the East Steps of the US Capitol on March 08, 2019 in Washington, DC. (AFP photo)",
		want: caption.Facts{Agency: "AFP", Taken: "2019-03-08", People: []caption.Person{pers("Ilhan Omar", "L"), pers("Nancy Pelosi", "")}, Places: []string{"US Capitol", "Washington, DC"}},
	},
	{
		// Seed caption 2: "This picture taken on", a Korean name with its
		// title, the truce village, the DMZ acronym, a file credit.
		name: "seed AFP file photo",
		text: "This picture taken on September 16, 2020 shows South Korean Unification Minister Lee In-young (R) looking at the inter-Korean hotline during a visit to the south side of the truce village of Panmunjom in the Demilitarized Zone (DMZ) dividing the two Koreas. (File photo by AFP)",
		want: caption.Facts{Agency: "AFP", File: true, Taken: "2020-09-16", People: []caption.Person{pers("Lee In-young", "R")}, Places: []string{"Panmunjom", "Demilitarized Zone (DMZ)"}},
	},
	{
		// AFP "(Photo by NAME / AFP)" with the photographer in capitals.
		name: "AFP photo by capitals",
		text: "North Korean defectors release balloons carrying leaflets denouncing the regime near the border city of Paju on April 25, 2021. (Photo by ANTHONY WALLACE / AFP)",
		want: caption.Facts{Agency: "AFP", Photographer: "Anthony Wallace", Taken: "2021-04-25", Places: []string{"Paju"}},
	},
	{
		// AFP pool credit and a Korean photographer name-cased.
		name: "AFP pool",
		text: "South Korean President Moon Jae-in (C) speaks during a ceremony at the presidential Blue House in Seoul on May 10, 2021. (Photo by KIM HONG-JI / POOL / AFP)",
		want: caption.Facts{Agency: "AFP", Photographer: "Kim Hong-ji", Pool: true, Taken: "2021-05-10", People: []caption.Person{pers("Moon Jae-in", "C")}, Places: []string{"Blue House", "Seoul"}},
	},
	{
		// AFP's older "AFP PHOTO / NAME" after the caption.
		name: "AFP PHOTO slash",
		text: "A woman walks past a television screen showing a news broadcast in Seoul on January 6, 2016. AFP PHOTO / JUNG YEON-JE",
		want: caption.Facts{Agency: "AFP", Photographer: "Jung Yeon-je", Taken: "2016-01-06", Places: []string{"Seoul"}},
	},
	{
		// AFP "(FILES)" marker, "This file photo taken on".
		name: "AFP FILES",
		text: "(FILES) This file photo taken on February 28, 2019 shows US President Donald Trump (L) and North Korea's leader Kim Jong Un (R) during a meeting at the Sofitel Legend Metropole hotel in Hanoi. (Photo by Saul LOEB / AFP)",
		want: caption.Facts{Agency: "AFP", Photographer: "Saul Loeb", File: true, Taken: "2019-02-28", People: []caption.Person{pers("Donald Trump", "L"), pers("Kim Jong Un", "R")}, Places: []string{"Sofitel Legend Metropole hotel", "Hanoi"}},
	},
	{
		// AFP distributing KCNA, with AFP's restriction block.
		name: "AFP KCNA restrictions",
		text: "This undated picture released from North Korea's official Korean Central News Agency (KCNA) on October 11, 2022 shows a missile launch at an undisclosed location. (Photo by KCNA VIA KNS / AFP) / South Korea OUT / REPUBLIC OF KOREA OUT ---EDITORS NOTE--- RESTRICTED TO EDITORIAL USE - MANDATORY CREDIT \"AFP PHOTO/KCNA VIA KNS\" - NO MARKETING NO ADVERTISING CAMPAIGNS - DISTRIBUTED AS A SERVICE TO CLIENTS",
		want: caption.Facts{Agency: "AFP", Via: "KCNA", Restrictions: []string{"South Korea OUT", "REPUBLIC OF KOREA OUT", "RESTRICTED TO EDITORIAL USE", "MANDATORY CREDIT", "NO MARKETING", "NO ADVERTISING CAMPAIGNS"}},
	},
	{
		// AFP handout from a ministry: the ministry is the provider.
		name: "AFP handout ministry",
		text: "This handout photo taken on March 16, 2023 and provided by the Japanese Prime Minister's Office shows Japan's Prime Minister Fumio Kishida (R) welcoming South Korea's President Yoon Suk Yeol in Tokyo. (Photo by Handout / JAPANESE PRIME MINISTER'S OFFICE / AFP)",
		want: caption.Facts{Agency: "AFP", Via: "Japanese Prime Minister's Office", Handout: true, Taken: "2023-03-16", People: []caption.Person{pers("Fumio Kishida", "R"), pers("Yoon Suk Yeol", "")}, Places: []string{"Tokyo"}},
	},
	{
		// AFP story dateline without a date; no photographer.
		name: "AFP story dateline",
		text: "Seoul (AFP) - South Korea's opposition leader Lee Jae-myung was stabbed in the neck during a visit to the southeastern city of Busan.",
		want: caption.Facts{Agency: "AFP", People: []caption.Person{pers("Lee Jae-myung", "")}, Places: []string{"Seoul", "Busan"}},
	},
	{
		// AFP "(L to R)" list marker.
		name: "AFP L to R",
		text: "(L to R) Japan's Prime Minister Fumio Kishida, US President Joe Biden and South Korea's President Yoon Suk Yeol pose at Camp David in Maryland on August 18, 2023. (Photo by Jim WATSON / AFP)",
		want: caption.Facts{Agency: "AFP", Photographer: "Jim Watson", Taken: "2023-08-18", People: []caption.Person{pers("Fumio Kishida", "from left 1"), pers("Joe Biden", "from left 2"), pers("Yoon Suk Yeol", "from left 3")}, Places: []string{"Camp David", "Maryland"}},
	},
	{
		// Reuters: place, country, date, then REUTERS/Name.
		name: "Reuters plain",
		text: "South Korean President Moon Jae-in speaks during a news conference at the Presidential Blue House in Seoul, South Korea, May 10, 2020. REUTERS/Kim Hong-Ji",
		want: caption.Facts{Agency: "Reuters", Photographer: "Kim Hong-Ji", Taken: "2020-05-10", People: []caption.Person{pers("Moon Jae-in", "")}, Places: []string{"Presidential Blue House", "Seoul", "South Korea"}},
	},
	{
		// Reuters file photo: "FILE PHOTO:" and "/File Photo".
		name: "Reuters file photo",
		text: "FILE PHOTO: U.S. President Donald Trump walks to board Marine One at the White House in Washington, U.S., January 5, 2020. REUTERS/Carlos Barria/File Photo",
		want: caption.Facts{Agency: "Reuters", Photographer: "Carlos Barria", File: true, Taken: "2020-01-05", People: []caption.Person{pers("Donald Trump", "")}, Places: []string{"White House", "Washington", "U.S."}},
	},
	{
		// KCNA via Reuters with the third-party notice and restrictions.
		name: "KCNA via Reuters",
		text: "North Korean leader Kim Jong Un inspects a newly built hospital in Pyongyang, North Korea in this undated photo released on October 6, 2020 by North Korea's Korean Central News Agency (KCNA). KCNA via REUTERS ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY. REUTERS IS UNABLE TO INDEPENDENTLY VERIFY THIS IMAGE. NO THIRD PARTY SALES. SOUTH KOREA OUT.",
		want: caption.Facts{Agency: "Reuters", Via: "KCNA", People: []caption.Person{pers("Kim Jong Un", "")}, Places: []string{"Pyongyang", "North Korea"}, Restrictions: []string{"NO THIRD PARTY SALES", "SOUTH KOREA OUT"}},
	},
	{
		// Reuters text dateline: a year-less date and no reference.
		name: "Reuters dateline no year",
		text: "SEOUL, Nov 25 (Reuters) - South Korea's Finance Minister Hong Nam-ki attends a meeting at the government complex.",
		want: caption.Facts{Agency: "Reuters", People: []caption.Person{pers("Hong Nam-ki", "")}, Places: []string{"Seoul"}},
	},
	{
		// The same dateline with a reference date gives the year.
		name: "Reuters dateline with reference",
		text: "SEOUL, Nov 25 (Reuters) - South Korea's Finance Minister Hong Nam-ki attends a meeting at the government complex.",
		ref:  "2020-11-26",
		want: caption.Facts{Agency: "Reuters", Taken: "2020-11-25", People: []caption.Person{pers("Hong Nam-ki", "")}, Places: []string{"Seoul"}},
	},
	{
		// A reference in January gives a late-December dateline last year.
		name: "Reuters dateline across new year",
		text: "BEIJING, Dec 30 (Reuters) - Chinese President Xi Jinping delivers a speech.",
		ref:  "2022-01-02",
		want: caption.Facts{Agency: "Reuters", Taken: "2021-12-30", People: []caption.Person{pers("Xi Jinping", "")}, Places: []string{"Beijing"}},
	},
	{
		// Reuters pool via Reuters.
		name: "Reuters pool via",
		text: "U.S. Secretary of Defense Lloyd Austin attends a meeting with South Korean Defense Minister Suh Wook at the Defense Ministry in Seoul, South Korea, March 17, 2021. Lee Jin-man/Pool via REUTERS",
		want: caption.Facts{Agency: "Reuters", Photographer: "Lee Jin-man", Pool: true, Taken: "2021-03-17", People: []caption.Person{pers("Lloyd Austin", ""), pers("Suh Wook", "")}, Places: []string{"Defense Ministry", "Seoul", "South Korea"}},
	},
	{
		// Reuters handout with a provider and third-party notice.
		name: "Reuters handout via",
		text: "A view of the damaged Kakhovka dam in Nova Kakhovka, Ukraine, June 6, 2023, in this screen grab from a video. Ukrainian Presidential Press Service/Handout via REUTERS ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. NO RESALES. NO ARCHIVES.",
		want: caption.Facts{Agency: "Reuters", Via: "Ukrainian Presidential Press Service", Handout: true, Taken: "2023-06-06", Places: []string{"Kakhovka dam", "Nova Kakhovka", "Ukraine"}, Restrictions: []string{"NO RESALES", "NO ARCHIVES"}},
	},
	{
		// A Reuters credit from another agency's wire: Sputnik via Reuters.
		name: "Sputnik via Reuters",
		text: "Russian President Vladimir Putin chairs a meeting at the Kremlin in Moscow, Russia, February 21, 2022. Sputnik/Aleksey Nikolskyi/Kremlin via REUTERS ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY.",
		want: caption.Facts{Agency: "Reuters", Via: "Kremlin", Photographer: "Aleksey Nikolskyi", Taken: "2022-02-21", People: []caption.Person{pers("Vladimir Putin", "")}, Places: []string{"Kremlin", "Moscow", "Russia"}},
	},
	{
		// AP: weekday, month, day, year and "(AP Photo/Name)".
		name: "AP plain",
		text: "President Barack Obama speaks in the Rose Garden of the White House in Washington, Tuesday, June 24, 2014. (AP Photo/Evan Vucci)",
		want: caption.Facts{Agency: "AP", Photographer: "Evan Vucci", Taken: "2014-06-24", People: []caption.Person{pers("Barack Obama", "")}, Places: []string{"Rose Garden", "White House", "Washington"}},
	},
	{
		// AP file photo, new style: "FILE -" and ", File)".
		name: "AP file new style",
		text: "FILE - Vice President Kamala Harris speaks at an event in Detroit, Sept. 8, 2020. (AP Photo/Paul Sancya, File)",
		want: caption.Facts{Agency: "AP", Photographer: "Paul Sancya", File: true, Taken: "2020-09-08", People: []caption.Person{pers("Kamala Harris", "")}, Places: []string{"Detroit"}},
	},
	{
		// AP file photo, old style: "In this <date>, file photo".
		name: "AP file old style",
		text: "FILE - In this Aug. 15, 2018, file photo, South Korean President Moon Jae-in delivers a speech during a ceremony in Cheonan, South Korea. (AP Photo/Lee Jin-man, File)",
		want: caption.Facts{Agency: "AP", Photographer: "Lee Jin-man", File: true, Taken: "2018-08-15", People: []caption.Person{pers("Moon Jae-in", "")}, Places: []string{"Cheonan", "South Korea"}},
	},
	{
		// A New York Times picture via AP.
		name: "NYT via AP",
		text: "Senator Mitch McConnell of Kentucky, the Republican leader, at the Capitol in Washington on Wednesday, Jan. 19, 2022. (Sarahbeth Maney/The New York Times via AP)",
		want: caption.Facts{Agency: "AP", Via: "The New York Times", Photographer: "Sarahbeth Maney", Taken: "2022-01-19", People: []caption.Person{pers("Mitch McConnell", "")}, Places: []string{"Capitol", "Washington"}},
	},
	{
		// Yonhap via AP with AP's comma position.
		name: "Yonhap via AP",
		text: "South Korean Prime Minister Han Duck-soo, center, attends a memorial service at the National Cemetery in Seoul, South Korea, Tuesday, June 6, 2023. (Yonhap via AP)",
		want: caption.Facts{Agency: "AP", Via: "Yonhap", Taken: "2023-06-06", People: []caption.Person{pers("Han Duck-soo", "C")}, Places: []string{"National Cemetery", "Seoul", "South Korea"}},
	},
	{
		// Korea Pool via AP: the pool is the provider and sets the flag.
		name: "Korea Pool via AP",
		text: "South Korean President Yoon Suk Yeol, right, talks with Japanese Prime Minister Fumio Kishida at the presidential office in Seoul, Sunday, May 7, 2023. (Korea Pool via AP)",
		want: caption.Facts{Agency: "AP", Via: "Korea Pool", Pool: true, Taken: "2023-05-07", People: []caption.Person{pers("Yoon Suk Yeol", "R"), pers("Fumio Kishida", "")}, Places: []string{"Seoul"}},
	},
	{
		// AP "from left" before a list, with party tags after names.
		name: "AP from left",
		text: "From left, Rep. Hakeem Jeffries, D-N.Y., Rep. Katherine Clark, D-Mass., and Rep. Pete Aguilar, D-Calif., speak to reporters on Capitol Hill in Washington, Wednesday, Nov. 30, 2022. (AP Photo/J. Scott Applewhite)",
		want: caption.Facts{Agency: "AP", Photographer: "J. Scott Applewhite", Taken: "2022-11-30", People: []caption.Person{pers("Hakeem Jeffries", "from left 1"), pers("Katherine Clark", "from left 2"), pers("Pete Aguilar", "from left 3")}, Places: []string{"Capitol Hill", "Washington"}},
	},
	{
		// AP "from left" after the list.
		name: "AP from left after",
		text: "Serena Williams, Venus Williams and Coco Gauff, from left, watch a match at the U.S. Open tennis championships in New York, Monday, Aug. 29, 2022. (AP Photo/Frank Franklin II)",
		want: caption.Facts{Agency: "AP", Photographer: "Frank Franklin II", Taken: "2022-08-29", People: []caption.Person{pers("Serena Williams", "from left 1"), pers("Venus Williams", "from left 2"), pers("Coco Gauff", "from left 3")}, Places: []string{"New York"}},
	},
	{
		// AP story dateline with a state abbreviation.
		name: "AP story dateline",
		text: "MILLVALE, Pa. (AP) — Workers restore murals by the artist Maxo Vanka at St. Nicholas Croatian Catholic Church near Pittsburgh.",
		want: caption.Facts{Agency: "AP", People: []caption.Person{pers("Maxo Vanka", "")}, Places: []string{"Millvale", "Pa.", "St. Nicholas Croatian Catholic Church", "Pittsburgh"}},
	},
	{
		// AP "Photo by X/AP Photo" as aggregators print it.
		name: "AP photo by",
		text: "Divers perform during an event to celebrate the upcoming Christmas at the aquarium in Seoul, South Korea, Friday, December 1, 2023. (Photo by Lee Jin-man/AP Photo)",
		want: caption.Facts{Agency: "AP", Photographer: "Lee Jin-man", Taken: "2023-12-01", Places: []string{"Seoul", "South Korea"}},
	},
	{
		// Getty dateline, "on <date> in <place>", "(Photo by X/Getty Images)".
		name: "Getty dateline",
		text: "WASHINGTON, DC - AUGUST 20: Speaker of the House Nancy Pelosi (D-CA) speaks during her weekly news conference at the U.S. Capitol on August 20, 2019 in Washington, DC. (Photo by Chip Somodevilla/Getty Images)",
		want: caption.Facts{Agency: "Getty Images", Photographer: "Chip Somodevilla", Taken: "2019-08-20", People: []caption.Person{pers("Nancy Pelosi", "")}, Places: []string{"Washington, DC", "U.S. Capitol"}},
	},
	{
		// Getty dateline with country, sport, "of <team>".
		name: "Getty sport",
		text: "MANCHESTER, ENGLAND - OCTOBER 02: Erling Haaland of Manchester City celebrates after scoring during the Premier League match between Manchester City and Manchester United at Etihad Stadium on October 02, 2022 in Manchester, England. (Photo by Michael Regan/Getty Images)",
		want: caption.Facts{Agency: "Getty Images", Photographer: "Michael Regan", Taken: "2022-10-02", People: []caption.Person{pers("Erling Haaland", "")}, Places: []string{"Manchester", "England", "Etihad Stadium"}},
	},
	{
		// Getty-distributed AFP without "Photo by".
		name: "AFP via Getty",
		text: "Ukrainian servicemen ride a tank near Bakhmut, Donetsk region, on March 5, 2023. Aris Messinis/AFP via Getty Images",
		want: caption.Facts{Agency: "Getty Images", Via: "AFP", Photographer: "Aris Messinis", Taken: "2023-03-05", Places: []string{"Bakhmut", "Donetsk region"}},
	},
	{
		// Getty web credit "Photo by Name/Getty Images".
		name: "Getty photo by",
		text: "Fireworks light up the London skyline over Big Ben just after midnight on January 1, 2023 in London, England. Photo by Dan Kitwood/Getty Images",
		want: caption.Facts{Agency: "Getty Images", Photographer: "Dan Kitwood", Taken: "2023-01-01", Places: []string{"Big Ben", "London", "England"}},
	},
	{
		// Getty's old style: date dateline, "Mandatory Credit:".
		name: "Getty old style",
		text: "19 Jan 2002: Cobi Jones #13 of the USA controls the ball in their Concacaf Gold Cup first round match versus South Korea at the Rose Bowl in Pasadena , California. The USA won 2-1. DIGITAL IMAGE. Mandatory Credit: Stephen Dunn/Getty Images",
		want: caption.Facts{Agency: "Getty Images", Photographer: "Stephen Dunn", Taken: "2002-01-19", People: []caption.Person{pers("Cobi Jones", "")}, Places: []string{"Rose Bowl", "Pasadena", "California"}, Restrictions: []string{"Mandatory Credit"}},
	},
	{
		// Getty for a client, and a dateline city twice.
		name: "Getty for client",
		text: "LOS ANGELES, CALIFORNIA - FEBRUARY 05: Beyonce accepts an award onstage during the 65th GRAMMY Awards at Crypto.com Arena on February 05, 2023 in Los Angeles, California. (Photo by Kevin Winter/Getty Images for The Recording Academy)",
		want: caption.Facts{Agency: "Getty Images", Photographer: "Kevin Winter", Taken: "2023-02-05", Places: []string{"Los Angeles", "California", "Crypto.com Arena"}},
	},
	{
		// Bloomberg via Getty with "Photographer:".
		name: "Bloomberg via Getty",
		text: "Jensen Huang, co-founder and chief executive officer of Nvidia Corp., speaks during the Computex conference in Taipei, Taiwan, on Monday, May 29, 2023. Photographer: I-Hwa Cheng/Bloomberg via Getty Images",
		want: caption.Facts{Agency: "Getty Images", Via: "Bloomberg", Photographer: "I-Hwa Cheng", Taken: "2023-05-29", People: []caption.Person{pers("Jensen Huang", "")}, Places: []string{"Taipei", "Taiwan"}},
	},
	{
		// EPA with picture number, European date, photographer in capitals.
		name: "EPA plain",
		text: "epa08842159 South Korean President Moon Jae-in speaks during a meeting at the presidential Blue House in Seoul, South Korea, 25 November 2020. EPA-EFE/JEON HEON-KYUN",
		want: caption.Facts{Agency: "EPA", Photographer: "Jeon Heon-kyun", Taken: "2020-11-25", People: []caption.Person{pers("Moon Jae-in", "")}, Places: []string{"Blue House", "Seoul", "South Korea"}},
	},
	{
		// EPA distributing Yonhap, with SOUTH KOREA OUT.
		name: "EPA Yonhap",
		text: "epa09001234 South Korean soldiers patrol along a barbed-wire fence on Ganghwa Island, west of Seoul, South Korea, 04 January 2021. EPA-EFE/YONHAP SOUTH KOREA OUT",
		want: caption.Facts{Agency: "EPA", Via: "Yonhap", Taken: "2021-01-04", Places: []string{"Ganghwa Island", "Seoul", "South Korea"}, Restrictions: []string{"SOUTH KOREA OUT"}},
	},
	{
		// EPA pool photographer.
		name: "EPA pool",
		text: "epa10500000 British Prime Minister Rishi Sunak (L) and French President Emmanuel Macron attend a press conference at the Elysee Palace in Paris, France, 10 March 2023. EPA-EFE/LUDOVIC MARIN / POOL MAXPPP OUT",
		want: caption.Facts{Agency: "EPA", Photographer: "Ludovic Marin", Pool: true, Taken: "2023-03-10", People: []caption.Person{pers("Rishi Sunak", "L"), pers("Emmanuel Macron", "")}, Places: []string{"Elysee Palace", "Paris", "France"}, Restrictions: []string{"MAXPPP OUT"}},
	},
	{
		// EPA KCNA handout with repeated restrictions.
		name: "EPA KCNA",
		text: "epa10400000 A photo released by the official North Korean Central News Agency (KCNA) shows a military parade at Kim Il Sung Square in Pyongyang, North Korea, 08 February 2023 (issued 09 February 2023). EPA-EFE/KCNA EDITORIAL USE ONLY EDITORIAL USE ONLY",
		want: caption.Facts{Agency: "EPA", Via: "KCNA", Taken: "2023-02-08", Places: []string{"Kim Il Sung Square", "Pyongyang", "North Korea"}, Restrictions: []string{"EDITORIAL USE ONLY"}},
	},
	{
		// EPA stringer: no photographer.
		name: "EPA stringer",
		text: "Smoke rises over the city of Mariupol, Ukraine, 03 March 2022. EPA/STR",
		want: caption.Facts{Agency: "EPA", Taken: "2022-03-03", Places: []string{"Mariupol", "Ukraine"}},
	},
	{
		// EPA handout with EPA's restriction wording.
		name: "EPA handout",
		text: "A handout photo made available by the Israel Defense Forces shows soldiers at the border near Sderot, Israel, 12 October 2023. EPA-EFE/ISRAEL DEFENSE FORCES HANDOUT HANDOUT EDITORIAL USE ONLY/NO SALES",
		want: caption.Facts{Agency: "EPA", Via: "Israel Defense Forces", Handout: true, Taken: "2023-10-12", Places: []string{"Sderot", "Israel"}, Restrictions: []string{"EDITORIAL USE ONLY", "NO SALES"}},
	},
	{
		// PA: picture date and "Photo credit should read".
		name: "PA picture date",
		text: "Prime Minister Boris Johnson leaves 10 Downing Street, London, for Prime Minister's Questions at the Houses of Parliament. Picture date: Wednesday June 15, 2022. PA Photo. See PA story POLITICS PMQs. Photo credit should read: Stefan Rousseau/PA Wire",
		want: caption.Facts{Agency: "PA", Photographer: "Stefan Rousseau", Taken: "2022-06-15", People: []caption.Person{pers("Boris Johnson", "")}, Places: []string{"10 Downing Street", "London", "Houses of Parliament"}},
	},
	{
		// PA Wire/PA Images.
		name: "PA wire images",
		text: "The Princess of Wales during a visit to a nursery in Kent. Picture date: Tuesday January 24, 2023. Photo credit should read: Chris Jackson/PA Wire/PA Images",
		want: caption.Facts{Agency: "PA", Photographer: "Chris Jackson", Taken: "2023-01-24", Places: []string{"Kent"}},
	},
	{
		// Guardian style: "Photograph: Name/AP".
		name: "Guardian photograph AP",
		text: "Volodymyr Zelenskiy visits troops near Kherson. Photograph: Efrem Lukatsky/AP",
		want: caption.Facts{Agency: "AP", Photographer: "Efrem Lukatsky", People: []caption.Person{pers("Volodymyr Zelenskiy", "")}, Places: []string{"Kherson"}},
	},
	{
		// Guardian style: agency only.
		name: "Guardian photograph Reuters",
		text: "Protesters clash with police in Tbilisi, Georgia. Photograph: Reuters",
		want: caption.Facts{Agency: "Reuters", Places: []string{"Tbilisi", "Georgia"}},
	},
	{
		// Canadian Press.
		name: "Canadian Press",
		text: "Conservative Leader Pierre Poilievre speaks to supporters at a rally in Ottawa on Saturday, Sept. 10, 2022. THE CANADIAN PRESS/Justin Tang",
		want: caption.Facts{Agency: "The Canadian Press", Photographer: "Justin Tang", Taken: "2022-09-10", People: []caption.Person{pers("Pierre Poilievre", "")}, Places: []string{"Ottawa"}},
	},
	{
		// Canadian Press file.
		name: "Canadian Press file",
		text: "Prime Minister Justin Trudeau holds a press conference in Ottawa on Friday, March 13, 2020. THE CANADIAN PRESS/Adrian Wyld/File",
		want: caption.Facts{Agency: "The Canadian Press", Photographer: "Adrian Wyld", File: true, Taken: "2020-03-13", People: []caption.Person{pers("Justin Trudeau", "")}, Places: []string{"Ottawa"}},
	},
	{
		// Yonhap plain.
		name: "Yonhap plain",
		text: "Defense Minister Lee Jong-sup speaks during a parliamentary session at the National Assembly in Seoul on Oct. 4, 2022. (Yonhap)",
		want: caption.Facts{Agency: "Yonhap", Taken: "2022-10-04", People: []caption.Person{pers("Lee Jong-sup", "")}, Places: []string{"National Assembly", "Seoul"}},
	},
	{
		// Yonhap pool with "(Pool photo) (Yonhap)" and a front-row position.
		name: "Yonhap pool front row",
		text: "President Moon Jae-in (3rd from L, front row) poses with officials at Cheong Wa Dae in Seoul on Jan. 7, 2021. (Pool photo) (Yonhap)",
		want: caption.Facts{Agency: "Yonhap", Pool: true, Taken: "2021-01-07", People: []caption.Person{pers("Moon Jae-in", "3rd L")}, Places: []string{"Cheong Wa Dae", "Seoul"}},
	},
	{
		// Yonhap with "PHOTO NOT FOR SALE" and "in this photo provided by".
		name: "Yonhap not for sale",
		text: "Unification Minister Kwon Young-se (R) talks with officials at the inter-Korean transit office in Paju, north of Seoul, on July 1, 2022, in this photo provided by his office. (PHOTO NOT FOR SALE) (Yonhap)",
		want: caption.Facts{Agency: "Yonhap", Taken: "2022-07-01", People: []caption.Person{pers("Kwon Young-se", "R")}, Places: []string{"Paju", "Seoul"}, Restrictions: []string{"PHOTO NOT FOR SALE"}},
	},
	{
		// Korean newspaper style bracket credit.
		name: "Yonhap bracket",
		text: "Democratic Party leader Lee Jae-myung speaks at a party meeting at the National Assembly in western Seoul on Monday. [YONHAP]",
		want: caption.Facts{Agency: "Yonhap", People: []caption.Person{pers("Lee Jae-myung", "")}, Places: []string{"National Assembly", "Seoul"}},
	},
	{
		// "Photo: Yonhap" at the end of a caption.
		name: "Photo colon Yonhap",
		text: "Visitors walk along Cheonggyecheon stream in central Seoul on a hot summer day. - Photo: Yonhap",
		want: caption.Facts{Agency: "Yonhap", Places: []string{"Seoul"}},
	},
	{
		// Xinhua with photographer.
		name: "Xinhua",
		text: "People visit the Forbidden City in Beijing, capital of China, Oct. 2, 2023. (Xinhua/Chen Zhonghao)",
		want: caption.Facts{Agency: "Xinhua", Photographer: "Chen Zhonghao", Taken: "2023-10-02", Places: []string{"Forbidden City", "Beijing", "China"}},
	},
	{
		// dpa's "Photo: Name/dpa" and a German date.
		name: "dpa",
		text: "Chancellor Angela Merkel (CDU) arrives for the EU summit in Brussels on 25 March 2021. Photo: Michael Kappeler/dpa",
		want: caption.Facts{Agency: "dpa", Photographer: "Michael Kappeler", Taken: "2021-03-25", People: []caption.Person{pers("Angela Merkel", "")}, Places: []string{"Brussels"}},
	},
	{
		// Kyodo via Reuters, "Mandatory credit" and JAPAN OUT.
		name: "Kyodo via Reuters",
		text: "Japan's Emperor Naruhito and Empress Masako wave to well-wishers at the Imperial Palace in Tokyo, Japan, in this photo taken by Kyodo on January 2, 2023. Mandatory credit Kyodo/via REUTERS ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY. MANDATORY CREDIT. JAPAN OUT.",
		want: caption.Facts{Agency: "Reuters", Via: "Kyodo", Taken: "2023-01-02", People: []caption.Person{pers("Emperor Naruhito", ""), pers("Empress Masako", "")}, Places: []string{"Imperial Palace", "Tokyo", "Japan"}, Restrictions: []string{"Mandatory credit", "JAPAN OUT"}},
	},
	{
		// "A file picture dated" and a numeric date.
		name: "file picture dated numeric",
		text: "A file picture dated 24-06-2014 shows the Brandenburg Gate in Berlin, Germany. EPA/KAY NIETFELD",
		want: caption.Facts{Agency: "EPA", Photographer: "Kay Nietfeld", File: true, Taken: "2014-06-24", Places: []string{"Brandenburg Gate", "Berlin", "Germany"}},
	},
	{
		// NurPhoto via Getty.
		name: "NurPhoto via Getty",
		text: "People attend a candlelight vigil in Itaewon district in Seoul, South Korea, on October 31, 2022. (Photo by Chris Jung/NurPhoto via Getty Images)",
		want: caption.Facts{Agency: "Getty Images", Via: "NurPhoto", Photographer: "Chris Jung", Taken: "2022-10-31", Places: []string{"Itaewon district", "Seoul", "South Korea"}},
	},
	{
		// Anadolu via Getty.
		name: "Anadolu via Getty",
		text: "Turkish President Recep Tayyip Erdogan addresses supporters in Ankara, Turkey on May 29, 2023. (Photo by Mustafa Kamaci/Anadolu Agency via Getty Images)",
		want: caption.Facts{Agency: "Getty Images", Via: "Anadolu", Photographer: "Mustafa Kamaci", Taken: "2023-05-29", People: []caption.Person{pers("Recep Tayyip Erdogan", "")}, Places: []string{"Ankara", "Turkey"}},
	},
	{
		// No credit at all; a place after "in" only.
		name: "no credit",
		text: "Commuters wait for a train at a subway station in Busan after heavy snow.",
		want: caption.Facts{Places: []string{"Busan"}},
	},
	{
		// Royal titles stay with a single name; Arabic article names.
		name: "royal and Arabic names",
		text: "Saudi Crown Prince Mohammed bin Salman (R) welcomes Syrian President Bashar al-Assad at the Arab League summit in Jeddah, Saudi Arabia, May 19, 2023. Saudi Press Agency/Handout via REUTERS",
		want: caption.Facts{Agency: "Reuters", Via: "SPA", Handout: true, Taken: "2023-05-19", People: []caption.Person{pers("Mohammed bin Salman", "R"), pers("Bashar al-Assad", "")}, Places: []string{"Jeddah", "Saudi Arabia"}},
	},
	{
		// Pope Francis and a European name with particles.
		name: "pope and particles",
		text: "Pope Francis meets European Commission President Ursula von der Leyen at the Vatican, November 23, 2022. Vatican Media/Handout via REUTERS",
		want: caption.Facts{Agency: "Reuters", Via: "Vatican Media", Handout: true, Taken: "2022-11-23", People: []caption.Person{pers("Pope Francis", ""), pers("Ursula von der Leyen", "")}, Places: []string{"Vatican"}},
	},
	{
		// Organisations and events shaped like names are not people.
		name: "not people",
		text: "Members of Black Lives Matter march past Goldman Sachs headquarters during the Democratic National Convention in Chicago, Illinois, U.S., August 19, 2024. REUTERS/Brendan McDermid",
		want: caption.Facts{Agency: "Reuters", Photographer: "Brendan McDermid", Taken: "2024-08-19", Places: []string{"Chicago", "Illinois", "U.S."}},
	},
	{
		// Excluded dates: birth and release dates are not the picture's.
		name: "release date excluded",
		text: "Kim Yo Jong, sister of North Korean leader Kim Jong Un, attends a meeting in this picture released by KCNA on June 4, 2022. KCNA via REUTERS",
		want: caption.Facts{Agency: "Reuters", Via: "KCNA", People: []caption.Person{pers("Kim Yo Jong", ""), pers("Kim Jong Un", "")}},
	},
	{
		// A surname with a position after the full name is one person.
		name: "surname position",
		text: "Chinese President Xi Jinping shakes hands with Russian President Vladimir Putin during a meeting in Moscow on March 21, 2023. Putin (R) hosted Xi for talks. (Photo by Grigory SYSOYEV / SPUTNIK / AFP)",
		want: caption.Facts{Agency: "AFP", Via: "Sputnik", Photographer: "Grigory Sysoyev", Taken: "2023-03-21", People: []caption.Person{pers("Xi Jinping", ""), pers("Vladimir Putin", "R")}, Places: []string{"Moscow"}},
	},
	{
		// A trailing bare agency after a full stop.
		name: "trailing bare agency",
		text: "Firefighters battle a wildfire in Andong, North Gyeongsang Province, on March 26, 2025. Yonhap",
		want: caption.Facts{Agency: "Yonhap", Taken: "2025-03-26", Places: []string{"Andong", "North Gyeongsang Province"}},
	},
	{
		// US dates with slashes.
		name: "slash date",
		text: "A damaged home is seen in Lahaina, Hawaii on 08/10/2023. Photo by Jane Tyska/Bay Area News Group",
		want: caption.Facts{Agency: "Bay Area News Group", Photographer: "Jane Tyska", Taken: "2023-08-10", Places: []string{"Lahaina", "Hawaii"}},
	},

	{
		// AFP KCNA with a release date after the taken date and AFP's
		// third-party notice.
		name: "AFP KCNA taken and released",
		text: "This photo taken on July 27, 2023 and released from North Korea's official Korean Central News Agency (KCNA) on July 28 shows North Korea's leader Kim Jong Un (R) and Russia's Defence Minister Sergei Shoigu (L) attending a military parade in Pyongyang. (Photo by KCNA VIA KNS / AFP) / South Korea OUT / ---EDITORS NOTE--- RESTRICTED TO EDITORIAL USE - MANDATORY CREDIT \"AFP PHOTO/KCNA VIA KNS\" - NO MARKETING NO ADVERTISING CAMPAIGNS - DISTRIBUTED AS A SERVICE TO CLIENTS / THIS PICTURE WAS MADE AVAILABLE BY A THIRD PARTY. AFP CAN NOT INDEPENDENTLY VERIFY THE AUTHENTICITY, LOCATION, DATE AND CONTENT OF THIS IMAGE. /",
		want: caption.Facts{Agency: "AFP", Via: "KCNA", Taken: "2023-07-27", People: []caption.Person{pers("Kim Jong Un", "R"), pers("Sergei Shoigu", "L")}, Places: []string{"Pyongyang"}, Restrictions: []string{"South Korea OUT", "RESTRICTED TO EDITORIAL USE", "MANDATORY CREDIT", "NO MARKETING", "NO ADVERTISING CAMPAIGNS"}},
	},
	{
		// A TV showing file footage is not a file photo.
		name: "file footage on a screen",
		text: "People watch a television screen showing a news broadcast with file footage of a North Korean missile test, at a railway station in Seoul on March 16, 2023. (Photo by Jung Yeon-je / AFP)",
		want: caption.Facts{Agency: "AFP", Photographer: "Jung Yeon-je", Taken: "2023-03-16", Places: []string{"Seoul"}},
	},
	{
		// AFP TOPSHOT marker before a Getty-style dateline is dropped.
		name: "AFP TOPSHOT",
		text: "TOPSHOT - Rescuers carry a survivor from the rubble of a collapsed building in Kahramanmaras, Turkey, on February 7, 2023. (Photo by Adem ALTAN / AFP)",
		want: caption.Facts{Agency: "AFP", Photographer: "Adem Altan", Taken: "2023-02-07", Places: []string{"Kahramanmaras", "Turkey"}},
	},
	{
		// Reuters: KCNA via Reuters file photo.
		name: "KCNA via Reuters file",
		text: "North Korean leader Kim Jong Un looks on during a visit to a munitions factory in this picture released by the Korean Central News Agency on August 6, 2023. KCNA via REUTERS/File Photo",
		want: caption.Facts{Agency: "Reuters", Via: "KCNA", File: true, People: []caption.Person{pers("Kim Jong Un", "")}},
	},
	{
		// Reuters: region and country before the date without a comma.
		name: "Reuters region country date",
		text: "Ukrainian service members fire a howitzer near the front line town of Bakhmut, amid Russia's attack on Ukraine, in Donetsk region, Ukraine March 1, 2023. REUTERS/Oleksandr Ratushniak",
		want: caption.Facts{Agency: "Reuters", Photographer: "Oleksandr Ratushniak", Taken: "2023-03-01", Places: []string{"Bakhmut", "Donetsk region", "Ukraine"}},
	},
	{
		// Reuters sport header: sport - competition - match - venue - date.
		name: "Reuters sport header",
		text: "Soccer Football - Premier League - Manchester City v Arsenal - Etihad Stadium, Manchester, Britain - April 26, 2023 Manchester City's Erling Haaland celebrates scoring their third goal REUTERS/Carl Recine EDITORIAL USE ONLY. No use with unauthorized audio, video, data, fixture lists, club/league logos or 'live' services. Online in-match use limited to 75 images, no video emulation. No use in betting, games or single club/league/player publications.",
		want: caption.Facts{Agency: "Reuters", Photographer: "Carl Recine", Taken: "2023-04-26", People: []caption.Person{pers("Erling Haaland", "")}, Places: []string{"Etihad Stadium", "Manchester", "Britain"}, Restrictions: []string{"EDITORIAL USE ONLY"}},
	},
	{
		// Reuters: Sputnik pool via Reuters.
		name: "Sputnik pool via Reuters",
		text: "Russian President Vladimir Putin attends a Victory Day parade in Red Square in central Moscow, Russia, May 9, 2023. Sputnik/Gavriil Grigorov/Pool via REUTERS ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY.",
		want: caption.Facts{Agency: "Reuters", Via: "Sputnik", Photographer: "Gavriil Grigorov", Pool: true, Taken: "2023-05-09", People: []caption.Person{pers("Vladimir Putin", "")}, Places: []string{"Red Square", "Moscow", "Russia"}},
	},
	{
		// Yonhap via Reuters with Reuters' restriction list.
		name: "Yonhap via Reuters",
		text: "South Korean President Yoon Suk Yeol speaks during a cabinet meeting at the presidential office in Seoul, South Korea, April 13, 2023. Yonhap via REUTERS ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY. NO RESALES. NO ARCHIVES. SOUTH KOREA OUT. NO COMMERCIAL OR EDITORIAL SALES IN SOUTH KOREA.",
		want: caption.Facts{Agency: "Reuters", Via: "Yonhap", Taken: "2023-04-13", People: []caption.Person{pers("Yoon Suk Yeol", "")}, Places: []string{"Seoul", "South Korea"}, Restrictions: []string{"NO RESALES", "NO ARCHIVES", "SOUTH KOREA OUT", "NO COMMERCIAL OR EDITORIAL SALES IN SOUTH KOREA"}},
	},
	{
		// AP: date between the room and "in Washington".
		name: "AP date before city",
		text: "President Joe Biden speaks about the economy in the East Room of the White House, Tuesday, May 2, 2023, in Washington. (AP Photo/Evan Vucci)",
		want: caption.Facts{Agency: "AP", Photographer: "Evan Vucci", Taken: "2023-05-02", People: []caption.Person{pers("Joe Biden", "")}, Places: []string{"East Room", "White House", "Washington"}},
	},
	{
		// AP sport: lower-case "stadium" after the name, AP position.
		name: "AP sport",
		text: "Manchester City's Erling Haaland, left, celebrates with Kevin De Bruyne after scoring during the English Premier League soccer match between Manchester City and Leeds United at Etihad stadium in Manchester, England, Saturday, May 6, 2023. (AP Photo/Dave Thompson)",
		want: caption.Facts{Agency: "AP", Photographer: "Dave Thompson", Taken: "2023-05-06", People: []caption.Person{pers("Erling Haaland", "L"), pers("Kevin De Bruyne", "")}, Places: []string{"Etihad stadium", "Manchester", "England"}},
	},
	{
		// AP: a NASA picture via AP, no date.
		name: "NASA via AP",
		text: "This image provided by NASA shows the Orion spacecraft approaching the moon. (NASA via AP)",
		want: caption.Facts{Agency: "AP", Via: "NASA"},
	},
	{
		// AP party tag after a name is not a position.
		name: "AP party tag",
		text: "Senate Majority Leader Chuck Schumer, D-N.Y., speaks to reporters at the Capitol in Washington, Tuesday, July 11, 2023. (AP Photo/J. Scott Applewhite)",
		want: caption.Facts{Agency: "AP", Photographer: "J. Scott Applewhite", Taken: "2023-07-11", People: []caption.Person{pers("Chuck Schumer", "")}, Places: []string{"Capitol", "Washington"}},
	},
	{
		// Getty Korean dateline in capitals.
		name: "Getty Seoul",
		text: "SEOUL, SOUTH KOREA - JUNE 25: South Korean President Yoon Suk Yeol speaks during a ceremony to mark the 73rd anniversary of the Korean War on June 25, 2023 in Seoul, South Korea. (Photo by Chung Sung-Jun/Getty Images)",
		want: caption.Facts{Agency: "Getty Images", Photographer: "Chung Sung-Jun", Taken: "2023-06-25", People: []caption.Person{pers("Yoon Suk Yeol", "")}, Places: []string{"Seoul", "South Korea"}},
	},
	{
		// EPA handout with "MANDATORY CREDIT:" and double dashes.
		name: "EPA handout mandatory credit",
		text: "epa10656789 A handout photo made available by the Ukrainian Presidential Press Service shows Ukrainian President Volodymyr Zelensky (C) during a meeting in Kyiv, Ukraine, 27 May 2023 (issued 28 May 2023). EPA-EFE/UKRAINIAN PRESIDENTIAL PRESS SERVICE HANDOUT -- MANDATORY CREDIT: UKRAINIAN PRESIDENTIAL PRESS SERVICE -- HANDOUT EDITORIAL USE ONLY/NO SALES",
		want: caption.Facts{Agency: "EPA", Via: "Ukrainian Presidential Press Service", Handout: true, Taken: "2023-05-27", People: []caption.Person{pers("Volodymyr Zelensky", "C")}, Places: []string{"Kyiv", "Ukraine"}, Restrictions: []string{"MANDATORY CREDIT", "EDITORIAL USE ONLY", "NO SALES"}},
	},
	{
		// EPA sport with the league's usage notes.
		name: "EPA sport notes",
		text: "epa10600000 Manchester City's Erling Haaland in action during the English Premier League soccer match between Manchester City and Arsenal FC in Manchester, Britain, 26 April 2023. EPA-EFE/ADAM VAUGHAN EDITORIAL USE ONLY. No use with unauthorized audio, video, data, fixture lists, club/league logos or 'live' services.",
		want: caption.Facts{Agency: "EPA", Photographer: "Adam Vaughan", Taken: "2023-04-26", People: []caption.Person{pers("Erling Haaland", "")}, Places: []string{"Manchester", "Britain"}, Restrictions: []string{"EDITORIAL USE ONLY"}},
	},
	{
		// PA: an organisation credited through PA.
		name: "PA parliament credit",
		text: "Prime Minister Rishi Sunak during Prime Minister's Questions in the House of Commons, London. Picture date: Wednesday June 7, 2023. PA Photo. See PA story POLITICS PMQs. Photo credit should read: House of Commons/UK Parliament/PA Wire NOTE TO EDITORS: Use of this image is subject to the House of Commons Photographic Policy.",
		want: caption.Facts{Agency: "PA", Via: "UK Parliament", Taken: "2023-06-07", People: []caption.Person{pers("Rishi Sunak", "")}, Places: []string{"House of Commons", "London"}},
	},
	{
		// Yonhap KCNA with Yonhap's usage note.
		name: "Yonhap KCNA restriction",
		text: "North Korean leader Kim Jong-un inspects a factory in this photo released by the North's official Korean Central News Agency on July 28, 2023. (For Use Only in the Republic of Korea. No Redistribution) (Yonhap)",
		want: caption.Facts{Agency: "Yonhap", People: []caption.Person{pers("Kim Jong-un", "")}, Restrictions: []string{"For Use Only in the Republic of Korea", "No Redistribution"}},
	},
	{
		// Korean daily with a bracketed agency other than Yonhap.
		name: "News1 bracket",
		text: "Visitors look at cherry blossoms along Yeouido's Yunjung-ro in Seoul on Tuesday. [NEWS1]",
		want: caption.Facts{Agency: "News1", Places: []string{"Seoul"}},
	},
	{
		// Canadian Press images brand.
		name: "Canadian Press images",
		text: "Quebec Premier Francois Legault speaks to reporters in Quebec City, Thursday, April 20, 2023. THE CANADIAN PRESS IMAGES/Graham Hughes",
		want: caption.Facts{Agency: "The Canadian Press", Photographer: "Graham Hughes", Taken: "2023-04-20", People: []caption.Person{pers("Francois Legault", "")}, Places: []string{"Quebec City"}},
	},
	{
		// Getty BESTPIX marker, Getty for a client.
		name: "Getty BESTPIX",
		text: "BESTPIX - LONDON, ENGLAND - MAY 06: King Charles III waves from the balcony of Buckingham Palace following the Coronation on May 06, 2023 in London, England. (Photo by Chris Jackson/Getty Images)",
		want: caption.Facts{Agency: "Getty Images", Photographer: "Chris Jackson", Taken: "2023-05-06", People: []caption.Person{pers("King Charles III", "")}, Places: []string{"London", "England", "Buckingham Palace"}},
	},
	{
		// Xinhua via Getty.
		name: "Xinhua via Getty",
		text: "People enjoy the sunshine in a park in Beijing, capital of China, March 12, 2023. (Photo by Ju Huanzong/Xinhua via Getty Images)",
		want: caption.Facts{Agency: "Getty Images", Via: "Xinhua", Photographer: "Ju Huanzong", Taken: "2023-03-12", Places: []string{"Beijing", "China"}},
	},
	{
		// A person introduced by a role noun at the start of the sentence.
		name: "role noun start",
		text: "Actress Emma Stone arrives at the 95th Academy Awards at the Dolby Theatre in Los Angeles, California, U.S., March 12, 2023. REUTERS/Mario Anzuoni",
		want: caption.Facts{Agency: "Reuters", Photographer: "Mario Anzuoni", Taken: "2023-03-12", People: []caption.Person{pers("Emma Stone", "")}, Places: []string{"Dolby Theatre", "Los Angeles", "California", "U.S."}},
	},
	{
		// A team with a plural possessive describes the player.
		name: "plural possessive team",
		text: "Los Angeles Lakers' LeBron James drives past Golden State Warriors' Stephen Curry during Game 6 in Los Angeles, Friday, May 12, 2023. (AP Photo/Mark J. Terrill)",
		want: caption.Facts{Agency: "AP", Photographer: "Mark J. Terrill", Taken: "2023-05-12", People: []caption.Person{pers("LeBron James", ""), pers("Stephen Curry", "")}, Places: []string{"Los Angeles"}},
	},
	{
		// Copyright sign credit.
		name: "copyright credit",
		text: "A rainbow over the harbour in Sydney, Australia. © AAP Image/Dean Lewins",
		want: caption.Facts{Agency: "AAP", Photographer: "Dean Lewins", Places: []string{"Sydney", "Australia"}},
	},
	{
		// "Photo by" with an agency photographer in mixed case and a file
		// credit in AFP's "(Photo by ... / AFP) / FILES" style.
		name: "AFP files credit suffix",
		text: "Apple CEO Tim Cook speaks during an event at the Steve Jobs Theater in Cupertino, California, on September 12, 2023. (Photo by Josh Edelson / AFP) / FILES",
		want: caption.Facts{Agency: "AFP", Photographer: "Josh Edelson", File: true, Taken: "2023-09-12", People: []caption.Person{pers("Tim Cook", "")}, Places: []string{"Steve Jobs Theater", "Cupertino", "California"}},
	}}

func TestParseTable(t *testing.T) {
	for _, tc := range append(parseTable, moreParseCases...) {
		t.Run(tc.name, func(t *testing.T) {
			got := ParseWith(tc.text, optsFor(t, tc.ref))
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestParseTableSize keeps the tuning table as large as promised.
func TestParseTableSize(t *testing.T) {
	if n := len(parseTable) + len(moreParseCases); n < 60 {
		t.Errorf("parseTable has %d cases, want at least 60", n)
	}
}

// TestParseSeed checks the two captions of the canonical example exactly as
// they stand in /work/shared/seed-article.txt, when that file is present.
func TestParseSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed-article.txt"))
	if err != nil {
		t.Skip("seed article not present:", err)
	}
	var caps []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "US Rep. Ilhan Omar") || strings.HasPrefix(line, "This picture taken on September 16, 2020") {
			caps = append(caps, strings.TrimSpace(line))
		}
	}
	if len(caps) != 2 {
		t.Fatalf("found %d seed captions, want 2", len(caps))
	}
	one := Parse(caps[0])
	if one.Agency != "AFP" || one.File || one.Taken != "2019-03-08" {
		t.Errorf("caption 1: agency %q file %v taken %q", one.Agency, one.File, one.Taken)
	}
	if diff := cmp.Diff([]caption.Person{pers("Ilhan Omar", "L"), pers("Nancy Pelosi", "")}, one.People); diff != "" {
		t.Errorf("caption 1 people (-want +got):\n%s", diff)
	}
	for _, want := range []string{"US Capitol", "Washington, DC"} {
		if !hasString(one.Places, want) {
			t.Errorf("caption 1 places %q lack %q", one.Places, want)
		}
	}
	two := Parse(caps[1])
	if two.Agency != "AFP" || !two.File || two.Taken != "2020-09-16" {
		t.Errorf("caption 2: agency %q file %v taken %q", two.Agency, two.File, two.Taken)
	}
	if diff := cmp.Diff([]caption.Person{pers("Lee In-young", "R")}, two.People); diff != "" {
		t.Errorf("caption 2 people (-want +got):\n%s", diff)
	}
	for _, want := range []string{"Panmunjom", "Demilitarized Zone (DMZ)"} {
		if !hasString(two.Places, want) {
			t.Errorf("caption 2 places %q lack %q", two.Places, want)
		}
	}
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// optsFor turns a YYYY-MM-DD reference into ParseOptions.
func optsFor(t testing.TB, ref string) ParseOptions {
	if ref == "" {
		return ParseOptions{}
	}
	r, err := time.Parse("2006-01-02", ref)
	if err != nil {
		t.Fatalf("bad reference %q: %v", ref, err)
	}
	return ParseOptions{Reference: r}
}
