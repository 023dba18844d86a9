"""Public pages for content pages, news and events, and the accessibility statement with its
form for reporting problems and asking for accessible versions."""

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView, DetailView, ListView, TemplateView

from formguard.views import RateLimitedFormMixin
from organisations.views import OrganisationSectionMixin
from programmes.models import Contact, FocusArea
from publishing.breadcrumbs import BreadcrumbsMixin
from publishing.views import PreviewMixin, published

from .forms import AccessibilityRequestForm
from .models import ACCESSIBILITY_STATEMENT_SLUG, AccessibilityRequest, ContentPage, Event, NewsItem


class ContentPageDetailView(OrganisationSectionMixin, BreadcrumbsMixin, PreviewMixin, DetailView):
    template_name = "content/contentpage.html"

    def get_queryset(self):
        return (
            self.visible(ContentPage.objects)
            # The parents for the side menu and, two levels up, for the breadcrumbs.
            .select_related("organisation", "parent__parent", "image")
            .prefetch_related(
                "sections",
                "key_figures",
                "links",
                published(ContentPage, "publications"),
                published(ContentPage, "programmes"),
                # The surveys this page presents (surveys sits above content).
                published(ContentPage, "surveys"),
                Prefetch(
                    "focus_areas",
                    queryset=FocusArea.objects.select_related("focus_area_set__programme"),
                ),
                Prefetch("contacts", queryset=Contact.objects.select_related("organisation")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The side menu, the current page marked in the template.
        context["organisation_pages"] = self.object.menu_pages()
        # All linked areas are read, the visible ones shown (FocusAreaQuerySet.visible_of).
        context["focus_areas"] = [
            area for area in self.object.focus_areas.all() if area.is_visible()
        ]
        return context


class AccessibilityStatementView(ContentPageDetailView):
    """The accessibility statement: an editor's content page with a fixed slug, at a fixed
    address that the footer of every page links to."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset, slug=ACCESSIBILITY_STATEMENT_SLUG)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accessibility_request_url"] = reverse("content:accessibility_request")
        return context


class AccessibilityRequestView(RateLimitedFormMixin, BreadcrumbsMixin, CreateView):
    """Report a problem or ask for an accessible version. ``?publikation=<slug>`` (from the
    link beside a document) preselects the accessible-version choice and names the document.
    A valid form is saved and redirects to a thank-you page; an invalid one (the honeypot
    filled, too) answers 400 and one over the rate limit 429, with the visitor's text kept
    (formguard)."""

    model = AccessibilityRequest
    form_class = AccessibilityRequestForm
    template_name = "content/accessibilityrequest_form.html"
    success_url = reverse_lazy("content:accessibility_request_thanks")

    def get_breadcrumbs(self):
        return AccessibilityRequest.form_breadcrumbs()

    def get_initial(self):
        initial = super().get_initial()
        if "publikation" in self.request.GET:
            initial["kind"] = AccessibilityRequest.Kind.ACCESSIBLE_VERSION
            initial["publication"] = self.request.GET["publikation"]
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # How long the name and address are kept, for the notice (privacy/registry.py).
        context["days_after_answer"] = settings.PERSONAL_DATA_DAYS_AFTER_ANSWER
        context["days_unanswered"] = settings.PERSONAL_DATA_DAYS_UNANSWERED
        return context


class AccessibilityRequestThanksView(BreadcrumbsMixin, TemplateView):
    template_name = "content/accessibilityrequest_thanks.html"

    def get_breadcrumbs(self):
        return AccessibilityRequest.thanks_breadcrumbs()


class NewsListView(BreadcrumbsMixin, ListView):
    paginate_by = 20

    def get_breadcrumbs(self):
        return NewsItem.list_breadcrumbs()

    def get_queryset(self):
        return (
            NewsItem.objects.published()
            .select_related("organisation", "event", "image")
            .prefetch_related("municipalities")
        )


def public_award_winners():
    """The award winners a news item announced, with their award, that visitors may see (the
    awards app's ``AwardWinner.objects.public()``, read from the relation, as content lies
    below awards): the page links to each award."""
    model = NewsItem._meta.get_field("award_winners").related_model
    return Prefetch("award_winners", queryset=model.objects.public().select_related("award"))


class NewsDetailView(OrganisationSectionMixin, BreadcrumbsMixin, PreviewMixin, DetailView):
    template_name = "content/newsitem.html"

    def get_queryset(self):
        return (
            self.visible(NewsItem.objects)
            .select_related("organisation", "event", "image")
            .prefetch_related("municipalities", public_award_winners())
        )


class EventDetailView(BreadcrumbsMixin, DetailView):
    template_name = "content/event.html"

    def get_queryset(self):
        return Event.objects.select_related("municipality", "image").prefetch_related(
            "organisers", published(Event, "programmes"), published(Event, "news_items")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # An event of one organiser belongs to it, as a publication of one organisation does.
        organisers = list(self.object.organisers.all())
        if len(organisers) == 1:
            context["section_organisation"] = organisers[0]
        return context
