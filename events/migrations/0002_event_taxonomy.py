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
        # Only the columns this migration's model has: later ones are filled by later
        # migrations reading the same fixture (0010 adds the CAMEO code).
        known = {field.name for field in EventType._meta.get_fields()}
        fields = {key: value for key, value in row["fields"].items() if key in known}
        parent = fields.pop("parent")
        code = fields.pop("code")
        if parent:
            fields["parent"] = EventType.objects.get(code=parent[0])
        EventType.objects.update_or_create(code=code, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(load_taxonomy, migrations.RunPython.noop)]
