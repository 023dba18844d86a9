"""manage.py import_indicator and fetch_scb_indicator; the fetch asks a local PxWeb stand-in
on 127.0.0.1, never SCB."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from indicators.models import ImportBatch, Observation

from . import make_indicator, make_regions
from .jsonstat_samples import as_bytes, dataset

pytestmark = pytest.mark.django_db

CSV = "region_code,year,sex,value\n01,2020,totalt,10\n04,2020,totalt,20\n"


@pytest.fixture
def indicator():
    make_regions()
    return make_indicator(scb_table="BE/BE0101/BE0101A/BefolkningNy")


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def test_import_indicator_imports_a_file_and_says_what_it_did(indicator, tmp_path):
    path = tmp_path / "folkmangd.csv"
    path.write_text(CSV, encoding="utf-8")

    first = run("import_indicator", "folkmangd", str(path))
    second = run("import_indicator", "folkmangd", str(path))

    assert "2 nya, 0 ändrade, 0 oförändrade" in first
    assert "0 nya, 0 ändrade, 2 oförändrade" in second
    assert Observation.objects.count() == 2
    assert ImportBatch.objects.filter(file_name="folkmangd.csv").count() == 1


def test_a_dry_run_prints_the_plan_and_writes_nothing(indicator, tmp_path):
    path = tmp_path / "folkmangd.csv"
    path.write_text(CSV, encoding="utf-8")

    out = run("import_indicator", "folkmangd", str(path), "--dry-run")

    assert "Skulle importera 2 rader" in out and "inget sparades" in out
    assert not Observation.objects.exists()
    assert not ImportBatch.objects.exists()


def test_a_file_with_errors_fails_and_prints_them(indicator, tmp_path):
    path = tmp_path / "fel.csv"
    path.write_text(CSV + "0199,2020,totalt,1\n", encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError, match="Filen har 1 fel"):
        call_command("import_indicator", "folkmangd", str(path), stdout=StringIO(), stderr=err)

    assert "Rad 4: okänd regionkod 0199." in err.getvalue()
    assert not Observation.objects.exists()


def test_unknown_indicators_and_missing_files_are_refused(indicator, tmp_path):
    with pytest.raises(CommandError, match="ingen indikator med kortnamnet 'finns-inte'"):
        run("import_indicator", "finns-inte", str(tmp_path / "a.csv"))
    with pytest.raises(CommandError, match="Kan inte öppna"):
        run("import_indicator", "folkmangd", str(tmp_path / "finns-inte.csv"))


def test_import_indicator_reads_json_stat_with_the_chosen_contents(indicator, tmp_path):
    path = tmp_path / "scb.json"
    path.write_bytes(as_bytes(dataset(regions=("0114",), years=("2020",), values=[5, 6])))

    out = run("import_indicator", "folkmangd", str(path), "--format", "json-stat")

    assert "2 nya" in out
    assert ImportBatch.objects.get().file_format == "json-stat"


# --- fetch_scb_indicator against a local stand-in for PxWeb ---------------------------------


class PxWeb:
    """An HTTP server on 127.0.0.1 that records what is posted and answers with ``answer``
    (bytes) and ``status``."""

    def __init__(self, answer, status=200):
        self.answer, self.status, self.requests = answer, status, []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                owner.requests.append(
                    (self.path, self.headers["Content-Type"], json.loads(self.rfile.read(length)))
                )
                self.send_response(owner.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(owner.answer)))
                self.end_headers()
                self.wfile.write(owner.answer)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.server.server_port}/OV0104/v1/doris/sv/ssd/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


QUERY = {
    "query": [
        {"code": "Region", "selection": {"filter": "vs:RegionKommun07", "values": ["0114"]}},
        {"code": "Tid", "selection": {"filter": "item", "values": ["2019", "2020"]}},
    ],
    "response": {"format": "px"},
}


def test_fetch_posts_the_query_for_json_stat_and_imports_the_answer(indicator, tmp_path):
    query = tmp_path / "fraga.json"
    query.write_text(json.dumps(QUERY), encoding="utf-8")
    answer = as_bytes(dataset(regions=("0114",), values=[1, 2, 3, 4]))

    with PxWeb(answer) as pxweb:
        out = run(
            "fetch_scb_indicator", "folkmangd", "--query", str(query), "--base-url", pxweb.base_url
        )

    [(path, content_type, posted)] = pxweb.requests
    assert path == "/OV0104/v1/doris/sv/ssd/BE/BE0101/BE0101A/BefolkningNy"
    assert content_type == "application/json"
    assert posted == {"query": QUERY["query"], "response": {"format": "json-stat2"}}
    assert "4 nya" in out
    batch = ImportBatch.objects.get()
    assert batch.file_format == "pxweb-api"
    assert batch.file_name == pxweb.base_url + "BE/BE0101/BE0101A/BefolkningNy"
    assert Observation.objects.filter(region__key="0114").count() == 4


def test_fetch_uses_the_table_given_instead_of_the_indicators(indicator):
    with PxWeb(as_bytes(dataset(regions=("01",), values=[1, 2, 3, 4]))) as pxweb:
        run(
            "fetch_scb_indicator",
            "folkmangd",
            "--table",
            "AM/AM0207/X",
            "--base-url",
            pxweb.base_url,
        )
    assert pxweb.requests[0][0].endswith("/ssd/AM/AM0207/X")
    assert pxweb.requests[0][2] == {"query": [], "response": {"format": "json-stat2"}}


def test_an_http_error_is_a_clear_command_error(indicator):
    with (
        PxWeb(b'{"error": "Too many cells"}', status=403) as pxweb,
        pytest.raises(CommandError, match="SCB svarade 403"),
    ):
        run("fetch_scb_indicator", "folkmangd", "--base-url", pxweb.base_url)
    assert not Observation.objects.exists()


def test_an_answer_that_is_not_json_stat_is_refused(indicator):
    err = StringIO()
    with (
        PxWeb(b"<html>Underhall</html>") as pxweb,
        pytest.raises(CommandError, match="Filen har 1 fel"),
    ):
        call_command(
            "fetch_scb_indicator",
            "folkmangd",
            "--base-url",
            pxweb.base_url,
            stdout=StringIO(),
            stderr=err,
        )
    assert "inte giltig JSON" in err.getvalue()


def test_a_server_that_cannot_be_reached_is_a_clear_command_error(indicator):
    # A port that was just free: nothing listens there.
    with PxWeb(b"") as pxweb:
        base_url = pxweb.base_url
    with pytest.raises(CommandError, match="Kunde inte nå"):
        run("fetch_scb_indicator", "folkmangd", "--base-url", base_url)


def test_an_indicator_without_a_table_needs_one(indicator):
    indicator.scb_table = ""
    indicator.save()
    with pytest.raises(CommandError, match="ingen SCB-tabell"):
        run("fetch_scb_indicator", "folkmangd")
