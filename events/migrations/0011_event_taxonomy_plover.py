"""Move the event taxonomy to PLOVER-style families with CAMEO root codes.

Reloads fixtures/event_types.json (the new families and subtypes), maps events of
types that are gone onto their successors, and removes the old upper level.
"""

import json
from pathlib import Path

from django.db import migrations, models

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "event_types.json"

# Old codes that no longer exist -> the code that takes their events.
RENAMED = {
    "aid": "aid_package",
    "violence": "shelling",
    "territory": "capture",
    "civilian": "aid_package",
    "political": "statement",
}
OLD_PARENTS = ("violence", "territory", "civilian", "political")


def load_plover_taxonomy(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    Event = apps.get_model("events", "Event")
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    by_code = {}
    # "aid" is a leaf of the old taxonomy and a family of the new one: move its events
    # to the new leaf before the row changes meaning.
    for row in sorted(rows, key=lambda r: r["fields"]["parent"] is not None):
        fields = dict(row["fields"])
        parent = fields.pop("parent")
        code = fields.pop("code")
        if code in RENAMED and parent is None:
            continue  # a family reusing an old leaf's code: created after the move
        fields["parent"] = by_code.get(parent[0]) if parent else None
        if parent and fields["parent"] is None:
            fields["parent"] = EventType.objects.filter(code=parent[0]).first()
        by_code[code], _ = EventType.objects.update_or_create(code=code, defaults=fields)
    for old, new in RENAMED.items():
        Event.objects.filter(event_type__code=old).update(event_type=by_code[new])
    for row in rows:
        fields = dict(row["fields"])
        parent = fields.pop("parent")
        code = fields.pop("code")
        if code in RENAMED and parent is None:
            family, _ = EventType.objects.update_or_create(
                code=code, defaults={**fields, "parent": None}
            )
            by_code[code] = family
    for row in rows:
        parent = row["fields"]["parent"]
        if parent:
            EventType.objects.filter(code=row["fields"]["code"]).update(
                parent=by_code[parent[0]]
            )
    wanted = {row["fields"]["code"] for row in rows}
    EventType.objects.filter(code__in=OLD_PARENTS).exclude(code__in=wanted).filter(
        events__isnull=True, children__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0010_article_sources_and_boilerplate")]

    operations = [
        migrations.AddField(
            model_name="eventtype",
            name="cameo_root_code",
            field=models.CharField(
                blank=True,
                help_text="CAMEO root code (01-20); blank outside CAMEO.",
                max_length=2,
            ),
        ),
        migrations.AddField(
            model_name="event",
            name="affected",
            field=models.PositiveIntegerField(
                blank=True,
                help_text=(
                    "Others the happening counts: troops deployed, missiles fired, "
                    "people sanctioned."
                ),
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalevent",
            name="affected",
            field=models.PositiveIntegerField(
                blank=True,
                help_text=(
                    "Others the happening counts: troops deployed, missiles fired, "
                    "people sanctioned."
                ),
                null=True,
            ),
        ),
        migrations.RunPython(load_plover_taxonomy, migrations.RunPython.noop),
    ]
