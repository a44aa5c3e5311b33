"""Create the first admin account once, printing its credentials once."""

from __future__ import annotations

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create a superuser if none exists: ADMIN_USER/ADMIN_PASSWORD from the environment, "
        "else 'admin' with a generated password printed once."
    )

    def handle(self, *args, **options):
        users = get_user_model().objects
        existing = users.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            name = existing.get_username()
            self.stdout.write(
                f"An admin account exists already ({name!r}); its password was printed when it "
                f"was made. To set a new one: .venv/bin/python manage.py changepassword {name}"
            )
            return
        username = os.environ.get("ADMIN_USER") or "admin"
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        users.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Admin account created: user {username!r}, password {password!r}")
        )
