#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
    if sys.argv[1:2] != ["runserver"]:
        # PostgreSQL's statement timeout is for the site's requests (settings.py); commands
        # (migrate, imports, backups) may run long statements, and have none unless
        # DJANGO_DB_COMMAND_STATEMENT_TIMEOUT gives them one.
        os.environ["DJANGO_DB_STATEMENT_TIMEOUT"] = os.environ.get(
            "DJANGO_DB_COMMAND_STATEMENT_TIMEOUT", "0"
        )
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
