"""The demo content's programmes, their own sets of focus areas, and contact persons."""

from .organisations import PILOT_MUNICIPALITIES

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
        # The statistics on the labour market by sex that the portal has: employment by
        # industry in the Stockholm riksområde, which is Stockholms län.
        "indicators": [
            "forvarvsarbetande-a-jordbruk-skogsbruk-fiske",
            "forvarvsarbetande-b-utvinning-av-mineral",
            "forvarvsarbetande-c-tillverkning",
            "forvarvsarbetande-d-el-gas-varme-kyla",
            "forvarvsarbetande-e-vatten-avlopp-avfall",
            "forvarvsarbetande-f-byggverksamhet",
            "forvarvsarbetande-g-handel",
        ],
        "statistics_region": "SE11",
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
