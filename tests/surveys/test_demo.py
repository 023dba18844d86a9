"""The demo survey: Arena för Tillväxt's survey of autumn 2017 with every figure it published,
its other findings, its method and scope, linked both ways with its content page, and no
programme rows, which the page says."""

import pytest
from django.core.management import call_command

from surveys.models import MunicipalProgramme, Survey
from tests.pages import fetch

pytestmark = pytest.mark.django_db


def test_the_demo_survey_has_the_published_figures_and_no_rows(client):
    call_command("load_demo_content", verbosity=0)
    survey = Survey.objects.get(slug="kommunernas-naringslivs-och-tillvaxtprogram-2017")
    assert survey.organisation.slug == "arena-for-tillvaxt"
    assert (survey.year, survey.when_display) == (2017, "hösten 2017")
    assert survey.scope_size == 290
    assert [f.value_text for f in survey.figures.all()] == [
        "116",
        "40\xa0%",
        "81",
        "11",
        "24",
        "två tredjedelar",
        "10\xa0%",
        "drygt 25\xa0%",
        "omkring hälften",
        "cirka en fjärdedel",
    ]
    assert not MunicipalProgramme.objects.exists()
    content, text = fetch(client, survey.get_absolute_url())
    assert "Listan med länkar till kommunernas program har inte lagts in" in text
    assert "nära samarbete" in text and "verksamhetsår" in text
    page_content, _ = fetch(client, "/sidor/planer-for-tillvaxt/")
    assert f'href="{survey.get_absolute_url()}"' in page_content
    assert 'href="/sidor/planer-for-tillvaxt/"' in content
