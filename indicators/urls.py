from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("statistik/", views.IndicatorListView.as_view(), name="indicator_list"),
    path(
        "statistik/<slug:slug>/ladda-ner.<str:file_format>",
        views.IndicatorExportView.as_view(),
        name="indicator_export",
    ),
    path("statistik/<slug:slug>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
]
