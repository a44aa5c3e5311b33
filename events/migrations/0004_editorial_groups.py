"""Review/merge permissions and the two editorial groups: editors and viewers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "editors"
VIEWERS = "viewers"
# Editors may delete only evidence rows and spellings, never the records themselves:
# a wrong record is rejected or merged, which keeps its history.
EDITOR_DELETABLE = {"actoralias", "placealias", "actormention", "placemention", "eventmention", "eventactor"}
EDITOR_EXTRA = {
    f"{verb}_{model}" for verb in ("review", "merge") for model in ("actor", "place", "quote", "event")
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    models = [
        m._meta.model_name
        for m in apps.get_app_config("events").get_models()
        if not m._meta.model_name.startswith("historical")
    ]
    content_types = ContentType.objects.filter(app_label="events", model__in=models)
    events_permissions = Permission.objects.filter(content_type__in=content_types)
    view = {f"view_{m}" for m in models}
    # The deletion log is written by the merge services only.
    edit = view | {f"{verb}_{m}" for verb in ("add", "change") for m in models if m != "deletion"}
    delete = {f"delete_{m}" for m in EDITOR_DELETABLE}
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(events_permissions.filter(codename__in=edit | delete | EDITOR_EXTRA))
    viewers, _ = Group.objects.get_or_create(name=VIEWERS)
    viewers.permissions.set(events_permissions.filter(codename__in=view))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, VIEWERS]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0003_history_and_deletions'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='actor',
            options={'ordering': ['name', 'id'], 'permissions': [('review_actor', 'Can approve or reject actors'), ('merge_actor', 'Can merge actors')]},
        ),
        migrations.AlterModelOptions(
            name='event',
            options={'ordering': ['-start_date', 'id'], 'permissions': [('review_event', 'Can approve or reject events'), ('merge_event', 'Can merge events')]},
        ),
        migrations.AlterModelOptions(
            name='place',
            options={'ordering': ['name', 'id'], 'permissions': [('review_place', 'Can approve or reject places'), ('merge_place', 'Can merge places')]},
        ),
        migrations.AlterModelOptions(
            name='quote',
            options={'ordering': ['article_id', 'start'], 'permissions': [('review_quote', 'Can approve or reject quotes'), ('merge_quote', 'Can merge quotes')]},
        ),
        migrations.RunPython(create_groups, remove_groups),
    ]
