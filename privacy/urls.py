from django.contrib import admin
from django.urls import path

from .views import PersonalDataView

app_name = "privacy"
urlpatterns = [
    path("", admin.site.admin_view(PersonalDataView.as_view()), name="personal_data"),
]
