"""The churn benchmark's visitors (benchmarks/zipf.lua, benchmarks/churn.py): wrk asks only the
addresses of the list, the most popular most often and the last one too, and the address list
puts the list pages first in a repeatable order. A loopback server of the test's own counts
what wrk asks; nothing here measures speed."""

import math
import shutil
import subprocess
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.churn import LUA, harmonic_share, ranked_addresses, zipf_draws

from .harness import unavailable

pytestmark = pytest.mark.load

ADDRESSES = ["/", "/publikationer/?organisation=testdata-a&year_from=2018", "/program/x/", "/z/"]


class Counting(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as wrk expects

    def do_GET(self):
        with self.server.lock:
            self.server.asked[self.path] += 1
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def counting_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    server.daemon_threads = True
    server.asked = Counter()
    server.lock = threading.Lock()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(10)


def test_wrk_asks_the_listed_addresses_zipf_wise(counting_server, tmp_path):
    wrk = shutil.which("wrk")
    if wrk is None:
        unavailable("wrk is not installed (apt-get install wrk)")
    listed = tmp_path / "addresses.txt"
    listed.write_text("\n".join(ADDRESSES) + "\n", encoding="utf-8")
    port = counting_server.server_address[1]
    done = subprocess.run(
        [wrk, "-t2", "-c4", "-d3s", "--script", str(LUA), f"http://127.0.0.1:{port}"]
        + ["--", str(listed), "7"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    asked = dict(counting_server.asked)
    assert set(asked) <= set(ADDRESSES), asked
    total = sum(asked.values())
    assert total >= 100, asked
    # Rank r with weight 1/r: with four addresses the first gets 12/25 of the requests and the
    # last 3/25; allow five standard deviations either way.
    weights = [1 / rank for rank in range(1, len(ADDRESSES) + 1)]
    for address, weight in zip(ADDRESSES, weights, strict=True):
        expected = weight / sum(weights)
        spread = 5 * math.sqrt(expected * (1 - expected) / total)
        assert abs(asked.get(address, 0) / total - expected) <= spread, (address, asked)


def test_list_pages_take_the_top_ranks_in_a_repeatable_order():
    lists = ["/", "/publikationer/", "/program/", "/nyheter/", "/program/?year=2018", "/teman/"]
    details = [f"/publikationer/p{n}/" for n in range(50)]
    ranked = ranked_addresses(lists, details, seed=3)
    assert ranked[:3] == lists[:3]
    assert sorted(ranked[3:6]) == sorted(lists[3:])
    assert sorted(ranked[6:]) == sorted(details)
    assert ranked[6:] != details  # shuffled
    assert ranked_addresses(lists, details, seed=3) == ranked
    assert ranked_addresses(lists, details, seed=4) != ranked


def test_the_editor_draws_popular_programmes_more_often():
    draws = zipf_draws(["top", "middle", "tail"], [10, 100, 1000], 2000, seed=1)
    counts = Counter(draws)
    assert counts["top"] > counts["middle"] > counts["tail"]
    assert zipf_draws(["top", "middle", "tail"], [10, 100, 1000], 2000, seed=1) == draws


def test_harmonic_share():
    assert harmonic_share(1, 4, 4) == pytest.approx(1)
    assert harmonic_share(1, 1, 4) == pytest.approx(12 / 25)
