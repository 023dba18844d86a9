"""Backup and restore of the whole site: the database and the uploaded files in one archive.

``manage.py backup_site`` (``make backup``) writes one gzip-compressed tar archive::

    database.pgdump      PostgreSQL: pg_dump's custom format
    database.sqlite3     SQLite: a copy made with SQLite's online backup API
    media/<path>         every file under MEDIA_ROOT, under its path there
    manifest.json        what the archive holds

The manifest records the format version, when the archive was made, the database vendor, the
migrations applied per app, and the size and SHA-256 of the database dump and of every file. It
is written last, from the bytes that actually went into the archive, so a file that changes
while the backup runs cannot make it lie. The archive is written under a temporary name and
renamed when it is complete: a backup that fails leaves no archive under the final name.

``manage.py restore_site`` (``make restore``) checks everything before it writes anything (the
archive is readable, every checksum matches, the vendor is the target's) and restores only into
an empty database and an empty or missing media folder: it never overwrites data. tarfile
extracts nothing itself: each file is copied to a path built from its checked relative path, so
absolute paths, ``..``, links and device files in an archive are refused, never followed.

The search index lives in the database (search.SearchDocument), so it comes back with it.
"""

import gzip
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import dj_database_url
import django
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.migrations.loader import MigrationLoader
from django.db.utils import ConnectionHandler, load_backend
from django.utils import timezone

FORMAT = "growth_portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
VENDOR_LABELS = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
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
CHUNK = 1 << 20
SHA256 = re.compile(r"[0-9a-f]{64}")

BAD_INPUT = 2  # refused before anything was written: wrong archive or wrong target
FAILED = 1  # a step failed while it ran: pg_dump, pg_restore, the disk


class BackupError(Exception):
    """A backup or restore that cannot go on; the message tells the operator why."""

    def __init__(self, message, returncode=BAD_INPUT):
        super().__init__(message)
        self.returncode = returncode


def vendor_label(vendor):
    return VENDOR_LABELS.get(vendor, vendor)


def human_size(size):
    """``532 bytes``, ``12.3 kB``, ``4.1 MB`` (powers of 1000, as ``ls --si``)."""
    if size < 1000:
        return f"{size} bytes"
    for unit in ("kB", "MB", "GB"):
        size /= 1000
        if size < 1000:
            return f"{size:.1f} {unit}"
    return f"{size / 1000:.1f} TB"


def count(number, singular, plural=None):
    """``1 file``, ``3 files``."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


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

    Like the connection Django opens to the "postgres" database to create a test database,
    it is made directly from its settings under the alias NO_DB_ALIAS, and is not one of
    django.db.connections: django.contrib.postgres, which looks a connection up by its alias
    when it opens, skips that alias. The ORM finds connections by alias too, so everything
    here uses this one through raw SQL and introspection only."""
    try:
        config = dj_database_url.parse(url)
    except ValueError as error:
        raise BackupError(f"--database-url: {error}") from error
    # A handler of its own fills in Django's defaults (OPTIONS, TIME_ZONE, …).
    settings_dict = ConnectionHandler({DEFAULT_DB_ALIAS: config}).settings[DEFAULT_DB_ALIAS]
    try:
        backend = load_backend(settings_dict["ENGINE"])
    except ImproperlyConfigured as error:
        raise BackupError(f"--database-url: {error}") from error
    connection = backend.DatabaseWrapper(settings_dict, alias=NO_DB_ALIAS)
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

    Raw SQL rather than MigrationRecorder: the ORM finds connections by alias in
    django.db.connections, and a --database-url target is not one of them."""
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


# --- Backup -----------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: dict
    skipped: list = field(default_factory=list)

    @property
    def media_bytes(self):
        return sum(entry["size"] for entry in self.manifest["media"])


def default_backup_path():
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"growth_portal-{stamp}.tar.gz"


def create_backup(output=None, connection=None, media_root=None):
    """Write the database and every file under ``media_root`` (MEDIA_ROOT) to one archive at
    ``output`` (default: backups/growth_portal-<time>.tar.gz under BASE_DIR)."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    media_root = Path(settings.MEDIA_ROOT if media_root is None else media_root)
    output = Path(output) if output else default_backup_path()
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(
            f"backup_site handles PostgreSQL and SQLite; the configured database is {vendor}."
        )
    if output.is_dir():
        raise BackupError(f"--output: {output} is a folder; give a file name.")
    if output.exists():
        raise BackupError(f"{output} already exists; a backup never overwrites a file.")
    if output.resolve().is_relative_to(media_root.resolve()):
        # Everything under MEDIA_ROOT is served to visitors, and the archive holds the whole
        # database, password hashes included.
        raise BackupError(
            f"--output: {output} is inside the media folder {media_root}, which the site "
            "serves to anyone; write the backup somewhere else."
        )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=output.parent, prefix=f".{output.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise BackupError(
            f"Cannot write in {output.parent}: {error}.", returncode=FAILED
        ) from error

    temporary = Path(temporary)
    try:
        with (
            os.fdopen(handle, "wb") as raw,
            tempfile.TemporaryDirectory(prefix=".growth_portal-dump-", dir=output.parent) as work,
        ):
            tables = table_names(connection)
            migrations = applied_migrations(connection)
            dump = Path(work) / DUMP_NAMES[vendor]
            dump_database(connection, dump)
            skipped = []
            with tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
                database = add_file(tar, dump, DUMP_NAMES[vendor])
                dump.unlink()
                media = []
                for relative, path in media_files(media_root, skipped):
                    media.append({"path": relative, **add_file(tar, path, MEDIA_PREFIX + relative)})
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created": timezone.now().isoformat(timespec="seconds"),
                    "django_version": django.get_version(),
                    "database": {
                        "vendor": vendor,
                        "file": DUMP_NAMES[vendor],
                        "tables": len(tables),
                        **database,
                    },
                    "migrations": migrations,
                    "media": media,
                }
                add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            raw.flush()
            os.fsync(raw.fileno())
        if output.exists():
            raise BackupError(f"{output} appeared while the backup ran; it was left alone.")
        os.replace(temporary, output)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return BackupResult(output, output.stat().st_size, manifest, skipped)


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


def media_files(media_root, skipped):
    """``(relative POSIX path, path)`` of every regular file under ``media_root``, sorted.
    Symbolic links, special files and names that are not printable UTF-8 (no upload gets such
    a name) are left out; their paths go to ``skipped``."""
    if not media_root.exists():
        return []
    if not media_root.is_dir():
        raise BackupError(f"The media folder {media_root} (MEDIA_ROOT) is not a folder.")

    def fail(error):
        raise BackupError(f"Cannot read the media folder: {error}.", returncode=FAILED)

    found = []
    for directory, subdirectories, names in os.walk(media_root, onerror=fail):
        directory = Path(directory)
        for name in [*subdirectories, *names]:
            path = directory / name
            relative = path.relative_to(media_root).as_posix()
            if (
                path.is_symlink()
                or not (path.is_dir() or path.is_file())
                or not relative.isprintable()  # control characters, or bytes that are not UTF-8
            ):
                skipped.append(relative.encode(errors="surrogateescape").decode(errors="replace"))
            elif path.is_file():
                found.append((relative, path))
    skipped.sort()
    return sorted(found)


class HashingReader:
    """A file that hashes what is read from it: exactly the bytes tarfile puts in the archive,
    even if the file grows while it is copied."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _plain(info):
    """No owner names or ids from this server in the archive; plain read-write files."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o644
    return info


def add_file(tar, path, name):
    with open(path, "rb") as source:
        info = _plain(tar.gettarinfo(arcname=name, fileobj=source))
        reader = HashingReader(source)
        tar.addfile(info, reader)
    return {"size": info.size, "sha256": reader.sha256.hexdigest()}


def add_bytes(tar, name, text):
    data = text.encode()
    info = _plain(tarfile.TarInfo(name))
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, _BytesReader(data))


class _BytesReader:
    def __init__(self, data):
        self.data = memoryview(data)
        self.position = 0

    def read(self, size=-1):
        end = len(self.data) if size < 0 else self.position + size
        chunk = self.data[self.position : end]
        self.position += len(chunk)
        return bytes(chunk)


# --- Reading an archive -----------------------------------------------------------------------


def check_relative_path(name, what):
    """Refuse a path that is absolute or leaves its folder (``..``), or is not written the one
    plain way (``./a``, ``a//b``, ``a/``)."""
    path = PurePosixPath(name)
    if (
        not name
        or not path.parts
        or "\x00" in name
        or path.is_absolute()
        or ".." in path.parts
        or path.as_posix() != name
    ):
        raise BackupError(
            f"The archive is unsafe: {what} {name!r} is not a plain relative path inside its "
            "folder (it is absolute, has '..' or the like); nothing was restored."
        )
    return path


def _member_kind(member):
    if member.issym():
        return "a symbolic link"
    if member.islnk():
        return "a hard link"
    if member.isdev():
        return "a device file or FIFO"
    if member.isdir():
        return "a folder entry"
    return "not a regular file"


class BackupArchive:
    """An archive made by backup_site, opened and checked for structure: the manifest is
    there and well formed, and the members are exactly the files it lists, as regular files
    with safe paths. ``verify`` then checks every byte against the manifest's checksums."""

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.exists():
            raise BackupError(f"The archive {self.path} does not exist.")
        if not self.path.is_file():
            raise BackupError(f"{self.path} is not a file.")
        with self._reading():
            self.tar = tarfile.open(self.path, "r:gz")  # noqa: SIM115 (closed in __exit__)
        try:
            with self._reading():
                self.members = self.tar.getmembers()
                self.manifest = self._read_manifest()
            self._check_members()
        except BaseException:
            self.tar.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.tar.close()

    def _reading(self):
        return _ArchiveErrors(self.path)

    @property
    def vendor(self):
        return self.manifest["database"]["vendor"]

    @property
    def database_file(self):
        return self.manifest["database"]["file"]

    def _read_manifest(self):
        found = [member for member in self.members if member.name == MANIFEST]
        if not found or not found[0].isreg():
            raise BackupError(
                f"{self.path} has no {MANIFEST}: it is not an archive made by backup_site."
            )
        try:
            manifest = json.loads(self.tar.extractfile(found[0]).read().decode())
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BackupError(f"The archive's {MANIFEST} is not valid JSON: {error}.") from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"{self.path} is not an archive made by backup_site.")
        version = manifest.get("format_version")
        if version != FORMAT_VERSION:
            newer = isinstance(version, int) and version > FORMAT_VERSION
            raise BackupError(
                f"The archive has format version {version!r}; this code reads version "
                f"{FORMAT_VERSION}" + (": it was made by a newer growth_portal." if newer else ".")
            )
        self._check_manifest(manifest)
        return manifest

    def _check_manifest(self, manifest):
        def entry_ok(entry):
            return (
                isinstance(entry, dict)
                and isinstance(entry.get("size"), int)
                and entry["size"] >= 0
                and isinstance(entry.get("sha256"), str)
                and SHA256.fullmatch(entry["sha256"])
            )

        database = manifest.get("database")
        media = manifest.get("media")
        migrations = manifest.get("migrations")
        if not (
            entry_ok(database)
            and database.get("vendor") in DUMP_NAMES
            and database.get("file") == DUMP_NAMES[database["vendor"]]
            and isinstance(media, list)
            and all(entry_ok(entry) and isinstance(entry.get("path"), str) for entry in media)
            and isinstance(migrations, dict)
        ):
            raise BackupError(f"The archive's {MANIFEST} is incomplete or damaged.")
        paths = [entry["path"] for entry in media]
        for path in paths:
            check_relative_path(path, "the media file")
        if len(set(paths)) != len(paths):
            raise BackupError(f"The archive's {MANIFEST} lists a media file twice.")

    def _check_members(self):
        database = self.manifest["database"]
        self.expected = {MANIFEST: None, database["file"]: database}
        for entry in self.manifest["media"]:
            self.expected[MEDIA_PREFIX + entry["path"]] = entry
        seen = set()
        for member in self.members:
            check_relative_path(member.name, "the member")
            if not member.isreg():
                raise BackupError(
                    f"The archive is unsafe: the member {member.name!r} is "
                    f"{_member_kind(member)}; a backup holds regular files only. Nothing was "
                    "restored."
                )
            if member.name not in self.expected:
                raise BackupError(
                    f"The archive holds {member.name!r}, which its {MANIFEST} does not list."
                )
            if member.name in seen:
                raise BackupError(f"The archive holds {member.name!r} twice.")
            seen.add(member.name)
            entry = self.expected[member.name]
            if entry is not None and member.size != entry["size"]:
                raise BackupError(
                    f"The archive is damaged: {member.name} has {member.size} bytes, its "
                    f"{MANIFEST} says {entry['size']}."
                )
        missing = sorted(set(self.expected) - seen)
        if missing:
            raise BackupError(
                "The archive is incomplete: "
                + ", ".join(missing[:5])
                + (" …" if len(missing) > 5 else "")
                + f" listed in its {MANIFEST} missing."
            )

    def verify(self, dump_path):
        """Check every member against its checksum, writing the database dump to
        ``dump_path`` on the way."""
        with self._reading():
            for member in self.members:
                entry = self.expected[member.name]
                if entry is None:
                    continue
                if member.name == self.database_file:
                    with open(dump_path, "wb") as target:
                        digest = self._copy(member, target)
                else:
                    digest = self._copy(member, None)
                if digest != entry["sha256"]:
                    raise BackupError(
                        f"The archive is damaged: {member.name} does not match its checksum "
                        f"in {MANIFEST}. Nothing was restored."
                    )

    def _copy(self, member, target):
        source = self.tar.extractfile(member)
        digest = hashlib.sha256()
        while block := source.read(CHUNK):
            digest.update(block)
            if target is not None:
                target.write(block)
        return digest.hexdigest()

    def extract_media(self, media_root):
        """Copy the media files into ``media_root`` (empty or missing); the paths created, in
        order. If a file fails, what was created is removed again."""
        created = []
        try:
            if not media_root.exists():
                media_root.mkdir(parents=True)
                created.append(media_root)
            root = media_root.resolve()
            with self._reading():
                for member in self.members:
                    entry = self.expected[member.name]
                    if not member.name.startswith(MEDIA_PREFIX) or entry is None:
                        continue
                    target = root.joinpath(*PurePosixPath(entry["path"]).parts)
                    if not target.resolve().is_relative_to(root):  # a second safety net
                        raise BackupError(f"The archive is unsafe: {entry['path']!r}.")
                    for parent in reversed(target.parents):
                        if parent.is_relative_to(root) and not parent.exists():
                            parent.mkdir()
                            created.append(parent)
                    with open(target, "xb") as out:  # never overwrites
                        created.append(target)
                        digest = self._copy(member, out)
                    if digest != entry["sha256"]:
                        raise BackupError(
                            f"The archive changed while it was restored: {member.name}."
                        )
                    os.utime(target, (member.mtime, member.mtime))
        except BaseException:
            remove_created(created)
            raise
        return created


def remove_created(paths):
    """Remove files and folders a failed restore created, newest first."""
    for path in reversed(paths):
        try:
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()
        except OSError:
            pass


class _ArchiveErrors:
    """Turns what tarfile and gzip raise on a damaged or foreign file into a BackupError."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, exc_type, error, traceback):
        if exc_type is not None and issubclass(
            exc_type, tarfile.TarError | EOFError | zlib.error | gzip.BadGzipFile
        ):
            raise BackupError(
                f"{self.path} is not a readable backup archive (a .tar.gz made by "
                f"backup_site): {error or exc_type.__name__}."
            ) from error
        return False


# --- Restore ----------------------------------------------------------------------------------


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


def check_media_target(media_root):
    if media_root.exists() and not media_root.is_dir():
        raise BackupError(f"The media folder {media_root} is not a folder.")
    if media_root.is_dir():
        entries = sorted(entry.name for entry in media_root.iterdir())
        if entries:
            shown = ", ".join(entries[:5]) + (", …" if len(entries) > 5 else "")
            raise BackupError(
                f"The media folder {media_root} is not empty (it holds {shown}). restore_site "
                "only restores into an empty or missing folder, so that it never overwrites an "
                "uploaded file. Move its contents away, or give --media-root with an empty "
                "folder (and set DJANGO_MEDIA_ROOT to it)."
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


@dataclass
class RestoreResult:
    manifest: dict
    tables: int
    media_files: int
    media_bytes: int
    pending: list
    unknown: list


def restore_backup(archive_path, connection, media_root, announce=None):
    """Check the archive and the targets, then restore the database into ``connection`` and
    the files into ``media_root``. ``announce`` (a function) hears each step as it starts."""
    announce = announce or (lambda message: None)
    media_root = Path(media_root)
    with BackupArchive(archive_path) as archive:
        check_database_target(connection, archive.vendor)
        check_media_target(media_root)
        announce(f"Checking every file of {archive.path} against its checksum …")
        with tempfile.TemporaryDirectory(prefix="growth_portal-restore-") as work:
            dump = Path(work) / archive.database_file
            archive.verify(dump)
            announce(f"Restoring into the {database_label(connection)} and {media_root} …")
            created = archive.extract_media(media_root)
            try:
                restore_database(connection, dump)
            except BaseException:
                remove_created(created)
                raise
        manifest = archive.manifest
    pending, unknown = migration_state(connection)
    return RestoreResult(
        manifest=manifest,
        tables=len(table_names(connection)),
        media_files=len(manifest["media"]),
        media_bytes=sum(entry["size"] for entry in manifest["media"]),
        pending=pending,
        unknown=unknown,
    )
