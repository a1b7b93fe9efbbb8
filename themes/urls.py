from django.urls import path

from themes import views

app_name = "themes"
urlpatterns = [
    path("diensten.css", views.service_colours, name="service_colours"),
]
