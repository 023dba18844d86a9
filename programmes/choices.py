"""Choice lists for the programmes app, kept apart so forms, filters and tests share them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    PROGRAMME = "programme", _("Program eller satsning")
    PILOT_PROJECT = "pilot_project", _("Pilotprojekt")
    KNOWLEDGE_PROJECT = "knowledge_project", _("Kunskapsprojekt")


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("Planerat")
    ONGOING = "ongoing", _("Pågående")
    FINISHED = "finished", _("Avslutat")


class Commission(models.TextChoices):
    GOVERNMENT_ASSIGNMENT = "government_assignment", _("Regeringsuppdrag")
    AGENCY_ASSIGNMENT = "agency_assignment", _("Uppdrag från myndighet")
    OWN_INITIATIVE = "own_initiative", _("Eget initiativ")
    EU_PROGRAMME = "eu_programme", _("EU-program")


class FocusAreaSetKind(models.TextChoices):
    WORK_AREAS = "work_areas", _("En organisations arbetsområden")
    STRATEGY = "strategy", _("En strategis prioriterade områden eller mål")
    PROGRAMME = "programme", _("Ett programs fokusområden")
