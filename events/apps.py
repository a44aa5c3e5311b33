from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = "eventdesk"

    def ready(self) -> None:
        from events import signals

        signals.connect()
