"""Template tags for the admin index: the review queue."""

from __future__ import annotations

from django import template
from django.urls import reverse

from events.models import Actor, Event, Place, Quote, ReviewStatus

register = template.Library()

QUEUED_MODELS = (Event, Actor, Place, Quote)


@register.simple_tag(takes_context=True)
def review_queue(context) -> list[dict]:
    """Return, per curated model the user may view, how many live records await review."""
    user = context["request"].user
    rows = []
    for model in QUEUED_MODELS:
        opts = model._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        pending = model.objects.filter(review_status=ReviewStatus.PENDING)
        if hasattr(model, "merged_into"):
            pending = pending.filter(merged_into__isnull=True)
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        rows.append(
            {
                "name": opts.verbose_name_plural.capitalize(),
                "pending": pending.count(),
                "url": f"{url}?review_status__exact={ReviewStatus.PENDING}",
            }
        )
    return rows
