"""Models of the programmes app, one module per family, re-exported here."""

from .contacts import Contact
from .focus_areas import FocusArea, FocusAreaSet
from .programmes import Programme, ProgrammeFocusPoint, ProgrammeGoal, ProgrammeLink

__all__ = [
    "Contact",
    "FocusArea",
    "FocusAreaSet",
    "Programme",
    "ProgrammeFocusPoint",
    "ProgrammeGoal",
    "ProgrammeLink",
]
