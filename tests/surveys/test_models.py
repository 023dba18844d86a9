"""A survey's figures: as published, and computed from its list of programmes."""

from decimal import Decimal

import pytest

from surveys.choices import FigureKey
from tests.surveys.helpers import figure, place, programme, survey

pytestmark = pytest.mark.django_db


def test_published_figures_read_as_the_survey_worded_them(org_a):
    s = survey(org_a)
    figure(s, "Program", 116, "antal", FigureKey.PROGRAMMES)
    figure(s, "RUS", 10, "procent", FigureKey.RUS, position=1)
    figure(s, "Samverkan", 25, "procent", FigureKey.INTERMUNICIPAL, qualifier="drygt", position=2)
    figure(s, "Plan", 50, "procent", FigureKey.ACTION_PLAN, "omkring", "hälften", position=3)
    texts = [f.value_text for f in s.figures.all()]
    assert texts == ["116", "10\xa0%", "drygt 25\xa0%", "omkring hälften"]
    # No list yet: nothing computed.
    assert s.tally() == {}
    assert [row.computed for row in s.figure_rows({})] == [None] * 4


def test_figures_are_computed_from_the_programmes(org_a):
    s = survey(org_a, scope_size=4)
    figure(s, "Program", 116, "antal", FigureKey.PROGRAMMES)
    flen, eskilstuna = place("0482", "Flen"), place("0484", "Eskilstuna")
    programme(s, flen, kind="naringsliv", linked_to_rus=True, refers_to_action_plan=True)
    programme(s, flen, kind="annat", linked_to_intermunicipal=True)
    programme(s, eskilstuna, kind="tillvaxt", emphasises_sustainability=True)
    tally = s.tally()
    assert tally[FigureKey.PROGRAMMES] == 3
    # Two of the four municipalities in the scope have a programme.
    assert tally[FigureKey.SHARE_OF_SCOPE] == Decimal("50.0")
    assert (tally[FigureKey.KIND_BUSINESS], tally[FigureKey.KIND_GROWTH]) == (1, 1)
    assert tally[FigureKey.KIND_OTHER] == 1
    assert tally[FigureKey.RUS] == Decimal("33.3")
    assert tally[FigureKey.NO_REGIONAL_LINK] == Decimal("33.3")
    assert tally[FigureKey.ACTION_PLAN] == Decimal("33.3")
    rows = s.figure_rows(tally)
    # The published figure beside the computed one, then the computed ones nothing
    # published corresponds to.
    assert (rows[0].published.value_text, rows[0].computed_text) == ("116", "3")
    assert len(rows) == len(FigureKey)
    assert rows[-1].label == FigureKey.SUSTAINABILITY.label
    assert rows[-1].computed_text == "33,3\xa0%"


def test_a_programmes_period(org_a):
    s = survey(org_a)
    flen = place("0482", "Flen")
    assert programme(s, flen, start_year=2016, end_year=2020).period_display == "2016–2020"
    assert programme(s, flen, start_year=2018, end_year=None).period_display == "2018–"
    assert programme(s, flen, start_year=None, end_year=None).period_display == ""


def test_every_municipality_and_county_has_its_code_after_loading_the_regions():
    from geography.models import County, Municipality
    from geography.regions import load_regions

    load_regions()
    assert Municipality.objects.exclude(code=None).exclude(county=None).count() == 290
    assert County.objects.exclude(code=None).count() == 21
