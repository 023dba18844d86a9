"""The demo content's pages: the organisations' content pages and the accessibility statement."""


class Html(str):
    """A section body written as HTML, for a link to one of the portal's own pages; the
    rich text field cleans it like anything an editor saves. Such a link carries the page's
    reference (``data-page``, see richtext/references.py) as if an editor had chosen it."""


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
                Html(
                    "<p>Rapporterna finns under Dokument. Fler rapporter från Tillväxtverket "
                    'finns på sidan <a href="/publikationer/" '
                    'data-page="publications:publication_list">Publikationer</a>.</p>'
                ),
            ),
            (
                "Statistik om regional utveckling",
                Html(
                    "<p>Tillväxtverket har statistik om regional utveckling, med interaktiva "
                    "diagram där man till exempel kan välja län och år att jämföra, och resultat "
                    "från olika undersökningar.</p><p>Portalens egen "
                    '<a href="/statistik/" data-page="indicators:indicator_list">statistik om '
                    "regional utveckling</a> jämför kvinnor och män med SCB:s publicerade "
                    "siffror.</p>"
                ),
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
    # What the website is and how it handles personal data: about the website itself, with no
    # organisation, linked from every page's footer. They say only what the software does.
    {
        "slug": "om-webbplatsen",
        "title": "Om Tillväxtportalen",
        "organisation": None,
        "position": 1,
        "intro": (
            "Tillväxtportalen samlar det regionala tillväxtarbetet i Sverige på ett ställe: "
            "organisationerna som bedriver det, deras program och projekt, rapporter och "
            "handlingsplaner, statistik, nyheter och kontaktpersoner."
        ),
        "sections": [
            (
                "Varifrån innehållet kommer",
                "Innehållet bygger på sidor som Länsstyrelsen i Stockholms län, Tillväxtverket "
                "och Arena för Tillväxt har publicerat om sitt tillväxtarbete. Varje program, "
                "dokument och nyhet visar vilken organisation som står bakom den. Statistiken "
                "kommer från SCB, och varje diagram anger sin källa.",
            ),
            (
                "Hitta på webbplatsen",
                "Menyn överst leder till organisationerna, programmen, publikationerna, "
                "statistiken, nyheterna och kontaktpersonerna. Listorna över program och "
                "publikationer går att filtrera, och sökrutan söker bland program, "
                "publikationer, sidor och nyheter. "
                "Publikationslistan kan laddas ned som kalkylblad, och nya publikationer och "
                "nyheter finns som flöden.",
            ),
        ],
    },
    {
        "slug": "personuppgifter",
        "title": "Så behandlar vi personuppgifter",
        "organisation": None,
        "position": 2,
        "intro": (
            "Du kan läsa allt på Tillväxtportalen utan att lämna några personuppgifter. "
            "Webbplatsen använder inga verktyg för besöksstatistik. Den enda kakan en besökare "
            "kan få skyddar formulären mot förfalskade anrop och innehåller inga uppgifter om "
            "dig."
        ),
        "sections": [
            (
                "Vad vi sparar och varför",
                "Om du använder formuläret för att rapportera en brist i tillgängligheten eller "
                "be om ett dokument i ett annat format sparar vi det du skriver. Namn och "
                "e-postadress är frivilliga. Vi använder dem bara för att kunna svara dig. Det "
                "du skickar visas aldrig på webbplatsen; bara redaktörer med behörighet kan "
                "läsa det.",
            ),
            (
                "Frågor och hur länge uppgifterna sparas",
                "Organisationer som tar emot frågor har formuläret Ställ en fråga på sina sidor. "
                "Frågan sparas, och namn och e-postadress om du fyller i dem; organisationen du "
                "frågar ansvarar för dem och bara dess redaktörer kan läsa frågan. Namn och "
                "e-postadress tas bort automatiskt en tid efter att en fråga har besvarats eller "
                "ett tillgänglighetsärende hanterats, och efter en längre tid om det aldrig sker "
                "(antalet dagar står vid formuläret); texten sparas utan dem. Du kan be att få "
                "veta allt som sparats med din e-postadress, eller att det tas bort.",
            ),
            (
                "Kontaktpersoner på webbplatsen",
                "Namn, roller och kontaktuppgifter till kontaktpersoner visas för att du ska "
                "kunna vända dig till rätt person i ett program eller en organisation. Uppgifterna "
                "kommer från organisationerna själva.",
            ),
            (
                "Vem som ansvarar och dina rättigheter",
                "Organisationen som driver Tillväxtportalen ansvarar för uppgifterna. Du har "
                "rätt att få veta vilka uppgifter om dig som finns sparade och att få dem "
                "rättade eller borttagna; kontakta då den organisationen. Om du anser att "
                "uppgifterna behandlas fel kan du klaga hos Integritetsskyddsmyndigheten (IMY).",
            ),
        ],
    },
]
