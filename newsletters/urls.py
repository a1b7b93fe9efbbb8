# Public URLs of this app (full paths; included at the site root).
from django.urls import include, path

from newsletters import tracking_views, views

app_name = "newsletters"
urlpatterns = [
    path("nieuwsbrieven/", views.subscribe, name="subscribe"),
    path("nieuwsbrieven/aangevraagd/", views.requested, name="requested"),
    path("nieuwsbrieven/nieuwe-link/", views.new_link, name="new_link"),
    path("nieuwsbrieven/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("nieuwsbrieven/voorkeuren/<str:token>/", views.preferences,
         name="preferences"),
    path("nieuwsbrieven/afmelden/<str:token>/", views.unsubscribe,
         name="unsubscribe"),
    path("nieuwsbrieven/mijn-gegevens/<str:token>/", views.export, name="export"),
    path("nieuwsbrieven/wissen/<str:token>/", views.erase, name="erase"),
    path("nieuwsbrieven/profiel/", views.profile_subscriptions, name="profile"),
    path("nieuwsbrieven/t/o/<str:token>.gif", tracking_views.open_pixel,
         name="open"),
    path("nieuwsbrieven/t/k/<str:token>/", tracking_views.click, name="click"),
    # ESP webhooks (anymail): …/mailgun/tracking/, …/postmark/tracking/, …
    path("nieuwsbrieven/esp/", include("anymail.urls")),
]  # fmt: skip
