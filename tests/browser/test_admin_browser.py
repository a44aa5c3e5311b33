"""The admin in a real headless Chromium: log in as an editor, approve, merge, check the API.

Needs Chromium and the ``playwright`` Python package (its own browser download is not
used): ``apt-get install chromium`` and ``pip install -e '.[test]'``. Without them the
tests skip and say so. Screenshots go to a temporary folder, so that a test run leaves
the checkout as it was; ``EVENTDESK_SCREENSHOTS=docs/screenshots`` refreshes the README's.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tempfile
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Actor, Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(
    os.environ.get("EVENTDESK_SCREENSHOTS") or Path(tempfile.gettempdir()) / "eventdesk-screenshots"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "a-long-browser-password"


def _chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser_page(monkeypatch):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need the playwright package: pip install -e '.[test]'")
    executable = _chromium_path()
    if executable is None:
        pytest.skip("browser tests need Chromium: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
    # the test itself (setup and checks) are still sequential, so they are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        yield page
        browser.close()


def _editors_member(django_user_model):
    """Return an editor; the group is rebuilt as migration 0004 makes it (tables are flushed)."""
    from django.contrib.auth.models import Group, Permission

    editors, _ = Group.objects.get_or_create(name="editors")
    codenames = {
        f"{verb}_{model}"
        for model in ("actor", "place", "quote", "event", "article", "eventactor", "eventmention")
        for verb in ("view", "change")
    } | {"review_event", "merge_event", "merge_actor", "review_actor", "view_actoralias"}
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label="events", codename__in=codenames)
    )
    user = django_user_model.objects.create_user("browser-editor", password=PASSWORD, is_staff=True)
    user.groups.add(editors)
    return user


def _log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "browser-editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#review-queue")


def _api_actor_names(live_server) -> set[str]:
    with urllib.request.urlopen(f"{live_server.url}/api/actors/?page_size=100") as response:
        payload = json.load(response)
    rows = payload["results"] if isinstance(payload, dict) else payload
    return {row["name"] for row in rows}


def _screenshot(page, name: str, *, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=full_page)


def test_editor_approves_from_the_queue_and_merges_actors(
    browser_page, live_server, django_user_model, make_records
):
    page = browser_page
    # Transactional tests flush the tables, migration-loaded taxonomy included.
    call_command("loaddata", str(ROOT / "fixtures" / "event_types.json"), verbosity=0)
    _editors_member(django_user_model)
    article = make_records.article(
        body="Governor Anna Kowalczyk said fire crews and A. Kowalczyk reached Gdansk.",
        title="Warehouse fire in Gdansk",
    )
    kept = make_records.actor("Anna Kowalczyk", role="governor")
    other = make_records.actor("A. Kowalczyk")
    make_records.actor_mention(kept, article)
    make_records.actor_mention(other, article)
    gdansk = make_records.place("Gdansk")
    make_records.place_mention(gdansk, article)
    fire = make_records.event(
        title="Warehouse fire in Gdansk", fatalities=0, conflicts=["fatalities: 0 vs 2"]
    )
    fire.places.add(gdansk)
    make_records.participant(fire, kept)
    make_records.event_mention(fire, article)
    make_records.event(title="Port strike in Gdynia", confidence=0.3)

    _log_in(page, live_server)
    _screenshot(page, "fixture-admin-index.png")
    page.click("#review-queue a:has-text('Events')")
    page.wait_for_selector("#result_list")
    assert page.locator("#result_list tbody tr").count() == 2
    _screenshot(page, "fixture-review-queue.png")

    page.check(f"input[name=_selected_action][value='{fire.pk}']")
    page.select_option("select[name=action]", "approve_selected")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success")
    assert "Approved 1 event." in page.inner_text(".messagelist")
    assert Event.objects.get(pk=fire.pk).review_status == "approved"

    page.goto(f"{live_server.url}/admin/events/event/{fire.pk}/change/")
    page.wait_for_selector(".messagelist .warning")
    _screenshot(page, "fixture-event-page.png", full_page=True)
    assert "Anna Kowalczyk" in page.inner_text("body")

    assert {"Anna Kowalczyk", "A. Kowalczyk"} <= _api_actor_names(live_server)
    page.goto(f"{live_server.url}/admin/events/actor/")
    page.check(f"input[name=_selected_action][value='{kept.pk}']")
    page.check(f"input[name=_selected_action][value='{other.pk}']")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.wait_for_selector(".merge-confirmation")
    page.check(f"input[name=merge_target][value='{kept.pk}']")
    page.click("input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    assert "Merged 1 into “Anna Kowalczyk”." in page.inner_text(".messagelist")

    assert Actor.objects.get(pk=other.pk).merged_into_id == kept.pk
    names = _api_actor_names(live_server)
    assert "Anna Kowalczyk" in names
    assert "A. Kowalczyk" not in names


def test_the_event_list_shows_every_column_on_a_laptop_screen(
    browser_page, live_server, django_user_model, make_records
):
    page = browser_page
    call_command("loaddata", str(ROOT / "fixtures" / "event_types.json"), verbosity=0)
    _editors_member(django_user_model)
    make_records.event(
        title="Regional governor and port authority announce a joint evacuation plan for the coast",
        confidence=0.7999999999999999,
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/")
    page.wait_for_selector("#result_list")

    status = page.locator("#result_list th.column-review_status").bounding_box()
    assert status is not None
    assert status["x"] + status["width"] <= 1366
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert "0.80" in page.inner_text("#result_list")
    assert "eventdesk" in page.inner_text("#site-name")


def test_the_map_and_timeline_show_the_filtered_events_and_pins_lead_to_them(
    browser_page, live_server, django_user_model, make_records
):
    page = browser_page
    call_command("loaddata", str(ROOT / "fixtures" / "event_types.json"), verbosity=0)
    _editors_member(django_user_model)
    harbour = make_records.place("Harbourtown", latitude=54.35, longitude=18.65)
    hills = make_records.place("Hillside", latitude=50.05, longitude=19.94)
    shown = []
    for day, place in ((1, harbour), (1, hills), (3, harbour)):
        event = make_records.event(
            title=f"Dock workers walk out, day {day}", start_date=dt.date(2024, 5, day)
        )
        event.places.add(place)
        shown.append(event)
    approved = make_records.event(title="Approved elsewhere", review_status="approved")
    approved.places.add(hills)

    page.set_viewport_size({"width": 1366, "height": 768})
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/?review_status__exact=pending")
    page.click("#map-link")
    page.wait_for_selector(".event-pin")

    assert page.inner_text("#event-total") == "3"
    pins = page.locator(".event-pin")
    assert pins.count() == 2  # one pin a place
    assert sum(int(pins.nth(i).get_attribute("data-count")) for i in range(2)) == 3
    bars = page.locator(".timeline-bar")
    assert sum(int(bars.nth(i).get_attribute("data-count")) for i in range(bars.count())) == 3
    assert page.locator(".timeline-day").count() == 2  # the 1st and the 3rd of May
    _screenshot(page, "fixture-event-map.png", full_page=True)

    page.locator(".event-pin[data-place='Harbourtown']").click()
    page.locator(f".event-link[data-event-id='{shown[2].pk}']").click()
    page.wait_for_url(f"**/admin/events/event/{shown[2].pk}/change/")
    assert "Dock workers walk out, day 3" in page.inner_text("body")

    page.go_back()
    page.locator(f".event-pin[data-event-id='{shown[1].pk}']").click()
    page.wait_for_url(f"**/admin/events/event/{shown[1].pk}/change/")


def test_the_readme_screenshots_show_the_seeds_records(
    browser_page, live_server, django_user_model
):
    """Import seeds/ as ``make run`` does and photograph what an editor sees first."""
    page = browser_page
    call_command("loaddata", str(ROOT / "fixtures" / "event_types.json"), verbosity=0)
    call_command("import_articles", str(ROOT / "seeds"), stdout=io.StringIO())
    _editors_member(django_user_model)
    page.set_viewport_size({"width": 1366, "height": 768})
    _log_in(page, live_server)
    _screenshot(page, "admin-index.png")

    page.goto(f"{live_server.url}/admin/events/event/?review_status__exact=pending")
    page.wait_for_selector("#result_list")
    assert (
        page.locator("#result_list tbody tr").count()
        == Event.objects.filter(merged_into__isnull=True).count()
    )
    _screenshot(page, "review-queue.png")

    most_reported = max(Event.objects.all(), key=lambda event: event.mentions.count())
    page.goto(f"{live_server.url}/admin/events/event/{most_reported.pk}/change/")
    _screenshot(page, "event-page.png", full_page=True)

    page.goto(f"{live_server.url}/admin/events/event/map/")
    page.wait_for_selector(".timeline-bar")
    _screenshot(page, "event-map.png", full_page=True)
