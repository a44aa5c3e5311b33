"""Load the closed event taxonomy from fixtures/event_types.json (re-runnable)."""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "event_types.json"


def load_taxonomy(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    # Parents first, so that children can point at them.
    for row in sorted(rows, key=lambda r: r["fields"]["parent"] is not None):
        fields = dict(row["fields"])
        parent = fields.pop("parent")
        code = fields.pop("code")
        if parent:
            fields["parent"] = EventType.objects.get(code=parent[0])
        EventType.objects.update_or_create(code=code, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(load_taxonomy, migrations.RunPython.noop)]
