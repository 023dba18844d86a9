"""The page cache (pagecache/): anonymous visitors get stored pages, editors
always fresh ones, and whatever an editor saves, publishes, unpublishes or deletes in the
admin shows at once on every public page, detail pages and the lists that show the item."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content.models import ContentPage
from pagecache import keys, middleware, signals
from programmes.models import Programme
from publications.models import Publication
from tests.admin_forms import admin_form_data
from tests.editors import admin_url, login_editor
from tests.factories import (
    AccessibilityRequestFactory,
    ContentPageFactory,
    FocusAreaFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from tests.load.harness import ManualClock, redis_url, wait_for_child

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def visit(client, url, **params):
    response = client.get(url, params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode()


def cache_state(response):
    return response.get(middleware.HEADER)


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def editor(django_user_model, org_a):
    return login_editor(Client(), django_user_model, "redaktor-cache", org_a)


# --- What is stored and for whom ----------------------------------------------------------


def test_the_second_visit_is_served_from_the_cache_without_a_query(
    visitor, org_a, django_assert_num_queries
):
    ProgrammeFactory(organisation=org_a, title="Hållbar tillväxt")
    first, first_body = visit(visitor, "/program/")
    assert cache_state(first) == "miss"
    assert "Hållbar tillväxt" in first_body

    with django_assert_num_queries(0):
        second, second_body = visit(visitor, "/program/")
    assert cache_state(second) == "hit"
    assert second_body == first_body
    assert second["Content-Type"] == first["Content-Type"]


def test_each_address_and_query_is_its_own_page(visitor, org_a, org_b):
    ProgrammeFactory(organisation=org_a, title="Program hos A")
    ProgrammeFactory(organisation=org_b, title="Program hos B")
    visit(visitor, "/program/", organisation=org_a.slug)
    response, body = visit(visitor, "/program/", organisation=org_b.slug)
    assert cache_state(response) == "miss"
    assert "Program hos B" in body
    assert "Program hos A" not in body


def test_a_change_made_behind_the_caches_back_proves_the_page_is_stored(visitor, editor, org_a):
    """A raw update() sends no signal: the visitor keeps the stored page, the editor does not."""
    programme = ProgrammeFactory(organisation=org_a, title="Gammal titel")
    url = programme.get_absolute_url()
    visit(visitor, url)
    Programme.objects.filter(pk=programme.pk).update(title="Ny titel")

    response, body = visit(visitor, url)
    assert cache_state(response) == "hit"
    assert "Gammal titel" in body

    response, body = visit(editor, url)
    assert cache_state(response) is None
    assert "Ny titel" in body


def test_a_visitor_with_a_session_cookie_is_never_served_from_the_cache(visitor, org_a):
    programme = ProgrammeFactory(organisation=org_a, title="Gammal titel")
    url = programme.get_absolute_url()
    visit(visitor, url)
    Programme.objects.filter(pk=programme.pk).update(title="Ny titel")
    visitor.cookies["sessionid"] = "whatever"
    response, body = visit(visitor, url)
    assert cache_state(response) is None
    assert "Ny titel" in body


def test_what_an_editor_is_shown_is_never_stored(visitor, editor, org_a):
    ProgrammeFactory(organisation=org_a, title="Ett program")
    response = visit(editor, "/program/")[0]
    assert response.status_code == 200
    assert cache_state(response) is None
    # The editor's visit stored nothing: the visitor's first visit renders the page.
    assert cache_state(visit(visitor, "/program/")[0]) == "miss"


def test_http_and_https_are_different_pages(visitor, org_a):
    """Feeds and robots.txt carry absolute addresses."""
    visit(visitor, "/robots.txt")
    response = visitor.get("/robots.txt", secure=True)
    assert cache_state(response) == "miss"
    assert "https://testserver/sitemap.xml" in response.content.decode()


def test_only_complete_ok_answers_are_stored(visitor, org_a):
    # A missing page is looked up again each time.
    assert visit(visitor, "/program/finns-inte/")[0].status_code == 404
    ProgrammeFactory(organisation=org_a, slug="finns-inte", title="Finns nu")
    response, body = visit(visitor, "/program/finns-inte/")
    assert response.status_code == 200
    assert "Finns nu" in body
    # Streaming downloads are not kept.
    PublicationFactory(organisations=[org_a])
    visit(visitor, "/publikationer/ladda-ner.csv")
    assert cache_state(visit(visitor, "/publikationer/ladda-ner.csv")[0]) is None
    # Nor are the health checks.
    assert cache_state(visit(visitor, "/healthz")[0]) is None


def test_a_page_with_a_form_token_is_never_shared(visitor):
    """The accessibility request form carries a CSRF token and sets its cookie."""
    url = reverse("content:accessibility_request")
    first, first_body = visit(visitor, url)
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in first_body
    assert cache_state(first) is None
    second = visit(Client(), url)[0]
    assert cache_state(second) is None
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_a_head_request_is_answered_from_the_stored_page(visitor, org_a):
    ProgrammeFactory(organisation=org_a)
    get = visit(visitor, "/program/")[0]
    head = visitor.head("/program/")
    assert cache_state(head) == "hit"
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]


def test_security_headers_are_on_stored_pages_too(visitor, org_a):
    ProgrammeFactory(organisation=org_a)
    visit(visitor, "/program/")
    response = visit(visitor, "/program/")[0]
    assert cache_state(response) == "hit"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_cache_can_be_turned_off(visitor, org_a, settings):
    settings.PAGE_CACHE_SECONDS = 0
    ProgrammeFactory(organisation=org_a)
    visit(visitor, "/program/")
    assert cache_state(visit(visitor, "/program/")[0]) is None


# --- Exact invalidation through the admin -------------------------------------------------

WORD = "Zebrafink"  # a word no other content has, for the search page


def make(model, org, **kwargs):
    if model is Programme:
        return ProgrammeFactory(organisation=org, **kwargs)
    if model is Publication:
        return PublicationFactory(organisations=[org], **kwargs)
    return ContentPageFactory(organisation=org, **kwargs)


def pages_showing(obj, org):
    """Every public page that shows ``obj``: its own, the lists and the search."""
    pages = [obj.get_absolute_url(), org.get_absolute_url(), f"/sok/?q={WORD}"]
    if isinstance(obj, Programme):
        pages += ["/", "/program/", f"/program/?organisation={org.slug}", "/program/tidslinje/"]
    elif isinstance(obj, Publication):
        pages += [
            "/",
            "/publikationer/",
            f"/publikationer/?organisation={org.slug}",
            "/publikationer/flode/",
            "/publikationer/utskrift/",
        ]
    return pages


@pytest.fixture(params=[Programme, Publication, ContentPage], ids=lambda m: m.__name__)
def item(request, org_a):
    return make(request.param, org_a, title=f"{WORD} i första versionen")


def warm(pages):
    """Visit every page twice as a visitor, checking the second visit of each page that
    answers 200 was stored (a filter that no longer matches answers 400, not stored)."""
    for url in pages:
        if Client().get(url).status_code == 200:
            assert cache_state(Client().get(url)) == "hit", url


def shown_on(url, text):
    response, body = visit(Client(), url)
    return response.status_code == 200 and text in body


def test_a_saved_change_shows_at_once_everywhere(editor, item, org_a):
    pages = pages_showing(item, org_a)
    for url in pages:
        assert shown_on(url, "i första versionen"), url
    warm(pages)

    change = admin_url(type(item), "change", item.pk)
    data = admin_form_data(editor.get(change))
    data["title"] = f"{WORD} i andra versionen"
    response = editor.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    for url in pages:
        assert shown_on(url, "i andra versionen"), url
        assert not shown_on(url, "i första versionen"), url


def test_unpublishing_and_publishing_show_at_once_everywhere(editor, item, org_a):
    pages = pages_showing(item, org_a)
    detail = item.get_absolute_url()
    warm(pages)

    response = editor.post(
        admin_url(type(item), "changelist"),
        {"action": "unpublish_selected", "_selected_action": [str(item.pk)]},
    )
    assert response.status_code == 302
    assert visit(Client(), detail)[0].status_code == 404
    for url in pages:
        assert not shown_on(url, "i första versionen"), url

    warm([url for url in pages if url != detail])
    response = editor.post(
        admin_url(type(item), "changelist"),
        {"action": "publish_selected", "_selected_action": [str(item.pk)]},
    )
    assert response.status_code == 302
    for url in pages:
        assert shown_on(url, "i första versionen"), url


def test_a_deletion_shows_at_once_everywhere(editor, item, org_a):
    pages = pages_showing(item, org_a)
    warm(pages)
    response = editor.post(admin_url(type(item), "delete", item.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not type(item).objects.filter(pk=item.pk).exists()
    assert visit(Client(), item.get_absolute_url())[0].status_code == 404
    for url in pages:
        assert not shown_on(url, "i första versionen"), url


def test_relation_and_tag_changes_show_at_once(visitor, org_a):
    publication = PublicationFactory(organisations=[org_a], title="Rapport om fåglar")
    programme = ProgrammeFactory(organisation=org_a)
    area = FocusAreaFactory(name="Innovation")
    url = publication.get_absolute_url()
    warm([url, programme.get_absolute_url()])

    publication.tags.add("kompetensförsörjning")
    assert "kompetensförsörjning" in visit(visitor, url)[1]

    warm([programme.get_absolute_url()])
    programme.focus_areas.add(area)  # from the programme's side
    assert "Innovation" in visit(visitor, programme.get_absolute_url())[1]

    warm([programme.get_absolute_url()])
    area.programmes.remove(programme)  # from the focus area's side
    assert "Innovation" not in visit(visitor, programme.get_absolute_url())[1]


def test_rebuilding_the_search_index_retires_stored_pages(visitor, org_a):
    from django.core.management import call_command

    PublicationFactory(organisations=[org_a], title=f"{WORD}rapport om fåglar")
    url = f"/sok/?q={WORD}rapport"
    warm([url])
    # A bulk update sends no signal: neither the index nor the stored page knows of it …
    Publication.objects.update(title=f"{WORD}rapport om ugglor")
    assert "om fåglar" in visit(visitor, url)[1]
    # … until the index is rebuilt, which retires the stored pages.
    call_command("rebuild_search_index", verbosity=0)
    response, body = visit(visitor, url)
    assert cache_state(response) == "miss"
    assert "om ugglor" in body


def test_a_visitors_accessibility_request_keeps_the_cache(visitor, org_a):
    ProgrammeFactory(organisation=org_a)
    warm(["/program/"])
    AccessibilityRequestFactory()
    assert cache_state(visit(visitor, "/program/")[0]) == "hit"


def test_a_change_is_retired_now_and_again_when_it_is_committed(
    org_a, django_capture_on_commit_callbacks
):
    """Once at the change and once at the commit: a page rendered from the old rows in between
    began before the second retirement, so it is not served. Then the keys go out once."""
    sent = []

    def receiver(sender, keys, **kwargs):
        sent.append(keys)

    signals.keys_retired.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            programme = ProgrammeFactory(organisation=org_a)
            counter = keys.counter_key(f"programme:{programme.pk}")
            during = cache.get(counter)
            assert during is not None
            assert sent == []
        assert callbacks
        assert cache.get(counter) > during
    finally:
        signals.keys_retired.disconnect(receiver)
    assert len(sent) == 1
    assert {f"programme:{programme.pk}", "list:programme"} <= sent[0]


# --- Time -----------------------------------------------------------------------------------


def s_maxage(response):
    directives = dict(
        part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
    )
    assert "public" in directives
    return int(directives["s-maxage"])


def test_no_page_is_kept_past_the_next_scheduled_publication(visitor, org_a, settings):
    now = timezone.now()
    PublicationFactory(organisations=[org_a], publish_from=now + datetime.timedelta(seconds=90))
    ProgrammeFactory(organisation=org_a, publish_from=now + datetime.timedelta(hours=3))
    response = visit(visitor, "/publikationer/")[0]
    assert cache_state(response) == "miss"
    assert 80 <= s_maxage(response) <= 90
    # The stored page tells how long it has left.
    assert s_maxage(visit(visitor, "/publikationer/")[0]) <= 90
    response = visit(visitor, "/program/")[0]
    assert cache_state(response) == "miss"
    assert settings.PAGE_CACHE_SECONDS - 5 <= s_maxage(response) <= settings.PAGE_CACHE_SECONDS


@pytest.fixture
def site_clock(monkeypatch):
    """Django's clock, stopped: it moves only when the test moves it (``advance``)."""
    clock = ManualClock()
    clock.now = timezone.now()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


def test_a_page_rendered_across_a_publication_time_is_not_kept(
    visitor, org_a, monkeypatch, site_clock
):
    """Rendered from the rows as they were before the time, stored after it: it would lack the
    item for the whole cache time."""
    PublicationFactory(
        organisations=[org_a],
        title="Kommer under tiden",
        publish_from=site_clock.now + datetime.timedelta(seconds=1),
    )
    store = middleware.PageCacheMiddleware.store

    def slow_store(*args):
        site_clock.advance(datetime.timedelta(seconds=2))
        return store(*args)

    monkeypatch.setattr(middleware.PageCacheMiddleware, "store", staticmethod(slow_store))
    first, body = visit(visitor, "/publikationer/")
    assert "Kommer under tiden" not in body
    response, body = visit(visitor, "/publikationer/")
    assert cache_state(response) != "hit"
    assert "Kommer under tiden" in body


def test_the_cache_keeps_djangos_fast_delete_for_other_models():
    """Delete listeners only on public models: sessions are still deleted in one query."""
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector
    from django.db.models.signals import post_delete

    from search.models import SearchDocument

    assert not post_delete.has_listeners(Session)
    assert Collector(using="default").can_fast_delete(Session.objects.all())
    assert Collector(using="default").can_fast_delete(SearchDocument.objects.all())
    assert post_delete.has_listeners(Programme)


def test_a_new_release_retires_stored_pages(visitor, org_a):
    import importlib

    import growth_portal.wsgi

    ProgrammeFactory(organisation=org_a)
    warm(["/program/"])
    importlib.reload(growth_portal.wsgi)  # what a (re)start of the site does
    assert cache_state(visit(visitor, "/program/")[0]) == "miss"


def test_a_scheduled_publication_appears_at_its_time(visitor, org_a, site_clock):
    PublicationFactory(
        organisations=[org_a],
        title="Redan ute",
        publish_from=site_clock.now - datetime.timedelta(minutes=1),
    )
    PublicationFactory(
        organisations=[org_a],
        title="Kommer strax",
        publish_from=site_clock.now + datetime.timedelta(seconds=2),
    )
    response, body = visit(visitor, "/publikationer/")
    assert "Redan ute" in body
    assert "Kommer strax" not in body
    site_clock.advance(datetime.timedelta(seconds=3))
    response, body = visit(visitor, "/publikationer/")
    assert "Kommer strax" in body


def test_pages_that_depend_on_today_are_kept_until_midnight(visitor, org_a, settings, monkeypatch):
    """A programme's status depends on today's date; a publication's page does not."""
    settings.PAGE_CACHE_SECONDS = 2 * 24 * 3600
    programme = ProgrammeFactory(organisation=org_a)
    publication = PublicationFactory(organisations=[org_a])
    warm([programme.get_absolute_url(), publication.get_absolute_url()])
    response = visit(visitor, programme.get_absolute_url())[0]
    assert f"day:{timezone.localdate().isoformat()}" in response["Surrogate-Key"].split()
    midnight = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=1), datetime.time.min
    )
    assert s_maxage(response) <= (timezone.make_aware(midnight) - timezone.now()).total_seconds()

    just_after = timezone.make_aware(midnight) + datetime.timedelta(seconds=30)
    monkeypatch.setattr(timezone, "now", lambda: just_after)
    assert cache_state(visit(visitor, programme.get_absolute_url())[0]) == "miss"
    assert cache_state(visit(visitor, publication.get_absolute_url())[0]) == "hit"


# --- A cache that fails -------------------------------------------------------------------


def test_a_failing_cache_still_gives_fresh_pages(visitor, org_a, monkeypatch, caplog):
    ProgrammeFactory(organisation=org_a, title="Syns ändå")

    def broken(*args, **kwargs):
        raise ConnectionError("the cache does not answer")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    response, body = visit(visitor, "/program/")
    assert response.status_code == 200
    assert "Syns ändå" in body
    assert "the cache does not answer" in caplog.text


# --- Redis ----------------------------------------------------------------------------------


@pytest.fixture
def redis_cache(settings):
    import redis

    url = redis_url(15)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "growth_portal_tests",
        }
    }
    cache.clear()
    yield redis.Redis.from_url(url)
    cache.clear()


def test_with_redis_pages_are_stored_there_and_retired_by_a_change(visitor, org_a, redis_cache):
    programme = ProgrammeFactory(organisation=org_a, title="Första titeln")
    url = programme.get_absolute_url()
    warm([url])
    assert redis_cache.keys("growth_portal_tests:*pagecache:page:*")
    programme.title = "Andra titeln"
    programme.save()
    response, body = visit(visitor, url)
    assert cache_state(response) == "miss"
    assert "Andra titeln" in body


def test_redis_url_selects_the_redis_cache():
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps(settings.CACHES['default']))"
    )
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/2"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    chosen = json.loads(out.stdout)
    assert chosen["BACKEND"] == "growth_portal.cache.RedisCache"
    assert chosen["LOCATION"] == "redis://127.0.0.1:6379/2"
    env.pop("REDIS_URL")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert json.loads(out.stdout)["BACKEND"].endswith("LocMemCache")


def test_a_hit_takes_two_round_trips_to_redis(visitor, org_a, monkeypatch, redis_cache):
    """Page and change counter are read together (one MGET), then the counters of the page's
    keys (one more), however many keys the page has."""
    ProgrammeFactory(organisation=org_a)
    first = visit(visitor, "/program/")[0]
    assert len(first["Surrogate-Key"].split()) > 3
    from django.core.cache import caches

    backend = caches["default"]  # the Redis backend itself, not the proxy
    calls = []
    for name in ("get", "get_many", "set", "add", "incr"):
        original = getattr(backend, name)
        monkeypatch.setattr(
            backend, name, lambda *a, _n=name, _o=original, **k: calls.append(_n) or _o(*a, **k)
        )
    assert cache_state(visit(visitor, "/program/")[0]) == "hit"
    assert calls == ["get_many", "get_many"]
    calls.clear()
    assert visit(visitor, "/healthz")[0].status_code == 200
    assert calls == []  # never stored, never looked up


def test_the_redis_cache_serves_threads_and_forked_workers(redis_cache):
    """Each command borrows a connection from the pool, so one client serves many threads;
    after a fork (gunicorn's workers) the pool opens the child's own connections."""
    import os
    import threading

    cache.set("before-fork", "förälder", 60)
    errors = []

    def work(number):
        try:
            for step in range(30):
                cache.set(f"thread-{number}", step, 60)
                assert cache.get(f"thread-{number}") == step
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.get_many([f"thread-{number}" for number in range(8)]) == {
        f"thread-{number}": 29 for number in range(8)
    }

    child = os.fork()
    if child == 0:  # the child: read what the parent stored, write an answer, leave at once
        try:
            ok = cache.get("before-fork") == "förälder"
            cache.set("from-child", os.getpid() if ok else -1, 60)
        finally:
            os._exit(0)
    assert wait_for_child(child) == 0
    assert cache.get("from-child") == child
    assert cache.get("before-fork") == "förälder"  # the parent's connections still work
