"""Per-key invalidation (pagecache/keys.py): a change retires the pages that show what
changed and leaves the others cached; the keys go out in HTTP headers for shared caches."""

import datetime

import pytest
from django.db import models, transaction
from django.test import Client
from django.test.utils import isolate_apps
from django.utils import timezone
from django.utils.http import parse_http_date

import programmes.models
from pagecache import checks, keys, middleware, names, signals
from programmes.models import Programme
from publications.models import Publication
from tests.editors import login_editor, save_in_admin
from tests.factories import (
    ContentPageFactory,
    FocusAreaFactory,
    OrganisationFactory,
    PageSectionFactory,
    ProgrammeFactory,
    PublicationFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def visit(url, client=None, **extra):
    response = (client or Client()).get(url, **extra)
    return response, response.content.decode()


def state(url, **extra):
    return visit(url, **extra)[0].get(middleware.HEADER)


def warm(*urls):
    for url in urls:
        assert visit(url)[0].status_code == 200, url
        assert state(url) == "hit", url


@pytest.fixture
def editor(django_user_model, org_a):
    return login_editor(Client(), django_user_model, "redaktor-nycklar", org_a)


@pytest.fixture
def site(org_a, org_b):
    """A programme with a publication that shows it, and unrelated content of another
    organisation."""
    programme = ProgrammeFactory(organisation=org_a, title="Programmet före")
    showing = PublicationFactory(organisations=[org_a], title="Rapport om programmet")
    showing.programmes.add(programme)
    return {
        "programme": programme,
        "showing": showing,
        "other_programme": ProgrammeFactory(organisation=org_b, title="Ett annat program"),
        "other_publication": PublicationFactory(organisations=[org_b], title="En annan rapport"),
        "other_page": ContentPageFactory(organisation=org_b, title="En annan sida"),
    }


def test_a_change_to_one_programme_leaves_unrelated_pages_cached(
    editor, site, django_assert_num_queries
):
    programme = site["programme"]
    fresh = [programme.get_absolute_url(), "/program/", site["showing"].get_absolute_url()]
    unrelated = [
        site["other_publication"].get_absolute_url(),
        site["other_programme"].get_absolute_url(),
        site["other_page"].get_absolute_url(),
    ]
    warm(*fresh, *unrelated)

    save_in_admin(editor, programme, title="Programmet efter")

    for url in unrelated:
        with django_assert_num_queries(0):
            assert state(url) == "hit", url
    for url in fresh:
        response, body = visit(url)
        assert response[middleware.HEADER] == "miss", url
        assert "Programmet efter" in body, url
        assert "Programmet före" not in body, url


def test_a_new_summary_retires_the_programmes_page_but_not_the_lists_that_do_not_show_it(
    editor, site, django_assert_num_queries
):
    """The lists read a programme's title, period, owner and status, not its summary: an
    editor who rewrites a summary leaves them cached. The start page, the programme list and
    the publication list (whose programme select offers this programme) are the most visited
    pages of the site. Another programme's page that links it stays too."""
    programme = site["programme"]
    # As the admin's form gives it, so that the save changes the summary alone.
    programme.publish_from = programme.publish_from.replace(microsecond=0)
    programme.save()
    lists = ["/", "/program/", "/publikationer/"]
    warm(programme.get_absolute_url(), *lists)
    assert programme.title in visit("/program/")[1]

    save_in_admin(editor, programme, summary="En helt ny sammanfattning.")

    for url in lists:
        with django_assert_num_queries(0):
            assert state(url) == "hit", url
    response, body = visit(programme.get_absolute_url())
    assert response[middleware.HEADER] == "miss"
    assert "En helt ny sammanfattning." in body


def test_a_change_of_what_the_lists_filter_on_retires_them(editor, site):
    """Unpublishing changes a column every list filters on: the programme leaves them."""
    programme = site["programme"]
    warm("/program/", "/")
    save_in_admin(editor, programme, publish_state="draft")
    for url in ("/program/", "/"):
        response, body = visit(url)
        assert response[middleware.HEADER] == "miss", url
        assert programme.title not in body, url


def test_a_save_retires_the_columns_it_changes_after_the_row_is_written(org_a, monkeypatch):
    """The keys of the changed columns, and of the values a row leaves, are retired after the
    write (a page built from the old row before it must not stay valid), also without a
    transaction."""
    programme = ProgrammeFactory(organisation=org_a, summary="Före", title="Titeln")
    parent = ProgrammeFactory(organisation=org_a)
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None: func())
    seen = []

    def receiver(sender, keys, **kwargs):
        stored = Programme.objects.values_list("summary", flat=True).get(pk=programme.pk)
        seen.append((keys, stored))

    signals.keys_retired.connect(receiver)
    try:
        programme.summary = "Efter"
        programme.parent = parent
        programme.save()
    finally:
        signals.keys_retired.disconnect(receiver)
    [(retired, stored)] = [item for item in seen if "col:programme.summary" in item[0]]
    assert stored == "Efter"  # sent after the write
    assert {
        "col:programme.summary",
        "col:programme.parent_id",
        "col:programme.updated_at",
        f"programme:{programme.pk}",
        f"programme.parent_id:{parent.pk}",
    } <= retired
    assert "col:programme.title" not in retired
    assert "set:programme" not in retired


def test_a_new_or_deleted_row_retires_every_list_of_its_model(org_a):
    """A count or a list reads which rows there are, whatever their columns."""
    warm("/program/")
    programme = ProgrammeFactory(organisation=org_a, title="Det nya programmet")
    response, body = visit("/program/")
    assert response[middleware.HEADER] == "miss"
    assert "Det nya programmet" in body
    warm("/program/")
    programme.delete()
    response, body = visit("/program/")
    assert response[middleware.HEADER] == "miss"
    assert "Det nya programmet" not in body


def test_rows_that_were_too_many_to_name_are_still_retired_through_their_links(org_a):
    """A page with more rows of a link table than it names keys for carries the table's list
    key; renaming an area linked to one of them retires it (pagecache/changes.linked_keys)."""
    area = FocusAreaFactory(name="Området före")
    for number in range(names.MAX_OBJECT_KEYS + 1):
        ProgrammeFactory(organisation=org_a, title=f"Program {number}").focus_areas.add(area)
    with keys.collecting() as collector:
        for programme in Programme.objects.prefetch_related("focus_areas"):
            assert [found.name for found in programme.focus_areas.all()] == ["Området före"]
    found = names.compact(collector.keys, collector.loaded, collector.joined)
    assert "list:programme_focus_areas" in found
    seq = keys.start_seq()
    assert keys.still_valid(seq, found)
    area.name = "Området efter"
    area.save()
    assert not keys.still_valid(seq, found)


def test_a_row_linked_to_very_many_others_retires_every_page(org_a, monkeypatch):
    """Past MAX_LINKED_KEYS links a change retires ``all`` rather than a key per link."""
    from pagecache import changes

    monkeypatch.setattr(changes, "MAX_LINKED_KEYS", 3)
    area = FocusAreaFactory()
    for _ in range(4):
        ProgrammeFactory(organisation=org_a).focus_areas.add(area)
    assert changes.linked_keys(type(area), area.pk) == {keys.ALL}
    monkeypatch.setattr(changes, "MAX_LINKED_KEYS", 4)
    assert keys.ALL not in changes.linked_keys(type(area), area.pk)


def test_a_new_publication_retires_the_list_but_not_another_publications_page(org_a, org_b):
    other = PublicationFactory(organisations=[org_b], title="En annan rapport")
    warm("/publikationer/", other.get_absolute_url())
    PublicationFactory(organisations=[org_a], title="Helt ny rapport")
    response, body = visit("/publikationer/")
    assert response[middleware.HEADER] == "miss"
    assert "Helt ny rapport" in body
    assert state(other.get_absolute_url()) == "hit"


def test_publishing_a_programme_shows_it_on_a_publication_that_links_it(org_a):
    """The publication's page lists only public programmes; the draft's key is still on it."""
    draft = ProgrammeFactory(organisation=org_a, title="Utkastet", publish_state="draft")
    publication = PublicationFactory(organisations=[org_a])
    publication.programmes.add(draft)
    url = publication.get_absolute_url()
    warm(url)
    assert "Utkastet" not in visit(url)[1]
    draft.publish_state = "published"
    draft.save()
    assert "Utkastet" in visit(url)[1]


def test_a_page_that_links_a_scheduled_item_is_kept_no_longer_than_until_its_time(org_a):
    scheduled = ProgrammeFactory(
        organisation=org_a,
        title="Kommer snart",
        publish_from=timezone.now() + datetime.timedelta(seconds=60),
    )
    publication = PublicationFactory(organisations=[org_a])
    publication.programmes.add(scheduled)
    response, body = visit(publication.get_absolute_url())
    assert "Kommer snart" not in body
    assert 0 < int(directives(response)["s-maxage"]) <= 60


def test_a_remembered_values_keys_reach_the_page(org_a):
    """The lists around a programme are remembered: a page that found them remembered still
    carries their keys and is retired when one of their rows changes."""
    programme = ProgrammeFactory(organisation=org_a)
    url = programme.get_absolute_url()
    visit(url)  # computes and remembers the lists around the programme
    response = Client().get(url, secure=True)  # another page, the remembered lists found
    assert response[middleware.HEADER] == "miss"
    assert f"programmelink.programme_id:{programme.pk}" in response["Surrogate-Key"].split()
    assert Client().get(url, secure=True)[middleware.HEADER] == "hit"

    programme.links.create(title="Länken om programmet", url="https://example.org/")
    response = Client().get(url, secure=True)
    assert response[middleware.HEADER] == "miss"
    assert "Länken om programmet" in response.content.decode()


def test_xkey_is_sent_only_where_the_site_purges_a_proxy(org_a, settings):
    """Surrogate-Key is for any CDN and always there; xkey only for the Varnish the site
    purges, so that a proxy in front does not have to hold the keys twice."""
    url = ProgrammeFactory(organisation=org_a).get_absolute_url()
    settings.PAGE_CACHE_PURGE_URLS = []
    for expected in ("miss", "hit"):
        response = visit(url)[0]
        assert response[middleware.HEADER] == expected
        assert "all" in response["Surrogate-Key"].split()
        assert not response.has_header("xkey")
    settings.PAGE_CACHE_PURGE_URLS = ["http://127.0.0.1:6091/"]
    response = visit(url)[0]
    assert response[middleware.HEADER] == "hit"
    assert response["xkey"] == response["Surrogate-Key"]


def directives(response):
    parts = [part.strip().partition("=") for part in response["Cache-Control"].split(",")]
    return {name: value for name, _, value in parts}


def test_stored_pages_carry_their_keys_and_caching_headers(org_a, settings):
    programme = ProgrammeFactory(organisation=org_a)
    url = programme.get_absolute_url()
    before = timezone.now().replace(microsecond=0)
    settings.PAGE_CACHE_PURGE_URLS = ["http://127.0.0.1:6091/"]
    for expected in ("miss", "hit"):
        response = visit(url)[0]
        assert response[middleware.HEADER] == expected
        found = response["Surrogate-Key"].split()
        assert {f"programme:{programme.pk}", "all"} <= set(found)
        assert found == sorted(found)
        assert response["xkey"] == response["Surrogate-Key"]
        cache_control = directives(response)
        assert "public" in cache_control
        assert 0 < int(cache_control["s-maxage"]) <= settings.PAGE_CACHE_SECONDS
        assert int(cache_control["max-age"]) == settings.PAGE_CACHE_BROWSER_SECONDS
        rendered = parse_http_date(response["Last-Modified"])
        assert before.timestamp() <= rendered <= timezone.now().timestamp()


def test_the_browsers_time_is_never_more_than_the_page_has_left(org_a, settings):
    settings.PAGE_CACHE_BROWSER_SECONDS = 300
    PublicationFactory(
        organisations=[org_a], publish_from=timezone.now() + datetime.timedelta(seconds=40)
    )
    cache_control = directives(visit("/publikationer/")[0])
    assert int(cache_control["max-age"]) <= int(cache_control["s-maxage"]) <= 40


def test_editors_and_sessions_get_no_shared_caching_headers(editor, org_a):
    programme = ProgrammeFactory(organisation=org_a)
    url = programme.get_absolute_url()
    visit(url)
    with_session = Client()
    with_session.cookies["sessionid"] = "whatever"
    for client in (editor, with_session):
        response = visit(url, client)[0]
        assert response.status_code == 200
        assert not response.has_header("Surrogate-Key")
        assert not response.has_header("xkey")
        assert "public" not in response.get("Cache-Control", "")


def test_a_page_retired_while_it_was_rendered_is_sent_uncacheable(org_a, monkeypatch):
    programme = ProgrammeFactory(organisation=org_a)
    store = middleware.PageCacheMiddleware.store

    def change_then_store(key, seq, collector, response):
        Programme.objects.get(pk=programme.pk).save()  # an editor saves meanwhile
        return store(key, seq, collector, response)

    monkeypatch.setattr(middleware.PageCacheMiddleware, "store", staticmethod(change_then_store))
    response = visit(programme.get_absolute_url())[0]
    assert response["Cache-Control"] == "no-cache"
    assert not response.has_header("Surrogate-Key")
    monkeypatch.undo()
    assert state(programme.get_absolute_url()) == "miss"


def test_in_global_mode_any_change_retires_every_page(site, settings):
    settings.PAGE_CACHE_INVALIDATION = "global"
    url = site["other_publication"].get_absolute_url()
    warm(url)
    site["programme"].save()
    assert state(url) == "miss"


def test_the_keys_go_out_once_when_there_is_no_transaction(org_a, monkeypatch):
    """Without a transaction (autocommit) the signal is sent at once, per change."""
    sent = []
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None: func())
    signals.keys_retired.connect(receiver := lambda sender, keys, **kw: sent.append(keys))
    try:
        programme = ProgrammeFactory(organisation=org_a)
    finally:
        signals.keys_retired.disconnect(receiver)
    assert sent
    assert {f"programme:{programme.pk}", "list:programme", f"programme.slug:{programme.slug}"} <= (
        sent[-1]
    )


def test_a_relation_change_retires_both_ends_and_nothing_when_nothing_changed(
    org_a, django_capture_on_commit_callbacks
):
    publication = PublicationFactory(organisations=[org_a])
    programme = ProgrammeFactory(organisation=org_a)
    sent = []
    signals.keys_retired.connect(receiver := lambda sender, keys, **kw: sent.append(keys))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publication.programmes.add()  # nothing added
        assert sent == []
        with django_capture_on_commit_callbacks(execute=True):
            publication.programmes.add(programme)
    finally:
        signals.keys_retired.disconnect(receiver)
    assert len(sent) == 1
    assert {
        f"publication:{publication.pk}",
        f"programme:{programme.pk}",
        f"publication_programmes.publication_id:{publication.pk}",
        f"publication_programmes.programme_id:{programme.pk}",
    } <= sent[0]


def test_public_model_names_are_unique():
    assert checks.public_model_names_are_unique(None) == []

    with isolate_apps("surveys"):

        class Programme(models.Model):  # the name of programmes.Programme, in another app
            class Meta:
                app_label = "surveys"

            def __str__(self):
                return str(self.pk)

        assert checks.shared_names([programmes.models.Programme, Programme, Publication]) == {
            "programme": ["programmes.Programme", "surveys.Programme"]
        }


def test_keys_are_header_safe(org_a):
    organisation = OrganisationFactory(slug="med-mellanslag")
    assert names.rows_key(Publication, "slug", "två ord") == "publication.slug:tv%C3%A5%20ord"
    assert (
        names.object_key(type(organisation), organisation.pk) == f"organisation:{organisation.pk}"
    )
    for key in (names.rows_key(Programme, "slug", "a b:c"), names.list_key(Programme)):
        assert key.isascii() and " " not in key


def test_a_link_in_rich_text_follows_a_moved_page_on_cached_pages(org_a, org_b):
    """Links in other items' text are rewritten without their own signals (richtext/links.py):
    the pages that show those texts are retired too."""
    target = ProgrammeFactory(organisation=org_b, slug="gammal-adress")
    page = ContentPageFactory(organisation=org_a, slug="om-oss")
    ref = f"programmes.programme:{target.pk}"
    PageSectionFactory(
        page=page,
        body=f'<p>Läs om <a href="/program/gammal-adress/" data-page="{ref}">programmet</a>.</p>',
    )
    url = page.get_absolute_url()
    warm(url)
    assert "/program/gammal-adress/" in visit(url)[1]
    target.slug = "ny-adress"
    target.save()
    response, body = visit(url)
    assert response[middleware.HEADER] == "miss"
    assert "/program/ny-adress/" in body


def test_tags_on_a_page_follow_a_renamed_tag_and_a_tag_added_elsewhere_retires_nothing(org_a):
    from taggit.models import Tag

    publication = PublicationFactory(organisations=[org_a])
    publication.tags.add("skogsbruk")
    other = PublicationFactory(organisations=[org_a])
    url = publication.get_absolute_url()
    warm(url)
    other.tags.add("fiske")
    assert state(url) == "hit"
    tag = Tag.objects.get(name="skogsbruk")
    tag.name = "skogsnäring"
    tag.save()
    response, body = visit(url)
    assert response[middleware.HEADER] == "miss"
    assert "skogsnäring" in body


def test_a_new_release_retires_pages_without_opening_a_database_connection():
    """gunicorn's master imports the site once (preload_app) before it forks its workers: a
    database connection opened there would be shared by all of them, and a database that is
    down would stop the site from starting."""
    import os
    import subprocess
    import sys

    script = (
        "import growth_portal.wsgi;"
        "from django.db import connection;"
        "print('no connection' if connection.connection is None else 'connected')"
    )
    # A port nothing listens on: connecting would fail.
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "no connection"


def test_a_search_page_is_kept_no_longer_than_until_a_scheduled_item_appears_in_it(org_a):
    PublicationFactory(organisations=[org_a], title="Ugglerapporten om skogen")
    PublicationFactory(
        organisations=[org_a],
        title="Ugglerapporten om fjällen",
        publish_from=timezone.now() + datetime.timedelta(seconds=60),
    )
    response, body = visit("/sok/?q=ugglerapporten")
    assert "om skogen" in body and "om fjällen" not in body
    assert 0 < int(directives(response)["s-maxage"]) <= 60


def test_a_query_the_reader_fails_on_leaves_the_page_served_but_not_kept(org_a, monkeypatch):
    """A fault in pagecache/sql.py is logged; the visitor still gets the page."""
    url = ProgrammeFactory(organisation=org_a).get_absolute_url()

    def fails(statement):
        raise ValueError("unreadable")

    monkeypatch.setattr(keys, "_dependencies", fails)
    for _ in range(2):
        response, _body = visit(url)
        assert response.status_code == 200
        assert response.get(middleware.HEADER) is None  # neither served from nor kept in it
        assert response["Cache-Control"] == "no-cache"
    monkeypatch.undo()
    assert visit(url)[0][middleware.HEADER] == "miss"
    assert state(url) == "hit"


def test_deleting_a_row_loaded_without_its_key_columns_retires_their_keys(org_a):
    """A page that lists the sub-programmes of one programme is retired when one of them is
    deleted, even through an instance loaded with ``only()``."""
    parent = ProgrammeFactory(organisation=org_a, title="Huvudprogrammet")
    ProgrammeFactory(organisation=org_a, parent=parent, title="Delprojektet")
    with keys.collecting() as collector:
        assert [sub.title for sub in Programme.objects.filter(parent=parent)] == ["Delprojektet"]
    found = names.compact(collector.keys, collector.loaded, collector.joined)
    seq = keys.start_seq()
    Programme.objects.only("title").get(title="Delprojektet").delete()
    assert not keys.still_valid(
        seq,
        found - {f"programme:{parent.pk}"} - {key for key in found if key.startswith("programme:")},
    )
