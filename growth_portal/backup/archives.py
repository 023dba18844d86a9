"""The archive: writing the database dump, the media files and the manifest into one tar.gz,
and reading one back, checked for structure, checksums and safe paths before anything is
restored from it."""

import gzip
import hashlib
import json
import os
import re
import tarfile
import zlib
from pathlib import Path, PurePosixPath

from django.utils import timezone

from . import DUMP_NAMES, FAILED, BackupError

FORMAT = "growth_portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
CHUNK = 1 << 20
SHA256 = re.compile(r"[0-9a-f]{64}")


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


def plain_info(info):
    """No owner names or ids from this server in the archive; plain read-write files."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o644
    return info


def add_file(tar, path, name):
    with open(path, "rb") as source:
        info = plain_info(tar.gettarinfo(arcname=name, fileobj=source))
        reader = HashingReader(source)
        tar.addfile(info, reader)
    return {"size": info.size, "sha256": reader.sha256.hexdigest()}


def add_bytes(tar, name, text):
    data = text.encode()
    info = plain_info(tarfile.TarInfo(name))
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, BytesReader(data))


class BytesReader:
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


def member_kind(member):
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
        return ArchiveErrors(self.path)

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
                    f"{member_kind(member)}; a backup holds regular files only. Nothing was "
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


class ArchiveErrors:
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
