from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("program/", views.ProgrammeListView.as_view(), name="programme_list"),
    # Before the detail pattern, which would otherwise take "tidslinje" for a slug.
    path("program/tidslinje/", views.ProgrammeTimelineView.as_view(), name="programme_timeline"),
    path("program/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path(
        "fokusomraden/<slug:slug>/",
        views.FocusAreaDetailView.as_view(),
        name="focus_area_detail",
    ),
    path(
        "fondprogram/<slug:slug>/",
        views.FundProgrammeDetailView.as_view(),
        name="fund_programme_detail",
    ),
    path("kontakter/", views.ContactListView.as_view(), name="contact_list"),
]
