"""Import runs and their problem files; editors and viewers may see them (runs are
written by imports only, so nobody gets add or change)."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUPS = ("editors", "viewers")
VIEW_RUNS = ("view_importrun", "view_importrunfile")


def grant_view(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="events", codename__in=VIEW_RUNS)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*view)


def revoke_view(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="events", codename__in=VIEW_RUNS)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*view)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_editorial_groups'),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('paths', models.JSONField(default=list, help_text='Files and folders as given.')),
                ('options', models.JSONField(blank=True, default=dict)),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('finished', 'Finished'), ('failed', 'Failed')], db_index=True, default='queued', max_length=10)),
                ('ran_on', models.CharField(blank=True, help_text='"host pid N" for a local run, "queue" for a queued one.', max_length=200)),
                ('workers', models.JSONField(blank=True, default=list, help_text='Processes that imported files (host pid N).')),
                ('total_files', models.PositiveIntegerField(default=0)),
                ('done_files', models.PositiveIntegerField(default=0)),
                ('imported_files', models.PositiveIntegerField(default=0)),
                ('skipped_files', models.PositiveIntegerField(default=0)),
                ('failed_files', models.PositiveIntegerField(default=0)),
                ('tasks_total', models.PositiveIntegerField(default=1)),
                ('tasks_done', models.PositiveIntegerField(default=0)),
                ('created', models.JSONField(blank=True, default=dict, help_text='Rows created per kind ({"actors": 12, …}).')),
                ('error', models.TextField(blank=True, help_text='Why the run failed.')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ImportRunFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('path', models.CharField(max_length=1000)),
                ('status', models.CharField(choices=[('skipped', 'Skipped'), ('failed', 'Failed')], db_index=True, max_length=10)),
                ('reason', models.TextField(blank=True)),
                ('ran_on', models.CharField(blank=True, help_text='host pid N', max_length=200)),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='problems', to='events.importrun')),
            ],
            options={
                'verbose_name': 'import run problem',
                'ordering': ['run_id', 'id'],
            },
        ),
        migrations.RunPython(grant_view, revoke_view),
    ]
