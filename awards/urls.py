from django.urls import path

from . import views

app_name = "awards"
urlpatterns = [
    path("utmarkelser/", views.AwardListView.as_view(), name="award_list"),
    path("utmarkelser/<slug:slug>/", views.AwardDetailView.as_view(), name="award_detail"),
]
