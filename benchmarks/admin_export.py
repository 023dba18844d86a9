"""One export from the admin's publication list, as staff make it: a superuser posts the
export form of ``/admin/publications/publication/export/`` (django-import-export) and the file
is written to ``--output``. A child process of ``benchmarks/export_publications.py``, which
measures its time and peak memory.

    DATABASE_URL=postgres://… python -m benchmarks.admin_export --format csv --output FILE
"""

import argparse
import os
import sys

# The position of each format in the admin's export form (publications/resources.py).
FORMAT_INDEX = {"csv": "0", "xlsx": "1", "json": "2"}
USERNAME = "benchmark-admin"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", required=True, choices=sorted(FORMAT_INDEX))
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    response = client.post(
        "/admin/publications/publication/export/",
        {"format": FORMAT_INDEX[args.format], "resource": "0"},
    )
    if response.status_code != 200 or "Content-Disposition" not in response:
        sys.exit(f"The admin answered {response.status_code} without a file.")
    with open(args.output, "wb") as output:
        if response.streaming:
            for block in response.streaming_content:
                output.write(block)
        else:
            output.write(response.content)


if __name__ == "__main__":
    main()
