from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Tillväxtportalen – redigering")
admin.site.site_title = _("Tillväxtportalen")
admin.site.index_title = _("Innehåll")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("", include("programmes.urls")),
    path("publikationer/", include("publications.urls")),
    path("", include("content.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
