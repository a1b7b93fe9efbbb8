from django.urls import path

from analytics import views

app_name = "analytics"

urlpatterns = [
    # A plain Dutch word: blocking lists aim at "analytics", "collect" and "track".
    path("teller/", views.beacon, name="beacon"),
]
