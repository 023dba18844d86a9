"""A throwaway production-like site for the tools: a temporary SQLite database, media and static
roots in a temporary folder, the demo content and its search index, compressed static files from
``collectstatic``, and gunicorn with the production settings on a free loopback port.

Nothing here imports Django: the site runs in its own processes, as ``make serve`` starts it,
so what the browser gets is what production sends (whitenoise's compressed, hashed files, the
page cache, the security headers). The only production setting changed is the HTTPS redirect,
which ``DJANGO_SECURE_SSL_REDIRECT=0`` turns off because loopback speaks plain HTTP; browsers
treat 127.0.0.1 as a secure origin, so nothing else differs.

    with DemoSite() as site:
        site.base          # "http://127.0.0.1:<port>"
        site.pages()       # {page type: path} from the demo content (tools/demo_pages.py)
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Variables of the calling shell that would change the site under test.
FOREIGN_PREFIXES = ("DJANGO_", "GUNICORN_")
FOREIGN_NAMES = {"DATABASE_URL", "REDIS_URL"}


class SiteError(RuntimeError):
    """The throwaway site could not be built or started; the message says why."""


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path, lines=60):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError as error:
        return f"(no log: {error})"


def fetch_status(url, timeout=10):
    """The HTTP status of a GET, redirects not followed; 0 when nothing answers."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


class DemoSite:
    """Build the site in a temporary folder, start gunicorn, and remove it all on exit.

    One worker by default: the tools ask for one page at a time, and the page cache (local
    memory without REDIS_URL) is then the same for the warming request and the measured one,
    as it is for every worker when production shares it in Redis.
    """

    def __init__(self, workers=1, log=sys.stderr):
        self.workers = workers
        self.log = log
        self.dir = None
        self.port = None
        self.process = None
        self.env = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def server_log(self):
        return Path(self.dir) / "gunicorn.log"

    def say(self, message):
        print(message, file=self.log, flush=True)

    def __enter__(self):
        if not GUNICORN.exists():
            raise SiteError(f"gunicorn is not installed ({GUNICORN} missing); run `make install`")
        self.dir = tempfile.mkdtemp(prefix="growth-portal-site-")
        try:
            self.env = self._environment(Path(self.dir))
            self._build()
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info):
        self._stop()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def _environment(self, root):
        """The production environment the README documents, on loopback over plain HTTP."""
        (root / "media").mkdir()
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(FOREIGN_PREFIXES) and name not in FOREIGN_NAMES
        }
        env.update(
            DJANGO_SETTINGS_MODULE="growth_portal.settings",
            DJANGO_ENV="production",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_STATIC_ROOT=str(root / "static"),
            DJANGO_MEDIA_ROOT=str(root / "media"),
            DJANGO_INDICATOR_IMPORT_DIR=str(root / "imports"),
            DJANGO_LOG_LEVEL="WARNING",
            DATABASE_URL=f"sqlite:///{root / 'site.sqlite3'}",
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args, timeout=600):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise SiteError(
                f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
            )
        return result.stdout

    def _build(self):
        started = time.monotonic()
        self.say(f"Building a throwaway site in {self.dir} …")
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo_content", "-v", "0")
        self.manage("rebuild_search_index", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.say(f"… built in {time.monotonic() - started:.0f} s")

    def _start(self, timeout=60):
        self.port = free_port()
        env = {
            **self.env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(self.workers),
        }
        with self.server_log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(GUNICORN), "--config", "python:growth_portal.gunicorn_conf"],
                cwd=REPO,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SiteError(
                    f"gunicorn exited with {self.process.returncode}:\n{tail(self.server_log)}"
                )
            if fetch_status(self.base + "/readyz", timeout=2) == 200:
                self.say(f"Serving on {self.base} (gunicorn, {self.workers} worker(s))")
                return
            time.sleep(0.3)
        raise SiteError(f"gunicorn did not answer /readyz in {timeout} s:\n{tail(self.server_log)}")

    def _stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=25)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def pages(self):
        """{page type: path} of the demo content, in the order of tools/demo_pages.py."""
        output = self.manage(
            "shell", "-v", "0", "-c", "from tools.demo_pages import main; main()", timeout=120
        )
        for line in output.splitlines():
            if line.startswith("PAGES="):
                return dict(json.loads(line[len("PAGES=") :]))
        raise SiteError(f"tools/demo_pages.py printed no PAGES= line:\n{output}")

    def warm(self, path):
        """Ask for a page once, as a visitor before the measured one would (the page cache keeps
        anonymous pages); raise unless it answers 200."""
        status = fetch_status(self.base + path, timeout=30)
        if status != 200:
            raise SiteError(f"{path} answered {status}, not 200:\n{tail(self.server_log, 30)}")
