"""The demo content's award and the funding programmes that focus areas refer to.

Arena för Tillväxt's page names the award's organisers as "Arena för Tillväxt och …", cut off
there: only Arena för Tillväxt is entered. The winner's edition (the 21st year in a row) and
the jury's reasons are the news item's; its date is not given, so the winner has none either.
"""

AWARDS = [
    {
        "slug": "arets-tillvaxtkommun",
        "name": "Årets tillväxtkommun",
        "organisers": ["arena-for-tillvaxt"],
        "description": (
            "En utmärkelse som går till en kommun varje år. Arena för Tillväxt är en av dem som "
            "utser vinnaren."
        ),
        "winners": [
            {
                "year": 2018,
                "municipality": "Uppsala",
                "edition": 21,
                "reasons": (
                    "Juryn lyfte fram kommunens visionära samhällsplanering, ett tydligt "
                    "politiskt ledarskap, den nära dialogen med medborgarna och ett "
                    "näringslivsarbete som är både strategiskt och inriktat på handling."
                ),
                "news_item": "uppsala-ar-arets-tillvaxtkommun-2018",
            }
        ],
    }
]

FUND_PROGRAMMES = [
    {
        "slug": "regionalfondsprogrammen-2014-2020",
        "name": "Regionalfondsprogrammen 2014–2020",
        "start_year": 2014,
        "end_year": 2020,
        "description": (
            "Regionalfondsprogrammen för perioden 2014–2020. Ett av den nationella strategins "
            "fyra prioriterade områden för jämställd tillväxt handlar om dem: projekt inom "
            "programmen ska planeras och genomföras med ett jämställdhetsperspektiv."
        ),
        "focus_areas": ["jamstalldhet-i-regionalfondsprogrammen"],
    }
]
