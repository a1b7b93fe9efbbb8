from django.urls import path

from courses import views

app_name = "courses"
# Public URLs of this app (full paths; included at the site root).
urlpatterns = [
    path("mijn-leertraject/", views.dashboard, name="dashboard"),
    path("mijn-leertraject/afronden/<int:page_id>/", views.complete, name="complete"),
    path(
        "mijn-leertraject/certificaat/<int:course_id>/",
        views.certificate,
        name="certificate",
    ),
]
