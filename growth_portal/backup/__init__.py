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

The modules: ``databases`` (reading, dumping and restoring PostgreSQL and SQLite), ``archives``
(writing and checking the archive) and ``site`` (a whole backup or restore); here, what they
share.
"""

DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
VENDOR_LABELS = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
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
