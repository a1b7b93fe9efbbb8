"""Public URLs of release notes, known bugs and banners (full paths, site root)."""

from django.urls import path

from release_notes import feeds, views

app_name = "release_notes"

urlpatterns = [
    path("release-notes/", views.index, name="index"),
    path("release-notes/feed/", feeds.AllReleaseNotesFeed(), name="feed"),
    path("release-notes/<slug:service>/", views.history, name="history"),
    path("release-notes/<slug:service>/laatste/", views.latest, name="latest"),
    path(
        "release-notes/<slug:service>/feed/",
        feeds.ServiceReleaseNotesFeed(),
        name="service_feed",
    ),
    path("release-notes/<slug:service>/<str:version>/", views.detail, name="detail"),
    path("gekende-bugs/", views.known_bugs, name="known_bugs"),
    path("gekende-bugs/<int:pk>/", views.known_bug, name="known_bug"),
    path("meldingen/actief.json", views.banners_json, name="active_banners"),
]
