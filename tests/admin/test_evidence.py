"""Evidence beside the record: the sentences that mention it, marked and escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from events.admin.evidence import Span, marked_body

pytestmark = pytest.mark.django_db

BODY = "Governor Anna Kowalczyk said <b>forty</b> workers left Gdansk."


def page(client, name, record) -> str:
    response = client.get(reverse(f"admin:events_{name}_change", args=[record.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_actor_page_shows_each_mentioning_sentence_with_article_outlet_and_date(
    editor_client, make_records
):
    article = make_records.article(body=BODY, title="Fire in Gdansk", outlet="Baltic Post")
    actor = make_records.actor("Anna Kowalczyk")
    make_records.actor_mention(actor, article)

    html = page(editor_client, "actor", actor)

    assert "Governor <mark>Anna Kowalczyk</mark> said &lt;b&gt;forty&lt;/b&gt;" in html
    assert "<b>forty</b>" not in html  # article text is escaped
    assert "Fire in Gdansk" in html
    assert "Baltic Post, 14 Mar 2023" in html
    assert reverse("admin:events_article_change", args=[article.pk]) in html


def test_place_quote_and_event_pages_show_their_evidence(editor_client, make_records):
    article = make_records.article(body=BODY)
    place = make_records.place("Gdansk")
    make_records.place_mention(place, article)
    quote = make_records.quote(article, text="workers left")
    event = make_records.event()
    make_records.event_mention(event, article)

    assert "left <mark>Gdansk</mark>." in page(editor_client, "place", place)
    assert "<mark>workers left</mark> Gdansk." in page(editor_client, "quote", quote)
    assert "<mark>Governor Anna Kowalczyk said &lt;b&gt;" in page(editor_client, "event", event)


def test_event_page_warns_about_conflicting_figures(editor_client, make_records):
    event = make_records.event(conflicts=["fatalities: 3 vs 5 <script>"])
    html = page(editor_client, "event", event)
    assert '<li class="warning">' in html
    assert "The reports of this event disagree: fatalities: 3 vs 5 &lt;script&gt;" in html


def test_article_page_marks_every_mention_by_kind_and_shows_the_raw_text(
    editor_client, make_records
):
    article = make_records.article(body=BODY)
    actor = make_records.actor("Anna Kowalczyk")
    make_records.actor_mention(actor, article)
    place = make_records.place("Gdansk")
    make_records.place_mention(place, article)
    event = make_records.event()
    make_records.event_mention(event, article)

    html = page(editor_client, "article", article)

    actor_url = reverse("admin:events_actor_change", args=[actor.pk])
    assert f'<a href="{actor_url}" title="Actor: Anna Kowalczyk">Anna Kowalczyk</a>' in html
    assert 'class="ed-place"' in html
    assert 'class="ed-event"' in html
    assert "RAW Governor Anna Kowalczyk said &lt;b&gt;forty&lt;/b&gt;" in html  # raw beside


def test_marked_body_nests_spans_and_never_nests_links():
    body = "Ann said hi to Bob."
    html = marked_body(
        body,
        [
            Span(0, len(body), "event", "/e", "E"),
            Span(0, 3, "actor", "/a", "A"),
            Span(15, 18, "actor", "/b", "B"),
        ],
    )
    assert html.count("<mark") == html.count("</mark>") == 3
    assert '<a href="/e" title="E"> said hi to </a>' in html
    assert "<a" not in html.split('title="A">')[1].split("</a>")[0]
