"""OpenAPI documentation helpers: how expandable relations and exports are described."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers

__all__ = ["ExpandableRelation", "document_errors"]


class ExpandableRelation(serializers.Field):
    """Schema-only marker: a relation served as an id, or as ``nested`` when expanded.

    Used in ``extend_schema_field`` so that clients (and schemathesis) know both shapes;
    ``reference`` is the id's shape when the unexpanded form is not a plain integer.
    """

    def __init__(self, nested, *, many: bool = False, reference=None, nullable: bool = False):
        super().__init__(read_only=True)
        self.nested = nested
        self.many = many
        self.reference = reference
        self.nullable = nullable


class ExpandableRelationExtension(OpenApiSerializerFieldExtension):
    target_class = ExpandableRelation

    def map_serializer_field(self, auto_schema, direction):
        field: ExpandableRelation = self.target
        if field.reference is None:
            collapsed = build_basic_type(OpenApiTypes.INT)
        else:
            component = auto_schema.resolve_serializer(field.reference, direction)
            # Closed: with other properties allowed, an expanded record (which has the
            # reference's fields and more) would match both branches of the oneOf.
            component.schema["additionalProperties"] = False
            collapsed = component.ref
        expanded = auto_schema.resolve_serializer(field.nested, direction).ref
        item = {"oneOf": [collapsed, expanded]}
        if field.many:
            return build_array_type(item)
        if field.nullable:
            item["nullable"] = True
        return item


_TAXONOMY = Path(__file__).resolve().parents[2] / "fixtures" / "event_types.json"

# Every error the API answers, by status code, with when it happens.
_ERRORS = {
    "400": "Invalid parameters or body; the answer names each field at fault.",
    "401": "Credentials given but not valid (a wrong or revoked token).",
    "403": "Not allowed: reading needs an account under this site's policy, or the write "
    "needs a permission this account lacks.",
    "404": "No such record, or a page number past the last page.",
    "429": "Too many requests; `Retry-After` says when to try again.",
}


def document_errors(result: dict, generator, request, public) -> dict:
    """Postprocessing hook: give every operation the error answers it can give.

    drf-spectacular documents the successful answer only; a client (and schemathesis)
    must also know which errors to expect, and their shape: DRF's ``{"detail": …}`` or
    ``{"field": ["message", …]}``.
    """
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = {
        "type": "object",
        "description": '`{"detail": "…"}`, or for invalid input `{"field": ["message"]}`.',
        "additionalProperties": {},
    }
    _enumerate_event_types(result)
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method == "get" and operation.get("security"):
                # Reading needs no account (EVENTDESK_PUBLIC_READ: all, or approved only).
                operation["security"].append({})
            codes = ["401", "403", "429"]
            parameters = operation.get("parameters", [])
            if "requestBody" in operation or any(p["in"] == "query" for p in parameters):
                codes.append("400")
            if "{" in path or any(p["name"] == "page" for p in parameters):
                codes.append("404")
            responses = operation.setdefault("responses", {})
            for code in sorted(codes):
                responses.setdefault(code, {"content": error, "description": _ERRORS[code]})
    return result


@functools.cache
def _taxonomy_codes() -> list[str]:
    rows = json.loads(_TAXONOMY.read_text(encoding="utf-8"))
    return sorted(row["fields"]["code"] for row in rows)


def _enumerate_event_types(result: dict) -> None:
    # Event types are rows, not choices, but the taxonomy is closed (migration 0002
    # loads it from the fixture): list its codes, so that a client knows which the API
    # takes. Read from the file, as a schema is made without a database at hand.
    codes = _taxonomy_codes()
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "event_type":
                    parameter["schema"]["enum"] = codes
    for name, component in result.get("components", {}).get("schemas", {}).items():
        field = component.get("properties", {}).get("event_type")
        if name.endswith("Request") and field and field.get("type") == "string":
            field["enum"] = codes
