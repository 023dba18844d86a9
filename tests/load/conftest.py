"""Fixtures of the load and database-failure tests (``make test-load``).

These tests do not use pytest-django's test database: the site runs in gunicorn with the
production settings, on a database of its own that the fixtures create, migrate, fill with the
demo content and drop again. Each server's output goes to a log file; when a test fails, the
end of that log is added to its report.
"""

import os

import pytest

from .harness import (
    GUNICORN,
    SYSTEM_PG,
    Gunicorn,
    PrivateCluster,
    manage,
    pg_admin,
    site_env,
    tail,
    unavailable,
)

# Lines the tests add to the end of the pytest output (numbers worth reading even on success).
SUMMARY = []


def pytest_collection_modifyitems(items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here) and item.get_closest_marker("load") is None:
            raise pytest.UsageError(f"{item.nodeid} is in tests/load but not marked 'load'")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for server in getattr(item, "load_servers", []):
            report.sections.append((f"log {server.log.name}", tail(server.log, 120)))
        for cluster in getattr(item, "load_clusters", []):
            if cluster.dir:
                report.sections.append(("postgresql log", tail(cluster.log, 40)))


def pytest_terminal_summary(terminalreporter):
    if SUMMARY:
        terminalreporter.section("load test results")
        for line in SUMMARY:
            terminalreporter.write_line(line)


@pytest.fixture
def report_line():
    return SUMMARY.append


# --- Static files, once per run -----------------------------------------------------------


@pytest.fixture(scope="session")
def site_dirs(tmp_path_factory):
    """Collected static files (production serves them through whitenoise's manifest) and an
    empty media folder."""
    if not GUNICORN.exists():
        unavailable(f"gunicorn is not installed ({GUNICORN} missing)")
    root = tmp_path_factory.mktemp("site")
    static_root, media_root = root / "static", root / "media"
    media_root.mkdir()
    env = site_env("sqlite:///" + str(root / "unused.sqlite3"), static_root, media_root)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return static_root, media_root


# --- Databases ----------------------------------------------------------------------------


def _system_server_answers():
    try:
        pg_admin(SYSTEM_PG, "SELECT 1")
    except Exception as error:
        return error
    return None


@pytest.fixture(scope="module")
def system_database():
    """A fresh database on the shared PostgreSQL server, dropped afterwards. Only this
    database is created and dropped; the server itself is never stopped."""
    error = _system_server_answers()
    if error is not None:
        unavailable(f"PostgreSQL does not answer at {SYSTEM_PG}: {error}")
    name = f"growth_portal_load_{os.getpid()}"
    pg_admin(
        SYSTEM_PG, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'
    )
    try:
        yield f"{SYSTEM_PG}/{name}"
    finally:
        pg_admin(SYSTEM_PG, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def private_cluster(request):
    """A PostgreSQL cluster of this test's own, which it may stop and start."""
    missing = PrivateCluster.missing()
    if missing:
        unavailable(missing)
    cluster = PrivateCluster()
    request.node.load_clusters = [cluster]
    try:
        cluster.create()
        cluster.start()
        pg_admin(cluster.url, 'CREATE DATABASE "growth_portal"')
        yield cluster
    finally:
        cluster.destroy()


# --- The site -----------------------------------------------------------------------------


@pytest.fixture
def start_site(request, tmp_path, site_dirs):
    """A function that starts gunicorn with the production settings on a prepared database;
    every server it started is stopped at teardown."""
    static_root, media_root = site_dirs
    servers = []
    request.node.load_servers = servers

    def start(database_url, *, redis=None, log_name="gunicorn.log", **extra):
        env = site_env(database_url, static_root, media_root, redis_url=redis, **extra)
        server = Gunicorn(env, tmp_path / log_name)
        servers.append(server)
        return server.start()

    try:
        yield start
    finally:
        for server in servers:
            server.stop()
