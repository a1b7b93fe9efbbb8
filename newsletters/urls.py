# Public URLs of this app (full paths; included at the site root).
urlpatterns: list = []
