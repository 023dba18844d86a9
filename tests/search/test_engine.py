"""search/engine.py: the search index in memory, the one engine of the site search on every
database. Its answers are checked against what the test writes into the documents (the
expected hits are worked out here in Python)."""

import datetime
import itertools
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError
from django.utils import timezone

from publications.models import Publication
from publishing.choices import PublishState
from search.engine import Engine, NoWords
from search.follower import MARGIN, Follower
from search.indexing import REMOVALS_KEPT, record_removals
from search.models import Kind, SearchDocument, SearchRemoval
from search.words import words_of
from tests.factories import OrganisationFactory, PublicationFactory

pytestmark = pytest.mark.django_db

PAST = timezone.now() - datetime.timedelta(days=1)
_ids = itertools.count(1)


def document(
    title,
    summary="",
    body="",
    tags="",
    kind=Kind.PUBLICATION,
    year=2018,
    organisations=(),
    visible_from=PAST,
):
    return SearchDocument.objects.create(
        content_type=ContentType.objects.get_for_model(Publication),
        object_id=next(_ids),
        kind=kind,
        title=title,
        summary=summary,
        body=body,
        tags=tags,
        url=f"/test/{title}/",
        year=year,
        visible_from=visible_from,
        organisation_keys=SearchDocument.keys_of(organisations),
    )


def loaded():
    engine = Engine()
    engine.load()
    return engine


def hit_titles(result):
    return [hit.title for hit in result.hits]


def test_finds_every_word_in_any_field_and_only_documents_with_all_of_them():
    document("Vindkraft i norr", summary="Om kommunernas planering")
    document("Solenergi", summary="Vindkraft och solenergi i samverkan")
    document("Skogsbruk", body="Ett avsnitt om vindkraft", tags="energi")
    document("Turism", tags="vindkraft")
    document("Besöksnäring", summary="Inget om energi")
    engine = loaded()

    result = engine.search(["vindkraft"], size=10)
    assert result.count == 4
    assert sorted(hit_titles(result)) == ["Skogsbruk", "Solenergi", "Turism", "Vindkraft i norr"]
    both = engine.search(["vindkraft", "solenergi"], size=10)
    assert hit_titles(both) == ["Solenergi"]
    assert engine.search(["havsbruk"]).count == 0


def test_stemmed_forms_the_root_of_a_definite_form_and_the_last_word_as_a_prefix():
    document("Programmet för hållbar tillväxt")
    document("Kommunernas samverkan")
    document("Näringslivsutveckling i länet")
    engine = loaded()

    assert hit_titles(engine.search(["program"])) == ["Programmet för hållbar tillväxt"]
    assert hit_titles(engine.search(["programmet"])) == ["Programmet för hållbar tillväxt"]
    assert hit_titles(engine.search(["kommuner"])) == ["Kommunernas samverkan"]
    assert hit_titles(engine.search(["näringsliv"])) == ["Näringslivsutveckling i länet"]
    # Only the last word is a prefix.
    assert engine.search(["länet", "näringsliv"]).count == 1
    assert engine.search(["näringsliv", "länet"]).count == 0
    assert engine.search(["näringsliv"], prefix=False).count == 0


def test_stop_words_are_left_out_and_a_query_of_only_stop_words_is_refused():
    document("Tillväxt och utveckling")
    document("Utveckling")
    engine = loaded()

    assert engine.search(["och", "utveckling"]).count == 2
    with pytest.raises(NoWords):
        engine.search(["och", "att", "det"])


def test_only_documents_visible_at_the_time_asked_are_found():
    now = timezone.now()
    document("Synlig rapport", visible_from=now - datetime.timedelta(minutes=1))
    document("Schemalagd rapport", visible_from=now + datetime.timedelta(hours=1))
    document("Utkast rapport", visible_from=None)
    engine = loaded()

    assert hit_titles(engine.search(["rapport"], now=now)) == ["Synlig rapport"]
    later = engine.search(["rapport"], now=now + datetime.timedelta(hours=2))
    assert sorted(hit_titles(later)) == ["Schemalagd rapport", "Synlig rapport"]
    assert later.kinds == {Kind.PUBLICATION: 2}


def test_a_title_ranks_over_a_summary_and_a_summary_over_the_body():
    document("Del C", body="Kompetensförsörjning i länet")
    document("Del B", summary="Kompetensförsörjning i länet")
    document("Kompetensförsörjning", summary="Om länet")
    result = loaded().search(["kompetensförsörjning"])
    assert hit_titles(result) == ["Kompetensförsörjning", "Del B", "Del C"]


def test_equal_hits_are_ordered_by_title_then_id_and_pages_follow_on():
    for title in ["Delta", "Alfa", "Charlie", "Bravo", "Alfa"]:
        document(title, summary="Samma text om innovation")
    engine = loaded()

    everything = engine.search(["innovation"], size=10)
    assert hit_titles(everything) == ["Alfa", "Alfa", "Bravo", "Charlie", "Delta"]
    first_alfa, second_alfa = everything.hits[:2]
    assert first_alfa.pk < second_alfa.pk
    pages = [engine.search(["innovation"], offset=offset, size=2) for offset in (0, 2, 4)]
    assert [hit.pk for page in pages for hit in page.hits] == [h.pk for h in everything.hits]
    assert all(page.count == 5 for page in pages)
    assert engine.search(["innovation"], offset=5, size=2).hits == []


def test_every_page_size_and_offset_cuts_the_same_order():
    """Groups of equal scores, each ordered by title and id, pages cut across them."""
    for title in ["Gamma", "Alfa", "Beta"]:
        document(title, summary="Om energi")  # the word in the summary: equal scores
    for title in ["Energi", "Energi", "Energi"]:
        document(title)  # in the title: equal, higher scores
    document("Zeta", summary="Energi och energi", body="Mer om energi")
    engine = loaded()
    everything = engine.search(["energi"], size=20)
    order = [(hit.title, hit.pk) for hit in everything.hits]
    assert [title for title, _ in order[:3]] == ["Energi"] * 3
    assert [pk for _, pk in order[:3]] == sorted(pk for _, pk in order[:3])
    assert [title for title, _ in order[-3:]] == ["Alfa", "Beta", "Gamma"]
    for size in range(1, 5):
        for offset in range(len(order) + 1):
            page = engine.search(["energi"], offset=offset, size=size)
            assert [(h.title, h.pk) for h in page.hits] == order[offset : offset + size]


def test_facets_count_the_hits_the_other_chosen_facets_leave():
    a, b = OrganisationFactory(), OrganisationFactory()
    rows = [
        (Kind.PUBLICATION, 2018, [a.pk]),
        (Kind.PUBLICATION, 2018, [a.pk, b.pk]),
        (Kind.PUBLICATION, 2019, [b.pk]),
        (Kind.PROGRAMME, 2018, [a.pk]),
        (Kind.NEWS, None, []),
    ]
    for position, (kind, year, organisations) in enumerate(rows):
        document(f"Klimat {position}", kind=kind, year=year, organisations=organisations)
    document("Annat ämne", kind=Kind.PUBLICATION, year=2018, organisations=[a.pk])
    engine = loaded()

    def expected(kind=None, year=None, organisation=None, skip=None):
        """The rows the chosen facets leave, the facet ``skip`` not applied."""
        return [
            row
            for row in rows
            if (skip == "kind" or not kind or row[0] == kind)
            and (skip == "year" or not year or row[1] == year)
            and (skip == "organisation" or not organisation or organisation in row[2])
        ]

    choices = [
        {},
        {"kind": Kind.PUBLICATION},
        {"year": 2018},
        {"organisation_id": b.pk},
        {"kind": Kind.PUBLICATION, "year": 2018, "organisation_id": a.pk},
    ]
    for chosen in choices:
        result = engine.search(["klimat"], size=10, **chosen)
        kind, year, organisation = (
            chosen.get("kind"),
            chosen.get("year"),
            chosen.get("organisation_id"),
        )
        assert result.count == len(expected(kind, year, organisation)), chosen
        assert len(result.hits) == result.count
        kinds, years, organisations = {}, {}, {}
        for row in expected(kind, year, organisation, skip="kind"):
            kinds[row[0]] = kinds.get(row[0], 0) + 1
        for row in expected(kind, year, organisation, skip="year"):
            if row[1]:
                years[row[1]] = years.get(row[1], 0) + 1
        for row in expected(kind, year, organisation, skip="organisation"):
            for pk in row[2]:
                organisations[pk] = organisations.get(pk, 0) + 1
        assert result.kinds == kinds, chosen
        assert result.years == years, chosen
        assert result.organisations == organisations, chosen
        # Choosing a listed value gives exactly its count.
        for value, n in kinds.items():
            assert engine.search(["klimat"], **{**chosen, "kind": value}).count == n
        for value, n in organisations.items():
            assert engine.search(["klimat"], **{**chosen, "organisation_id": value}).count == n


def test_hits_carry_what_the_page_shows_and_snippets_are_escaped_and_marked():
    organisation = OrganisationFactory()
    row = document(
        "Rapport",
        summary='Om <script>alert("x")</script> & cirkulär ekonomi i Jämtland',
        year=2021,
        organisations=[organisation.pk],
    )
    document("Annan", body="Kapitel: cirkulär ekonomi <b>fet</b>")
    engine = loaded()

    first, second = engine.search(["cirkulär", "ekonomi"], size=10).hits
    assert (first.pk, first.title, first.url, first.kind, first.year) == (
        row.pk,
        "Rapport",
        row.url,
        Kind.PUBLICATION,
        2021,
    )
    assert first.organisation_ids == [organisation.pk]
    # Parts of plain text, the matches marked; the page escapes each (tests/test_search.py).
    assert first.snippet == [
        ('Om <script>alert("x")</script> & ', False),
        ("cirkulär", True),
        (" ", False),
        ("ekonomi", True),
        (" i Jämtland", False),
    ]
    # A fragment ends with a word; what it leaves out is shown as "…".
    assert second.snippet == [
        ("Kapitel: ", False),
        ("cirkulär", True),
        (" ", False),
        ("ekonomi", True),
        (" <b>fet</b", False),
        (" …", False),
    ]
    assert second.year == 2018


def test_put_replaces_a_document_and_remove_takes_it_away():
    kept = document("Regional utveckling")
    gone = document("Regional planering")
    engine = loaded()
    assert engine.search(["regional"]).count == 2

    kept.title = "Lokal utveckling"
    engine.put([kept])
    assert hit_titles(engine.search(["regional"])) == ["Regional planering"]
    assert hit_titles(engine.search(["lokal"])) == ["Lokal utveckling"]
    engine.remove([gone.pk])
    assert engine.search(["regional"]).count == 0
    assert engine.search(["utveckling"]).count == 1
    # Loading again starts from the table.
    engine.load()
    assert engine.search(["regional"]).count == 2


def test_a_load_or_a_change_that_fails_leaves_the_index_as_it_was():
    kept = document("Kulturella näringar")
    engine = loaded()

    def failing():
        yield document("Kulturella miljöer")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        engine.load(failing())
    engine.put([])  # a later change does not apply what is left of the failed load
    assert hit_titles(engine.search(["kulturella"])) == ["Kulturella näringar"]
    broken = SearchDocument(pk=kept.pk, title=None)  # no title: cannot be written
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever tantivy raises
        engine.put([broken])
    engine.put([])
    assert hit_titles(engine.search(["kulturella"])) == ["Kulturella näringar"]


def test_words_of_the_search_page_reach_the_engine_unchanged():
    document("Fossilfri omställning")
    assert loaded().search(words_of("FOSSILFRI, omställning!")).count == 1


# --- Suggestions ---------------------------------------------------------------------------


def test_a_word_it_does_not_know_becomes_the_closest_word_of_a_title_or_summary():
    document("Jämställdhet i arbetslivet", summary="Kommunernas arbete för jämställd tillväxt")
    document("Kulturarv", body="Om kulturmiljöer", tags="besöksnäring")
    engine = loaded()

    assert engine.suggestion(["jämstäldhet"]) == ["jämställdhet"]
    assert engine.suggestion(["tillväxt", "jämstäldhet"]) == ["tillväxt", "jämställdhet"]
    assert engine.suggestion(["jamstalldhet"]) == ["jämställdhet"]  # typed without ä
    # Words as written, not their stems.
    assert engine.suggestion(["kommunernaz"]) == ["kommunernas"]
    # Nothing to replace: known words, short words, numbers, words too far from all.
    assert engine.suggestion(["jämställdhet", "arbetslivet"]) is None
    assert engine.suggestion(["för", "2020", "arbetslivx2"]) is None
    assert engine.suggestion(["xyzxyzxyz"]) is None
    # Only titles and summaries: not the body or the tags.
    assert engine.suggestion(["kulturmiljöe"]) is None
    assert engine.suggestion(["besöksnärin"]) is None


def test_the_closest_word_wins_then_the_most_common_then_the_first_alphabetically():
    document("Bygden")
    for number in range(3):
        document(f"Bygdens framtid {number}", summary="Regioner")
    document("Regionen")
    document("Kalla", summary="Kalle")
    engine = loaded()

    assert engine.vocabulary["bygdens"] == 3 and engine.vocabulary["bygden"] == 1
    assert engine.suggestion(["bygder"]) == ["bygden"]  # one edit, over two
    assert engine.suggestion(["regionex"]) == ["regioner"]  # one edit each: in three documents
    assert engine.suggestion(["kallx"]) == ["kalla"]  # one edit each, one document each


def test_the_vocabulary_follows_what_is_put_and_removed():
    first = document("Vattenbruk i skärgården")
    second = document("Vattenbruk och fiske")
    engine = loaded()
    assert engine.vocabulary["vattenbruk"] == 2

    first.title = "Havsbruk i skärgården"
    engine.put([first])
    assert engine.vocabulary["vattenbruk"] == 1
    assert engine.suggestion(["havsbrk"]) == ["havsbruk"]
    engine.remove([second.pk])
    assert "vattenbruk" not in engine.vocabulary
    assert "fiske" not in engine.vocabulary
    assert engine.suggestion(["vattenbrk"]) is None

    # A change that fails changes the vocabulary no more than the index.
    before = dict(engine.vocabulary)
    broken = SearchDocument(pk=first.pk, title=None, summary="Om laxodling")
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever tantivy raises
        engine.put([broken])
    assert dict(engine.vocabulary) == before
    # Loading again starts from the table, where neither change was saved.
    engine.load()
    assert engine.vocabulary["vattenbruk"] == 2 and "havsbruk" not in engine.vocabulary


def suggested(text):
    from search.query import run_search

    return run_search(text, {}, 1).suggestion


def test_each_process_suggests_the_words_written_since_it_loaded_and_after_a_rebuild():
    from django.core.management import call_command

    PublicationFactory(title="Rapport om livsmedel")
    assert suggested("livsmedl") == "livsmedel"  # loads the index
    assert suggested("vätgaz") == ""

    publication = PublicationFactory(title="Rapport om vätgas")
    assert suggested("vätgaz") == "vätgas"
    publication.title = "Rapport om batterier"
    publication.save()
    assert suggested("vätgaz") == ""
    assert suggested("battrier") == "batterier"

    publication.delete()
    assert suggested("battrier") == ""

    # Changed without signals (an import, a restore): known after a rebuild.
    Publication.objects.filter(title="Rapport om livsmedel").update(
        title="Rapport om livsmedelsstrategi"
    )
    assert suggested("livsmedelstrategi") == ""
    call_command("rebuild_search_index", verbosity=0)
    assert suggested("livsmedelstrategi") == "livsmedelsstrategi"
    assert suggested("livsmedl") == ""


# --- Kept current with the database ------------------------------------------------------


def found(text):
    from search.query import run_search

    return [hit.title for hit in run_search(text, {}, 1).hits]


def test_every_save_publish_unpublish_and_delete_reaches_the_next_search():
    PublicationFactory(title="Rapport om vätgas")
    assert found("vätgas") == ["Rapport om vätgas"]  # loads the index

    added = PublicationFactory(title="Handlingsplan för vätgas")
    assert sorted(found("vätgas")) == ["Handlingsplan för vätgas", "Rapport om vätgas"]
    added.title = "Handlingsplan för batterier"
    added.save()
    assert found("vätgas") == ["Rapport om vätgas"]
    assert found("batterier") == ["Handlingsplan för batterier"]
    added.publish_state = PublishState.DRAFT
    added.save()
    assert found("batterier") == []
    added.publish_state = PublishState.PUBLISHED
    added.save()
    assert found("batterier") == ["Handlingsplan för batterier"]
    added.delete()
    assert found("batterier") == []
    assert SearchRemoval.objects.filter(document_id__isnull=False).count() == 1


def test_a_scheduled_item_is_found_from_its_time_without_a_save():
    later = timezone.now() + datetime.timedelta(hours=2)
    PublicationFactory(title="Kommande analys av fjärrvärme", publish_from=later)
    assert found("fjärrvärme") == []
    with mock.patch("django.utils.timezone.now", return_value=later + datetime.timedelta(1)):
        assert found("fjärrvärme") == ["Kommande analys av fjärrvärme"]


def test_each_process_catches_up_with_what_another_wrote(caplog):
    """Two followers stand for two web processes: what one process's request writes, the
    other's next look applies, removals included."""
    first, second = Follower(), Follower()
    kept = document("Skogsnäring i länet")
    gone = document("Skogsnäring i kommunen")
    for follower in (first, second):
        assert follower.current().search(["skogsnäring"]).count == 2
    # benchmarks/site_load.py waits for this line from every worker.
    assert caplog.text.count("Search index in memory loaded: 2 documents in") == 2

    kept.title = "Jordbruk i länet"
    kept.save()
    SearchDocument.objects.filter(pk=gone.pk).delete()
    record_removals([gone.pk])
    new = document("Skogsnäring och turism")
    for follower in (first, second):
        engine = follower.current()
        assert hit_titles(engine.search(["skogsnäring"])) == ["Skogsnäring och turism"]
        assert hit_titles(engine.search(["jordbruk"])) == ["Jordbruk i länet"]
    assert new.pk not in second._removals


def test_a_document_written_before_a_look_but_committed_after_it_is_caught():
    """A transaction that wrote a document before a process looked, and committed after:
    the next look reads again what was written in the margin before the previous look."""
    follower = Follower()
    assert follower.current().search(["sjöfart"]).count == 0
    looked = follower._looked
    late = document("Sjöfart och hamnar")
    SearchDocument.objects.filter(pk=late.pk).update(updated_at=looked - MARGIN / 2)
    assert hit_titles(follower.current().search(["sjöfart"])) == ["Sjöfart och hamnar"]
    # Applied once: the next look does not write it again.
    with mock.patch.object(Engine, "apply") as write:
        follower.current()
    write.assert_not_called()


def test_a_rebuild_or_a_restore_loads_the_whole_index_again():
    from django.core.management import call_command

    from search import follower as search_follower

    PublicationFactory(title="Rapport om livsmedel")
    assert found("livsmedel") == ["Rapport om livsmedel"]
    # Written without signals, as a restore or an import would.
    row = SearchDocument.objects.get(kind=Kind.PUBLICATION)
    SearchDocument.objects.filter(pk=row.pk).update(
        title="Rapport om livsmedelsstrategi", updated_at=row.updated_at - 2 * MARGIN
    )
    assert found("livsmedelsstrategi") == []  # older than the margin: not seen
    record_removals([None])
    assert found("livsmedelsstrategi") == ["Rapport om livsmedelsstrategi"]

    call_command("rebuild_search_index", verbosity=0)
    assert found("livsmedel") == ["Rapport om livsmedel"]
    assert SearchRemoval.objects.filter(document_id=None).count() == 2
    # The rebuilt documents are dated before the margin: the looks after the reload do not
    # read them all again.
    follower = search_follower._follower
    follower.current()
    assert follower._written == {}


def test_a_process_that_has_not_looked_for_a_day_loads_again_and_old_removals_go():
    follower = Follower()
    document("Gruvnäring")
    follower.current()
    a_day_later = timezone.now() + REMOVALS_KEPT
    with (
        mock.patch.object(Follower, "_load", autospec=True, side_effect=Follower._load) as load,
        mock.patch("django.utils.timezone.now", return_value=a_day_later),
    ):
        follower.current()
    load.assert_called_once()

    record_removals([12345])
    SearchRemoval.objects.update(removed_at=timezone.now() - REMOVALS_KEPT * 2)
    record_removals([678])
    assert list(SearchRemoval.objects.values_list("document_id", flat=True)) == [678]


def _run_background_load():
    from search import follower

    thread = follower.load_in_background()
    if thread is None:
        return []
    thread.join(10)
    assert not thread.is_alive()
    return [thread]


def test_each_gunicorn_worker_loads_its_index_as_it_starts(settings, caplog):
    from growth_portal import gunicorn_conf

    settings.SEARCH_PRELOAD = True
    with (
        mock.patch("search.follower.current") as current,
        mock.patch("search.follower.threading.Thread.start", autospec=True) as start,
    ):
        gunicorn_conf.post_worker_init(worker=None)
    start.assert_called_once()
    assert start.call_args.args[0].name == "search-index"

    with mock.patch("search.follower.current") as current:
        assert [thread.name for thread in _run_background_load()] == ["search-index"]
    current.assert_called_once_with()

    # The database down as the worker starts: logged, and the first search tries again.
    with mock.patch("search.follower.current", side_effect=OperationalError("down")):
        _run_background_load()
    assert "The search index could not be loaded" in caplog.text

    # DJANGO_SEARCH_PRELOAD=0: workers start without it; the first search loads it.
    settings.SEARCH_PRELOAD = False
    with mock.patch("search.follower.current") as current:
        assert _run_background_load() == []
    current.assert_not_called()
    PublicationFactory(title="Rapport om mineraler")
    assert found("mineraler") == ["Rapport om mineraler"]
