# django-newsletter's messages link to its own unsubscribe page, so its URLs must
# resolve.
from django.urls import include, path

urlpatterns = [path("nieuwsbrief/", include("newsletter.urls"))]
