"""The accessibility form says how long a name and an e-mail address are kept, from the same
settings the erasure reads."""

import pytest

from tests.pages import fetch

pytestmark = pytest.mark.django_db


def test_the_accessibility_form_says_how_long_name_and_address_are_kept(client, settings):
    settings.PERSONAL_DATA_DAYS_AFTER_ANSWER = 30
    settings.PERSONAL_DATA_DAYS_UNANSWERED = 180
    _, text = fetch(client, "/tillganglighetsredogorelse/kontakt/")
    assert (
        "Namn och e-postadress raderas 30 dagar efter att ärendet har hanterats, eller 180 "
        "dagar efter att det kom in om det inte hanteras. Själva meddelandet sparas utan dem."
    ) in text

    settings.PERSONAL_DATA_DAYS_AFTER_ANSWER = 1
    settings.PERSONAL_DATA_DAYS_UNANSWERED = 60
    _, text = fetch(client, "/tillganglighetsredogorelse/kontakt/")
    assert "raderas 1 dag efter att ärendet har hanterats, eller 60 dagar efter" in text
