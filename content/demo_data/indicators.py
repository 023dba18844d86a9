"""The demo content's regional statistics: SCB's published figures as read from SCB's own
pages (the files in statistics/; its README says how they were read and what is missing). No
value is estimated, interpolated or computed; a year or region that is not in a file is shown
as missing."""

RAMS_PREFIX = (
    "https://www.scb.se/hitta-statistik/statistik-efter-amne/arbetsmarknad/"
    "sysselsattning-forvarvsarbete-och-arbetstider/registerbaserad-arbetsmarknadsstatistik-rams/"
    "pong/tabell-och-diagram/"
)
RAMS_TABLE = "antal-forvarvsarbetande-dagbefolkning-efter-naringsgren-och-nuts2-eu-standard"
RAMS_SOURCES = {
    2016: f"{RAMS_PREFIX}{RAMS_TABLE}/",
    2017: (
        "http://www.sverigeisiffror.scb.se/hitta-statistik/statistik-efter-amne/arbetsmarknad/"
        "sysselsattning-forvarvsarbete-och-arbetstider/registerbaserad-arbetsmarknadsstatistik-rams/"
        f"pong/tabell-och-diagram/{RAMS_TABLE}/"
    ),
    2018: f"{RAMS_PREFIX}{RAMS_TABLE}-2018/",
    2019: f"{RAMS_PREFIX}{RAMS_TABLE}-2019-korrigerad-2021-03-05/",
    # SCB published 2020 at the address that first held 2016.
    2020: f"{RAMS_PREFIX}{RAMS_TABLE}/",
    2021: f"{RAMS_PREFIX}{RAMS_TABLE}-2021/",
}

POPULATION_PREFIX = (
    "https://www.scb.se/hitta-statistik/statistik-efter-amne/befolkning/"
    "befolkningens-sammansattning/befolkningsstatistik/pong/tabell-och-diagram/"
)
POPULATION_SOURCES = {
    year: f"{POPULATION_PREFIX}{folder}/folkmangd-i-landskapen-den-31-december-{year}/"
    for year, folder in [
        (2015, "helarsstatistik--forsamling-landskap-och-stad"),
        (2016, "helarsstatistik--forsamling-landskap-och-stad"),
        (2017, "helarsstatistik--forsamling-landskap-och-stad"),
        (2018, "helarsstatistik--forsamling-landskap-och-stad"),
        (2019, "helarsstatistik--forsamling-landskap-och-stad"),
        (2020, "folkmangd-och-befolkningsforandringar---helarsstatistik"),
        (2021, "folkmangd-och-befolkningsforandringar---helarsstatistik"),
    ]
}

EMPLOYMENT_GROUP = "Förvärvsarbetande efter näringsgren"
EMPLOYMENT_NOTE = (
    "Antalet personer som förvärvsarbetar i riksområdet (dagbefolkning: där de arbetar, inte "
    "där de bor), efter kön. Riket är summan av de åtta riksområdena. Portalen har bara de "
    "näringsgrenar och år som kunde läsas från SCB:s sidor; det som saknas visas som saknat och "
    "räknas aldrig fram."
)
POPULATION_NOTE = (
    "SCB redovisar tabellen efter landskap. Portalen tar bara med de rader som gäller ett helt "
    "län (”hela … län”) och riket. För övriga län delas länet mellan flera landskap, och de "
    "saknas därför här. Södermanlands län finns bara för 2015."
)


def _employment(letter, slug_name, section, years_note=""):
    return {
        "slug": f"forvarvsarbetande-{letter.lower()}-{slug_name}",
        "name": f"Förvärvsarbetande inom {section}",
        "group": EMPLOYMENT_GROUP,
        "unit": "antal personer",
        "decimals": 0,
        "description": (
            f"Antal förvärvsarbetande (dagbefolkning) inom näringsgren {section} (SNI 2007), "
            "efter kön och riksområde (NUTS 2), enligt SCB:s registerbaserade "
            "arbetsmarknadsstatistik (RAMS)."
        ),
        "reading_note": EMPLOYMENT_NOTE + years_note,
        "source": "SCB, Registerbaserad arbetsmarknadsstatistik (RAMS)",
        "source_url": RAMS_SOURCES[2021],
        "file": f"forvarvsarbetande_dagbefolkning_{letter}_{slug_name.replace('-', '_')}_nuts2.csv",
        "sources": RAMS_SOURCES,
    }


INDICATORS = [
    {
        "slug": "folkmangd",
        "name": "Folkmängd 31 december",
        "group": "Befolkning",
        "unit": "antal personer",
        "decimals": 0,
        "description": (
            "Antal invånare den 31 december efter kön, för riket och de län som SCB:s tabell "
            "”Folkmängd i landskapen den 31 december” redovisar som hela län."
        ),
        "reading_note": POPULATION_NOTE,
        "source": "SCB, Befolkningsstatistik",
        "source_url": POPULATION_SOURCES[2021],
        "file": "folkmangd_31_december_lan_kon.csv",
        "sources": POPULATION_SOURCES,
    },
    _employment("A", "jordbruk-skogsbruk-fiske", "A. Jordbruk, skogsbruk och fiske"),
    _employment("B", "utvinning-av-mineral", "B. Utvinning av mineral"),
    _employment("C", "tillverkning", "C. Tillverkning"),
    _employment("D", "el-gas-varme-kyla", "D. Försörjning av el, gas, värme och kyla"),
    _employment(
        "E",
        "vatten-avlopp-avfall",
        "E. Vattenförsörjning; avloppsrening, avfallshantering och sanering",
    ),
    _employment(
        "F",
        "byggverksamhet",
        "F. Byggverksamhet",
        " För 2020 finns bara män och totalt; kvinnor saknas.",
    ),
    _employment(
        "G",
        "handel",
        "G. Handel; reparation av motorfordon och motorcyklar",
        " År 2020 saknas.",
    ),
]
