"""Counting the queries of a public page, as the query-count tests do."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def schedule_lookup(query):
    """Whether ``query`` is the page cache's look-up of the next scheduled publication of one
    kind of content (pagecache.versions.next_scheduled_change). A page makes one for each kind
    it reads that is not known yet, however much of it there is; they are not counted here."""
    return 'AS "pagecache_next"' in query["sql"]


def count_queries(client, url, params=None):
    """(queries of a page whose derived lists are not kept yet, queries of the same page
    once they are, the second response), without the schedule look-ups. A first, uncounted
    request warms what Django keeps for the whole process, such as the content types taggit
    looks up."""
    client.get(url, params)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(url, params)
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url, params)
    assert response.status_code == 200
    counted = [query for query in cold.captured_queries if not schedule_lookup(query)]
    return len(counted), len(warm.captured_queries), response
