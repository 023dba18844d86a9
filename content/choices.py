from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Konferens")
    SEMINAR = "seminar", _("Seminarium")
    OTHER = "other", _("Övrigt")
