"""The question form: on its own page, and the target of the form embedded in an
organisation's pages."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import CreateView, TemplateView

from formguard.views import RateLimitedFormMixin, SameOriginPostMixin
from organisations.models import Organisation
from publishing.breadcrumbs import BreadcrumbsMixin

from .forms import QuestionForm
from .models import Question


def notice_context(organisation):
    """What the personal-data notice beside the form says: who is responsible, for how
    long the name and address are kept (from settings) and where to read more."""
    return {
        "organisation": organisation,
        "days_after_answer": settings.PERSONAL_DATA_DAYS_AFTER_ANSWER,
        "days_unanswered": settings.PERSONAL_DATA_DAYS_UNANSWERED,
        "personal_data_url": organisation.personal_data_url or reverse("content:personal_data"),
    }


class QuestionOrganisationMixin:
    """The organisation of the address, if it takes questions (404 otherwise); shown as the
    page's section, with its banner."""

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(
            Organisation.objects.filter(accepts_questions=True), slug=kwargs["slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(notice_context(self.organisation))
        context["section_organisation"] = self.organisation
        return context


@method_decorator(csrf_exempt, name="dispatch")
class QuestionCreateView(
    QuestionOrganisationMixin,
    SameOriginPostMixin,
    RateLimitedFormMixin,
    BreadcrumbsMixin,
    CreateView,
):
    """Ask an organisation a question. GET shows the form on its own page; the form at the
    bottom of the organisation's pages posts here too.

    Why no CSRF token: the organisation's pages are shared by every anonymous visitor through
    the page cache, which never stores a response that sets a cookie, and a CSRF token comes
    with one; a token would make those pages uncacheable. CSRF protects what a post does with
    the authority of the browser's owner (their session). A question carries nobody's
    authority: it is stored for editors to read, whoever sent it, and changes nothing else.
    What a forged cross-site post could still do, make someone's browser send a question they
    did not write, is refused by the origin check (``SameOriginPostMixin``: a browser's
    ``Origin`` or ``Sec-Fetch-Site`` naming another site gives 403); floods are held back by
    the honeypot and the per-address rate limit (formguard).

    A valid question is stored and redirects to the thanks page; errors re-render the form
    here with everything typed, 400 (429 over the rate limit)."""

    model = Question
    form_class = QuestionForm
    template_name = "questions/question_form.html"

    def get_breadcrumbs(self):
        return Question.form_breadcrumbs(self.organisation)

    def form_valid(self, form):
        form.instance.organisation = self.organisation
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("questions:thanks", kwargs={"slug": self.organisation.slug})


class QuestionThanksView(QuestionOrganisationMixin, BreadcrumbsMixin, TemplateView):
    template_name = "questions/question_thanks.html"

    def get_breadcrumbs(self):
        return Question.thanks_breadcrumbs(self.organisation)
