from django.urls import path

from . import views

app_name = "richtext"
urlpatterns = [
    path("", views.LinksToHiddenPagesView.as_view(), name="hidden_links"),
    path("sidor/", views.SitePagesView.as_view(), name="site_pages"),
]
