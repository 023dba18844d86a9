from django.urls import path
from django.views.generic import RedirectView

from . import views
from .models import ABOUT_SLUG, PERSONAL_DATA_SLUG, SITE_PAGES

app_name = "content"
urlpatterns = [
    path(
        "tillganglighetsredogorelse/",
        views.AccessibilityStatementView.as_view(),
        name="accessibility_statement",
    ),
    path(
        "tillganglighetsredogorelse/kontakt/",
        views.AccessibilityRequestView.as_view(),
        name="accessibility_request",
    ),
    path(
        "tillganglighetsredogorelse/kontakt/tack/",
        views.AccessibilityRequestThanksView.as_view(),
        name="accessibility_request_thanks",
    ),
    path(
        "om-webbplatsen/",
        views.ContentPageDetailView.as_view(),
        {"slug": ABOUT_SLUG},
        name="about",
    ),
    path(
        "personuppgifter/",
        views.ContentPageDetailView.as_view(),
        {"slug": PERSONAL_DATA_SLUG},
        name="personal_data",
    ),
    # The pages about the website are also content pages; each has one address.
    *(
        path(f"sidor/{slug}/", RedirectView.as_view(pattern_name=name, permanent=True))
        for slug, name in SITE_PAGES.items()
    ),
    path("sidor/<slug:slug>/", views.ContentPageDetailView.as_view(), name="page_detail"),
    path("nyheter/", views.NewsListView.as_view(), name="news_list"),
    path("nyheter/<slug:slug>/", views.NewsDetailView.as_view(), name="news_detail"),
    path("evenemang/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
]
