"""How long a web request waits for the database (deadlines/). The whole story, a database
that stops answering behind a real gunicorn, is tests/load/test_database_stall.py; these pin
the parts here, on PostgreSQL where they apply."""

import select
import socket
import time

import psycopg
import pytest
from django.db import connection

from deadlines.queries import longer_deadline
from deadlines.watchdog import watchdog
from publishing.choices import PublishState
from tests.factories import ProgrammeFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="deadlines apply to PostgreSQL only"
)


def test_a_socket_still_waiting_at_its_deadline_is_ended():
    """What the watchdog does to a connection whose server does not answer: the thread that
    waits on it gets the end of the stream at once, instead of waiting on."""
    waiting, silent = socket.socketpair()
    waiting.settimeout(30)
    try:
        with watchdog.watch(waiting.fileno(), 0.3) as watch:
            started = time.monotonic()
            received = waiting.recv(100)
            waited = time.monotonic() - started
        assert received == b""
        assert watch.expired
        assert waited < 10  # the deadline (0.3 s) and the watchdog's tick, not the 30 s timeout
    finally:
        waiting.close()
        silent.close()


def test_a_socket_done_before_its_deadline_is_left_alone():
    one, other = socket.socketpair()
    try:
        with watchdog.watch(one.fileno(), 0.2) as watch:
            other.sendall(b"svar")
            assert one.recv(100) == b"svar"
        time.sleep(0.5)  # past the deadline, after the watch ended
        assert not watch.expired
        other.sendall(b"mer")
        assert one.recv(100) == b"mer"
    finally:
        one.close()
        other.close()


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
