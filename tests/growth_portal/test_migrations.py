"""Every change to a model comes with its migration: a help text changed in a model and not in a
migration would otherwise only show up as a warning on the next `makemigrations`."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    # --check exits non-zero when makemigrations would write a migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
