"""The demo content's publications the pages name (records without files)."""

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
]
