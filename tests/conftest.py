import os

import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """{% static %} with the manifest storage needs collectstatic; tests use plain storage."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the page cache and its change counters live in
    local memory for the whole test process, while each test's database rows are rolled back."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_keys_left_to_retire():
    """Each test's transaction is rolled back: the page cache's keys retired in it must not go
    out with a later test's commit (pagecache.signals.keys_retired)."""
    from pagecache import keys

    keys.discard_pending()
    yield
    keys.discard_pending()


@pytest.fixture(autouse=True)
def _fresh_search_index():
    """The search index in memory lives as long as the test process, while each test's rows
    are rolled back under it: each test starts without one (the first search loads it)."""
    from search import follower

    follower.forget()
    yield
    follower.forget()


@pytest.fixture(autouse=True)
def _page_cache_only_where_asked(request, settings):
    """Most tests look at what a view rendered (its context, its queries), which a page served
    from the cache does not have. The page cache is on only in tests marked ``page_cache``
    (tests/pagecache/test_page_cache.py and the production-like tests)."""
    if request.node.get_closest_marker("page_cache") is None:
        settings.PAGE_CACHE_SECONDS = 0


# --- Browser tests ------------------------------------------------------------------------
# Playwright drives Debian's Chromium (see shared/BROWSER-TESTS.md); nothing downloads a browser.

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright's sync API runs an event loop in the test thread; Django's live_server and the ORM
# calls in the test are still synchronous. Only the test process sets this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def demo_site(live_server):
    """The demo content on a live server, for browser tests; its address."""
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    return live_server.url


@pytest.fixture(scope="session")
def playwright(playwright):
    """pytest-playwright's fixture, closing Django's connections before Playwright stops.

    While Playwright's sync API is running, the test thread runs inside a copy of its
    contextvars context, and Django keeps one connection per thread and context. Connections
    opened in that copy are invisible to pytest-django's teardown, which runs after Playwright
    has stopped; left open, one keeps PostgreSQL from dropping the test database."""
    yield playwright
    from django.db import connections

    connections.close_all()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, removed after the test; its path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def org_a():
    """An organisation whose editor the admin tests log in as (see tests/editors/__init__.py)."""
    from .factories import OrganisationFactory

    return OrganisationFactory(name="Organisation A", slug="organisation-a")


@pytest.fixture
def org_b():
    """Another organisation, whose content org_a's editor must not reach."""
    from .factories import OrganisationFactory

    return OrganisationFactory(name="Organisation B", slug="organisation-b")
