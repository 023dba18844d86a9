"""Choice lists for organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    COUNTY_BOARD = "county_board", _("Länsstyrelse")
    NATIONAL_AGENCY = "national_agency", _("Statlig myndighet")
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Kommun")
    NETWORK = "network", _("Nätverk eller förening")
    GOVERNMENT = "government", _("Regering och riksdag")
    EU_BODY = "eu_body", _("EU-organ")
