"""Curation in the Django admin: review queues, evidence, merges, history."""

from __future__ import annotations

from django.contrib import admin

from events.admin import records, runs
from events.admin.base import CuratedAdmin

__all__ = ["CuratedAdmin", "records", "runs"]

# The index adds a count of records awaiting review per model above the app list.
admin.site.index_template = "admin/eventdesk/index.html"
admin.site.site_header = "eventdesk"
admin.site.site_title = "eventdesk"
# The app list sits on the index page; in the change lists its column is room for the
# columns an editor sorts by (a 1366 px screen shows them all without scrolling).
admin.site.enable_nav_sidebar = False
