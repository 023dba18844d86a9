from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    REPORT = "report", _("Rapport")
    ACTION_PLAN = "action_plan", _("Handlingsplan")
    ANALYSIS = "analysis", _("Analys")
    STRATEGY = "strategy", _("Strategi")
    PROGRAMME = "programme", _("Program")
    OTHER = "other", _("Övrigt")


class Language(models.TextChoices):
    SWEDISH = "sv", _("Svenska")
    ENGLISH = "en", _("Engelska")
    FINNISH = "fi", _("Finska")
    NORTHERN_SAMI = "se", _("Nordsamiska")
    OTHER = "other", _("Annat språk")
