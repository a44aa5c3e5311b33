"""Time the admin's change lists and change pages on bulk-created data (prints figures).

Not a test. Writes into the DATABASE_URL database (SQLite db.sqlite3 by default):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/admin.py
    .venv/bin/python benchmarks/admin.py --scale 0.1     # a tenth: 10,000 events…

At scale 1: 100,000 events, 20,000 actors, 500,000 actor mentions (and 5,000 articles,
2,000 places). Each page is fetched with the Django test client as a superuser.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.models import (  # noqa: E402
    Actor,
    ActorMention,
    Article,
    Event,
    EventActor,
    EventMention,
    EventType,
    Place,
)

BATCH = 5_000


def bulk(model, rows) -> None:
    for start in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[start : start + BATCH])


def populate(scale: float) -> None:
    tag = uuid.uuid4().hex[:8]
    n_articles, n_places = int(5_000 * scale), int(2_000 * scale)
    n_actors, n_events, n_mentions = int(20_000 * scale), int(100_000 * scale), int(500_000 * scale)
    body = "Governor Anna Kowalczyk said forty workers left Gdansk on Monday. " * 3
    started = time.perf_counter()
    bulk(
        Article,
        [
            Article(
                title=f"Bench {tag} {n}",
                body=body,
                raw_text=body,
                outlet="Bench Post",
                content_hash=f"{tag}-{n}",
                published_on=f"2023-{n % 12 + 1:02d}-01",
            )
            for n in range(n_articles)
        ],
    )
    article_ids = list(
        Article.objects.filter(content_hash__startswith=tag).values_list("pk", flat=True)
    )
    bulk(Place, [Place(name=f"Town {tag} {n}", confidence=(n % 10) / 10) for n in range(n_places)])
    bulk(
        Actor, [Actor(name=f"Person {tag} {n}", confidence=(n % 10) / 10) for n in range(n_actors)]
    )
    actor_ids = list(
        Actor.objects.filter(name__startswith=f"Person {tag}").values_list("pk", flat=True)
    )
    types = list(EventType.objects.values_list("pk", flat=True))
    bulk(
        Event,
        [
            Event(
                title=f"Event {tag} {n}",
                event_type_id=types[n % len(types)],
                start_date=f"20{20 + n % 5}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                confidence=(n % 10) / 10,
                fatalities=n % 7 or None,
            )
            for n in range(n_events)
        ],
    )
    event_ids = list(
        Event.objects.filter(title__startswith=f"Event {tag}").values_list("pk", flat=True)
    )
    bulk(
        ActorMention,
        [
            ActorMention(
                actor_id=actor_ids[n % len(actor_ids)],
                article_id=article_ids[n % len(article_ids)],
                start=9 + n // len(article_ids) % 100,
                end=23,
                text="Anna Kowalczyk",
                sentence_start=0,
                sentence_end=66,
            )
            for n in range(n_mentions)
        ],
    )
    bulk(
        EventMention,
        [
            EventMention(
                event_id=event_ids[n],
                article_id=article_ids[n % len(article_ids)],
                start=0,
                end=66,
                text=body[:66],
                sentence_start=0,
                sentence_end=66,
            )
            for n in range(len(event_ids))
        ],
    )
    bulk(
        EventActor,
        [
            EventActor(event_id=e, actor_id=actor_ids[i % len(actor_ids)])
            for i, e in enumerate(event_ids)
        ],
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"created {n_events:,} events, {n_actors:,} actors, {n_mentions:,} actor mentions, "
        f"{n_articles:,} articles, {n_places:,} places in {time.perf_counter() - started:.1f} s"
    )


def timed(client: Client, url: str) -> tuple[float, int, int]:
    client.get(url)  # warm caches (content types, templates)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(queries), response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full volume")
    parser.add_argument("--no-populate", action="store_true", help="time the data already there")
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not options.no_populate:
        populate(options.scale)
    user, _ = get_user_model().objects.get_or_create(
        username="benchmark-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    busiest_actor = ActorMention.objects.values("actor_id").order_by("actor_id").first()["actor_id"]
    event = Event.objects.order_by("-id").first()
    article = Article.objects.order_by("-id").first()
    pages = [
        ("events change list", "/admin/events/event/"),
        (
            "events, pending + confidence",
            "/admin/events/event/?review_status__exact=pending&confidence_band=high",
        ),
        ("events by year (date hierarchy)", "/admin/events/event/?start_date__year=2022"),
        ("events by actor", f"/admin/events/event/?actor={busiest_actor}"),
        ("actors change list", "/admin/events/actor/"),
        ("places change list", "/admin/events/place/"),
        ("quotes change list", "/admin/events/quote/"),
        ("articles change list", "/admin/events/article/"),
        ("actor mentions change list", "/admin/events/actormention/"),
        ("event change page", f"/admin/events/event/{event.pk}/change/"),
        ("actor change page (busiest)", f"/admin/events/actor/{busiest_actor}/change/"),
        ("article change page", f"/admin/events/article/{article.pk}/change/"),
        ("admin index (review queue)", "/admin/"),
    ]
    print(
        f"database: {connection.vendor}; rows: {Event.objects.count():,} events, "
        f"{Actor.objects.count():,} actors, {ActorMention.objects.count():,} actor mentions"
    )
    print(f"{'page':<34} {'ms':>8} {'queries':>8} {'status':>7}")
    for label, url in pages:
        elapsed, queries, status = timed(client, url)
        print(f"{label:<34} {elapsed:>8.1f} {queries:>8} {status:>7}")


if __name__ == "__main__":
    main()
