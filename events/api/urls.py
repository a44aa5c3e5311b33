from rest_framework.routers import DefaultRouter

from events.api import views

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("places", views.PlaceViewSet, basename="place")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("events", views.EventViewSet, basename="event")

urlpatterns = router.urls
