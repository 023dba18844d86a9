"""Models of the programmes app, one module per family, re-exported here."""

from .base import (
    ExternalLink,
    Publishable,
    PublishableQuerySet,
    QueryTime,
    TimeStampedModel,
    built_once,
)
from .contacts import Contact
from .focus_areas import FocusArea, FocusAreaSet
from .geography import County, Municipality
from .organisations import Organisation
from .programmes import Programme, ProgrammeFocusPoint, ProgrammeGoal, ProgrammeLink
from .redirects import KeepsOldAddress, SlugRedirect

__all__ = [
    "Contact",
    "ExternalLink",
    "County",
    "FocusArea",
    "FocusAreaSet",
    "Municipality",
    "Organisation",
    "Programme",
    "ProgrammeFocusPoint",
    "ProgrammeGoal",
    "ProgrammeLink",
    "KeepsOldAddress",
    "SlugRedirect",
    "Publishable",
    "PublishableQuerySet",
    "QueryTime",
    "TimeStampedModel",
    "built_once",
]
