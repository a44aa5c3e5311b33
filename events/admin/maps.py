"""The events' map and timeline: the change list's filtered events, pinned and counted by day."""

from __future__ import annotations

import operator
from collections import Counter

from django.template.response import TemplateResponse
from django.urls import reverse

from events import selectors
from events.api.exports import most_precise_place

__all__ = ["event_map_view"]

# Pins beyond this are left off (the page says how many): a browser draws a few thousand.
PINS_SHOWN = 5_000


def _pins(events) -> list[dict]:
    """Return a pin for each located event, at its most precise place (as the GeoJSON's)."""
    pins = []
    chunks = selectors.event_export_chunks(events, with_pending=True, chunk_size=PINS_SHOWN)
    for event in (event for chunk in chunks for event in chunk):
        place = most_precise_place(event["places"], read=operator.getitem)
        if place is None or place["latitude"] is None or place["longitude"] is None:
            continue
        start = event["start_date"]
        pins.append(
            {
                "id": event["id"],
                "title": event["title"],
                "date": start.isoformat() if start else "",
                "place": place["name"],
                "lat": place["latitude"],
                "lon": place["longitude"],
                "url": reverse("admin:events_event_change", args=[event["id"]]),
            }
        )
    return pins


def _timeline(filtered) -> dict:
    """Return events per day by type family (a sub-type counts under its parent)."""
    rows = filtered.filter(start_date__isnull=False).values_list(
        "start_date", "event_type__name", "event_type__parent__name"
    )
    counts = Counter((day, parent or name) for day, name, parent in rows.iterator())
    days = sorted({day for day, _family in counts})
    families = sorted({family for _day, family in counts})
    return {
        "days": [day.isoformat() for day in days],
        "families": {family: [counts.get((day, family), 0) for day in days] for family in families},
    }


def event_map_view(model_admin, request):
    """Render the map and timeline of the events the change list shows for these filters."""
    changelist = model_admin.get_changelist_instance(request)
    filtered = changelist.queryset
    total = filtered.count()
    shown = selectors.event_export_list().filter(pk__in=filtered.values("pk"))[:PINS_SHOWN]
    pins = _pins(shown)
    timeline = _timeline(filtered)
    query = request.GET.urlencode()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Events on a map and over time",
        "total": total,
        "pinned": len(pins),
        "dated": sum(sum(counts) for counts in timeline["families"].values()),
        "pins_capped": total > PINS_SHOWN,
        "pins_shown": PINS_SHOWN,
        "map_data": {"pins": pins, "timeline": timeline},
        "changelist_url": reverse("admin:events_event_changelist") + (f"?{query}" if query else ""),
    }
    return TemplateResponse(request, "admin/events/event/map.html", context)
