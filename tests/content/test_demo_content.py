"""The demo loader: it builds every fact of the reference pages, and loading again changes
nothing."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from content.models import ContentPage, Event, KeyFigure, NewsItem
from geography.models import Municipality
from organisations.models import Organisation
from programmes.choices import Commission, ProgrammeStatus
from programmes.models import Contact, FocusAreaSet, Programme
from publications.models import Publication

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["programmes", "publications", "content", "taggit", "indicators", "geography"]


def load(*args):
    out = io.StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every row of every project table, many-to-many tables included, timestamps included."""
    rows = {}
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            models = [model] + [
                field.remote_field.through
                for field in model._meta.local_many_to_many
                if field.remote_field.through._meta.auto_created
            ]
            for each in models:
                rows[each._meta.label] = list(each.objects.order_by("pk").values())
    return rows


@pytest.fixture
def demo():
    load()


def programme(slug):
    return Programme.objects.get(slug=slug)


def test_loading_twice_changes_nothing():
    first = load()
    before = snapshot()
    second = load()
    assert "0 created, 0 changed, 0 removed" in second
    assert "0 created" not in first
    assert snapshot() == before


def test_loading_twice_with_update_changes_nothing():
    load()
    before = snapshot()
    assert "0 created, 0 changed, 0 removed" in load("--update")
    assert snapshot() == before


def test_an_editors_change_survives_a_plain_reload_and_update_restores_it(demo):
    page = ContentPage.objects.get(slug="planer-for-tillvaxt")
    page.title = "Redaktörens rubrik"
    page.save()
    page.sections.first().delete()
    jrt = programme("jamstalld-regional-tillvaxt-2016-2018")
    jrt.funders.clear()

    load()
    page.refresh_from_db()
    assert page.title == "Redaktörens rubrik"
    assert page.sections.count() == 2
    assert jrt.funders.count() == 0

    output = load("--update")
    assert "0 created" not in output
    page.refresh_from_db()
    assert page.title == "Planer för tillväxt"
    assert [s.heading for s in page.sections.all()] == [
        "Vad inventeringen visade",
        "Arenans erfarenhet",
        "Processtöd",
    ]
    assert [f.name for f in jrt.funders.all()] == ["Tillväxtverket"]


def test_organisations_and_their_kinds(demo):
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds["Länsstyrelsen i Stockholms län"] == "county_board"
    assert kinds["Tillväxtverket"] == "national_agency"
    assert kinds["Arena för Tillväxt"] == "network"
    assert kinds["Regeringen"] == "government"
    assert kinds["Europeiska unionen"] == "eu_body"
    assert {"Norrbottens Kommuner", "Sveriges Kommuner och Landsting", "Riksdagen"} <= set(kinds)
    forum = Organisation.objects.get(name="Regeringens forum för regionerna")
    assert forum.parent.name == "Regeringen"
    assert "kansli" in forum.description
    assert Organisation.objects.get(slug="lansstyrelsen-stockholm").county.name == "Stockholms län"


def test_gender_equal_growth_programme(demo):
    jrt = programme("jamstalld-regional-tillvaxt-2016-2018")
    assert jrt.period_display == "2016–2018"
    assert jrt.alternative_title == "Jämställd tillväxt Stockholm"
    assert jrt.organisation.name == "Länsstyrelsen i Stockholms län"
    assert [o.name for o in jrt.funders.all()] == ["Tillväxtverket"]
    assert jrt.commission == Commission.GOVERNMENT_ASSIGNMENT
    assert jrt.commissioned_by.name == "Regeringen"
    assert jrt.status_override == ProgrammeStatus.FINISHED
    assert jrt.goals.count() == 1
    assert "samma förutsättningar" in jrt.goals.get().text
    points = list(jrt.focus_points.all())
    assert len(points) == 3
    assert points[0].rationale == "För att leva som vi lär."
    assert "statistik" in points[1].text
    assert "metoder och modeller" in points[2].text
    assert jrt.focus_areas.count() == 4
    assert set(jrt.tags.names()) >= {"J+", "jämställdhet"}
    assert "J+" in jrt.body
    assert "ålder" in jrt.body and "etnisk bakgrund" in jrt.body
    assert jrt.predecessor.period_display == "2012–2014"
    assert list(jrt.predecessor.successors.all()) == [jrt]


def test_national_priority_areas_and_work_areas(demo):
    national = FocusAreaSet.objects.get(slug="nationella-strategins-omraden-for-jamstalld-tillvaxt")
    descriptions = " ".join(national.focus_areas.values_list("description", flat=True))
    assert national.focus_areas.count() == 4
    for fact in ["RUS", "innovation", "kompetensförsörjning", "projektstöd", "2014–2020"]:
        assert fact in descriptions + " ".join(national.focus_areas.values_list("name", flat=True))
    work_areas = FocusAreaSet.objects.get(slug="lansstyrelsen-stockholm-arbetsomraden")
    assert list(work_areas.focus_areas.values_list("name", flat=True)) == [
        "Landsbygd",
        "Energi och klimat",
        "Miljöskydd",
        "Samhällsplanering",
        "Social hållbarhet",
    ]
    baltic = FocusAreaSet.objects.get(slug="eu-strategin-for-ostersjoregionen")
    assert list(baltic.focus_areas.values_list("name", flat=True)) == [
        "Rädda havsmiljön",
        "Länka samman regionen",
        "Öka välståndet",
    ]


def test_tillvaxtverkets_earlier_programmes(demo):
    pilots = programme("pilotprojekt-tillvaxtskapande-samhallsplanering")
    assert pilots.period_display == "2018–2020"
    assert pilots.pilot_project_count == 12
    assert [o.name for o in pilots.funders.all()] == ["Tillväxtverket"]

    cities = programme("utveckla-svenska-stader")
    assert cities.period_display == "2016–2019"
    assert (cities.pilot_project_count, cities.knowledge_project_count) == (7, 4)
    assert set(cities.municipalities.values_list("name", flat=True)) == {"Umeå", "Trelleborg"}
    assert cities.goals.count() == 3
    assert "tillväxtmotor" in cities.goals.first().text

    attraction = programme("starkt-lokal-attraktionskraft")
    assert attraction.period_display == "2015–2018"
    assert attraction.commission == Commission.GOVERNMENT_ASSIGNMENT
    assert set(attraction.municipalities.values_list("name", flat=True)) == {
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
    }
    own_set = attraction.own_focus_area_sets.get()
    assert list(own_set.focus_areas.values_list("name", flat=True)) == [
        "Den fysiska samhällsplaneringen",
        "Tillgången till offentlig och kommersiell service",
        "Kultur och attityder",
    ]
    assert set(own_set.focus_areas.all()) <= set(attraction.focus_areas.all())
    for each in (pilots, cities, attraction):
        assert each.focus_areas.filter(slug="tillvaxtskapande-samhallsplanering").exists()
        assert each.status_on(datetime.date(2026, 11, 22)) == ProgrammeStatus.FINISHED


def test_publications_are_records_without_files(demo):
    titles = set(Publication.objects.values_list("title", flat=True))
    assert titles == {
        "Jämställd tillväxt – handlingsplan 2016–2018",
        "Nuläges- och behovsanalys för jämställd regional tillväxt 2016–2018",
        "Jämställd tillväxt – handlingsplan 2012–2014",
        "Regionalt tillväxtarbete 2017 – Sammanställning av redovisningar om hållbart "
        "regionalt tillväxtarbete",
        "Tillstånd och trender för regional tillväxt 2018",
        "Politik för utvecklingskraft i hela Sverige",
        "En nationell strategi för hållbar regional tillväxt och attraktionskraft 2015–2020",
    }
    assert not Publication.objects.exclude(file="").exists()
    assert not Publication.objects.exclude(external_url="").exists()
    old_plan = Publication.objects.get(slug="jamstalld-tillvaxt-handlingsplan-2012-2014")
    assert old_plan.programmes.get().period_display == "2012–2014"
    assert old_plan.kind == "action_plan"
    strategy = Publication.objects.get(kind="strategy")
    assert strategy.organisations.get().name == "Regeringen"


def test_contacts_hold_no_invented_details(demo):
    contacts = Contact.objects.order_by("name")
    assert [c.name for c in contacts] == ["Linnéa Hassis", "Per Sandgren"]
    for contact in contacts:
        assert contact.organisation.name == "Arena för Tillväxt"
        assert contact.email == "" and contact.phone == ""
        assert contact.pages.get().slug == "planer-for-tillvaxt"


def test_pages_carry_the_source_pages(demo):
    assert set(ContentPage.objects.exclude(organisation=None).values_list("title", flat=True)) == {
        "Tillväxt",
        "Samordning och uppföljning",
        "Det här har vi gjort tidigare",
        "Planer för tillväxt",
    }
    # Besides them, the pages about the website itself that the footer links to: the
    # accessibility statement (tests/content/test_accessibility_statement.py), what the site is
    # and how it handles personal data (tests/growth_portal/test_footer.py).
    assert set(ContentPage.objects.filter(organisation=None).values_list("title", flat=True)) == {
        "Tillgänglighetsredogörelse",
        "Om Tillväxtportalen",
        "Så behandlar vi personuppgifter",
    }

    growth = ContentPage.objects.get(slug="tillvaxt")
    assert growth.publications.count() == 3
    assert growth.focus_areas.count() == 5
    coordination = ContentPage.objects.get(slug="samordning-och-uppfoljning")
    text = " ".join(coordination.sections.values_list("body", flat=True))
    for fact in ["kansli", "rädda havsmiljön", "riksdagen", "ekonomisk uppföljning", "län och år"]:
        assert fact in text
    assert coordination.links.get().url == "https://tillvaxtverket.se/personuppgifter"
    plans = ContentPage.objects.get(slug="planer-for-tillvaxt")
    assert "116" in plans.intro and "hösten 2017".lower() in plans.intro.lower()
    figures = dict(KeyFigure.objects.filter(page=plans).values_list("value", "label"))
    assert {"116", "81", "11", "24", "10 procent", "Drygt 25 procent"} <= set(figures)
    assert "40 procent" in figures["116"]


def test_organisations_hold_no_invented_contact_details(demo):
    # The source pages give no address, telephone number or e-mail address of an organisation.
    for organisation in Organisation.objects.all():
        assert (organisation.address, organisation.phone, organisation.email) == ("", "", "")


def test_events_and_news(demo):
    conference = Event.objects.get(slug="vaxa-eller-krympa")
    assert conference.municipality.name == "Luleå"
    assert conference.participant_count == 160
    assert (conference.start_date.day, conference.end_date.day, conference.start_date.month) == (
        16,
        17,
        5,
    )
    assert {o.name for o in conference.organisers.all()} == {
        "Norrbottens Kommuner",
        "Arena för Tillväxt",
    }
    assert "Vesna Jovic" in conference.body
    seminars = Event.objects.filter(kind="seminar").order_by("start_date")
    assert [(s.start_date.month, s.start_date.day) for s in seminars] == [(4, 18), (5, 3)]
    assert NewsItem.objects.count() == 7
    award = NewsItem.objects.get(slug="uppsala-ar-arets-tillvaxtkommun-2018")
    assert "21:a året" in award.summary
    assert [m.name for m in award.municipalities.all()] == ["Uppsala"]
    assert "180" in NewsItem.objects.get(slug="180-kommuner-har-anvant-arenans-tjanster").summary
    # The page gives no dates for its news, so none is made up.
    assert not NewsItem.objects.exclude(date=None).exists()
    # The demo's municipalities, with their codes, among the 290 that load_regions reads.
    assert Municipality.objects.count() == 290
    assert Municipality.objects.get(name="Överkalix").code == "2513"
