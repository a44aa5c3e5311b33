"""Content negotiation that answers an unknown ``?format=`` with 400 instead of 404."""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class FormatParameterNegotiation(DefaultContentNegotiation):
    """Pick a renderer as DRF does, but explain a bad ``format`` as a client error.

    DRF raises 404 for a format no renderer offers, which reads as "no such page";
    a client that asked for ``?format=xlsx`` should be told what it may ask for.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        # DRF reads an empty ``?format=`` as no format at all; it is a value the schema
        # does not allow, so it is refused like any other unknown one.
        if request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            self.filter_renderers(renderers, "")
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers, format):
        offered = [renderer for renderer in renderers if renderer.format == format]
        if not offered:
            choices = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise ValidationError(
                {"format": [f"Unknown format {format!r}; choose one of {choices}."]}
            )
        return offered
