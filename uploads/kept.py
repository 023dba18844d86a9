"""Files an editor chose in a form that was refused for another reason, kept on the server
until the form is sent again.

A browser cannot fill in a file input again, so without this an editor who chose a 40 MB
report and mistyped the year would have to find and upload it again. The file waits in
``settings.KEPT_UPLOAD_DIR`` (outside the media folder: never served, never backed up) under a
random name; the form carries only a token that is signed for the user who chose the file and
expires with the file. The next submit takes the file back (it is then checked again like any
upload, with the same size and content rules) and removes it. Files of forms that were never
sent again are removed once they are a day old, whenever another one is kept.
"""

import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import TemporaryUploadedFile

TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
KEPT_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Kept:
    """A kept file as the form shows it: the signed token and the name the editor chose."""

    token: str
    name: str


def _signer(owner):
    # The owner is part of the salt: a token signed for one user does not open for another.
    return signing.TimestampSigner(salt=f"uploads.kept:{owner}")


def directory():
    path = Path(settings.KEPT_UPLOAD_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def remove_stale(now=None):
    """Removes kept files older than a day; the number of files removed."""
    limit = (now or time.time()) - KEPT_SECONDS
    removed = 0
    for path in directory().iterdir():
        if TOKEN.fullmatch(path.stem) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def keep(uploaded_file, owner):
    """Keeps ``uploaded_file`` (an upload that passed its field's checks) for ``owner`` (the
    user's primary key); returns what the form needs to offer it again."""
    remove_stale()
    token = secrets.token_urlsafe(24)
    folder = directory()
    uploaded_file.seek(0)
    with (folder / f"{token}.data").open("xb") as out:
        for chunk in uploaded_file.chunks():
            out.write(chunk)
    uploaded_file.seek(0)
    facts = {
        "owner": str(owner),
        "name": uploaded_file.name,
        "content_type": uploaded_file.content_type or "application/octet-stream",
    }
    (folder / f"{token}.json").write_text(json.dumps(facts), encoding="utf-8")
    return Kept(_signer(owner).sign(token), uploaded_file.name)


def take(signed_token, owner):
    """The kept file of ``signed_token`` as an upload, if it was kept for ``owner`` within the
    last day, and removed from the folder; None otherwise."""
    remove_stale()
    try:
        token = _signer(owner).unsign(signed_token, max_age=KEPT_SECONDS)
    except signing.BadSignature:
        return None
    if not TOKEN.fullmatch(token):
        return None
    folder = directory()
    data, meta = folder / f"{token}.data", folder / f"{token}.json"
    try:
        facts = json.loads(meta.read_text(encoding="utf-8"))
        if facts.get("owner") != str(owner):
            return None
        size = data.stat().st_size
        upload = TemporaryUploadedFile(facts["name"], facts["content_type"], size, None)
        with data.open("rb") as kept:
            shutil.copyfileobj(kept, upload.file)
    except (OSError, ValueError, KeyError):
        return None
    upload.file.seek(0)
    for path in (data, meta):
        path.unlink(missing_ok=True)
    return upload
