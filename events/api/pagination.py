"""Page-number pagination with a client-chosen page size, capped."""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class CappedPageNumberPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        """Paginate, answering a page number that is not a number with 400 (DRF says 404)."""
        page_number = request.query_params.get(self.page_query_param)
        if (
            page_number is not None
            and page_number not in self.last_page_strings
            and (not page_number.isdigit() or int(page_number) < 1)
        ):
            raise ValidationError({"page": ["A page number is a positive integer."]})
        page_size = request.query_params.get(self.page_size_query_param)
        if page_size is not None and (not page_size.isdigit() or int(page_size) < 1):
            raise ValidationError({"page_size": ["A page size is a positive integer."]})
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            # What paginate_queryset accepts: positive integers (a page_size over the cap
            # is served at the cap).
            parameter["schema"]["minimum"] = 1
        return parameters
