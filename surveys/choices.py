"""The choice lists of surveys, kept apart so models, the import, filters and tests share
them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Season(models.TextChoices):
    SPRING = "var", _("våren")
    SUMMER = "sommar", _("sommaren")
    AUTUMN = "host", _("hösten")
    WINTER = "vinter", _("vintern")


class ProgrammeKind(models.TextChoices):
    """What a municipality calls its programme, as the survey sorted them."""

    BUSINESS = "naringsliv", _("Näringslivsprogram/-strategi")
    GROWTH = "tillvaxt", _("Tillväxtprogram/-strategi")
    OTHER = "annat", _("Annat namn (t.ex. plan eller policy)")


class FigureUnit(models.TextChoices):
    COUNT = "antal", _("antal")
    PERCENT = "procent", _("procent")


class FigureKey(models.TextChoices):
    """The figures the page can compute from the list of programmes. A published figure
    names the one it corresponds to, so that both can be shown side by side."""

    PROGRAMMES = "program", _("Program som återfanns")
    SHARE_OF_SCOPE = "andel-kommuner", _("Andel av kommunerna som har ett program")
    KIND_BUSINESS = "naringsliv", _("Näringslivsprogram/-strategier")
    KIND_GROWTH = "tillvaxt", _("Tillväxtprogram/-strategier")
    KIND_OTHER = "annat", _("Program med annat namn (t.ex. plan eller policy)")
    NO_REGIONAL_LINK = (
        "ingen-regional-koppling",
        _("Beskriver ingen koppling till regional samverkan"),
    )
    RUS = "rus", _("Har koppling till den regionala utvecklingsstrategin (RUS)")
    INTERMUNICIPAL = (
        "mellankommunal",
        _("Har koppling till mellankommunal eller annan kommunöverskridande samverkan"),
    )
    ACTION_PLAN = "handlingsplan", _("Hänvisar till en handlingsplan")
    SUSTAINABILITY = "hallbarhet", _("Betonar hållbarhetsperspektivet")

    @classmethod
    def unit(cls, key):
        """Counts for the number of programmes and each kind, shares for the rest."""
        counts = {cls.PROGRAMMES, cls.KIND_BUSINESS, cls.KIND_GROWTH, cls.KIND_OTHER}
        return FigureUnit.COUNT if key in counts else FigureUnit.PERCENT
