"""Which models hold visitors' personal data, registered by their own apps.

Each app that stores something a visitor sent registers the model in its ``AppConfig.ready``
with ``register(...)``: which field holds the e-mail address, which fields identify the
visitor (blanked when the time is up), when a row came in and when an editor dealt with it.
The scheduled erasure (``manage.py erase_personal_data``) and the GDPR tools (``manage.py
personal_data``, the admin's page) read this registry, so they need import none of the apps.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import serializers
from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class PersonalData:
    """One model's personal data and its retention rule: the ``fields`` (name, e-mail) are
    blanked ``PERSONAL_DATA_DAYS_AFTER_ANSWER`` days after ``done_field`` (answered, handled),
    or ``PERSONAL_DATA_DAYS_UNANSWERED`` days after ``received_field`` while it is empty.
    ``erased_field``, if the model has one, records when."""

    model: type
    email_field: str
    fields: tuple
    received_field: str
    done_field: str
    erased_field: str | None = None

    @property
    def label(self):
        return str(self.model._meta.verbose_name_plural)

    def holding_data(self):
        """Rows in which one of the fields still holds something."""
        holding = Q()
        for name in self.fields:
            holding |= ~Q(**{name: ""})
        return self.model._default_manager.filter(holding)

    def due(self, now=None):
        """Rows still holding personal data whose time is up at ``now``."""
        now = now or timezone.now()
        answered_before = now - timedelta(days=settings.PERSONAL_DATA_DAYS_AFTER_ANSWER)
        received_before = now - timedelta(days=settings.PERSONAL_DATA_DAYS_UNANSWERED)
        return self.holding_data().filter(
            Q(**{f"{self.done_field}__lt": answered_before})
            | Q(
                **{
                    f"{self.done_field}__isnull": True,
                    f"{self.received_field}__lt": received_before,
                }
            )
        )

    def erase(self, queryset, now=None):
        """Blank the identifying fields of ``queryset``'s rows; how many there were."""
        values = dict.fromkeys(self.fields, "")
        if self.erased_field:
            values[self.erased_field] = now or timezone.now()
        return queryset.update(**values)

    def about(self, email):
        """Rows sent with ``email``, whatever its case."""
        return self.model._default_manager.filter(**{f"{self.email_field}__iexact": email.strip()})

    def export(self, email):
        """The rows sent with ``email`` as plain data (model, pk and every field)."""
        return serializers.serialize("python", self.about(email))


_registry = []


def register(model, *, email_field, fields, received_field, done_field, erased_field=None):
    """Called by an app's ``AppConfig.ready`` for each model that stores visitors' data."""
    entry = PersonalData(
        model, email_field, tuple(fields), received_field, done_field, erased_field
    )
    if all(existing.model is not model for existing in _registry):
        _registry.append(entry)
    return entry


def registered():
    """Every registered model's entry, in the order the apps registered them."""
    return list(_registry)
