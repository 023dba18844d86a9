from django.urls import path

from . import views

app_name = "themes"
urlpatterns = [
    path("teman/", views.ThemeListView.as_view(), name="theme_list"),
    # Not <slug:>: tag slugs keep letters such as å, ä and ö.
    path("teman/<str:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
]
