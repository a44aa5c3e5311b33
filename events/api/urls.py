from django.urls import path
from rest_framework.routers import DefaultRouter

from events.api import views


class Router(DefaultRouter):
    include_format_suffixes = False  # ?format= only: "/events/1.5/" is no record's address


router = Router()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("places", views.PlaceViewSet, basename="place")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("events", views.EventViewSet, basename="event")

# The sync log is served beside the router, not in it: the API root lists the record
# collections only, the shape existing clients read.
urlpatterns = [
    path("deletions/", views.DeletionViewSet.as_view({"get": "list"}), name="deletion-list"),
    *router.urls,
]
