from django.urls import path

from . import views

app_name = "content"
urlpatterns = [
    path("sidor/<slug:slug>/", views.ContentPageDetailView.as_view(), name="page_detail"),
    path("nyheter/", views.NewsListView.as_view(), name="news_list"),
    path("nyheter/<slug:slug>/", views.NewsDetailView.as_view(), name="news_detail"),
    path("evenemang/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
]
