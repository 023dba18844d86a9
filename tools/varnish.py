"""Varnish in front of gunicorn on loopback, with the repository's VCL
(deploy/varnish/default.vcl).

``make serve-proxy`` runs :func:`main`: gunicorn as ``make serve`` starts it, told to purge
this Varnish, and varnishd in front of it; Ctrl-C (or SIGTERM) stops both. The proxy tests
(tests/load/test_varnish.py) and the churn benchmark use :class:`Varnish` on free ports.

varnishd listens on two loopback sockets: the public one, for visitors (through the TLS proxy
in production), and the one named ``purge``, the only one where the VCL accepts ``PURGE``
(:attr:`Varnish.purge_url` is what goes in ``DJANGO_PAGE_CACHE_PURGE_URLS``).

VCL cannot read the environment, so the backend's address is put into a copy of the file
(:func:`vcl_for_backend`), written with everything else varnishd needs into a working
directory of its own that is removed at the end.

    VARNISH_LISTEN   address Varnish listens on          (default 127.0.0.1:6081)
    VARNISH_PURGE_LISTEN  address of its purge socket    (default 127.0.0.1:6091)
    GUNICORN_BIND    address gunicorn listens on         (default 127.0.0.1:8000)
    DJANGO_PAGE_CACHE_PURGE_URLS  where the site purges  (default http://<VARNISH_PURGE_LISTEN>/)
    VARNISH_STORAGE  varnishd's -s                       (default malloc,256m)
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VCL = REPO / "deploy" / "varnish" / "default.vcl"
VARNISHD = Path(os.environ.get("VARNISHD", shutil.which("varnishd") or "/usr/sbin/varnishd"))
GUNICORN = Path(sys.executable).parent / "gunicorn"

# The name of the listen socket where the VCL accepts PURGE (`local.socket`).
PURGE_SOCKET = "purge"

# The backend declaration's address in the VCL file.
BACKEND = re.compile(r'(backend gunicorn \{\s*\.host = )"[^"]*";(\s*\.port = )"[^"]*";')


class VarnishError(RuntimeError):
    """varnishd could not be started; the message says why."""


def vcl_for_backend(host, port):
    """The repository's VCL with the backend at ``host``:``port``."""
    text, found = BACKEND.subn(
        lambda match: f'{match[1]}"{host}";{match[2]}"{port}";', VCL.read_text()
    )
    if found != 1:
        raise VarnishError(f"{VCL} has no `backend gunicorn` with .host and .port lines")
    return text


def split_address(address, default_port):
    host, _, port = address.rpartition(":")
    return (host or "127.0.0.1").strip("[]"), int(port or default_port)


def free_port(host="127.0.0.1"):
    """A port nothing listens on now, for a socket of varnishd's."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def answers(host, port, timeout=1):
    """Whether something accepts connections at host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def tail(path, lines=60):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError as error:
        return f"(no log: {error})"


def stop_group(process, timeout=20):
    """SIGTERM to a child's process group, SIGKILL if it lingers."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


class Varnish:
    """varnishd in the foreground as a child process (its own process group), listening on
    ``listen`` for visitors and on ``purge_listen`` (a free loopback port without it) for
    purges, and forwarding to the backend; its output goes to the file ``log``, or to this
    process's own output without one.

        with Varnish(backend_port=8000, listen="127.0.0.1:6081") as varnish:
            varnish.base        # "http://127.0.0.1:6081"
            varnish.purge_url   # "http://127.0.0.1:<port>/", for DJANGO_PAGE_CACHE_PURGE_URLS
    """

    def __init__(
        self,
        backend_port,
        *,
        listen,
        purge_listen=None,
        backend_host="127.0.0.1",
        log=None,
        storage=None,
    ):
        self.backend = (backend_host, int(backend_port))
        self.host, self.port = split_address(listen, 6081)
        if purge_listen:
            self.purge_host, self.purge_port = split_address(purge_listen, 6091)
        else:
            self.purge_host, self.purge_port = "127.0.0.1", free_port()
        self.storage = storage or "malloc,256m"
        self.dir = None
        self.log = Path(log) if log else None
        self.process = None

    @property
    def base(self):
        return f"http://{self.host}:{self.port}"

    @property
    def purge_url(self):
        """Where the site sends its purges (DJANGO_PAGE_CACHE_PURGE_URLS)."""
        return f"http://{self.purge_host}:{self.purge_port}/"

    @staticmethod
    def missing():
        """Why varnishd cannot run here, or None."""
        if not VARNISHD.exists():
            return (
                f"varnishd is not installed ({VARNISHD}; apt-get install varnish varnish-modules)"
            )
        return None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def start(self, timeout=60):
        reason = self.missing()
        if reason:
            raise VarnishError(reason)
        self.dir = Path(tempfile.mkdtemp(prefix="growth-portal-varnish-"))
        # varnishd started as root runs its cache process as an unprivileged user, which must
        # be able to read the working directory.
        self.dir.chmod(0o755)
        vcl = self.dir / "default.vcl"
        vcl.write_text(vcl_for_backend(*self.backend))
        command = [
            str(VARNISHD),
            "-F",
            "-n",
            str(self.dir / "work"),
            "-a",
            f"{self.host}:{self.port}",
            "-a",
            f"{PURGE_SOCKET}={self.purge_host}:{self.purge_port}",
            "-f",
            str(vcl),
            "-s",
            self.storage,
            # The management interface on a loopback port the kernel chooses.
            "-T",
            "127.0.0.1:0",
        ]
        out = self.log.open("ab") if self.log else None
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT if out else None,
                start_new_session=True,
            )
        finally:
            if out:
                out.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.output()
                self.stop()
                raise VarnishError(f"varnishd exited with {self.process.returncode}:\n{output}")
            if answers(self.host, self.port) and answers(self.purge_host, self.purge_port):
                return self
            time.sleep(0.1)
        output = self.output()
        self.stop()
        raise VarnishError(f"varnishd did not listen on {self.base} in {timeout} s:\n{output}")

    def output(self):
        return tail(self.log) if self.log else "(its output is above)"

    def stop(self):
        stop_group(self.process)
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


def main():
    """`make serve-proxy`: gunicorn and Varnish in front of it, until Ctrl-C."""
    listen = os.environ.get("VARNISH_LISTEN", "127.0.0.1:6081")
    purge_listen = os.environ.get("VARNISH_PURGE_LISTEN", "127.0.0.1:6091")
    bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
    backend_host, backend_port = split_address(bind, 8000)
    if backend_host in ("0.0.0.0", "::"):
        backend_host = "127.0.0.1"
    varnish = Varnish(
        backend_port,
        backend_host=backend_host,
        listen=listen,
        purge_listen=purge_listen,
        storage=os.environ.get("VARNISH_STORAGE"),
    )
    env = {
        **os.environ,
        "GUNICORN_BIND": bind,
        "DJANGO_PAGE_CACHE_PURGE_URLS": os.environ.get(
            "DJANGO_PAGE_CACHE_PURGE_URLS", varnish.purge_url
        ),
    }

    def stop(signum, frame):
        raise KeyboardInterrupt

    # SIGINT too: a shell that starts this in the background would have it ignored.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    gunicorn = None
    try:
        # Varnish first: gunicorn purges every page as it starts (a new release may change any).
        varnish.start()
        # The same command as `make serve`, in its own process group so that Ctrl-C reaches
        # this process only, which then stops gunicorn gracefully.
        gunicorn = subprocess.Popen(
            [str(GUNICORN), "--config", "python:growth_portal.gunicorn_conf"],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while not answers(backend_host, backend_port) and gunicorn.poll() is None:
            if time.monotonic() > deadline:
                print(f"gunicorn does not listen on {bind}", file=sys.stderr)
                return 1
            time.sleep(0.2)
        print(
            f"Varnish on {varnish.base} in front of gunicorn on http://{bind}; it accepts "
            f"purges on {varnish.purge_url} only, and the site purges "
            f"{env['DJANGO_PAGE_CACHE_PURGE_URLS']}. Ctrl-C stops both.",
            flush=True,
        )
        while gunicorn.poll() is None and varnish.process.poll() is None:
            time.sleep(0.5)
        if gunicorn.returncode is not None:
            print(f"gunicorn exited with {gunicorn.returncode}", file=sys.stderr)
        else:
            print(f"varnishd exited:\n{varnish.output()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except VarnishError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        varnish.stop()
        stop_group(gunicorn, timeout=30)


if __name__ == "__main__":
    sys.exit(main())
