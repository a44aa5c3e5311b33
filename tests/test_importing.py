"""The import batch: records resolved across articles and spellings, dates corroborated."""

from __future__ import annotations

import pytest
from django.conf import settings

from events.importing import import_paths
from events.models import Actor, Article, Event, Quote

pytestmark = pytest.mark.django_db

DATED = (
    " date 2023-05-10 Regional governor Serhiy Kovalenko said on Tuesday that Russian shelling "
    "hit the city of Zhytomyr overnight, killing three people.\n\n"
    '"We will rebuild every house," Kovalenko told reporters in Zhytomyr.\n'
)
UNDATED_SAME_STORY = (
    "Sergei Kovalenko, the governor of the Zhytomyr region, said on May 9 that three people "
    "were killed when shells hit Zhytomyr.\n\n"
    '"We will rebuild every single house," Kovalenko said in a televised address.\n'
)
NAMESAKE = (
    " date 2023-06-01 The violinist Anna Kovalenko performed in Lviv on Sunday, drawing a crowd "
    "of hundreds to the city's opera house.\n\n"
    '"Music keeps us going," Kovalenko said after the concert.\n'
)


@pytest.fixture
def imported(article_file):
    paths = [
        article_file("dated.txt", DATED),
        article_file("undated.txt", UNDATED_SAME_STORY),
        article_file("namesake.txt", NAMESAKE),
    ]
    return import_paths(paths, max_bytes=settings.EVENTDESK_MAX_FILE_BYTES)


def actor_with_alias(spelling: str) -> Actor:
    return Actor.objects.get(aliases__name=spelling)


def test_transliterated_spellings_are_one_actor(imported):
    governor = actor_with_alias("Serhiy Kovalenko")
    assert actor_with_alias("Sergei Kovalenko") == governor
    assert governor.mentions.values("article").distinct().count() == 2


def test_people_sharing_only_a_surname_stay_apart(imported):
    assert actor_with_alias("Anna Kovalenko") != actor_with_alias("Serhiy Kovalenko")


def test_a_date_without_a_year_is_corroborated_by_the_batch(imported):
    article = Article.objects.get(source_file="undated.txt")
    assert str(article.published_on) == "2023-05-09"
    assert article.date_source == "corroborated"
    assert "2023-05-10" in article.date_evidence


def test_reports_of_one_happening_become_one_event(imported):
    shelling = Event.objects.get(event_type__code="shelling")
    assert shelling.mentions.values("article").distinct().count() == 2
    assert shelling.fatalities == 3


def test_reports_of_one_statement_share_it(imported):
    first, second = Quote.objects.filter(text__startswith="We will rebuild").order_by("id")
    assert first.statement_id == second.statement_id
    assert first.speaker_id == second.speaker_id == actor_with_alias("Serhiy Kovalenko").pk
