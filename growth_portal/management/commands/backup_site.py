"""Write the database and every uploaded file to one archive (``make backup``):

    manage.py backup_site
    manage.py backup_site --output /srv/backups/growth_portal-before-upgrade.tar.gz

The archive goes to backups/growth_portal-<YYYYmmdd-HHMMSS>.tar.gz under the project folder
unless --output is given; it is written under a temporary name and renamed when complete, and
an existing file is never overwritten. What it holds: growth_portal/backup/.
"""

from django.core.management.base import BaseCommand, CommandError

from growth_portal import backup
from growth_portal.backup import site


class Command(BaseCommand):
    help = "Write the database and the uploaded files (MEDIA_ROOT) to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="Where to write the archive (default: backups/growth_portal-<time>.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        try:
            result = site.create_backup(output)
        except backup.BackupError as error:
            raise CommandError(str(error), returncode=error.returncode) from error
        except OSError as error:
            raise CommandError(f"The backup failed: {error}", returncode=backup.FAILED) from error

        manifest = result.manifest
        database = manifest["database"]
        migrations = sum(len(names) for names in manifest["migrations"].values())
        self.stdout.write(
            f"Wrote {result.path} ({backup.human_size(result.size)}, {result.size} bytes)."
        )
        self.stdout.write(
            f"  Database: {backup.vendor_label(database['vendor'])}, {database['tables']} "
            f"tables, {migrations} migrations applied in {len(manifest['migrations'])} apps."
        )
        self.stdout.write(
            f"  Media: {backup.count(len(manifest['media']), 'file')} "
            f"({backup.human_size(result.media_bytes)}), each with its size and SHA-256."
        )
        self.stdout.write(
            f"  Manifest: format version {manifest['format_version']}, "
            f"created {manifest['created']}."
        )
        if not database["tables"]:
            self.stderr.write(
                "The database has no tables: is DATABASE_URL the site's database, and has "
                "`manage.py migrate` been run?"
            )
        if result.skipped:
            self.stderr.write(
                "Not in the archive (symbolic links, special files, names that are not UTF-8): "
                + ", ".join(result.skipped)
            )
