"""How long a web request waits for the database (deadlines/). The whole story, a database
that stops answering behind a real gunicorn, is tests/load/test_database_stall.py; these pin
the parts here, on PostgreSQL where they apply."""

import select
import socket
from types import SimpleNamespace

import psycopg
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pagecache.middleware
from deadlines import middleware
from deadlines.queries import QueryStalled, guard, longer_deadline
from deadlines.watchdog import Watchdog, watchdog
from pagecache.versions import settle
from publishing.choices import PublishState
from tests.factories import ProgrammeFactory, PublicationFactory
from tests.load.harness import ManualClock

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="deadlines apply to PostgreSQL only"
)


def test_a_socket_still_waiting_at_its_deadline_is_ended():
    """What the watchdog does to a connection whose server does not answer: the thread that
    waits on it gets the end of the stream at once, instead of waiting on."""
    waiting, silent = socket.socketpair()
    # Far longer than the deadline and the watchdog's tick: running out raises TimeoutError.
    waiting.settimeout(30)
    try:
        with watchdog.watch(waiting.fileno(), 0.3) as watch:
            received = waiting.recv(100)
        assert received == b""
        assert watch.expired
    finally:
        waiting.close()
        silent.close()


def test_a_socket_done_before_its_deadline_is_left_alone():
    clock = ManualClock()
    dog = Watchdog(clock)
    one, other = socket.socketpair()
    probe, probe_peer = socket.socketpair()
    probe.settimeout(30)
    try:
        with dog.watch(one.fileno(), 5) as watch:
            other.sendall(b"svar")
            assert one.recv(100) == b"svar"
        clock.advance(60)  # long past the deadline, after the watch ended
        # A watch that is due at once: once its socket is ended, the watchdog has looked at
        # every deadline it still holds since the clock moved.
        with dog.watch(probe.fileno(), 0) as due:
            assert probe.recv(100) == b""
        assert due.expired
        assert not watch.expired
        other.sendall(b"mer")
        assert one.recv(100) == b"mer"
    finally:
        for end in (one, other, probe, probe_peer):
            end.close()


def guarded_query(execute, socket_of_connection):
    """``guard`` around ``execute``, as for a query on a connection with that socket."""
    context = {"connection": SimpleNamespace(connection=socket_of_connection)}
    return guard(execute, "SELECT 1", None, False, context)


def test_an_answer_that_comes_as_the_deadline_passes_still_ends_the_query(settings):
    """The cancel raced the result: the watchdog shut the connection down while the driver was
    taking in the answer, and the query returned. The request is past its deadline and its
    connection is ended all the same: it fails as an expired query does."""
    settings.DB_ANSWER_TIMEOUT = 0.1
    waiting, server = socket.socketpair()
    waiting.settimeout(30)

    def answered_as_the_connection_ended(sql, params, many, context):
        assert waiting.recv(100) == b""  # the watchdog has shut the connection down
        return "rader"

    try:
        with pytest.raises(QueryStalled, match="did not answer within 0.1 s"):
            guarded_query(answered_as_the_connection_ended, waiting)
    finally:
        waiting.close()
        server.close()


def test_an_answer_before_the_deadline_is_returned(settings):
    settings.DB_ANSWER_TIMEOUT = 300
    waiting, server = socket.socketpair()
    try:
        assert guarded_query(lambda *args: "rader", waiting) == "rader"
    finally:
        waiting.close()
        server.close()


def show_statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@postgresql_only
@pytest.mark.django_db
def test_the_statement_timeout_and_the_longer_one_of_exports(settings):
    settings.DB_EXPORT_STATEMENT_TIMEOUT = 25
    assert show_statement_timeout() == "5s"  # DJANGO_DB_STATEMENT_TIMEOUT's default
    with longer_deadline("DB_EXPORT_STATEMENT_TIMEOUT"):
        assert show_statement_timeout() == "25s"
    assert show_statement_timeout() == "5s"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it(client, org_a):
    """After a restart of PostgreSQL (here: the server ends the session), the connection the
    worker kept is dead; the next request opens a new one instead of answering 503."""
    ProgrammeFactory(
        organisation=org_a, title="Efter omstarten", publish_state=PublishState.PUBLISHED
    )
    assert client.get("/program/").status_code == 200
    kept = connection.connection
    pid = kept.info.backend_pid
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    # The server says so on the kept connection, which is then readable.
    poller = select.poll()
    poller.register(kept.fileno(), select.POLLIN)
    assert poller.poll(10_000), "the server did not end the session"

    response = client.get("/program/")

    assert response.status_code == 200
    assert "Efter omstarten" in response.content.decode()
    assert connection.connection is not kept


@postgresql_only
def test_commands_have_no_statement_timeout():
    """manage.py's commands (migrate, imports, backups) may run long statements."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = "print(settings.DATABASES['default']['OPTIONS']['options'])"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            f"from django.conf import settings; {script}",
        ],
        cwd=root,
        env={**os.environ, "DJANGO_DB_STATEMENT_TIMEOUT": "5"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "-c statement_timeout=0", result.stderr


@postgresql_only
@pytest.mark.page_cache
@pytest.mark.django_db
def test_every_query_of_a_page_request_is_under_the_deadline(client, org_a, settings, monkeypatch):
    """The page cache looks up the next scheduled publication when it stores a page: that
    query too waits for the database no longer than the deadline."""
    settings.DERIVED_CACHE_SECONDS = 0  # nothing looked up by derived data before the store
    PublicationFactory(organisations=[org_a], title="Under tidsgränsen")
    guarded, stored = [], []

    def recording_guard(execute, sql, params, many, context):
        guarded.append(sql)
        return guard(execute, sql, params, many, context)

    def recording_settle(*args):
        with CaptureQueriesContext(connection) as queries:
            settled = settle(*args)
        stored.extend(query["sql"] for query in queries.captured_queries)
        return settled

    monkeypatch.setattr(middleware, "guard", recording_guard)
    monkeypatch.setattr(pagecache.middleware, "settle", recording_settle)
    with CaptureQueriesContext(connection) as sent:
        response = client.get("/publikationer/")

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert "Under tidsgränsen" in response.content.decode()
    assert any("publish_from" in sql for sql in stored), "storing the page asked nothing"
    assert len(guarded) == len(sent.captured_queries)
