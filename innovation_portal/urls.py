from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from innovation_portal import health, media, pages, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", pages.robots_txt, name="robots_txt"),
    path("sitemap.xml", pages.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", pages.sitemap_section, name="sitemap_section"),
    path("api/", include("api.urls")),
    path("data/", include("api.data_urls")),
    re_path(r"^media/logos/(?P<path>[\w./-]+)$", media.logo, name="logo"),
]

handler404 = "innovation_portal.pages.page_not_found"
handler500 = "innovation_portal.pages.server_error"

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(_("search/"), views.search, name="search"),
    path("", include("registry.urls")),
    path(_("about/"), pages.about, name="about"),
    path(_("accessibility/"), pages.accessibility, name="accessibility"),
    path(_("privacy/"), pages.privacy, name="privacy"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
