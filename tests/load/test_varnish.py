"""Varnish in front of gunicorn, as `make serve-proxy` runs them: the repository's VCL
(deploy/varnish/default.vcl) in a real varnishd, gunicorn with the production settings and
Redis, told to purge that varnishd (DJANGO_PAGE_CACHE_PURGE_URLS).

Promised, and proved here through Varnish's answers (``X-Cache``) and gunicorn's request log
(one line per request that reached Django):

* a page asked for twice is served by Varnish the second time; Django sees one request;
* an editor's save in the admin purges the pages that show what was changed, and only those:
  an unrelated publication's page stays in Varnish;
* a scheduled publication appears on its list on time, with no purge at all;
* a request with a session cookie always reaches Django, and a page with a form is never kept;
* the visitor's CSRF cookie reaches Django (a form open in two tabs keeps one token and can be
  sent) but never makes an object of its own;
* PURGE is accepted on Varnish's purge socket only, never on the public one;
* addresses that differ only in tracking parameters, in parameters no view reads or in the
  order of the query are one object in Varnish.
"""

import html
import json
import secrets
import time
from urllib.parse import urlencode

import pytest

from tools.varnish import Varnish

from .harness import (
    Browser,
    FormParser,
    Gunicorn,
    create_editor,
    free_port,
    get,
    manage,
    prepare_database,
    redis_url,
    request,
    save_in_admin,
    site_env,
    unavailable,
)

pytestmark = pytest.mark.load

# Redis databases of their own: 4 and 5 are the other load tests'.
REDIS_DB = 6
# Generous: the machine may be busy; each wait ends as soon as its condition holds.
DEADLINE = 20
# The scheduled publication's time, seconds after the test creates it; how long the list
# stays in Django's page cache before Varnish asks for it; and how soon after the time the list
# must show it (well under AGED, so that a lifetime counted from Django's render would fail).
AHEAD = "15"
AGED = 6
ON_TIME = 3

# Run inside the site (manage.py shell -c): the demo content's addresses the tests use.
DISCOVER = """
import json
from programmes.models import Programme
from publications.models import Publication

programme = Programme.objects.published().select_related("organisation").order_by("pk").first()
unrelated = (
    Publication.objects.published()
    .filter(programmes=None)
    .exclude(organisations=programme.organisation)
    .order_by("pk")
    .first()
)
other = Publication.objects.published().exclude(pk=unrelated.pk).order_by("pk").first()
print("FOUND=" + json.dumps({
    "programme_id": programme.pk,
    "programme": programme.get_absolute_url(),
    "programme_title": programme.title,
    "organisation": programme.organisation.slug,
    "unrelated": unrelated.get_absolute_url(),
    "other": other.get_absolute_url(),
    "other_title": other.title,
    "other_kind": other.kind,
}))
"""

# Run inside the site: an organisation of its own with one publication, published from the
# given number of seconds on. Its process has no purge URLs, so nothing tells Varnish about it.
SCHEDULE = """
import os
import time
from datetime import datetime, UTC
from organisations.choices import OrganisationKind
from organisations.models import Organisation
from publications.models import Publication

slug, title, ahead = (os.environ[f"SCHEDULED_{name}"] for name in ("SLUG", "TITLE", "AHEAD"))
at = time.time() + float(ahead)
organisation = Organisation.objects.create(
    name="Schemalagda " + slug, slug=slug, kind=OrganisationKind.NATIONAL_AGENCY
)
publication = Publication.objects.create(
    title=title, slug=slug, kind="report", year=2026, summary="Schemalagd.",
    publish_state="published", publish_from=datetime.fromtimestamp(at, UTC),
)
publication.organisations.set([organisation])
print(f"AT={at}")
"""


class ProxiedSite:
    """Varnish in front of gunicorn; ``base`` is Varnish's address."""

    def __init__(self, env, log_dir):
        purge_port = free_port()
        self.gunicorn = Gunicorn(
            {**env, "DJANGO_PAGE_CACHE_PURGE_URLS": f"http://127.0.0.1:{purge_port}/"},
            log_dir / "gunicorn.log",
        )
        self.varnish = Varnish(
            self.gunicorn.port,
            listen=f"127.0.0.1:{free_port()}",
            purge_listen=f"127.0.0.1:{purge_port}",
            log=log_dir / "varnishd.log",
        )
        self.base = self.varnish.base
        assert self.varnish.purge_url == f"http://127.0.0.1:{purge_port}/"

    def start(self):
        # Varnish first: gunicorn purges every page as it starts (a new release).
        self.varnish.start()
        self.gunicorn.start()
        return self

    def stop(self):
        self.varnish.stop()
        self.gunicorn.stop()

    def get(self, path, **kwargs):
        return get(self.base + path, **kwargs)

    def requests_reaching_django(self, path):
        """How many GETs of ``path`` gunicorn's request log shows so far (a line is written
        before its answer leaves the worker)."""
        return self.gunicorn.log.read_text(errors="replace").count(f'GET "{path}" ')


def wait_for(check, message, seconds=DEADLINE):
    """Call ``check`` until it returns something true; that value."""
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{message}: not within {seconds} s")
        time.sleep(0.1)


def cached(site, path):
    """Ask until Varnish answers ``path`` from its cache; that answer."""
    return wait_for(
        lambda: (answer := site.get(path)).header("X-Cache") == "HIT" and answer,
        f"{path} is not served from Varnish",
    )


@pytest.fixture(scope="module")
def site(site_dirs, tmp_path_factory):
    if Varnish.missing():
        unavailable(Varnish.missing())
    folder = tmp_path_factory.mktemp("proxy")
    # SQLite: what is proved here does not depend on the database, and it is built in a
    # fraction of PostgreSQL's time.
    database_url = f"sqlite:///{folder / 'site.sqlite3'}"
    env = site_env(database_url, *site_dirs, redis_url=redis_url(REDIS_DB))
    prepare_database(env)
    editor = create_editor(env)
    output = manage(env, "shell", "-v", "0", "-c", DISCOVER)
    found = json.loads(output.split("FOUND=", 1)[1])
    site = ProxiedSite(env, folder)
    site.env, site.found, site.editor = env, found, editor
    try:
        yield site.start()
    finally:
        site.stop()


@pytest.fixture(autouse=True)
def _logs_on_failure(request, site):
    """A failed test's report ends with gunicorn's and varnishd's logs (tests/load/conftest.py)."""
    request.node.load_servers = [site.gunicorn, site.varnish]


def test_the_second_request_is_served_by_varnish(site):
    path = site.found["other"]
    first = site.get(path)
    assert first.status == 200
    assert html.escape(site.found["other_title"]) in first.text

    second = site.get(path)
    assert second.status == 200
    assert second.header("X-Cache") == "HIT"
    assert second.body == first.body
    assert site.requests_reaching_django(path) == 1
    # A browser that has the page asks whether it changed and gets a 304 from Varnish.
    modified = second.header("Last-Modified")
    assert modified
    again = site.get(path, headers={"If-Modified-Since": modified})
    assert (again.status, again.body, again.header("X-Cache")) == (304, b"", "HIT")
    # Stored compressed, and sent so to a client that accepts it; the keys stay inside.
    zipped = site.get(path, headers={"Accept-Encoding": "gzip"})
    assert zipped.header("X-Cache") == "HIT"
    assert zipped.header("Content-Encoding") == "gzip"
    assert zipped.header("xkey") is None and zipped.header("Surrogate-Key") is None
    assert site.requests_reaching_django(path) == 1


def test_an_edit_in_the_admin_purges_exactly_the_pages_that_show_it(site):
    found = site.found
    programme, listing = (
        found["programme"],
        "/program/?" + urlencode({"organisation": found["organisation"]}),
    )
    unrelated = found["unrelated"]
    for path in (programme, listing):
        site.get(path)
        assert html.escape(found["programme_title"]) in cached(site, path).text
    site.get(unrelated)
    cached(site, unrelated)
    before = site.requests_reaching_django(unrelated)

    editor = Browser(site.base)
    editor.log_in(*site.editor)
    change = f"/admin/programmes/programme/{found['programme_id']}/change/"
    title = f"Omdöpt program {secrets.token_hex(3)}"
    save_in_admin(editor, change, "programme_form", title=title)

    # Varnish held both pages; only a purge can make it ask Django for them again.
    for path in (programme, listing):
        wait_for(lambda path=path: title in site.get(path).text, f"{path} shows the new title")
    still = site.get(unrelated)
    assert still.header("X-Cache") == "HIT"
    assert title not in still.text
    assert site.requests_reaching_django(unrelated) == before


def test_a_scheduled_publication_appears_on_time_without_a_purge(site):
    slug = f"schemalagd-{secrets.token_hex(3)}"
    title = f"Schemalagd rapport {slug}"
    scheduled = {"SCHEDULED_SLUG": slug, "SCHEDULED_TITLE": title, "SCHEDULED_AHEAD": AHEAD}
    output = manage({**site.env, **scheduled}, "shell", "-v", "0", "-c", SCHEDULE)
    at = float(output.split("AT=", 1)[1])
    listing = "/publikationer/?" + urlencode({"organisation": slug})

    # Django's own page cache keeps the list first, and that copy has aged when Varnish gets
    # it: Varnish must still let it go at the scheduled time, not AGED seconds later.
    direct = get(site.gunicorn.base + listing)
    assert direct.status == 200
    assert title not in direct.text
    time.sleep(AGED)  # a deliberate age, not a wait for something to happen
    held = cached(site, listing)
    assert title not in held.text
    assert time.time() < at - 1, "too slow to see the list cached before the scheduled time"
    asked = site.requests_reaching_django(listing)

    time.sleep(max(0.0, at - time.time()))
    shown = wait_for(
        lambda: title in (answer := site.get(listing)).text and answer,
        "the list shows the scheduled publication",
        seconds=ON_TIME,
    )
    assert shown.header("X-Cache") == "MISS"
    assert site.requests_reaching_django(listing) == asked + 1


def test_a_request_with_a_session_always_reaches_django(site):
    path = site.found["unrelated"]
    cached(site, path)
    editor = Browser(site.base)
    editor.log_in(*site.editor)
    before = site.requests_reaching_django(path)

    for _ in range(3):
        answer = editor.get(path)
        assert answer.status == 200
        assert answer.header("X-Cache") == "PASS"

    assert site.requests_reaching_django(path) == before + 3
    assert site.get(path).header("X-Cache") == "HIT"


FORM_PAGE = "/tillganglighetsredogorelse/kontakt/"


def test_a_page_with_a_form_is_never_shared(site):
    """Its CSRF token belongs to one visitor: the answer sets a cookie, which Varnish never
    keeps."""
    tokens = set()
    for _ in range(2):
        answer = site.get(FORM_PAGE)
        assert answer.status == 200
        assert answer.header("X-Cache") == "PASS"
        tokens.add(answer.cookies()["csrftoken"])
    assert len(tokens) == 2
    assert site.requests_reaching_django(FORM_PAGE) == 2


def test_a_form_open_in_two_tabs_keeps_the_visitors_csrf_token(site):
    """Varnish looks pages up without cookies, but the visitor's CSRF cookie still reaches
    Django: the second tab renders with the same token, and the first tab's form is sent."""
    visitor = Browser(site.base)
    first_tab = visitor.get(FORM_PAGE)
    assert first_tab.status == 200
    token = visitor.cookies["csrftoken"]
    form = FormParser.parse(first_tab.text, action_contains=FORM_PAGE)

    for _ in range(2):
        other_tab = visitor.get(FORM_PAGE)
        assert other_tab.status == 200
        assert other_tab.header("X-Cache") != "HIT"
        # Django renews the cookie's expiry, with the same value.
        assert other_tab.cookies().get("csrftoken", token) == token
    assert visitor.cookies["csrftoken"] == token

    form.update(message="Tabellerna i rapporterna går inte att läsa med skärmläsare.")
    sent = visitor.post(FORM_PAGE, form)
    assert sent.status == 302, f"the form was refused ({sent.status}):\n{sent.text[:2000]}"
    assert sent.header("Location").endswith("/tillganglighetsredogorelse/kontakt/tack/")


def test_a_visitors_csrf_cookie_makes_no_object_of_its_own(site):
    """The cookie goes to Django on a miss, but the object is everyone's: asked first with the
    cookie, the page is then served from Varnish to a visitor without one, and the other way
    round."""
    path = "/nyheter/"  # asked by no other test here
    cookie = {"Cookie": "csrftoken=" + "a" * 32 + "; _ga=GA1.1.1"}
    first = site.get(path, headers=cookie)
    assert first.status == 200
    assert first.header("X-Cache") == "MISS"
    assert "csrftoken" not in first.cookies()
    assert site.get(path).header("X-Cache") == "HIT"
    assert site.get(path, headers=cookie).header("X-Cache") == "HIT"
    assert site.requests_reaching_django(path) <= 1


def test_tracking_parameters_and_query_order_make_no_new_object(site):
    kind = site.found["other_kind"]
    path = "/publikationer/"
    plain = f"{path}?sort=title&type={kind}"
    site.get(f"{path}?type={kind}&sort=title&utm_source=nyhetsbrev")
    for variant in (
        plain,
        f"{path}?utm_campaign=var&type={kind}&fbclid=abc&sort=title",
        f"{path}?sort=title&gclid=1&type={kind}&utm_medium=e-post&mc_cid=2&mc_eid=3",
    ):
        assert site.get(variant).header("X-Cache") == "HIT", variant
    # Varnish asked Django once, for the address without them and sorted.
    assert site.requests_reaching_django(plain) == 1
    log = site.gunicorn.log.read_text(errors="replace")
    assert not any(name in log for name in ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid"))


def test_parameters_no_view_reads_make_no_new_object(site):
    """Twenty cache-busting addresses: Django tells Varnish the address without the parameter,
    and Varnish serves its one object for it."""
    path = "/program/"  # asked by no other test here
    answers = [site.get(f"{path}?cb={secrets.token_hex(8)}") for _ in range(20)]
    assert all(answer.status == 200 for answer in answers)
    assert len({answer.body for answer in answers}) == 1
    assert [answer.header("X-Cache") for answer in answers[1:]] == ["HIT"] * 19
    # Django rendered the page at most once (its request log names the address it answered).
    assert site.requests_reaching_django(path) <= 1
    assert site.get(path).header("X-Cache") == "HIT"


def test_only_the_purge_socket_accepts_purges(site):
    """Visitors reach the public socket through the TLS proxy, all from 127.0.0.1: a PURGE
    there is refused whoever sends it, and the page stays. The site's purge socket accepts
    it, and nothing but PURGE."""
    path = site.found["unrelated"]
    site.get(path)
    cached(site, path)

    refused = request("PURGE", site.base + "/", headers={"xkey": "all"})
    assert refused.status == 403
    assert site.get(path).header("X-Cache") == "HIT"

    wrong_method = get(site.varnish.purge_url + path.lstrip("/"))
    assert wrong_method.status == 405
    assert wrong_method.header("Allow") == "PURGE"

    accepted = request("PURGE", site.varnish.purge_url, headers={"xkey": "all"})
    assert accepted.status == 200
    assert int(accepted.header("X-Purged")) >= 1
    assert site.get(path).header("X-Cache") == "MISS"
