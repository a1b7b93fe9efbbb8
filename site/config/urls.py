from allauth.account.views import LoginView

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from release_notes.sitemaps import KnownBugSitemap, ReleaseNoteSitemap
from search import views as search_views

SITEMAPS = {
    "paginas": PageSitemap,
    "release-notes": ReleaseNoteSitemap,
    "gekende-bugs": KnownBugSitemap,
}

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # The admin's login is allauth's: rate-limited, enumeration-safe and with the
    # two-step verification stage, instead of Wagtail's plain password form.
    path(
        "admin/login/",
        LoginView.as_view(success_url="/admin/"),
        name="admin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("zoeken/", search_views.search, name="search"),
    path("huisstijl/", include("themes.urls")),
    path("", include("courses.urls")),
    path("", include("release_notes.urls")),
    path("", include("newsletters.urls")),
    path("", include("analytics.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("operations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
