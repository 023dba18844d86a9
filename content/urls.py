from django.urls import path
from django.views.generic import RedirectView

from . import views
from .models import ACCESSIBILITY_STATEMENT_SLUG

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
    # The statement is also a content page; it has one address.
    path(
        f"sidor/{ACCESSIBILITY_STATEMENT_SLUG}/",
        RedirectView.as_view(pattern_name="content:accessibility_statement", permanent=True),
    ),
    path("sidor/<slug:slug>/", views.ContentPageDetailView.as_view(), name="page_detail"),
    path("nyheter/", views.NewsListView.as_view(), name="news_list"),
    path("nyheter/<slug:slug>/", views.NewsDetailView.as_view(), name="news_detail"),
    path("evenemang/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
]
