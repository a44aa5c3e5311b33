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
        if users.filter(is_superuser=True).exists():
            self.stdout.write(
                "An admin account exists already; credentials were printed when it was made."
            )
            return
        username = os.environ.get("ADMIN_USER") or "admin"
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        users.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(f"Admin account created: user {username!r}, password {password!r}")
        )
