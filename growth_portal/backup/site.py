"""A whole backup or restore: the database and the media folder into one archive, and back
into an empty database and an empty media folder."""

import json
import os
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from . import DUMP_NAMES, FAILED, BackupError, archives, databases


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
            tables = databases.table_names(connection)
            migrations = databases.applied_migrations(connection)
            dump = Path(work) / DUMP_NAMES[vendor]
            databases.dump_database(connection, dump)
            skipped = []
            with tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
                database = archives.add_file(tar, dump, DUMP_NAMES[vendor])
                dump.unlink()
                media = []
                for relative, path in archives.media_files(media_root, skipped):
                    media.append(
                        {
                            "path": relative,
                            **archives.add_file(tar, path, archives.MEDIA_PREFIX + relative),
                        }
                    )
                manifest = {
                    "format": archives.FORMAT,
                    "format_version": archives.FORMAT_VERSION,
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
                archives.add_bytes(
                    tar, archives.MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False)
                )
            raw.flush()
            os.fsync(raw.fileno())
        if output.exists():
            raise BackupError(f"{output} appeared while the backup ran; it was left alone.")
        os.replace(temporary, output)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return BackupResult(output, output.stat().st_size, manifest, skipped)


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
    with archives.BackupArchive(archive_path) as archive:
        databases.check_database_target(connection, archive.vendor)
        archives.check_media_target(media_root)
        announce(f"Checking every file of {archive.path} against its checksum …")
        with tempfile.TemporaryDirectory(prefix="growth_portal-restore-") as work:
            dump = Path(work) / archive.database_file
            archive.verify(dump)
            announce(
                f"Restoring into the {databases.database_label(connection)} and {media_root} …"
            )
            created = archive.extract_media(media_root)
            try:
                databases.restore_database(connection, dump)
            except BaseException:
                archives.remove_created(created)
                raise
        manifest = archive.manifest
    pending, unknown = databases.migration_state(connection)
    return RestoreResult(
        manifest=manifest,
        tables=len(databases.table_names(connection)),
        media_files=len(manifest["media"]),
        media_bytes=sum(entry["size"] for entry in manifest["media"]),
        pending=pending,
        unknown=unknown,
    )
