"""32 concurrent connections across the page mix, against gunicorn with the production
settings on PostgreSQL: no 5xx and no failed connections.

Two runs on the same database. The first is the production set-up: the page cache on, in
Redis. The second turns the page cache off, so every request renders its page and queries the
database; it is shorter, but it is the one that shows whether the workers and the database keep
up when the cache cannot help (just after an editor's change empties it, for instance).
"""

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .harness import discover_pages, get, prepare_database, redis_url, site_env, unavailable

pytestmark = pytest.mark.load

CONNECTIONS = 32
THREADS = 2
MIX = Path(__file__).with_name("mix.lua")
# Redis databases of their own: 4 here, 5 in test_database_outage.py (emptied before use).
REDIS_DB = 4
# wrk counts an answer slower than this as a timeout error (its default is 2 s).
CLIENT_TIMEOUT = "10s"
# Far below what two workers do even without the cache; only a run that hardly ran fails it.
MIN_REQUESTS_PER_SECOND = 5

RUNS = {
    "page-cache": {"seconds": 30, "settings": {}},
    "no-page-cache": {"seconds": 15, "settings": {"DJANGO_PAGE_CACHE_SECONDS": "0"}},
}


@pytest.fixture(scope="module")
def load_database(system_database, site_dirs):
    """The database with the demo content, and the page mix found in it."""
    env = site_env(system_database, *site_dirs)
    prepare_database(env)
    return system_database, discover_pages(env)


def shows(text, expected):
    return expected in text or html.escape(expected) in text


def run_wrk(base, paths_file, seconds):
    wrk = shutil.which("wrk")
    if wrk is None:
        unavailable("wrk is not installed (apt-get install wrk)")
    command = [
        wrk,
        f"--threads={THREADS}",
        f"--connections={CONNECTIONS}",
        f"--duration={seconds}s",
        f"--timeout={CLIENT_TIMEOUT}",
        f"--script={MIX}",
        base + "/",
    ]
    result = subprocess.run(
        command,
        env={**os.environ, "WRK_PATHS": str(paths_file)},
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"wrk failed ({result.returncode}):\n{output}"
    line = next((line for line in output.splitlines() if line.startswith("LOADMIX ")), None)
    assert line, f"mix.lua printed no LOADMIX line:\n{output}"
    return {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", line)}, output


@pytest.mark.parametrize("run", list(RUNS))
def test_load_mix(run, load_database, start_site, tmp_path, report_line):
    seconds = RUNS[run]["seconds"]
    database_url, pages = load_database
    server = start_site(database_url, redis=redis_url(REDIS_DB), **RUNS[run]["settings"])

    for path, expected in pages:
        answer = get(server.base + path)
        assert answer.status == 200, f"{path} answered {answer.status} before the run"
        assert shows(answer.text, expected), f"{path} does not show {expected!r}"
    paths_file = tmp_path / "paths.txt"
    paths_file.write_text("".join(f"{path}\n" for path, _ in pages))
    workers = server.worker_pids()

    counts, output = run_wrk(server.base, paths_file, seconds)

    report_line(
        f"load mix [{run}] {CONNECTIONS} connections, {seconds} s, {len(pages)} addresses: "
        f"{counts['requests']} requests ({counts['requests'] / seconds:.0f}/s), "
        f"2xx={counts['2xx']} 3xx={counts['3xx']} 4xx={counts['4xx']} 5xx={counts['5xx']}, "
        f"page cache hits={counts['cache_hits']}, socket errors connect={counts['connect']} "
        f"read={counts['read']} write={counts['write']} timeout={counts['timeout']}, "
        f"latency p50={counts['latency_p50_us'] / 1000:.1f} ms "
        f"p99={counts['latency_p99_us'] / 1000:.1f} ms max={counts['latency_max_us'] / 1000:.1f} ms"
    )
    assert counts["5xx"] == 0, f"{counts['5xx']} answers were 5xx:\n{output}"
    socket_errors = {name: counts[name] for name in ("connect", "read", "write", "timeout")}
    assert not any(socket_errors.values()), f"failed connections {socket_errors}:\n{output}"
    # Every address answered 200 before the run; under load nothing else is acceptable either.
    answered = sum(counts[f"{n}xx"] for n in range(1, 6)) + counts["other"]
    assert counts["2xx"] == answered == counts["requests"], f"not all 2xx:\n{output}"
    assert counts["requests"] >= MIN_REQUESTS_PER_SECOND * seconds, output
    if RUNS[run]["settings"].get("DJANGO_PAGE_CACHE_SECONDS") == "0":
        assert counts["cache_hits"] == 0, "the page cache answered although it is off"
    else:
        # Everything but the static file comes from the cache once it is warm.
        assert counts["cache_hits"] > counts["requests"] // 2, output
    assert server.worker_pids() == workers, "a gunicorn worker was restarted during the run"
