from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.SurveyListView.as_view(), name="survey_list"),
    path("<slug:slug>/", views.SurveyDetailView.as_view(), name="survey_detail"),
    path(
        "<slug:slug>/ladda-ner.<str:file_format>",
        views.SurveyExportView.as_view(),
        name="survey_export",
    ),
]
