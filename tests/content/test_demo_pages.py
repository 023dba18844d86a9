"""The demo site recreates the reference pages: every public page of the demo content answers
200 and shows its key facts."""

import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from content.models import ContentPage, Event, NewsItem
from organisations.models import Organisation
from programmes.models import FocusArea, Programme
from publications.models import Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_content", verbosity=0)


def text_of(client, url):
    """The page's visible text with tags removed and whitespace collapsed."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def assert_facts(text, facts):
    missing = [fact for fact in facts if fact not in text]
    assert not missing, f"missing on the page: {missing}"


@pytest.mark.parametrize(
    "model", [Organisation, Programme, FocusArea, Publication, ContentPage, NewsItem, Event]
)
def test_every_demo_object_has_a_public_page_with_its_name(client, demo, model):
    objects = list(model.objects.all())
    assert objects
    for obj in objects:
        text = text_of(client, obj.get_absolute_url())
        name = getattr(obj, "title", None) or obj.name
        assert name in text, obj.get_absolute_url()


def test_home_links_to_organisations_programmes_and_publications(client, demo):
    html = client.get(reverse("home")).content.decode()
    for obj in [
        Organisation.objects.get(slug="tillvaxtverket"),
        Organisation.objects.get(slug="lansstyrelsen-stockholm"),
        Organisation.objects.get(slug="arena-for-tillvaxt"),
        Programme.objects.get(slug="utveckla-svenska-stader"),
    ]:
        assert f'href="{obj.get_absolute_url()}"' in html
    for name in ["programmes:programme_list", "publications:publication_list"]:
        assert f'href="{reverse(name)}"' in html


def test_lansstyrelsen_growth_page(client, demo):
    text = text_of(client, "/sidor/tillvaxt/")
    assert_facts(
        text,
        [
            "Länsstyrelsen i Stockholms län",
            "landsbygd",
            "energi och klimat",
            "miljöskydd",
            "samhällsplanering",
            "social hållbarhet",
            "Främja samverkan och utforma strategier",
            "Finansiering av utvecklingssatsningar",
            "Projektet är avslutat",
            "2016–2018",
            "Tillväxtverket",
            "länsstrategin för jämställdhetsintegrering",
            "J+",
            "Jämställd tillväxt – handlingsplan 2016–2018",
            "Nuläges- och behovsanalys för jämställd regional tillväxt 2016–2018",
            "Jämställd tillväxt – handlingsplan 2012–2014",
        ],
    )


def test_gender_equal_growth_programme_page(client, demo):
    text = text_of(client, "/program/jamstalld-regional-tillvaxt-2016-2018/")
    assert_facts(
        text,
        [
            "Jämställd regional tillväxt",
            "Jämställd tillväxt Stockholm",
            "2016–2018",
            "Programmet är avslutat",
            "Regeringsuppdrag",
            "Regeringen",
            "Finansieras av Tillväxtverket",
            "samma förutsättningar att nå inflytande",
            "För att leva som vi lär.",
            "nyanserad statistik",
            "metoder och modeller",
            "Systematiskt ledningsarbete och jämställdhetsintegrering",
            "Kartläggning av skillnader mellan kvinnor och män",
            "Kvinnors företagande och utrikes födda kvinnors sysselsättning",
            "Jämställdhet i regionalfondsprogrammen 2014–2020",
            "2012–2014",
            "J+",
            "Jämställd tillväxt – handlingsplan 2016–2018",
        ],
    )


def test_coordination_and_follow_up_page(client, demo):
    text = text_of(client, "/sidor/samordning-och-uppfoljning/")
    assert_facts(
        text,
        [
            "Tillväxtverket",
            "glesbygd",
            "strategiskt regionarbete",
            "Regeringens forum för regionerna",
            "kansli",
            "rädda havsmiljön",
            "länka samman regionen",
            "öka välståndet",
            "riksdagen",
            "En nationell strategi för hållbar regional tillväxt och attraktionskraft 2015–2020",
            "ekonomisk uppföljning",
            "regional projektverksamhet",
            "EU-program",
            "Regionalt tillväxtarbete 2017 – Sammanställning av redovisningar",
            "Tillstånd och trender för regional tillväxt 2018",
            "Politik för utvecklingskraft i hela Sverige",
            "Statistik om regional utveckling",
            "Behandling av personuppgifter",
            "(länk till annan webbplats)",
        ],
    )
    html = client.get("/sidor/samordning-och-uppfoljning/").content.decode()
    assert 'href="https://tillvaxtverket.se/personuppgifter"' in html


def test_earlier_programmes_page(client, demo):
    text = text_of(client, "/sidor/det-har-har-vi-gjort-tidigare/")
    assert_facts(
        text,
        [
            "Tillväxtskapande samhällsplanering",
            "tolv pilotprojekt",
            "2018–2020",
            "Utveckla svenska städer",
            "2016–2019",
            "Umeå i norr till Trelleborg i söder",
            "fyra mindre kunskapsprojekt",
            "tillväxtmotor",
            "Stärkt lokal attraktionskraft",
            "2015–2018",
            "Flen, Gotland, Haninge, Härjedalen, Kramfors, Munkedal, Surahammar, Vimmerby, "
            "Östhammar och Överkalix",
        ],
    )


@pytest.mark.parametrize(
    ("slug", "facts"),
    [
        (
            "pilotprojekt-tillvaxtskapande-samhallsplanering",
            ["2018–2020", "12 pilotprojekt", "Finansieras av Tillväxtverket"],
        ),
        (
            "utveckla-svenska-stader",
            ["2016–2019", "7 pilotprojekt", "4 kunskapsprojekt", "Umeå", "Trelleborg"],
        ),
        (
            "starkt-lokal-attraktionskraft",
            [
                "2015–2018",
                "Regeringsuppdrag",
                "Den fysiska samhällsplaneringen",
                "Tillgången till offentlig och kommersiell service",
                "Kultur och attityder",
                "Överkalix",
                "Surahammar",
            ],
        ),
    ],
)
def test_tillvaxtverket_programme_pages(client, demo, slug, facts):
    assert_facts(text_of(client, f"/program/{slug}/"), facts)


def test_plans_for_growth_page(client, demo):
    text = text_of(client, "/sidor/planer-for-tillvaxt/")
    assert_facts(
        text,
        [
            "Arena för Tillväxt",
            "Hösten 2017",
            "116",
            "40 procent",
            "81",
            "näringslivsprogram",
            "Två tredjedelar",
            "10 procent",
            "RUS",
            "Drygt 25 procent",
            "Omkring hälften",
            "Cirka en fjärdedel",
            "Per Sandgren",
            "Linnéa Hassis",
            # The seed's list of links is the survey's own page, linked from this one.
            "Kommunernas näringslivs- och tillväxtprogram 2017",
        ],
    )


def test_news_list_and_events(client, demo):
    text = text_of(client, reverse("content:news_list"))
    for news in NewsItem.objects.all():
        assert news.title in text
    conference = text_of(client, "/evenemang/vaxa-eller-krympa/")
    assert_facts(
        conference,
        ["Växa eller krympa", "16–17 maj 2018", "Luleå", "160 deltagare", "Norrbottens Kommuner"],
    )
    award = text_of(client, "/nyheter/uppsala-ar-arets-tillvaxtkommun-2018/")
    assert_facts(award, ["Uppsala", "21:a året"])


def test_a_publication_without_a_file_says_so(client, demo):
    text = text_of(client, "/publikationer/politik-for-utvecklingskraft-i-hela-sverige/")
    assert_facts(
        text,
        [
            "Politik för utvecklingskraft i hela Sverige",
            "Tillväxtverket",
            "Det finns ingen fil till den här publikationen på webbplatsen.",
        ],
    )
