"""Restore an archive written by backup_site into an empty database and media folder
(``make restore BACKUP=…``):

    manage.py restore_site backups/growth_portal-20250301-020000.tar.gz
    manage.py restore_site ARCHIVE --database-url postgres://user@host/new_db --media-root DIR

Everything is checked before anything is written: the archive and its manifest, every file's
checksum, and that the database is of the archive's kind (PostgreSQL or SQLite). The database
must have no tables and the media folder must be empty or missing; anything else is refused,
so a restore never overwrites data. Bad input stops with exit code 2 and a message.
"""

from contextlib import ExitStack

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from growth_portal import backup
from growth_portal.backup import databases, site
from pagecache import keys as pagecache
from search.indexing import record_removals
from search.models import SearchRemoval


class Command(BaseCommand):
    help = (
        "Restore a backup_site archive into an empty database (DATABASE_URL) and an empty "
        "media folder (MEDIA_ROOT)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz archive backup_site wrote.")
        parser.add_argument(
            "--media-root",
            metavar="DIR",
            help="Put the uploaded files here instead of MEDIA_ROOT (empty or missing).",
        )
        parser.add_argument(
            "--database-url",
            metavar="URL",
            help="Restore into this database instead of the configured one, written like "
            "DATABASE_URL (it must be empty).",
        )

    def handle(self, *args, archive, media_root=None, database_url=None, **options):
        media_root = media_root or settings.MEDIA_ROOT
        try:
            with ExitStack() as stack:
                if database_url:
                    connection = stack.enter_context(databases.database_from_url(database_url))
                else:
                    connection = connections[DEFAULT_DB_ALIAS]
                target = databases.database_label(connection)
                result = site.restore_backup(
                    archive, connection, media_root, announce=self.stdout.write
                )
        except backup.BackupError as error:
            raise CommandError(str(error), returncode=error.returncode) from error
        except OSError as error:
            raise CommandError(f"The restore failed: {error}", returncode=backup.FAILED) from error
        if database_url is None:
            pagecache.content_changed()  # pages cached from before the restore are not served
            # Every web process loads its search index in memory again (search/engine.py).
            # A backup older than that table gets it from `migrate`, with a restart.
            if SearchRemoval._meta.db_table in connection.introspection.table_names():
                record_removals([None])

        manifest = result.manifest
        self.stdout.write(
            f"Restored the backup made {manifest['created']}: {result.tables} tables into the "
            f"{target}, {backup.count(result.media_files, 'file')} "
            f"({backup.human_size(result.media_bytes)}) into {media_root}."
        )
        self.stdout.write(
            "The search index is stored in the database and came back with it; "
            "rebuild_search_index is not needed (running web processes load it again at "
            "their next search)."
        )
        if result.unknown:
            self.stderr.write(
                "The backup was made by newer code: its database has migrations this code "
                f"does not know ({', '.join(result.unknown)}). Run it with the code it was "
                "made with (or newer)."
            )
        if result.pending:
            self.stdout.write(
                f"This code has {len(result.pending)} migrations the backup does not "
                f"({', '.join(result.pending[:5])}{', …' if len(result.pending) > 5 else ''}): "
                "run `manage.py migrate` (make migrate) with the same DATABASE_URL next."
            )
        elif not result.unknown:
            self.stdout.write("Migrations: the database matches this code; nothing to migrate.")
