"""Log every deleted record in ``Deletion``, so that downstream copies can follow.

A signal rather than a service because deletions also happen by cascade (an article's
quotes) and from the admin's bulk delete, which no service sees.
"""

from __future__ import annotations

from django.db.models.signals import post_delete
from simple_history.models import HistoricalRecords

from events.models import Actor, Article, Deletion, Event, Place, Quote

__all__ = ["SYNCED_MODELS", "connect"]

# The models the API serves: a downstream copy holds rows of these.
SYNCED_MODELS = (Actor, Article, Event, Place, Quote)


def _current_user():
    """Return the signed-in user of the request being served, if any (set by simple_history)."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def log_deletion(sender, instance, **kwargs) -> None:
    model_name = sender._meta.model_name
    # A service that deletes logs the deletion itself, with its user and reason.
    if Deletion.objects.filter(model=model_name, object_id=instance.pk).exists():
        return
    Deletion.objects.create(
        model=model_name, object_id=instance.pk, reason="deleted", deleted_by=_current_user()
    )


def connect() -> None:
    for model in SYNCED_MODELS:
        post_delete.connect(
            log_deletion, sender=model, dispatch_uid=f"deletion-log-{model.__name__}"
        )
