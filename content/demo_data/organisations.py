"""The demo content's counties, municipalities, organisations and their sets of focus areas."""

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
# conference town. Their codes and counties come from the regions (manage.py load_regions).
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
        # The source page's personal-data notice is about questions sent to Tillväxtverket.
        "accepts_questions": True,
        "personal_data_url": "https://tillvaxtverket.se/personuppgifter",
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
