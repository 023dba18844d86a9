"""Models of the programmes app, one module per family, re-exported here."""

from .contacts import Contact
from .focus_areas import FocusArea, FocusAreaSet
from .fund_programmes import FundProgramme
from .programmes import Programme, ProgrammeFocusPoint, ProgrammeGoal, ProgrammeLink

__all__ = [
    "Contact",
    "FocusArea",
    "FocusAreaSet",
    "FundProgramme",
    "Programme",
    "ProgrammeFocusPoint",
    "ProgrammeGoal",
    "ProgrammeLink",
]
