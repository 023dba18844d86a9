"""Fetching a table from SCB's PxWeb API (version 1) as JSON-stat 2.0, with the standard
library's urllib: ``POST <base>/<table>`` with the query ``{"query": […], "response":
{"format": "json-stat2"}}``."""

import json
import urllib.error
import urllib.request

from django.utils.translation import gettext as _

DEFAULT_BASE_URL = "https://api.scb.se/OV0104/v1/doris/sv/ssd/"
TIMEOUT = 60
# PxWeb answers at most 150 000 cells; this is far above what that takes as JSON-stat.
LARGEST_ANSWER = 100 * 1024 * 1024


class FetchError(Exception):
    """The table could not be fetched; the message is Swedish and names the address."""


def table_url(base_url, table):
    return base_url.rstrip("/") + "/" + table.strip("/")


def query_body(query=None):
    """The body to post: the ``query`` list of ``query`` (a PxWeb query as SCB's website
    shows it, or None for the table's every value) with the answer asked for as JSON-stat."""
    selection = (query or {}).get("query", [])
    return json.dumps({"query": selection, "response": {"format": "json-stat2"}}).encode()


def fetch(url, body, timeout=TIMEOUT):
    """The answer's bytes. Raises ``FetchError`` on a network or HTTP error."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = response.read(LARGEST_ANSWER + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(
            _("SCB svarade %(status)d %(reason)s för %(url)s.")
            % {"status": exc.code, "reason": exc.reason, "url": url}
        ) from exc
    except urllib.error.URLError as exc:
        raise FetchError(
            _("Kunde inte nå %(url)s: %(reason)s.") % {"url": url, "reason": exc.reason}
        ) from exc
    except TimeoutError as exc:
        raise FetchError(
            _("%(url)s svarade inte inom %(seconds)d sekunder.") % {"url": url, "seconds": timeout}
        ) from exc
    if len(answer) > LARGEST_ANSWER:
        raise FetchError(_("Svaret från %(url)s är för stort.") % {"url": url})
    return answer
