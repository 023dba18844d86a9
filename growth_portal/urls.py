import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from pagecache.query import reads_query

from . import feeds, health, media, views
from .sitemaps import sitemaps

admin.site.site_header = _("Tillväxtportalen – redigering")
admin.site.site_title = _("Tillväxtportalen")
admin.site.index_title = _("Innehåll")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", views.RobotsTxtView.as_view(), name="robots_txt"),
    # Django's sitemap view reads the page of a sitemap index from ?p=.
    path("sitemap.xml", reads_query("p")(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    # Uploaded files, with and without DEBUG; who may see which is decided in media.py.
    re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", media.serve_media),
    # Before the app includes, whose "<slug>/" routes would otherwise take "flode/".
    path("publikationer/flode/", feeds.PublicationFeed(), name="publication_feed"),
    path("nyheter/flode/", feeds.NewsFeed(), name="news_feed"),
    path("", include("organisations.urls")),
    path("", include("questions.urls")),
    path("", include("programmes.urls")),
    path("", include("indicators.urls")),
    path("publikationer/", include("publications.urls")),
    path("inventeringar/", include("surveys.urls")),
    path("", include("content.urls")),
    path("", include("search.urls")),
    # The rich text editor's list of pages to link to, and links to pages no one can see.
    path("admin/lankar/", include("richtext.urls")),
    path("", include("awards.urls")),
    path("", include("themes.urls")),
    path("", include("geography.urls")),
    # The admin's GDPR page (privacy/views.py), before the admin's own catch-all.
    path("admin/personuppgifter/", include("privacy.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "growth_portal.views.server_error"
