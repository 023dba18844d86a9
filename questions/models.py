from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation


class QuestionQuerySet(models.QuerySet):
    def mark_answered(self, user, now=None):
        """Mark the unanswered questions among these answered by ``user``; how many."""
        return self.filter(answered_at__isnull=True).update(
            answered_at=now or timezone.now(), answered_by=user
        )


class Question(models.Model):
    """A question a visitor asked an organisation with the form on its pages (only where
    ``Organisation.accepts_questions`` is on). The organisation's editors read it in the
    admin, answer by e-mail outside the site, mark it answered and may note the answer they
    sent. Nothing here is ever shown on a public page; the name and e-mail address are erased a
    number of days after the answer (privacy, erase_personal_data), the text is kept."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    page_url = models.CharField(
        _("ställd från sidan"),
        max_length=500,
        blank=True,
        help_text=_("Adressen till sidan där besökaren ställde frågan."),
    )
    page_title = models.CharField(
        _("sidans rubrik"),
        max_length=300,
        blank=True,
        help_text=_("Rubriken på sidan där besökaren ställde frågan."),
    )
    text = models.TextField(_("fråga"), max_length=5000)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(
        _("e-post"), blank=True, help_text=_("Adressen besökaren vill ha svar till, om någon.")
    )
    created_at = models.DateTimeField(_("inkommen"), auto_now_add=True)
    answered_at = models.DateTimeField(
        _("besvarad den"),
        null=True,
        blank=True,
        help_text=_("Sätts när frågan markeras som besvarad."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvarad av"),
        on_delete=models.SET_NULL,
        related_name="answered_questions",
        null=True,
        blank=True,
    )
    answer = models.TextField(
        _("svar"),
        max_length=10000,
        blank=True,
        help_text=_(
            "Frivilligt. Klistra in svaret du skickade till besökaren, så att kollegor ser vad "
            "som har svarats. Visas aldrig på webbplatsen."
        ),
    )
    personal_data_erased_at = models.DateTimeField(
        _("personuppgifter raderade"),
        null=True,
        blank=True,
        help_text=_("När namn och e-postadress raderades."),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["answered_at", "created_at"])]

    def __str__(self):
        """Names the question without quoting it: the admin's log keeps this text for good,
        and a question's words may say who wrote it, which the erasure must be able to
        remove (``excerpt`` is what the admin's list shows)."""
        if self.created_at is None:
            return str(_("Fråga"))
        return _("Fråga %(number)s, inkommen %(date)s") % {
            "number": self.pk,
            "date": f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M}",
        }

    @property
    def excerpt(self):
        """The start of the question, for the admin's list."""
        text = " ".join(self.text.split())
        return text if len(text) <= 60 else text[:59] + "…"

    @property
    def is_answered(self):
        return self.answered_at is not None

    @classmethod
    def form_url(cls, organisation):
        return reverse("questions:ask", kwargs={"slug": organisation.slug})

    @classmethod
    def form_breadcrumbs(cls, organisation):
        """The organisation's trail › Ställ en fråga."""
        return [*organisation.breadcrumbs(), (_("Ställ en fråga"), cls.form_url(organisation))]

    @classmethod
    def thanks_breadcrumbs(cls, organisation):
        """The form's trail › Tack för din fråga."""
        return [
            *cls.form_breadcrumbs(organisation),
            (
                _("Tack för din fråga"),
                reverse("questions:thanks", kwargs={"slug": organisation.slug}),
            ),
        ]
