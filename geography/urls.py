from django.urls import path

from . import views

app_name = "geography"
urlpatterns = [
    path(
        "kommuner/<slug:slug>/", views.MunicipalityDetailView.as_view(), name="municipality_detail"
    ),
]
