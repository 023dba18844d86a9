"""Backup and restore: ``manage.py backup_site`` and ``restore_site`` (growth_portal/backup/).

The main test backs up the demo content and uploaded files, restores them into an empty
database and an empty media folder, and compares every row of every table and every file's
bytes with the source. The same tests run on SQLite and on PostgreSQL (DATABASE_URL): the
restore target is a new SQLite file, or a new database on the same PostgreSQL server, created
and dropped here.

Every test here uses transaction=True: pg_dump is another process and sees committed rows
only, not those of a test's open transaction.
"""

import copy
import datetime
import hashlib
import io
import json
import os
import re
import tarfile
import uuid
from pathlib import Path
from urllib.parse import quote

import dj_database_url
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from PIL import Image

from growth_portal import backup
from growth_portal.backup import archives, databases
from publications.models import Publication
from tests.factories import OrganisationFactory, PublicationFactory

pytestmark = pytest.mark.django_db(transaction=True)

POSTGRESQL = connection.vendor == "postgresql"
OTHER_VENDOR = "sqlite" if POSTGRESQL else "postgresql"
DUMP = "database.pgdump" if POSTGRESQL else "database.sqlite3"
SEQUENCES = "(sequences)"


# --- Test data ------------------------------------------------------------------------------


def make_pdf(text):
    """A small valid PDF (the upload rules identify files by content)."""
    body = b"<< /Type /Catalog /Pages 2 0 R >>"
    return (
        b"%PDF-1.4\n1 0 obj\n" + body + b"\nendobj\n% " + text.encode() + b"\n"
        b"trailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
    )


def make_png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def add_uploads(media_root):
    """Uploaded files as the site stores them: documents on two publications, an
    organisation's logo, and a file with a Swedish name in a folder of its own."""
    for number, name in enumerate(["Rapport om tillväxt 2018.pdf", "Bilaga.pdf"]):
        publication = PublicationFactory(title=f"Publikation med fil {number}")
        # Assigned and saved, as the admin does: the stored name's extension is the type
        # found in the content.
        publication.file = ContentFile(make_pdf(f"dokument {number}"), name=name)
        publication.save()
    organisation = OrganisationFactory(name="Organisation med logotyp")
    organisation.logo = ContentFile(make_png(), name="Logotyp.png")
    organisation.save()
    loose = Path(media_root) / "övrigt" / "åtgärder 2018.txt"
    loose.parent.mkdir(parents=True)
    loose.write_bytes("Åtgärder för regional tillväxt\n".encode() * 100)


def media_snapshot(root):
    """``{relative path: bytes}`` of every file under ``root``."""
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(media_root, tmp_path):
    """A backup of a small site: two publications with documents, a logo and a loose file."""
    add_uploads(media_root)
    path = tmp_path / "backups" / "site.tar.gz"
    call_command("backup_site", output=str(path), stdout=io.StringIO())
    return path


# --- Databases ------------------------------------------------------------------------------


def _postgres_admin():
    import psycopg

    params = connection.settings_dict
    options = {
        "host": params["HOST"],
        "port": params["PORT"],
        "user": params["USER"],
        "password": params["PASSWORD"],
    }
    return psycopg.connect(
        dbname="postgres", autocommit=True, **{k: v for k, v in options.items() if v}
    )


@pytest.fixture
def empty_database(tmp_path):
    """The URL of an empty database of the test database's kind: a new database on the same
    PostgreSQL server (dropped afterwards), or an SQLite file that does not exist yet."""
    if not POSTGRESQL:
        yield f"sqlite:///{tmp_path / 'restored' / 'db.sqlite3'}"
        return
    from psycopg import sql

    name = f"restore_test_{uuid.uuid4().hex[:12]}"
    with _postgres_admin() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    params = connection.settings_dict
    user = quote(params["USER"], safe="")
    if params["PASSWORD"]:
        user += ":" + quote(params["PASSWORD"], safe="")
    port = f":{params['PORT']}" if params["PORT"] else ""
    try:
        yield f"postgres://{user}@{params['HOST']}{port}/{name}"
    finally:
        with _postgres_admin() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def open_database(url):
    """A connection to the database at ``url``, for as long as the ``with`` block lasts."""
    return databases.database_from_url(url)


def database_contents(conn):
    """``{table: (column names, rows)}`` of every table, each ordered by its primary key,
    and the state of every sequence (the next id each table hands out)."""
    quote_name = conn.ops.quote_name
    contents = {}
    with conn.cursor() as cursor:
        for table in conn.introspection.table_names(cursor):
            order = conn.introspection.get_primary_key_columns(cursor, table) or [
                column.name for column in conn.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(
                f"SELECT * FROM {quote_name(table)} "
                f"ORDER BY {', '.join(quote_name(column) for column in order)}"
            )
            contents[table] = ([column[0] for column in cursor.description], cursor.fetchall())
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT schemaname, sequencename, last_value FROM pg_sequences ORDER BY 1, 2"
            )
        else:
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
        contents[SEQUENCES] = cursor.fetchall()
    return contents


def assert_untouched(url):
    """The restore target of a refused restore is as empty as it was."""
    if url.startswith("sqlite"):
        assert not Path(dj_database_url.parse(url)["NAME"]).exists()
        return
    with open_database(url) as target, target.cursor() as cursor:
        assert target.introspection.table_names(cursor, include_views=True) == []


def restore(archive, **options):
    out = io.StringIO()
    call_command("restore_site", str(archive), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


# --- Archives changed by hand ---------------------------------------------------------------


def read_members(path):
    with tarfile.open(path, "r:gz") as tar:
        return [
            (member, tar.extractfile(member).read() if member.isreg() else None)
            for member in tar.getmembers()
        ]


def write_members(path, members):
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for member, data in members:
            member = copy.copy(member)
            if data is None:
                tar.addfile(member)
            else:
                member.size = len(data)
                tar.addfile(member, io.BytesIO(data))


def edit_manifest(members, change):
    for position, (member, data) in enumerate(members):
        if member.name == archives.MANIFEST:
            manifest = json.loads(data)
            change(manifest)
            members[position] = (member, json.dumps(manifest).encode())
            return
    raise AssertionError("no manifest")


def media_entry(members, path, data):
    """Lists a file in the manifest as backup_site would."""

    def change(manifest):
        digest = hashlib.sha256(data).hexdigest()
        manifest["media"].append({"path": path, "size": len(data), "sha256": digest})

    edit_manifest(members, change)


# --- The round trip -------------------------------------------------------------------------


def test_restore_gives_back_every_row_and_every_file(media_root, empty_database, tmp_path):
    call_command("load_demo_content", verbosity=0)
    add_uploads(media_root)
    source = database_contents(connection)
    source_files = media_snapshot(media_root)
    # What is compared is not nothing: the demo content, the search index and the uploads.
    assert len(source) > 30
    assert len(source["publications_publication"][1]) == Publication.objects.count() > 5
    assert len(source["search_searchdocument"][1]) > 10
    assert len(source_files) == 4

    archive = tmp_path / "backups" / "site.tar.gz"
    call_command("backup_site", output=str(archive), stdout=io.StringIO())
    restored_media = tmp_path / "restored-media"
    output = restore(archive, database_url=empty_database, media_root=str(restored_media))

    with open_database(empty_database) as target:
        restored = database_contents(target)
        with target.cursor() as cursor:
            cursor.execute("SELECT file FROM publications_publication WHERE file <> ''")
            stored_names = sorted(row[0] for row in cursor.fetchall())
    assert sorted(restored) == sorted(source)
    for table, contents in source.items():
        assert restored[table] == contents, table
    assert media_snapshot(restored_media) == source_files
    # The restored rows name the restored files.
    assert len(stored_names) == 2
    assert all(name in source_files for name in stored_names)

    assert f"{len(source) - 1} tables into the" in output
    assert f"4 files ({backup.human_size(sum(map(len, source_files.values())))})" in output
    assert "rebuild_search_index is not needed" in output
    assert "Migrations: the database matches this code; nothing to migrate." in output


def test_restore_says_which_migrations_to_run(archive, empty_database, tmp_path, monkeypatch):
    """A backup from older code lacks this code's newest migrations; one from newer code has
    migrations this code does not know. Simulated by changing the restored migration table
    before the command looks at it."""
    real_migration_state = databases.migration_state

    def migration_state(target):
        with target.cursor() as cursor:
            cursor.execute("DELETE FROM django_migrations WHERE app = 'search'")
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) "
                "VALUES ('publications', '9999_from_the_future', %s)",
                [timezone.now()],
            )
        return real_migration_state(target)

    monkeypatch.setattr(databases, "migration_state", migration_state)
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "restore_site",
        str(archive),
        database_url=empty_database,
        media_root=str(tmp_path / "restored-media"),
        stdout=out,
        stderr=err,
    )
    assert (
        "This code has 4 migrations the backup does not (search.0001_initial, "
        "search.0002_postgresql_indexes, search.0003_index_in_memory, search.0004_one_engine): "
        "run `manage.py migrate`" in out.getvalue()
    )
    assert "nothing to migrate" not in out.getvalue()
    assert (
        "The backup was made by newer code: its database has migrations this code does not "
        "know (publications.9999_from_the_future)." in err.getvalue()
    )


# --- Refusals: nothing is changed -----------------------------------------------------------


def test_refuses_a_database_that_is_not_empty(archive, empty_database, tmp_path):
    restore(archive, database_url=empty_database, media_root=str(tmp_path / "first"))
    with open_database(empty_database) as target:
        before = database_contents(target)

    second = tmp_path / "second"
    with pytest.raises(CommandError, match="is not empty: it has") as caught:
        restore(archive, database_url=empty_database, media_root=str(second))
    message = str(caught.value)
    assert caught.value.returncode == 2
    assert "only restores into an empty database, so that it never overwrites data" in message
    assert ("createdb" if POSTGRESQL else "a file that does not exist yet") in message
    with open_database(empty_database) as target:
        assert database_contents(target) == before
    assert not second.exists()


def test_refuses_the_configured_test_database(archive, tmp_path):
    """Without --database-url the configured database is the target: the test database is
    in memory on SQLite, and has tables on PostgreSQL."""
    before = database_contents(connection)
    target_media = tmp_path / "restored-media"
    expected = "is not empty: it has" if POSTGRESQL else "is an in-memory SQLite database"
    with pytest.raises(CommandError, match=expected) as caught:
        restore(archive, media_root=str(target_media))
    assert caught.value.returncode == 2
    assert database_contents(connection) == before
    assert not target_media.exists()


@pytest.mark.skipif(POSTGRESQL, reason="an SQLite target; the archive is a PostgreSQL dump")
def test_refuses_an_in_memory_sqlite_database(archive, tmp_path):
    with pytest.raises(CommandError, match="in-memory SQLite database .* a database file"):
        restore(archive, database_url="sqlite://:memory:", media_root=str(tmp_path / "m"))
    assert not (tmp_path / "m").exists()


def test_refuses_a_media_folder_that_is_not_empty(archive, empty_database, tmp_path):
    target_media = tmp_path / "restored-media"
    target_media.mkdir()
    (target_media / "kvar.txt").write_bytes(b"redan h\xc3\xa4r")
    with pytest.raises(CommandError, match="media folder .* is not empty") as caught:
        restore(archive, database_url=empty_database, media_root=str(target_media))
    assert caught.value.returncode == 2
    assert "kvar.txt" in str(caught.value)
    assert media_snapshot(target_media) == {"kvar.txt": b"redan h\xc3\xa4r"}
    assert_untouched(empty_database)


@pytest.mark.parametrize("damaged", ["media file", "database dump"])
def test_refuses_an_archive_whose_checksum_does_not_match(
    archive, empty_database, tmp_path, damaged
):
    members = read_members(archive)
    for position, (member, data) in enumerate(members):
        wanted = member.name.endswith(".pdf") if damaged == "media file" else member.name == DUMP
        if wanted:
            middle = len(data) // 2
            changed = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]
            members[position] = (member, changed)
            name = member.name
            break
    else:
        raise AssertionError(f"no {damaged} in the archive")
    write_members(archive, members)

    target_media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match="does not match its checksum") as caught:
        restore(archive, database_url=empty_database, media_root=str(target_media))
    assert name in str(caught.value)
    assert caught.value.returncode == 2
    assert_untouched(empty_database)
    assert not target_media.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "does not exist"),
        (b"not an archive at all\n" * 50, "is not a readable backup archive"),
        ("truncated", "is not a readable backup archive"),
        ("without manifest", "has no manifest.json"),
    ],
)
def test_refuses_what_is_not_a_whole_backup(archive, empty_database, tmp_path, content, message):
    given = tmp_path / "given.tar.gz"
    if content == "truncated":
        data = archive.read_bytes()
        given.write_bytes(data[: len(data) // 2])
    elif content == "without manifest":
        write_members(given, [m for m in read_members(archive) if m[0].name != "manifest.json"])
    elif content is not None:
        given.write_bytes(content)
    target_media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match=message) as caught:
        restore(given, database_url=empty_database, media_root=str(target_media))
    assert caught.value.returncode == 2
    assert_untouched(empty_database)
    assert not target_media.exists()


def _add_member(members, name, kind, listed_path=None, data=b"gotcha\n"):
    member = tarfile.TarInfo(name)
    member.type = kind
    if kind == tarfile.SYMTYPE:
        member.linkname = "/etc/passwd"
        data = None
    elif kind == tarfile.LNKTYPE:
        member.linkname = "media/övrigt/åtgärder 2018.txt"
        data = None
    elif kind == tarfile.CHRTYPE:
        member.devmajor, member.devminor = 1, 3
        data = None
    members.insert(1, (member, data))
    if listed_path is not None:
        media_entry(members, listed_path, data or b"")


@pytest.mark.parametrize(
    "name, kind, listed_path, message",
    [
        (
            "media/../utanfor.txt",
            tarfile.REGTYPE,
            "../utanfor.txt",
            "is unsafe: the media file '../utanfor.txt' is not a plain relative path",
        ),
        ("../utanfor.txt", tarfile.REGTYPE, None, "is unsafe: the member '../utanfor.txt'"),
        ("/tmp/utanfor.txt", tarfile.REGTYPE, None, "is unsafe: the member '/tmp/utanfor.txt'"),
        ("media/lank", tarfile.SYMTYPE, "lank", "'media/lank' is a symbolic link"),
        ("media/hard", tarfile.LNKTYPE, "hard", "'media/hard' is a hard link"),
        ("media/null", tarfile.CHRTYPE, "null", "'media/null' is a device file"),
        ("media/extra.txt", tarfile.REGTYPE, None, "which its manifest.json does not list"),
    ],
)
def test_refuses_unsafe_members(
    archive, empty_database, tmp_path, name, kind, listed_path, message
):
    members = read_members(archive)
    _add_member(members, name, kind, listed_path)
    write_members(archive, members)
    target_media = tmp_path / "restore" / "media"
    with pytest.raises(CommandError, match=message) as caught:
        restore(archive, database_url=empty_database, media_root=str(target_media))
    assert caught.value.returncode == 2
    assert_untouched(empty_database)
    assert not (tmp_path / "restore").exists()
    assert not (tmp_path / "utanfor.txt").exists()


def test_refuses_a_dump_of_the_other_vendor(archive, empty_database, tmp_path):
    other_dump = backup.DUMP_NAMES[OTHER_VENDOR]
    members = read_members(archive)
    for position, (member, data) in enumerate(members):
        if member.name == DUMP:
            renamed = copy.copy(member)
            renamed.name = other_dump
            members[position] = (renamed, data)

    def change(manifest):
        manifest["database"].update(vendor=OTHER_VENDOR, file=other_dump)

    edit_manifest(members, change)
    write_members(archive, members)

    target_media = tmp_path / "restored-media"
    source, target = backup.VENDOR_LABELS[OTHER_VENDOR], backup.VENDOR_LABELS[connection.vendor]
    with pytest.raises(CommandError) as caught:
        restore(archive, database_url=empty_database, media_root=str(target_media))
    assert str(caught.value).startswith(
        f"This backup holds a {source} database, and the database to restore into is "
        f"{target}: a {source} dump cannot be restored into {target}."
    )
    assert caught.value.returncode == 2
    assert_untouched(empty_database)
    assert not target_media.exists()


# --- A restore that fails half way ---------------------------------------------------------


def test_a_failed_database_restore_takes_the_media_files_back(
    archive, empty_database, tmp_path, monkeypatch
):
    """The files are copied first; if the database then fails, they are removed again, so the
    operator can retry into the same (still empty) targets."""

    def restore_database(connection, dump):
        assert (tmp_path / "restored-media" / "övrigt" / "åtgärder 2018.txt").exists()
        raise backup.BackupError("pg_restore failed (exit code 1):\nsimulated", returncode=1)

    monkeypatch.setattr(databases, "restore_database", restore_database)
    target_media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match="simulated") as caught:
        restore(archive, database_url=empty_database, media_root=str(target_media))
    assert caught.value.returncode == 1
    assert not target_media.exists()


@pytest.mark.skipif(not POSTGRESQL, reason="pg_restore runs for PostgreSQL only")
def test_a_failing_pg_restore_says_why_and_leaves_the_database_empty(
    archive, empty_database, tmp_path
):
    # A type named like a table has no table, so the target counts as empty; creating the
    # table then fails half way through the dump.
    with open_database(empty_database) as target, target.cursor() as cursor:
        cursor.execute("CREATE TYPE publications_publication AS (x integer)")
    target_media = tmp_path / "restored-media"
    with pytest.raises(CommandError) as caught:
        restore(archive, database_url=empty_database, media_root=str(target_media))
    message = str(caught.value)
    assert caught.value.returncode == 1
    assert message.startswith("pg_restore failed (exit code 1):\n")
    assert 'ERROR:  relation "publications_publication" already exists' in message
    assert_untouched(empty_database)  # one transaction: the tables created before are gone
    assert not target_media.exists()


# --- Writing the archive --------------------------------------------------------------------


def test_a_failed_backup_leaves_no_archive(media_root, tmp_path, monkeypatch):
    add_uploads(media_root)
    real_add_file = archives.add_file
    added = []

    def add_file(tar, path, name):
        if len(added) == 2:  # the dump and a file are written; the disk fills up
            raise OSError(28, "No space left on device")
        added.append(name)
        return real_add_file(tar, path, name)

    monkeypatch.setattr(archives, "add_file", add_file)
    output = tmp_path / "backups" / "site.tar.gz"
    with pytest.raises(CommandError, match="The backup failed: .*No space left on device"):
        call_command("backup_site", output=str(output), stdout=io.StringIO())
    assert added[0] == DUMP
    assert not output.exists()
    assert list(output.parent.iterdir()) == []  # neither the temporary archive nor the dump


@pytest.mark.skipif(not POSTGRESQL, reason="pg_dump runs for PostgreSQL only")
def test_a_failing_pg_dump_leaves_no_archive_and_says_why(tmp_path, monkeypatch):
    connection.ensure_connection()  # Django keeps its connection; pg_dump gets the bad name
    monkeypatch.setitem(connection.settings_dict, "NAME", "no_such_database_for_backup")
    output = tmp_path / "backups" / "site.tar.gz"
    with pytest.raises(CommandError) as caught:
        call_command("backup_site", output=str(output), stdout=io.StringIO())
    assert caught.value.returncode == 1
    assert str(caught.value).startswith("pg_dump failed (exit code 1):\n")
    assert 'database "no_such_database_for_backup" does not exist' in str(caught.value)
    assert not output.exists()
    assert list(output.parent.iterdir()) == []


def test_backup_never_overwrites_a_file(archive):
    archive.write_bytes(b"an earlier backup")
    with pytest.raises(CommandError, match="already exists; a backup never overwrites") as caught:
        call_command("backup_site", output=str(archive), stdout=io.StringIO())
    assert caught.value.returncode == 2
    assert archive.read_bytes() == b"an earlier backup"


def test_backup_is_not_written_where_visitors_can_download_it(media_root):
    media_root.mkdir()
    with pytest.raises(CommandError, match="inside the media folder"):
        call_command("backup_site", output=str(media_root / "b.tar.gz"), stdout=io.StringIO())
    assert list(media_root.iterdir()) == []


def test_backup_reports_what_it_wrote(media_root, settings, tmp_path):
    settings.BASE_DIR = tmp_path
    add_uploads(media_root)
    (media_root / "lank.pdf").symlink_to(media_root / "övrigt" / "åtgärder 2018.txt")
    (media_root / os.fsdecode(b"inte-utf8-\xff.txt")).write_bytes(b"no upload is named so")
    out, err = io.StringIO(), io.StringIO()
    call_command("backup_site", stdout=out, stderr=err)

    [written] = (tmp_path / "backups").iterdir()
    assert re.fullmatch(r"growth_portal-\d{8}-\d{6}\.tar\.gz", written.name)
    with tarfile.open(written, "r:gz") as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        dump = tar.extractfile(DUMP).read()

    left_out = {"lank.pdf", os.fsdecode(b"inte-utf8-\xff.txt")}
    files = {
        path: data for path, data in media_snapshot(media_root).items() if path not in left_out
    }
    assert len(files) == 4
    assert sorted(names) == sorted(["manifest.json", DUMP, *(f"media/{p}" for p in files)])
    assert manifest["format_version"] == archives.FORMAT_VERSION == 1
    created = datetime.datetime.fromisoformat(manifest["created"])
    assert abs(timezone.now() - created) < datetime.timedelta(minutes=5)
    assert manifest["database"] == {
        "vendor": connection.vendor,
        "file": DUMP,
        "tables": len(connection.introspection.table_names()),
        "size": len(dump),
        "sha256": hashlib.sha256(dump).hexdigest(),
    }
    migrations = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        migrations.setdefault(app, []).append(name)
    assert manifest["migrations"] == migrations
    assert "0001_initial" in manifest["migrations"]["publications"]
    assert manifest["media"] == [
        {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for path, data in sorted(files.items())
    ]

    size = written.stat().st_size
    migration_count = sum(len(names) for names in migrations.values())
    assert out.getvalue().splitlines() == [
        f"Wrote {written} ({backup.human_size(size)}, {size} bytes).",
        f"  Database: {backup.VENDOR_LABELS[connection.vendor]}, "
        f"{manifest['database']['tables']} tables, {migration_count} migrations applied in "
        f"{len(migrations)} apps.",
        f"  Media: 4 files ({backup.human_size(sum(map(len, files.values())))}), each with "
        "its size and SHA-256.",
        f"  Manifest: format version 1, created {manifest['created']}.",
    ]
    assert err.getvalue() == (
        "Not in the archive (symbolic links, special files, names that are not UTF-8): "
        "inte-utf8-\ufffd.txt, lank.pdf\n"
    )
