"""The demo content: every fact on the five reference pages in shared/seeds, as structured data.

Facts (names, periods, counts, titles, dates) are exact; the descriptive Swedish text is written
for this project. Nothing here is invented: a document the pages name without a file is a
record without a file, and a news item whose date the page does not give has no date. The one
inference is the year 2018 for the three Arena för Tillväxt events, whose page gives day and
month only and lists them among its 2018 news.

One page is not from the reference pages: the accessibility statement about this website
(slug ``tillganglighetsredogorelse``), whose shortcomings and test method are this project's own.

Records are keyed by slug (child rows by their position), which is what makes loading twice
harmless. The loader is content/management/commands/load_demo_content.py.
"""

import datetime

COUNTIES = [
    {"slug": "stockholms-lan", "name": "Stockholms län"},
    {"slug": "norrbottens-lan", "name": "Norrbottens län"},
]

# The ten pilot municipalities of Stärkt lokal attraktionskraft.
PILOT_MUNICIPALITIES = [
    "Flen",
    "Gotland",
    "Haninge",
    "Härjedalen",
    "Kramfors",
    "Munkedal",
    "Surahammar",
    "Vimmerby",
    "Östhammar",
    "Överkalix",
]

# Those, the two ends of Utveckla svenska städer, the growth municipality of 2018 and the
# conference town. The pages do not give their counties, so none is set.
MUNICIPALITIES = [*PILOT_MUNICIPALITIES, "Umeå", "Trelleborg", "Uppsala", "Luleå"]

ORGANISATIONS = [
    {
        "slug": "regeringen",
        "name": "Regeringen",
        "kind": "government",
        "description": (
            "Regeringen ger myndigheterna uppdrag inom den regionala tillväxtpolitiken och står "
            "bakom den nationella strategin för hållbar regional tillväxt och attraktionskraft."
        ),
    },
    {
        "slug": "riksdagen",
        "name": "Riksdagen",
        "kind": "government",
        "description": (
            "Regeringen redovisar till riksdagen hur politiken för regional tillväxt har "
            "genomförts. Tillväxtverkets årliga uppföljning är en del av underlaget."
        ),
    },
    {
        "slug": "lansstyrelsen-stockholm",
        "name": "Länsstyrelsen i Stockholms län",
        "short_name": "Länsstyrelsen Stockholm",
        "kind": "county_board",
        "county": "stockholms-lan",
        "description": (
            "Länsstyrelsen verkar för att Stockholms län ska växa och utvecklas hållbart, så att "
            "alla har möjlighet att bo, utvecklas och driva företag i länet. Arbetet sker genom "
            "samverkan, regionala strategier och bidrag till strategiska utvecklingssatsningar."
        ),
    },
    {
        "slug": "tillvaxtverket",
        "name": "Tillväxtverket",
        "kind": "national_agency",
        "website": "https://tillvaxtverket.se",
        "description": (
            "Tillväxtverket är den statliga myndighet som främjar utvecklingskraft i hela landet, "
            "från glesbygd till storstad, så att företag kan växa oavsett var de finns. "
            "Myndigheten stöttar regionala aktörer, samordnar nationella och regionala aktörer "
            "och följer varje år upp det regionala tillväxtarbetet på regeringens uppdrag."
        ),
    },
    {
        "slug": "arena-for-tillvaxt",
        "name": "Arena för Tillväxt",
        "kind": "network",
        "description": (
            "Arena för Tillväxt stöttar kommuner, regioner och näringsliv i det lokala och "
            "regionala tillväxtarbetet med föreläsningar, processledning och rådgivning, och "
            "utser varje år Årets tillväxtkommun."
        ),
    },
    {
        "slug": "regeringens-forum-for-regionerna",
        "name": "Regeringens forum för regionerna",
        "kind": "network",
        "parent": "regeringen",
        "description": (
            "Ett forum där politiker och tjänstemän från regionerna möts för att diskutera frågor "
            "som är strategiskt viktiga för den regionala utvecklingen i hela landet. "
            "Tillväxtverket är forumets kansli."
        ),
    },
    {
        "slug": "europeiska-unionen",
        "name": "Europeiska unionen",
        "short_name": "EU",
        "kind": "eu_body",
        "description": "EU står bakom strategin för Östersjöregionen och dess tre mål.",
    },
    {
        "slug": "norrbottens-kommuner",
        "name": "Norrbottens Kommuner",
        "kind": "network",
        "county": "norrbottens-lan",
        "description": (
            "Norrbottens Kommuner arrangerade konferensen Växa eller krympa i Luleå tillsammans "
            "med Arena för Tillväxt."
        ),
    },
    {
        "slug": "sveriges-kommuner-och-landsting",
        "name": "Sveriges Kommuner och Landsting",
        "short_name": "SKL",
        "kind": "network",
        "description": (
            "Sveriges Kommuner och Landsting medverkade vid Arena för Tillväxts konferens och "
            "seminarier med föredrag och resultat från sina undersökningar."
        ),
    },
]

# Focus area sets whose owner is an organisation. The set that belongs to a programme is below,
# after the programmes.
FOCUS_AREA_SETS = [
    {
        "slug": "lansstyrelsen-stockholm-arbetsomraden",
        "name": "Länsstyrelsens arbetsområden för hållbar tillväxt",
        "kind": "work_areas",
        "organisation": "lansstyrelsen-stockholm",
        "description": (
            "Hållbar tillväxt i länet kräver arbete inom många områden. Länsstyrelsens arbete "
            "rör ofta dessa fem."
        ),
        "areas": [
            {"slug": "landsbygd", "name": "Landsbygd"},
            {"slug": "energi-och-klimat", "name": "Energi och klimat"},
            {"slug": "miljoskydd", "name": "Miljöskydd"},
            {"slug": "samhallsplanering", "name": "Samhällsplanering"},
            {"slug": "social-hallbarhet", "name": "Social hållbarhet"},
        ],
    },
    {
        "slug": "nationella-strategins-omraden-for-jamstalld-tillvaxt",
        "name": "Nationella strategins fyra prioriterade områden för jämställd tillväxt",
        "kind": "strategy",
        "organisation": "regeringen",
        "description": (
            "Regeringens nationella strategi för hållbar regional tillväxt och attraktionskraft "
            "2015–2020 pekar ut fyra områden som betydelsefulla för att tillväxten ska bli "
            "jämställd."
        ),
        "areas": [
            {
                "slug": "systematiskt-ledningsarbete-och-jamstalldhetsintegrering",
                "name": "Systematiskt ledningsarbete och jämställdhetsintegrering",
                "description": (
                    "Jämställdhet byggs in i budgeten, i de regionala utvecklingsstrategierna "
                    "(RUS) och i andra strategier och program, till exempel för innovation, "
                    "boende, transporter, attraktivitet och kompetensförsörjning."
                ),
            },
            {
                "slug": "kartlaggning-av-skillnader-mellan-kvinnor-och-man",
                "name": "Kartläggning av skillnader mellan kvinnor och män",
                "description": (
                    "Skillnader mellan kvinnor och män kartläggs och görs synliga, bland annat i "
                    "inkomst, sysselsättning, företagande och projektstöd."
                ),
            },
            {
                "slug": "kvinnors-foretagande-och-sysselsattning",
                "name": "Kvinnors företagande och utrikes födda kvinnors sysselsättning",
                "description": (
                    "Insatserna för att främja kvinnors företagande, och utrikes födda kvinnors "
                    "sysselsättning och företagande, fortsätter."
                ),
            },
            {
                "slug": "jamstalldhet-i-regionalfondsprogrammen",
                "name": "Jämställdhet i regionalfondsprogrammen 2014–2020",
                "description": (
                    "Ett jämställdhetsperspektiv ska finnas med när projekt planeras och "
                    "genomförs inom regionalfondsprogrammen 2014–2020."
                ),
            },
        ],
    },
    {
        "slug": "eu-strategin-for-ostersjoregionen",
        "name": "EU:s strategi för Östersjöregionen",
        "kind": "strategy",
        "organisation": "europeiska-unionen",
        "description": (
            "Strategin har tre mål. Tillväxtverket samordnar Sveriges arbete med att uppfylla dem."
        ),
        "areas": [
            {"slug": "radda-havsmiljon", "name": "Rädda havsmiljön"},
            {"slug": "lanka-samman-regionen", "name": "Länka samman regionen"},
            {"slug": "oka-valstandet", "name": "Öka välståndet"},
        ],
    },
    {
        "slug": "tillvaxtverkets-arbetsomraden",
        "name": "Tillväxtverkets arbetsområden för regional tillväxt",
        "kind": "work_areas",
        "organisation": "tillvaxtverket",
        "description": "Några av de sätt Tillväxtverket arbetar med regional tillväxt på.",
        "areas": [
            {
                "slug": "tillvaxtskapande-samhallsplanering",
                "name": "Tillväxtskapande samhällsplanering",
                "description": (
                    "Ett arbetssätt där en kommuns eller regions utveckling planeras med hänsyn "
                    "till de långsiktiga villkor som näringslivet verkar under."
                ),
            },
            {
                "slug": "strategiskt-regionarbete",
                "name": "Strategiskt regionarbete",
                "description": (
                    "Tillväxtverket lyssnar på regionerna för att kunna möta varje regions egna "
                    "behov."
                ),
            },
            {
                "slug": "uppfoljning-av-regionalt-tillvaxtarbete",
                "name": "Uppföljning av regionalt tillväxtarbete",
                "description": (
                    "Den årliga uppföljning som Tillväxtverket gör på regeringens uppdrag."
                ),
            },
        ],
    },
]

PROGRAMMES = [
    {
        "slug": "jamstalld-regional-tillvaxt-2012-2014",
        "title": "Jämställd regional tillväxt",
        "organisation": "lansstyrelsen-stockholm",
        "start_year": 2012,
        "end_year": 2014,
        "summary": (
            "Länsstyrelsens tidigare arbete med jämställd regional tillväxt, beskrivet i "
            "handlingsplanen för 2012–2014."
        ),
        "tags": ["jämställdhet"],
    },
    {
        "slug": "jamstalld-regional-tillvaxt-2016-2018",
        "title": "Jämställd regional tillväxt",
        "alternative_title": "Jämställd tillväxt Stockholm",
        "organisation": "lansstyrelsen-stockholm",
        "funders": ["tillvaxtverket"],
        "commission": "government_assignment",
        "commissioned_by": "regeringen",
        "start_year": 2016,
        "end_year": 2018,
        "status_override": "finished",
        "predecessor": "jamstalld-regional-tillvaxt-2012-2014",
        "summary": (
            "Länsstyrelsens regeringsuppdrag för att kvinnor och män i Stockholms län ska ha "
            "samma möjligheter att påverka det regionala tillväxtarbetet och ta del av "
            "resurserna för tillväxt."
        ),
        "body": (
            "Länsstyrelsen arbetar med jämställdhet i hela sin verksamhet, och under 2016–2018 "
            "dessutom med ett särskilt uppdrag inom tillväxtområdet. Arbetet finansieras av "
            "Tillväxtverket.\n\n"
            "Utgångspunkten är regeringens nationella strategi för hållbar regional tillväxt och "
            "attraktionskraft, som lyfter fram fyra områden som viktiga för en jämställd "
            "tillväxt. Arbetet hänger också tydligt ihop med länsstrategin för "
            "jämställdhetsintegrering.\n\n"
            "Kön är inte det enda som påverkar hur stort handlingsutrymme en människa har. "
            "Därför utgår arbetet från ett intersektionellt perspektiv som också tar hänsyn "
            "till till exempel ålder, stad och landsbygd och etnisk bakgrund. Länsstyrelsen "
            "kallar det J+.\n\n"
            "Länsstyrelsen har arbetat med jämställd regional tillväxt tidigare, enligt "
            "handlingsplanen för 2012–2014."
        ),
        "goals": [
            "Kvinnor och män ska ha samma förutsättningar att nå inflytande i det regionala "
            "tillväxtarbetet och att få tillgång till tillväxtresurser.",
        ],
        "focus_points": [
            (
                "Integrera jämställdhet och jämlikhet systematiskt i Länsstyrelsens eget arbete.",
                "För att leva som vi lär.",
            ),
            (
                "Ta fram mer nyanserad statistik och fler analyser, till exempel om "
                "arbetsmarknaden och utbildningsval.",
                "För att insatserna ska bli mer träffsäkra.",
            ),
            (
                "Utveckla metoder och modeller inom arbetsmarknads- och utbildningsområdet.",
                "För att motverka dagens starkt segregerade arbetsmarknad och utbildningsval.",
            ),
        ],
        "focus_areas": [
            "systematiskt-ledningsarbete-och-jamstalldhetsintegrering",
            "kartlaggning-av-skillnader-mellan-kvinnor-och-man",
            "kvinnors-foretagande-och-sysselsattning",
            "jamstalldhet-i-regionalfondsprogrammen",
        ],
        "tags": [
            "jämställdhet",
            "jämlikhet",
            "jämställdhetsintegrering",
            "J+",
            "intersektionalitet",
        ],
    },
    {
        "slug": "starkt-lokal-attraktionskraft",
        "title": "Stärkt lokal attraktionskraft",
        "organisation": "tillvaxtverket",
        "commission": "government_assignment",
        "commissioned_by": "regeringen",
        "start_year": 2015,
        "end_year": 2018,
        "summary": (
            "Regeringsuppdrag för att långsiktigt och strategiskt stärka attraktionskraften "
            "lokalt och regionalt, med tio pilotkommuner."
        ),
        "body": (
            "Uppdraget pekade ut tre huvudområden. Inom dem stöttade Tillväxtverket tio "
            "pilotkommuner: Flen, Gotland, Haninge, Härjedalen, Kramfors, Munkedal, "
            "Surahammar, Vimmerby, Östhammar och Överkalix."
        ),
        "goals": [
            "Stärka attraktionskraften på lokal och regional nivå i Sverige, långsiktigt och "
            "strategiskt.",
        ],
        "municipalities": PILOT_MUNICIPALITIES,
        # The last three belong to the programme's own set, PROGRAMME_FOCUS_AREA_SETS.
        "focus_areas": [
            "tillvaxtskapande-samhallsplanering",
            "den-fysiska-samhallsplaneringen",
            "offentlig-och-kommersiell-service",
            "kultur-och-attityder",
        ],
        "tags": ["attraktionskraft", "pilotkommuner", "samhällsplanering"],
    },
    {
        "slug": "utveckla-svenska-stader",
        "title": "Utveckla svenska städer",
        "organisation": "tillvaxtverket",
        "start_year": 2016,
        "end_year": 2019,
        "pilot_project_count": 7,
        "knowledge_project_count": 4,
        "summary": (
            "En satsning på bättre samarbete mellan näringsliv och samhällsplanering, och på "
            "hur hela regionen kan ha nytta av att de större tätorterna utvecklas."
        ),
        "body": (
            "Satsningen bestod av sju pilotprojekt, från Umeå i norr till Trelleborg i söder. "
            "Till dem kom fyra mindre kunskapsprojekt som tog fram underlag och rapporter som "
            "stöd för pilotprojektens långsiktiga arbete."
        ),
        "goals": [
            "Utveckla ny kunskap om stadens roll som tillväxtmotor.",
            "Investera i utvecklingsprojekt som stärker sambanden mellan arbetsmarknad, "
            "bostadsmarknad och ekonomisk aktivitet.",
            "Genomföra mötesplatser där aktörer på nationell, regional och lokal nivå delar "
            "kunskap och erfarenheter.",
        ],
        "municipalities": ["Umeå", "Trelleborg"],
        "focus_areas": ["tillvaxtskapande-samhallsplanering"],
        "tags": ["städer", "samhällsplanering", "pilotprojekt"],
    },
    {
        "slug": "pilotprojekt-tillvaxtskapande-samhallsplanering",
        "title": "Pilotprojekt inom Tillväxtskapande samhällsplanering",
        "organisation": "tillvaxtverket",
        "funders": ["tillvaxtverket"],
        "start_year": 2018,
        "end_year": 2020,
        "pilot_project_count": 12,
        "summary": (
            "Tolv pilotprojekt som Tillväxtverket finansierade för att lära mer om hur regionala "
            "och funktionella strukturer kan utvecklas så att företagen blir starkare."
        ),
        "body": (
            "Pilotprojekten byggde på tre utgångspunkter: att samhällsplaneringen spelar en "
            "särskilt viktig roll när attraktiva miljöer för näringslivet ska utvecklas, att "
            "utmaningarna ser olika ut på olika platser och att insatserna därför behöver "
            "anpassas efter olika slags behov."
        ),
        "goals": [
            "Öka kunskapen om hur regionala och funktionella strukturer kan utvecklas för att "
            "stärka företagen.",
        ],
        "focus_areas": ["tillvaxtskapande-samhallsplanering"],
        "tags": ["samhällsplanering", "pilotprojekt"],
    },
]

# The set of focus areas that belongs to one programme.
PROGRAMME_FOCUS_AREA_SETS = [
    {
        "slug": "starkt-lokal-attraktionskraft-omraden",
        "name": "Stärkt lokal attraktionskraft: tre huvudområden",
        "kind": "programme",
        "organisation": "tillvaxtverket",
        "programme": "starkt-lokal-attraktionskraft",
        "description": "De tre områden där Tillväxtverket stöttade pilotkommunerna.",
        "areas": [
            {"slug": "den-fysiska-samhallsplaneringen", "name": "Den fysiska samhällsplaneringen"},
            {
                "slug": "offentlig-och-kommersiell-service",
                "name": "Tillgången till offentlig och kommersiell service",
            },
            {
                "slug": "kultur-och-attityder",
                "name": "Kultur och attityder",
                "description": (
                    "Hur kommunerna förhåller sig till utveckling och hur de bemöter företagare."
                ),
            },
        ],
    },
]

CONTACTS = [
    {
        "name": "Per Sandgren",
        "organisation": "arena-for-tillvaxt",
        "role": "Processtöd för näringslivs- och tillväxtprogram",
    },
    {
        "name": "Linnéa Hassis",
        "organisation": "arena-for-tillvaxt",
        "role": "Processtöd för näringslivs- och tillväxtprogram",
    },
]

# None of these files is in the project: the pages name them, so they are records without files.
PUBLICATIONS = [
    {
        "slug": "jamstalld-tillvaxt-handlingsplan-2016-2018",
        "title": "Jämställd tillväxt – handlingsplan 2016–2018",
        "kind": "action_plan",
        "organisations": ["lansstyrelsen-stockholm"],
        "programmes": ["jamstalld-regional-tillvaxt-2016-2018"],
        "summary": (
            "Länsstyrelsens plan för arbetet med jämställd regional tillväxt i Stockholms län "
            "under 2016–2018."
        ),
        "tags": ["jämställdhet"],
    },
    {
        "slug": "nulages-och-behovsanalys-jamstalld-regional-tillvaxt-2016-2018",
        "title": "Nuläges- och behovsanalys för jämställd regional tillväxt 2016–2018",
        "kind": "analysis",
        "organisations": ["lansstyrelsen-stockholm"],
        "programmes": ["jamstalld-regional-tillvaxt-2016-2018"],
        "summary": (
            "En analys av läget och behoven som underlag för arbetet med jämställd regional "
            "tillväxt 2016–2018."
        ),
        "tags": ["jämställdhet", "statistik"],
    },
    {
        "slug": "jamstalld-tillvaxt-handlingsplan-2012-2014",
        "title": "Jämställd tillväxt – handlingsplan 2012–2014",
        "kind": "action_plan",
        "organisations": ["lansstyrelsen-stockholm"],
        "programmes": ["jamstalld-regional-tillvaxt-2012-2014"],
        "summary": "Länsstyrelsens tidigare handlingsplan för jämställd tillväxt, för 2012–2014.",
        "tags": ["jämställdhet"],
    },
    {
        "slug": "regionalt-tillvaxtarbete-2017",
        "title": (
            "Regionalt tillväxtarbete 2017 – Sammanställning av redovisningar om hållbart "
            "regionalt tillväxtarbete"
        ),
        "kind": "report",
        "organisations": ["tillvaxtverket"],
        "focus_areas": ["uppfoljning-av-regionalt-tillvaxtarbete"],
        "summary": (
            "Tillväxtverkets sammanställning av hur det hållbara regionala tillväxtarbetet "
            "redovisades för 2017."
        ),
        "tags": ["uppföljning"],
    },
    {
        "slug": "tillstand-och-trender-for-regional-tillvaxt-2018",
        "title": "Tillstånd och trender för regional tillväxt 2018",
        "kind": "report",
        "organisations": ["tillvaxtverket"],
        "focus_areas": ["uppfoljning-av-regionalt-tillvaxtarbete"],
        "summary": "Tillväxtverkets rapport om läget och utvecklingen för regional tillväxt 2018.",
        "tags": ["uppföljning", "statistik"],
    },
    {
        "slug": "politik-for-utvecklingskraft-i-hela-sverige",
        "title": "Politik för utvecklingskraft i hela Sverige",
        "kind": "report",
        "organisations": ["tillvaxtverket"],
        "summary": "En rapport från Tillväxtverket om regional tillväxt.",
        "tags": ["tillväxtpolitik"],
    },
    {
        "slug": "nationell-strategi-hallbar-regional-tillvaxt-attraktionskraft-2015-2020",
        "title": "En nationell strategi för hållbar regional tillväxt och attraktionskraft 2015–2020",
        "kind": "strategy",
        "organisations": ["regeringen"],
        "focus_areas": [
            "systematiskt-ledningsarbete-och-jamstalldhetsintegrering",
            "kartlaggning-av-skillnader-mellan-kvinnor-och-man",
            "kvinnors-foretagande-och-sysselsattning",
            "jamstalldhet-i-regionalfondsprogrammen",
        ],
        "summary": (
            "Regeringens strategi för den regionala tillväxtpolitiken. Den är utgångspunkt för "
            "Tillväxtverkets uppföljning och för länsstyrelsernas arbete med jämställd tillväxt. "
            "Strategin finns på en annan webbplats."
        ),
        "tags": ["strategi", "tillväxtpolitik"],
    },
    {
        "slug": "lankar-till-kommunernas-naringslivs-och-tillvaxtprogram",
        "title": "Lista med länkar till kommunernas näringslivs- och tillväxtprogram",
        "kind": "other",
        "organisations": ["arena-for-tillvaxt"],
        "summary": (
            "Arena för Tillväxts lista över de kommunala näringslivs- och tillväxtprogram som "
            "ingick i inventeringen hösten 2017."
        ),
        "tags": ["näringslivsprogram", "kommuner"],
    },
]

PAGES = [
    {
        "slug": "tillvaxt",
        "title": "Tillväxt",
        "organisation": "lansstyrelsen-stockholm",
        "position": 1,
        "intro": (
            "Länsstyrelserna arbetar för att länen ska växa och utvecklas hållbart. Målet är att "
            "alla ska kunna bo, utvecklas och driva företag i länet."
        ),
        "sections": [
            (
                "Många områden bidrar till tillväxt",
                "Hållbar tillväxt kräver arbete inom många områden som är viktiga för länet, "
                "ofta:\n"
                "- landsbygd\n- energi och klimat\n- miljöskydd\n- samhällsplanering\n"
                "- social hållbarhet\n\n"
                "Länen har olika förutsättningar och behov. Därför behöver det regionala "
                "tillväxtarbetet utgå från det egna länets förutsättningar.",
            ),
            (
                "Så arbetar vi med hållbar tillväxt",
                "Vi arbetar för hållbar tillväxt i länet genom samverkan, genom att ta fram "
                "strategier och genom att fördela bidrag till strategiska "
                "utvecklingssatsningar.",
            ),
            (
                "Främja samverkan och utforma strategier",
                "Tillväxt skapas tillsammans. Länsstyrelsen samordnar och gör det lättare för "
                "länets viktiga aktörer att samverka: statliga myndigheter, kommuner, "
                "landsting, näringsliv, föreningar och andra frivilligorganisationer.\n\n"
                "Samverkan är särskilt viktig när regionala strategier för länets utveckling tas "
                "fram. Strategierna anpassas efter länets särskilda förutsättningar och behov.",
            ),
            (
                "Finansiering av utvecklingssatsningar",
                "Länsstyrelsen fördelar bidrag och stöd till strategiska utvecklingssatsningar i "
                "länet.",
            ),
            (
                "Tillväxtprojekt i Stockholms län",
                "Projektet är avslutat.\n\n"
                "Länsstyrelsen arbetar med jämställdhet i stort, men också särskilt inom "
                "tillväxtområdet. Under 2016–2018 pågår ett särskilt uppdrag, Jämställd tillväxt "
                "Stockholm, som Tillväxtverket finansierar. Målet är att kvinnor och män ska ha "
                "samma förutsättningar att få inflytande i det regionala tillväxtarbetet och "
                "tillgång till tillväxtresurser.\n\n"
                "Jämställd tillväxt Stockholm inriktar sig på att:\n"
                "- integrera jämställdhet och jämlikhet systematiskt i vårt eget arbete\n"
                "- ta fram mer nyanserad statistik och analys, till exempel om arbetsmarknaden "
                "och utbildningsval, så att insatserna blir mer träffsäkra\n"
                "- utveckla metoder och modeller inom arbetsmarknads- och utbildningsområdet för "
                "att motverka dagens starkt segregerade arbetsmarknad och utbildningsval",
            ),
            (
                "Fyra prioriterade områden",
                "Arbetet utgår från regeringens nationella strategi för hållbar regional "
                "tillväxt och attraktionskraft och har också tydliga kopplingar till "
                "länsstrategin för jämställdhetsintegrering.",
            ),
            (
                "Fler faktorer än kön påverkar",
                "Människor skiljer sig åt i fler avseenden än kön, och skillnaderna påverkar "
                "deras handlingsutrymme på många sätt. Vårt jämställdhetsarbete utgår därför "
                "från ett intersektionellt perspektiv, där vi också tar hänsyn till exempelvis "
                "ålder, stad och landsbygd och etnisk bakgrund. Vi kallar det J+.",
            ),
        ],
        "programmes": [
            "jamstalld-regional-tillvaxt-2016-2018",
            "jamstalld-regional-tillvaxt-2012-2014",
        ],
        "publications": [
            "jamstalld-tillvaxt-handlingsplan-2016-2018",
            "nulages-och-behovsanalys-jamstalld-regional-tillvaxt-2016-2018",
            "jamstalld-tillvaxt-handlingsplan-2012-2014",
        ],
        "focus_areas": [
            "landsbygd",
            "energi-och-klimat",
            "miljoskydd",
            "samhallsplanering",
            "social-hallbarhet",
        ],
    },
    {
        "slug": "samordning-och-uppfoljning",
        "title": "Samordning och uppföljning",
        "organisation": "tillvaxtverket",
        "position": 1,
        "intro": (
            "Tillväxtverket främjar utvecklingskraft i alla delar av landet och vill ta vara på "
            "tillväxtpotentialen överallt, från glesbygd till storstad. Företag ska kunna växa "
            "och utvecklas var de än finns."
        ),
        "sections": [
            (
                "Olika platser har olika förutsättningar",
                "Regioner, tätorter och landsbygd har olika förutsättningar att utvecklas. De "
                "skiljer sig till exempel i befolkningsstruktur, utbildningsnivå, näringslivets "
                "sammansättning och tillgång till naturresurser.\n\n"
                "Vi stöttar de regionala aktörerna i deras tillväxtarbete och ser till att "
                "nationella och regionala aktörer samarbetar väl. Vi har en central roll i att "
                "samordna och skapa forum för dialog.",
            ),
            (
                "Vi lyssnar på regionerna",
                "För att kunna möta varje regions särskilda behov lyssnar vi på regionerna. Det "
                "kallar vi strategiskt regionarbete.",
            ),
            (
                "Vi stödjer myndigheter",
                "Vi ökar de statliga myndigheternas kunskap om regionalt tillväxtarbete och "
                "tillväxtpolitik.",
            ),
            (
                "Regeringens forum för regionerna",
                "Politiker och tjänstemän från regionerna samlas här för att diskutera frågor som "
                "är strategiskt viktiga för den regionala utvecklingen i hela landet. "
                "Tillväxtverket är forumets kansli.",
            ),
            (
                "Samarbeta i Östersjöregionen",
                "Vi samordnar Sveriges arbete med att uppfylla de tre målen i EU:s strategi för "
                "Östersjöregionen:\n"
                "- rädda havsmiljön\n- länka samman regionen\n- öka välståndet",
            ),
            (
                "Vi följer upp det regionala tillväxtarbetet",
                "Varje år följer Tillväxtverket upp det regionala tillväxtarbetet på regeringens "
                "uppdrag. Uppföljningen gör regionernas arbete synligt och är en del av "
                "regeringens styrning av politikområdet och av redovisningen till riksdagen.\n\n"
                "Utgångspunkten är En nationell strategi för hållbar regional tillväxt och "
                "attraktionskraft 2015–2020, som finns på en annan webbplats. Uppföljningen "
                "omfattar:\n"
                "- ekonomisk uppföljning av politikområdets olika anslag\n"
                "- uppföljning av regional projektverksamhet\n"
                "- uppföljning av verksamheten i de EU-program som myndigheten förvaltar",
            ),
            (
                "Rapporter om regionalt tillväxtarbete",
                "Rapporterna finns under Dokument. Fler rapporter finns på Tillväxtverkets sida "
                "Publikationer.",
            ),
            (
                "Statistik om regional utveckling",
                "Tillväxtverket har statistik om regional utveckling, med interaktiva diagram där "
                "man till exempel kan välja län och år att jämföra, och resultat från olika "
                "undersökningar.",
            ),
            (
                "Behandling av personuppgifter",
                "Den som lämnar sin e-postadress till Tillväxtverket får den sparad hos "
                "Tillväxtverket, som ansvarar för uppgiften. Adressen sparas bara för att kunna "
                "svara på en fråga. Mer om hur Tillväxtverket behandlar personuppgifter finns på "
                "tillvaxtverket.se/personuppgifter.",
            ),
        ],
        "links": [
            (
                "Så behandlar Tillväxtverket personuppgifter",
                "https://tillvaxtverket.se/personuppgifter",
            ),
        ],
        "publications": [
            "regionalt-tillvaxtarbete-2017",
            "tillstand-och-trender-for-regional-tillvaxt-2018",
            "politik-for-utvecklingskraft-i-hela-sverige",
            "nationell-strategi-hallbar-regional-tillvaxt-attraktionskraft-2015-2020",
        ],
        "focus_areas": [
            "strategiskt-regionarbete",
            "uppfoljning-av-regionalt-tillvaxtarbete",
            "radda-havsmiljon",
            "lanka-samman-regionen",
            "oka-valstandet",
        ],
    },
    {
        "slug": "det-har-har-vi-gjort-tidigare",
        "title": "Det här har vi gjort tidigare",
        "organisation": "tillvaxtverket",
        "position": 2,
        "intro": (
            "Tillväxtskapande samhällsplanering är ett arbetssätt som tar hänsyn till "
            "näringslivets långsiktiga villkor när en kommun eller region utvecklas. Här är "
            "exempel på hur vi har arbetat med det: våra pilotprojekt och programmen Utveckla "
            "svenska städer och Stärkt lokal attraktionskraft."
        ),
        "sections": [
            (
                "Pilotprojekt inom Tillväxtskapande samhällsplanering",
                "Under 2018–2020 finansierade Tillväxtverket tolv pilotprojekt. De skulle öka "
                "kunskapen om hur regionala och funktionella strukturer kan utvecklas så att "
                "företagen stärks.\n\n"
                "Projekten utgick från att samhällsplaneringen har en särskilt viktig roll för "
                "attraktiva miljöer där näringslivet kan utvecklas, att utmaningarna skiljer sig "
                "mellan platser och att insatserna behöver anpassas efter olika behov.",
            ),
            (
                "Utveckla svenska städer",
                "Satsningen pågick 2016–2019. Den skulle utveckla samarbetet mellan näringsliv "
                "och samhällsplanering och undersöka hur de större tätorternas utveckling kan "
                "komma hela regionen till del. I programmet ingick sju pilotprojekt, från Umeå i "
                "norr till Trelleborg i söder, och fyra mindre kunskapsprojekt med underlag och "
                "rapporter för pilotprojektens långsiktiga arbete.\n\n"
                "Programmets mål var att:\n"
                "- utveckla ny kunskap om stadens roll som tillväxtmotor\n"
                "- investera i utvecklingsprojekt som stärker sambanden mellan arbetsmarknad, "
                "bostadsmarknad och ekonomisk aktivitet\n"
                "- genomföra mötesplatser där aktörer på nationell, regional och lokal nivå delar "
                "kunskap och erfarenheter",
            ),
            (
                "Stärkt lokal attraktionskraft",
                "Regeringsuppdraget pågick 2015–2018 och skulle långsiktigt och strategiskt "
                "stärka attraktionskraften lokalt och regionalt i Sverige. Tillväxtverket "
                "stöttade tio pilotkommuner – Flen, Gotland, Haninge, Härjedalen, Kramfors, "
                "Munkedal, Surahammar, Vimmerby, Östhammar och Överkalix – inom tre områden:\n"
                "- den fysiska samhällsplaneringen\n"
                "- tillgången till offentlig och kommersiell service\n"
                "- kultur och attityder, det vill säga hur kommunerna förhåller sig till "
                "utveckling och bemöter företagare",
            ),
        ],
        "programmes": [
            "pilotprojekt-tillvaxtskapande-samhallsplanering",
            "utveckla-svenska-stader",
            "starkt-lokal-attraktionskraft",
        ],
        "focus_areas": ["tillvaxtskapande-samhallsplanering"],
    },
    {
        "slug": "planer-for-tillvaxt",
        "title": "Planer för tillväxt",
        "organisation": "arena-for-tillvaxt",
        "position": 1,
        "intro": (
            "Hösten 2017 inventerade Arena för Tillväxt kommunernas näringslivs- och "
            "tillväxtprogram. Källan var kommunernas webbplatser, och alla 116 program som "
            "gällde 2017 gicks igenom."
        ),
        "figures": [
            ("116", "program återfanns, vilket motsvarar 40 procent"),
            ("81", "av dem är näringslivsprogram eller näringslivsstrategier"),
            ("11", "är tillväxtprogram eller tillväxtstrategier"),
            ("24", "har ett annat namn, till exempel plan eller policy"),
            ("Två tredjedelar", "av programmen beskriver ingen koppling till regional samverkan"),
            ("10 procent", "har en koppling till den regionala utvecklingsstrategin, RUS"),
            (
                "Drygt 25 procent",
                "har en koppling till mellankommunal eller annan kommunöverskridande samverkan",
            ),
            (
                "Omkring hälften",
                "hänvisar till en handlingsplan, i programmet eller kopplad till det",
            ),
            ("Cirka en fjärdedel", "betonar hållbarhetsperspektivet"),
        ],
        "sections": [
            (
                "Vad inventeringen visade",
                "Utöver siffrorna ovan visade inventeringen att:\n"
                "- programmen ofta tas fram i nära samarbete mellan kommunen och näringslivet\n"
                "- långsiktiga program ofta bryts ned i aktiviteter för varje verksamhetsår, där "
                "en del aktiviteter pågår under längre tid\n\n"
                "Länkar till kommunernas näringslivs- och tillväxtprogram finns i listan under "
                "Dokument.",
            ),
            (
                "Arenans erfarenhet",
                "Det är viktigt att formulera en gemensam riktning och gemensamma mål för det "
                "lokala näringslivs- och tillväxtarbetet, till exempel i ett näringslivs- eller "
                "tillväxtprogram. Programmen och strategierna i landet ser mycket olika ut i "
                "upplägg och omfattning, och det finns inget rätt eller fel.\n\n"
                "För ett framgångsrikt arbete är processen att ta fram dokumentet minst lika "
                "viktig som innehållet. En god och kontinuerlig dialog och ett nära samarbete "
                "mellan kommun och näringsliv ger arbetet kraft.",
            ),
            (
                "Processtöd",
                "Vill ni ha stöd i processen att utveckla och genomföra ett näringslivs- eller "
                "tillväxtprogram? Kontakta Per Sandgren eller Linnéa Hassis.",
            ),
        ],
        "publications": ["lankar-till-kommunernas-naringslivs-och-tillvaxtprogram"],
        "contacts": [
            ("arena-for-tillvaxt", "Per Sandgren"),
            ("arena-for-tillvaxt", "Linnéa Hassis"),
        ],
    },
    # The accessibility statement that the law asks for. It is about the website itself, so it
    # has no organisation. Its shortcomings are the ones this project knows of; its test
    # method is the project's own (axe-core in Chromium in the test suite, keyboard checks).
    {
        "slug": "tillganglighetsredogorelse",
        "title": "Tillgänglighetsredogörelse",
        "organisation": None,
        "position": 0,
        "intro": (
            "Vi vill att alla ska kunna använda Tillväxtportalen. Här beskriver vi hur "
            "webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig "
            "service, vilka brister vi känner till och hur du kan rapportera problem till oss."
        ),
        "sections": [
            (
                "Hur tillgänglig är webbplatsen?",
                "Tillväxtportalen är delvis förenlig med lagen om tillgänglighet till digital "
                "offentlig service och med kraven i WCAG 2.1 på nivå AA, på grund av de brister "
                "som beskrivs nedan.",
            ),
            (
                "Innehåll som inte är tillgängligt",
                "Det här känner vi till:\n"
                "- Många dokument som nämns på webbplatsen finns inte här som filer. Sidan om "
                "ett sådant dokument beskriver det och talar om att filen saknas. Behöver du "
                "dokumentet kan du fråga oss med formuläret nedan.\n"
                "- Dokument, filmer och annat innehåll på andra webbplatser, som vi länkar till "
                "eller hänvisar till, står inte under vår kontroll. Vi kan inte påverka hur "
                "tillgängligt det är.",
            ),
            (
                "Så har vi testat webbplatsen",
                "Vi testar webbplatsen själva. Varje sidtyp testas automatiskt med verktyget "
                "axe-core i webbläsaren Chromium mot kraven i WCAG 2.1 på nivå A och AA. "
                "Testerna ingår i webbplatsens testsvit och körs vid varje ändring av "
                "webbplatsen. Testerna använder också webbplatsen med tangentbordet: de "
                "kontrollerar att man kan hoppa direkt till innehållet, att fokus syns och att "
                "formulären går att skicka utan mus. De kontrollerar dessutom att sidorna går att "
                "läsa i 320 pixlars bredd och vid 200 procents förstoring utan att man behöver "
                "rulla i sidled.\n\n"
                "Automatiska tester hittar bara en del av de brister som kan finnas. Hör av dig "
                "om du stöter på något som inte fungerar.\n\n"
                "Den senaste bedömningen gjordes i november 2026. Redogörelsen uppdaterades "
                "senast i november 2026.",
            ),
            (
                "Rapportera brister eller be om ett tillgängligt format",
                "Om något på webbplatsen inte fungerar för dig, eller om du behöver ett dokument "
                "eller annat innehåll i ett mer tillgängligt format, kan du berätta det för oss "
                "med formuläret som du når med länken längre ned på sidan. Vi använder det du "
                "skriver för att åtgärda bristen och, om du lämnar din e-postadress, för att "
                "svara dig.",
            ),
            (
                "Tillsyn",
                "Myndigheten för digital förvaltning (Digg) har tillsyn över lagen om "
                "tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi "
                "har hanterat dina synpunkter kan du kontakta Digg och påtala det.",
            ),
        ],
        "links": [
            ("Anmäl bristande tillgänglighet till Digg", "https://www.digg.se/tdosanmalan"),
        ],
    },
]

EVENTS = [
    {
        "slug": "vaxa-eller-krympa",
        "title": "Växa eller krympa",
        "kind": "conference",
        "organisers": ["norrbottens-kommuner", "arena-for-tillvaxt"],
        "start_date": datetime.date(2018, 5, 16),
        "end_date": datetime.date(2018, 5, 17),
        "municipality": "Luleå",
        "participant_count": 160,
        "summary": (
            "En tvådagarskonferens i Luleå som Norrbottens Kommuner arrangerade tillsammans med "
            "Arena för Tillväxt, med 160 deltagare."
        ),
        "body": (
            "Programmet var varierat. Ett av passen handlade om välfärdens utmaningar och "
            "möjligheter, där Vesna Jovic, vd för SKL, bland annat tog upp vad digitaliseringen "
            "kan betyda."
        ),
    },
    {
        "slug": "stad-och-land-konkurrens-eller-samspel",
        "title": "Stad och land – konkurrens eller samspel?",
        "kind": "seminar",
        "organisers": ["arena-for-tillvaxt"],
        "start_date": datetime.date(2018, 5, 3),
        "summary": "Arena för Tillväxts förvalsseminarium om förhållandet mellan stad och land.",
        "body": (
            "Seminariet spelades in och finns att se som film. Urbanisering behöver inte bara "
            "betyda att människor flyttar från landsbygden till städerna; den handlar också om "
            "hur stad och land hänger ihop."
        ),
    },
    {
        "slug": "oheliga-allianser",
        "title": (
            "Oheliga allianser – hur funkar det, vad har vi lärt oss och vad tror vi om det som "
            "komma skall?"
        ),
        "kind": "seminar",
        "organisers": ["arena-for-tillvaxt"],
        "start_date": datetime.date(2018, 4, 18),
        "summary": "Arena för Tillväxts förvalsseminarium om oheliga allianser.",
        "body": (
            "Seminariet spelades in och finns att se som film. Johan Wänström presenterade "
            "resultat från en undersökning av SKL."
        ),
    },
]

NEWS = [
    {
        "slug": "180-kommuner-har-anvant-arenans-tjanster",
        "title": "180 kommuner har använt Arenans tjänster",
        "organisation": "arena-for-tillvaxt",
        "summary": (
            "Arena för Tillväxt har arbetat i cirka 180 kommuner, med föreläsningar, "
            "processledning, rådgivning och annat."
        ),
        "body": (
            "Ofta är det en kommun, en region eller någon från näringslivet som hör av sig till "
            "Arenan om en lokal eller regional fråga, utmaning eller möjlighet som rör tillväxt."
        ),
    },
    {
        "slug": "uppsala-ar-arets-tillvaxtkommun-2018",
        "title": "Uppsala är Årets Tillväxtkommun 2018",
        "organisation": "arena-for-tillvaxt",
        "municipalities": ["Uppsala"],
        "summary": (
            "Uppsala får priset som Årets tillväxtkommun 2018. Priset delas ut för 21:a året i rad."
        ),
        "body": (
            "Juryn lyfter i sin motivering fram en visionär samhällsplanering, ett tydligt "
            "politiskt ledarskap, en nära dialog med medborgarna och ett strategiskt och "
            "handlingsinriktat näringslivsarbete."
        ),
    },
    {
        "slug": "sveriges-nya-geografi-2018",
        "title": "Sveriges Nya Geografi 2018",
        "organisation": "arena-for-tillvaxt",
        "summary": (
            "Årets utgåva av Sveriges Nya Geografi handlar om kommunernas förmåga att ställa om "
            "när strukturomvandling och urbanisering pågår."
        ),
        "body": (
            "Globalisering, urbanisering och digitalisering ställer krav på att kommunerna kan "
            "ställa om, och då blir de lokala strategierna viktiga."
        ),
    },
    {
        "slug": "digitalisering-en-kompetensresa",
        "title": "Digitalisering – en kompetensresa för lokal och regional utveckling",
        "organisation": "arena-for-tillvaxt",
        "summary": (
            "Digitaliseringen förändrar hur vi organiserar oss, mellan offentligt och privat, "
            "hur affärsmodeller ser ut och hur välfärden utvecklas."
        ),
        "body": (
            "Den påverkar grundläggande frågor som tillväxt, hållbarhet, välfärd, jämlikhet och "
            "demokrati, och öppnar för helt nya sätt att arbeta."
        ),
    },
    {
        "slug": "konferensen-vaxa-eller-krympa",
        "title": "Konferensen Växa eller krympa",
        "organisation": "arena-for-tillvaxt",
        "event": "vaxa-eller-krympa",
        "municipalities": ["Luleå"],
        "summary": (
            "Den 16–17 maj hölls konferensen Växa eller krympa i Luleå, arrangerad av "
            "Norrbottens Kommuner tillsammans med Arena för Tillväxt. 160 deltagare var med."
        ),
    },
    {
        "slug": "se-forvalsseminariet-stad-och-land",
        "title": "Se Arena för Tillväxts förvalsseminarium: Stad och land – konkurrens eller samspel?",
        "organisation": "arena-for-tillvaxt",
        "event": "stad-och-land-konkurrens-eller-samspel",
        "summary": (
            "Förvalsseminariet Stad och land – konkurrens eller samspel?, som hölls den 3 maj, "
            "finns nu att se som film."
        ),
    },
    {
        "slug": "se-forvalsseminariet-om-oheliga-allianser",
        "title": "Se Arena för Tillväxts förvalsseminarium om Oheliga allianser",
        "organisation": "arena-for-tillvaxt",
        "event": "oheliga-allianser",
        "summary": (
            "Den 18 april höll Arena för Tillväxt förvalsseminariet Oheliga allianser. Det finns "
            "nu att se som film."
        ),
    },
]
