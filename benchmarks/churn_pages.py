"""The Django side of ``benchmarks/churn.py`` (a child process; the driver does not import
Django). Two commands:

``addresses``
    Prints JSON: the list pages a visitor reaches (the start page, the main lists and a few
    dozen filtered lists, chosen with the site's own querysets, most visited first), every
    published programme's page with its id, every published publication's page, and the data
    set counted.

``editor``
    Creates the superuser ``benchmark-editor`` (or resets it), with the password read from the
    environment variable ``CHURN_EDITOR_PASSWORD``: the editor who saves programmes through
    the admin while the benchmark runs.

    DATABASE_URL=… DJANGO_STATIC_ROOT=… python -m benchmarks.churn_pages addresses
"""

import argparse
import json
import os
import sys
from urllib.parse import urlencode

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.testdata import counts  # noqa: E402
from organisations.models import Organisation  # noqa: E402
from programmes.choices import FocusAreaSetKind  # noqa: E402
from programmes.models import FocusArea, Programme  # noqa: E402
from publications.choices import PublicationKind  # noqa: E402
from publications.models import Publication  # noqa: E402
from publishing.choices import PublishState  # noqa: E402

EDITOR = "benchmark-editor"
# Filtered lists: the years a visitor picks most (recent ones), the largest publishers.
PROGRAMME_YEARS = range(2016, 2026)
PUBLICATION_YEARS = range(2018, 2026)
TOP_PUBLISHERS = 10
LIST_PAGES = (2, 3)


def address(name, **query):
    url = reverse(name)
    return f"{url}?{urlencode(query)}" if query else url


def list_pages(now):
    """The list pages, in the order the driver ranks them: the start page and the two main
    lists first, then the other lists and the filtered ones (which the driver shuffles).

    Not the programme timeline (/program/tidslinje/): on this data set it is a 3.5 MB page of
    every programme that takes seconds to render, so at a list page's rank its misses alone
    would decide every row."""
    programme_list = "programmes:programme_list"
    publication_list = "publications:publication_list"
    pages = [
        address("home"),
        address(publication_list),
        address(programme_list),
        address("content:news_list"),
        address("organisations:organisation_list"),
        address("themes:theme_list"),
    ]
    published = Programme.objects.published(now)
    areas = (
        FocusArea.objects.visible()
        .filter(focus_area_set__kind=FocusAreaSetKind.STRATEGY, programmes__in=published)
        .distinct()
        .order_by("pk")
    )
    pages += [address(programme_list, focus_area=area.slug) for area in areas]
    pages += [address(programme_list, year=year) for year in PROGRAMME_YEARS]
    in_list = Q(publications__publish_state=PublishState.PUBLISHED) & Q(
        publications__publish_from__lte=now
    )
    publishers = (
        Organisation.objects.annotate(shown=Count("publications", filter=in_list))
        .filter(shown__gt=0)
        .order_by("-shown", "pk")[:TOP_PUBLISHERS]
    )
    pages += [address(publication_list, organisation=o.slug) for o in publishers]
    pages += [address(publication_list, year_from=y, year_to=y) for y in PUBLICATION_YEARS]
    pages += [address(publication_list, type=kind) for kind in PublicationKind.values]
    pages += [address(publication_list, page=number) for number in LIST_PAGES]
    return pages


def addresses():
    now = timezone.now()
    programmes = [
        [programme.pk, programme.get_absolute_url()]
        for programme in Programme.objects.published(now).order_by("pk").only("pk", "slug")
    ]
    publications = [
        publication.get_absolute_url()
        for publication in Publication.objects.published(now).order_by("pk").only("pk", "slug")
    ]
    return {
        "lists": list_pages(now),
        "programmes": programmes,
        "publications": publications,
        "counts": counts(),
    }


def editor():
    password = os.environ.get("CHURN_EDITOR_PASSWORD")
    if not password:
        sys.exit("CHURN_EDITOR_PASSWORD is not set.")
    user, _ = get_user_model().objects.get_or_create(
        username=EDITOR, defaults={"email": "benchmark-editor@testdata.example.com"}
    )
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    return {"username": EDITOR}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("addresses")
    commands.add_parser("editor")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The churn benchmark needs PostgreSQL (DATABASE_URL).")
    print(json.dumps(addresses() if args.command == "addresses" else editor()))


if __name__ == "__main__":
    main()
