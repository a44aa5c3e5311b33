"""OpenAPI documentation helpers: how expandable relations and exports are described."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers

__all__ = ["ExpandableRelation"]


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
            collapsed = auto_schema.resolve_serializer(field.reference, direction).ref
        expanded = auto_schema.resolve_serializer(field.nested, direction).ref
        item = {"oneOf": [collapsed, expanded]}
        if field.many:
            return build_array_type(item)
        if field.nullable:
            item["nullable"] = True
        return item
