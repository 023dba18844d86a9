"""The databases a backup reads and a restore writes: PostgreSQL through its client programs
(pg_dump, pg_restore), SQLite through its online backup API; what a database holds (tables,
migrations) and whether it may be restored into."""

import os
import sqlite3
import subprocess
import uuid
from contextlib import closing, contextmanager
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.loader import MigrationLoader

from . import FAILED, BackupError, vendor_label

# The PostgreSQL client programs (version 15, like the server).
PG_DUMP = "pg_dump"
PG_RESTORE = "pg_restore"
# Connection OPTIONS that pg_dump and pg_restore read from the environment.
PG_ENVIRONMENT = {
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def database_label(connection):
    """The database as an operator knows it: a file for SQLite, a name for PostgreSQL."""
    name = connection.settings_dict.get("NAME") or ""
    if connection.vendor == "postgresql":
        host = connection.settings_dict.get("HOST") or "local socket"
        return f"PostgreSQL database {name!r} on {host}"
    return f"SQLite database {name}"


@contextmanager
def database_from_url(url):
    """A connection to the database ``url`` names (the DATABASE_URL syntax), for restoring
    somewhere other than the configured database; closed when the ``with`` block ends.

    Made by django.db.connections from settings of its own, under an alias that is no longer
    one of the configured databases once the connection exists: nothing else of the site (the
    ORM, a router) can reach the target by accident, so everything here uses this connection
    through raw SQL and introspection only."""
    try:
        config = dj_database_url.parse(url)
    except ValueError as error:
        raise BackupError(f"--database-url: {error}") from error
    alias = f"restore-target-{uuid.uuid4().hex}"
    # Django's defaults (OPTIONS, TIME_ZONE, …) filled in as for the configured databases.
    connections.settings[alias] = connections.configure_settings({DEFAULT_DB_ALIAS: config})[
        DEFAULT_DB_ALIAS
    ]
    try:
        connection = connections.create_connection(alias)
    except ImproperlyConfigured as error:
        raise BackupError(f"--database-url: {error}") from error
    finally:
        del connections.settings[alias]
    try:
        yield connection
    finally:
        connection.close()


# --- Reading the database ---------------------------------------------------------------------


def table_names(connection):
    try:
        with connection.cursor() as cursor:
            return connection.introspection.table_names(cursor, include_views=True)
    except DatabaseError as error:
        raise BackupError(
            f"Cannot open the {database_label(connection)}: {error}", returncode=FAILED
        ) from error


def applied_migrations(connection):
    """``{app: [migration, …]}`` as the database's django_migrations table records them.

    Raw SQL: the ORM's MigrationRecorder would create the table in a database that has
    none."""
    if "django_migrations" not in table_names(connection):
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        rows = cursor.fetchall()
    applied = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return applied


def migration_state(connection):
    """The migrations this code has that the database lacks (``app.name``, in the order
    ``migrate`` would apply them), and those the database has that this code does not know."""
    applied = {
        (app, name) for app, names in applied_migrations(connection).items() for name in names
    }
    loader = MigrationLoader(None, ignore_no_migrations=True)  # the code's migrations only
    # A squashed migration counts as applied once everything it replaces is.
    for key, migration in loader.replacements.items():
        if all(tuple(replaced) in applied for replaced in migration.replaces):
            applied.add(key)
    pending = []
    for leaf in sorted(loader.graph.leaf_nodes()):
        for node in loader.graph.forwards_plan(leaf):
            if node not in applied and node not in pending:
                pending.append(node)
    unknown = sorted(applied - set(loader.disk_migrations))
    return [f"{app}.{name}" for app, name in pending], [f"{app}.{name}" for app, name in unknown]


# --- The PostgreSQL client programs -----------------------------------------------------------


def pg_client_args(settings_dict):
    """Connection arguments for pg_dump and pg_restore, and the environment that carries the
    password and TLS settings: never the command line, which every local user can read."""
    options = settings_dict.get("OPTIONS") or {}
    args = ["--no-password"]  # never wait for a password on a terminal
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args.append(f"{flag}={settings_dict[key]}")
    if settings_dict.get("NAME"):
        args.append(f"--dbname={settings_dict['NAME']}")
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    for option, variable in PG_ENVIRONMENT.items():
        if options.get(option) not in (None, ""):
            env[variable] = str(options[option])
    return args, env


def run_client(command, env, name):
    try:
        completed = subprocess.run(
            command, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{name} was not found ({command[0]}): install the PostgreSQL client programs "
            "of the server's version (Debian: postgresql-client-15).",
            returncode=FAILED,
        ) from error
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).decode(errors="replace").strip()
        raise BackupError(
            f"{name} failed (exit code {completed.returncode}):\n{output}", returncode=FAILED
        )


def dump_database(connection, path):
    if connection.vendor == "postgresql":
        args, env = pg_client_args(connection.settings_dict)
        command = [PG_DUMP, "--format=custom", "--no-owner", "--no-privileges"]
        run_client([*command, f"--file={path}", *args], env, "pg_dump")
    else:
        # Django's own connection: a consistent copy even while others write, and it works for
        # an in-memory database too (the tests').
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)


def check_database_target(connection, vendor):
    """Refuse a target of another vendor, an in-memory SQLite database and a database with
    any table in it."""
    if connection.vendor != vendor:
        source, target = vendor_label(vendor), vendor_label(connection.vendor)
        raise BackupError(
            f"This backup holds a {source} database, and the database to restore into is "
            f"{target}: a {source} dump cannot be restored into {target}. Point DATABASE_URL "
            f"(or --database-url) at an empty {source} database."
        )
    if vendor == "sqlite":
        if connection.is_in_memory_db():
            raise BackupError(
                f"The database to restore into is an in-memory SQLite database "
                f"({connection.settings_dict['NAME']!r}), which is gone when this command "
                "ends. Point DATABASE_URL (or --database-url) at a database file, e.g. "
                "sqlite:////srv/growth_portal/db.sqlite3."
            )
        if not Path(connection.settings_dict["NAME"]).exists():
            return  # created by the restore
    tables = table_names(connection)
    if tables:
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        if vendor == "postgresql":
            how = (
                "Create an empty database (createdb -h HOST -U USER NEWNAME, or CREATE DATABASE "
                "in psql) and point DATABASE_URL (or --database-url) at it."
            )
        else:
            how = (
                "Point DATABASE_URL (or --database-url) at a file that does not exist yet, "
                "e.g. sqlite:////srv/growth_portal/restored.sqlite3; the restore creates it."
            )
        raise BackupError(
            f"The {database_label(connection)} is not empty: it has {len(tables)} tables "
            f"({shown}). restore_site only restores into an empty database, so that it never "
            f"overwrites data. {how}"
        )


def restore_database(connection, dump):
    if connection.vendor == "postgresql":
        args, env = pg_client_args(connection.settings_dict)
        command = [PG_RESTORE, "--no-owner", "--no-privileges", "--exit-on-error"]
        # One transaction: a restore that fails leaves the database as empty as it was.
        run_client([*command, "--single-transaction", *args, str(dump)], env, "pg_restore")
    else:
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        connection.ensure_connection()
        with closing(sqlite3.connect(dump)) as source:
            source.backup(connection.connection)
