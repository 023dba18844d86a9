"""Import files kept on the server between the admin's preview and the editor's confirmation.

The browser gets only a random token; the file, its name, the format and contents chosen, the
indicator and the user stay in ``settings.INDICATOR_IMPORT_DIR``, so a confirmation can only
import the file that was previewed, by the user who previewed it, into the same indicator.
The file is checked again when confirmed and removed afterwards; files left behind (a preview
never confirmed) are removed once they are a day old, whenever a new one is stored.
"""

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
KEPT_SECONDS = 24 * 60 * 60


@dataclass
class PendingImport:
    token: str
    path: Path
    file_name: str
    file_format: str
    contents: str


def directory():
    path = Path(settings.INDICATOR_IMPORT_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def remove_stale(now=None):
    """Removes kept files older than a day."""
    limit = (now or time.time()) - KEPT_SECONDS
    for path in directory().iterdir():
        if TOKEN.fullmatch(path.stem) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def store(uploaded_file, *, indicator, user, file_format, contents):
    """Keeps an uploaded file; returns its ``PendingImport``."""
    remove_stale()
    token = secrets.token_urlsafe(24)
    folder = directory()
    path = folder / f"{token}.data"
    with path.open("xb") as out:
        for chunk in uploaded_file.chunks():
            out.write(chunk)
    facts = {
        "indicator": indicator.pk,
        "user": user.pk,
        "file_name": uploaded_file.name,
        "file_format": file_format,
        "contents": contents,
    }
    (folder / f"{token}.json").write_text(json.dumps(facts), encoding="utf-8")
    return PendingImport(token, path, uploaded_file.name, file_format, contents)


def find(token, *, indicator, user):
    """The kept file of ``token`` if it was stored for this indicator and user, else None."""
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    folder = directory()
    path = folder / f"{token}.data"
    try:
        facts = json.loads((folder / f"{token}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if facts.get("indicator") != indicator.pk or facts.get("user") != user.pk or not path.exists():
        return None
    return PendingImport(token, path, facts["file_name"], facts["file_format"], facts["contents"])


def discard(token):
    if TOKEN.fullmatch(token):
        folder = directory()
        for suffix in (".data", ".json"):
            (folder / f"{token}{suffix}").unlink(missing_ok=True)
