from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("organisationer/<slug:slug>/fraga/", views.QuestionCreateView.as_view(), name="ask"),
    path(
        "organisationer/<slug:slug>/fraga/tack/",
        views.QuestionThanksView.as_view(),
        name="thanks",
    ),
]
