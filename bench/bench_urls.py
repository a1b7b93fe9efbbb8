"""URLs of the tracking benchmark: the site's own, plus no-op views on the same
server that answer with the same bytes as the pixel and the redirect."""

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path

from newsletters.tracking import PIXEL
from newsletters.tracking_views import NO_STORE


def noop_pixel(request, token):
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = NO_STORE
    return response


def noop_redirect(request, token):
    response = HttpResponseRedirect("https://www.example.org/handleiding")
    response["Cache-Control"] = NO_STORE
    return response


urlpatterns = [
    path("bench/noop/<str:token>.gif", noop_pixel),
    path("bench/noop-redirect/<str:token>/", noop_redirect),
    path("", include("config.urls")),
]
