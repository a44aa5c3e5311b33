"""Log every deleted record in ``Deletion``; start a record's history before its first edit.

Signals rather than services because deletions also happen by cascade (an article's
quotes) and from the admin's bulk delete, and edits from the admin's own forms, which
no service sees.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, pre_save
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


def snapshot_before_first_edit(sender, instance, raw=False, **kwargs) -> None:
    """Record an imported record as imported before it is first changed.

    Imports write records without history rows (``store.rows.instances_created``); without this,
    an editor's first change would have no earlier version to compare or revert to.
    """
    if raw or instance.pk is None or instance._state.adding:
        return
    from events.curation import history_snapshot

    history_snapshot([instance])


def connect() -> None:
    for model in SYNCED_MODELS:
        post_delete.connect(
            log_deletion, sender=model, dispatch_uid=f"deletion-log-{model.__name__}"
        )
        pre_save.connect(
            snapshot_before_first_edit,
            sender=model,
            dispatch_uid=f"history-snapshot-{model.__name__}",
        )
