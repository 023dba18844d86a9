"""The publishing states, kept apart so models, forms, filters and tests share them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishState(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    PUBLISHED = "published", _("Publicerad")
