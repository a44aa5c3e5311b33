"""URLs: the admin, the REST API and its OpenAPI schema and docs."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from events.api.views import api_not_found

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/", include("events.api.urls")),
    # Log-in and log-out links of the browsable API (session authentication).
    path("api-auth/", include("rest_framework.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    # Last: an API address nothing answers is a 404 in JSON, as the API's own 404s are.
    re_path(r"^api/[\s\S]*/$", api_not_found),  # [\s\S]: a newline in the path too
]
