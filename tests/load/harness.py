"""What the load and database-failure tests need to run the site as production does: the
management commands, gunicorn on a free loopback port, a private PostgreSQL cluster, and a
small HTTP client that handles cookies itself.

Everything talks to 127.0.0.1 only. Nothing here imports Django: the site runs in its own
processes, with the production settings, exactly as ``make serve`` starts it.
"""

import http.client
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
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SYSTEM_PG = os.environ.get("LOAD_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432")
# A secret key for the whole run, so that a restarted server still knows the sessions.
SECRET_KEY = secrets.token_urlsafe(48)
# Variables of the calling shell that would change the site under test.
FOREIGN_PREFIXES = ("DJANGO_", "GUNICORN_")
FOREIGN_NAMES = {"DATABASE_URL", "REDIS_URL"}


def unavailable(reason):
    """Skip for a missing tool; fail instead where CI promised the tools (REQUIRE_LOAD_TESTS=1)."""
    if os.environ.get("REQUIRE_LOAD_TESTS") == "1":
        pytest.fail(f"{reason} (REQUIRE_LOAD_TESTS=1)", pytrace=False)
    pytest.skip(reason)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tail(path, lines=80):
    try:
        text = Path(path).read_text(errors="replace")
    except OSError as error:
        return f"(no log: {error})"
    return "\n".join(text.splitlines()[-lines:])


# --- The site's processes -----------------------------------------------------------------


def site_env(database_url, static_root, media_root, redis_url=None, **extra):
    """The production environment the README documents, on loopback and over plain HTTP."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(FOREIGN_PREFIXES) and name not in FOREIGN_NAMES
    }
    env.update(
        DJANGO_SETTINGS_MODULE="growth_portal.settings",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(media_root),
        DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update({name: str(value) for name, value in extra.items()})
    return env


def manage(env, *args, timeout=180):
    """Run a management command; its output, or an error that shows it."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        )
    return result.stdout


def prepare_database(env):
    """Tables, the demo content and its search index, as `make demo` does."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content", "-v", "0")
    manage(env, "rebuild_search_index", "-v", "0")


def create_editor(env, username="redaktor"):
    """A superuser for the admin, with a new password; (username, password)."""
    password = secrets.token_urlsafe(16)
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": password},
        "createsuperuser",
        "--noinput",
        "--username",
        username,
        "--email",
        f"{username}@example.org",
    )
    return username, password


class Gunicorn:
    """gunicorn with the project's configuration, in a process group of its own, its output in
    ``log``."""

    def __init__(self, env, log, workers=2):
        self.port = free_port()
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
        }
        self.workers = workers
        self.log = Path(log)
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=30):
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(GUNICORN), "--config", "python:growth_portal.gunicorn_conf"],
                cwd=REPO,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}:\n{tail(self.log)}"
                )
            try:
                if get(self.base + "/healthz", timeout=2).status == 200 and (
                    len(self.worker_pids()) == self.workers
                ):
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz in {timeout} s:\n{tail(self.log)}")

    def worker_pids(self):
        """The master's children: the workers."""
        pid = self.process.pid
        try:
            text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:
            text = subprocess.run(
                ["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True
            ).stdout
        return sorted(int(item) for item in text.split())

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass


# --- PostgreSQL ---------------------------------------------------------------------------


def pg_admin(server_url, *statements):
    """Run statements on a server's ``postgres`` database, outside any transaction."""
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True, connect_timeout=5) as conn:
        for statement in statements:
            conn.execute(statement)


def pg_query(database_url, sql, params=()):
    import psycopg

    with psycopg.connect(database_url, connect_timeout=5) as conn:
        return conn.execute(sql, params).fetchall()


class PrivateCluster:
    """A PostgreSQL cluster of the test's own, in a temporary directory, that the test may stop
    and start at will. The system cluster other suites use is never touched."""

    def __init__(self):
        self.port = free_port()
        self.dir = None
        self.as_postgres = []

    @staticmethod
    def missing():
        """Why a private cluster cannot be made here, or None."""
        for name in ("initdb", "pg_ctl", "postgres"):
            if not (PG_BIN / name).exists():
                return f"PostgreSQL server binaries are not installed ({PG_BIN / name} missing)"
        if os.geteuid() == 0 and not shutil.which("runuser"):
            return "runuser is missing (needed to run initdb as the postgres user)"
        return None

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def run(self, *args, timeout=60):
        result = subprocess.run(
            [*self.as_postgres, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
                f"\n{tail(self.log) if self.dir else ''}"
            )
        return result

    @property
    def log(self):
        return Path(self.dir) / "server.log"

    def create(self):
        self.dir = tempfile.mkdtemp(prefix="gp-load-pg-")
        if os.geteuid() == 0:
            # initdb refuses to run as root; the cluster belongs to the postgres user.
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        self.run(
            str(PG_BIN / "initdb"),
            "-D",
            f"{self.dir}/data",
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale",
            "C.UTF-8",
        )
        return self

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self.run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            f"{self.dir}/data",
            "-o",
            options,
            "-l",
            str(self.log),
            "-w",
            "-t",
            "30",
            "start",
        )

    def stop(self, mode="fast"):
        self.run(str(PG_BIN / "pg_ctl"), "-D", f"{self.dir}/data", "-m", mode, "-w", "stop")

    def running(self):
        result = subprocess.run(
            [*self.as_postgres, str(PG_BIN / "pg_ctl"), "-D", f"{self.dir}/data", "status"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
        )
        return result.returncode == 0

    def destroy(self):
        if self.dir is None:
            return
        try:
            if self.running():
                self.stop(mode="immediate")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


# --- HTTP ---------------------------------------------------------------------------------


class Answer:
    def __init__(self, status, headers, body, duration):
        self.status = status
        self.headers = headers
        self.body = body
        self.duration = duration

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name, default=None):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return default

    def cookies(self):
        jar = SimpleCookie()
        for key, value in self.headers:
            if key.lower() == "set-cookie":
                jar.load(value)
        return {name: morsel.value for name, morsel in jar.items()}


def request(method, url, *, headers=None, body=None, timeout=10):
    """One request on a fresh connection; redirects are not followed. OSError on failure."""
    assert url.startswith("http://127.0.0.1:"), url
    host_port, _, path = url[len("http://") :].partition("/")
    host, _, port = host_port.partition(":")
    started = time.monotonic()
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request(method, "/" + path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        return Answer(response.status, response.getheaders(), content, time.monotonic() - started)
    finally:
        connection.close()


def get(url, **kwargs):
    return request("GET", url, **kwargs)


class Browser:
    """An editor's browser, reduced to what the admin needs. The production settings mark the
    session and CSRF cookies Secure, which a browser would not send over plain HTTP; on
    loopback this client keeps and sends them itself."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}

    def _headers(self, extra=None):
        headers = {"User-Agent": "growth-portal-load-test"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra or {})
        return headers

    def get(self, path, timeout=10):
        answer = request("GET", self.base + path, headers=self._headers(), timeout=timeout)
        self.cookies.update(answer.cookies())
        return answer

    def post(self, path, data, timeout=20):
        body = urlencode(data, doseq=True).encode()
        headers = self._headers(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.base,
                "Referer": self.base + path,
            }
        )
        answer = request("POST", self.base + path, headers=headers, body=body, timeout=timeout)
        self.cookies.update(answer.cookies())
        return answer

    def log_in(self, username, password):
        page = self.get("/admin/login/?next=/admin/")
        assert page.status == 200, page.status
        form = FormParser.parse(page.text, action_contains="/admin/login/")
        form.update(username=username, password=password)
        answer = self.post("/admin/login/?next=/admin/", form)
        assert answer.status == 302 and "sessionid" in self.cookies, (
            f"login failed: {answer.status}\n{answer.text[:2000]}"
        )


def save_in_admin(editor, change, form_id, **fields):
    """Open the admin's change page ``change`` in the editor's browser, change ``fields`` in
    the form ``form_id`` and save it, as the editor would; fails unless the admin saved."""
    page = editor.get(change)
    assert page.status == 200, f"{change} answered {page.status}"
    form = FormParser.parse(page.text, form_id=form_id)
    form.update(fields, _save="Spara")
    answer = editor.post(change, form)
    assert answer.status == 302, f"the admin did not save ({answer.status}):\n{answer.text[:3000]}"
    return answer


class FormParser(HTMLParser):
    """The fields one form would submit unchanged: inputs, checked boxes, selected options and
    text areas; no file inputs and, unless named, no submit buttons."""

    def __init__(self, form_id=None, action_contains=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.action_contains = action_contains
        self.in_form = False
        self.found = False
        self.fields = []
        self.select = None
        self.select_options = []
        self.option = None
        self.textarea = None

    @classmethod
    def parse(cls, html, form_id=None, action_contains=None):
        parser = cls(form_id, action_contains)
        parser.feed(html)
        parser.close()
        if not parser.found:
            raise AssertionError(f"no form {form_id or action_contains!r} on the page")
        data = {}
        for name, value in parser.fields:
            data.setdefault(name, []).append(value)
        return {name: values[0] if len(values) == 1 else values for name, values in data.items()}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            wanted = (self.form_id and attrs.get("id") == self.form_id) or (
                self.action_contains and self.action_contains in (attrs.get("action") or "")
            )
            if wanted and not self.found:
                self.in_form = self.found = True
            return
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("file", "submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value") or "on"))
                return
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self.select = (name, "multiple" in attrs)
            self.select_options = []
        elif tag == "option" and self.select:
            self.option = [attrs.get("value"), "selected" in attrs, ""]
            self.select_options.append(self.option)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[2] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select:
            name, multiple = self.select
            values = [
                (value if value is not None else text.strip())
                for value, selected, text in self.select_options
                if selected
            ]
            if not values and not multiple and self.select_options:
                first = self.select_options[0]
                values = [first[0] if first[0] is not None else first[2].strip()]
            self.fields.extend((name, value) for value in values)
            self.select = None
        elif tag == "textarea" and self.textarea:
            name, text = self.textarea
            # The HTML parser keeps the newline a browser drops after <textarea>.
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


# --- The site's content and cache ---------------------------------------------------------


def discover_pages(env):
    """The page mix, from the demo content: [address, text the page must show] pairs."""
    script = (REPO / "tests" / "load" / "discover.py").read_text()
    output = manage(env, "shell", "-v", "0", "-c", script)
    for line in output.splitlines():
        if line.startswith("PAGES="):
            return json.loads(line[len("PAGES=") :])
    raise AssertionError(f"discover.py printed no PAGES= line:\n{output}")


def redis_url(number):
    """A Redis database of the load tests' own, emptied first; skipped where Redis is missing."""
    import redis

    url = f"redis://127.0.0.1:6379/{number}"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        client.flushdb()
        client.close()
    except redis.RedisError as error:
        unavailable(f"Redis does not answer at {url}: {error}")
    return url


# --- Shared with the unit tests -----------------------------------------------------------


def wait_for_child(pid, seconds=60):
    """The exit code of the forked child ``pid``, waited for at most ``seconds``; a child that
    has not ended by then is killed and the test fails, instead of waiting for ever."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError(f"the forked child {pid} did not end within {seconds} s")


class ManualClock:
    """A clock (seconds, like ``time.monotonic``) that moves only when the test moves it: for
    code that takes its clock as an argument (the deadlines' watchdog, the cache's back-off)."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds
