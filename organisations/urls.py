from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("organisationer/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisationer/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
]
