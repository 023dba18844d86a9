"""The demo content's events and news items."""

import datetime

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
