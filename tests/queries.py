"""Counting the queries of a public page, as the query-count tests do."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

# The next scheduled publication of each kind of publishable content (programmes,
# publications, pages, news, indicators, surveys, awards and their winners), looked up once per
# content version so that nothing derived is kept past it (pagecache.versions.seconds_to_keep).
SCHEDULE_LOOKUPS = 8


def count_queries(client, url, params=None):
    """(queries of a page whose derived lists are not kept yet, queries of the same page
    once they are, the second response). A first, uncounted request warms what Django keeps
    for the whole process, such as the content types taggit looks up."""
    client.get(url, params)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(url, params)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(cold.captured_queries), len(warm.captured_queries), response
