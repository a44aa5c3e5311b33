"""Add the cyberattack subtype (under coerce) from fixtures/event_types.json."""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "event_types.json"
CODE = "cyberattack"


def add_cyberattack(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    fields = dict(next(row["fields"] for row in rows if row["fields"]["code"] == CODE))
    parent = fields.pop("parent")
    fields.pop("code")
    fields["parent"] = EventType.objects.filter(code=parent[0]).first()
    EventType.objects.update_or_create(code=CODE, defaults=fields)


def remove_cyberattack(apps, schema_editor):
    apps.get_model("events", "EventType").objects.filter(code=CODE, events=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0013_date_source_reported"),
    ]

    operations = [migrations.RunPython(add_cyberattack, remove_cyberattack)]
