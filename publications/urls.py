from django.urls import path

from . import views

app_name = "publications"
urlpatterns = [
    path("", views.PublicationListView.as_view(), name="publication_list"),
    # Before "<slug>/"; the model reserves "utskrift" (RESERVED_SLUGS).
    path("utskrift/", views.PublicationPrintView.as_view(), name="publication_print"),
    path(
        "ladda-ner.<str:file_format>",
        views.PublicationExportView.as_view(),
        name="publication_export",
    ),
    path("<slug:slug>/", views.PublicationDetailView.as_view(), name="publication_detail"),
]
