"""Boilerplate learnt from the corpus: the second import comes out cleaner than the first."""

from __future__ import annotations

import pytest
from django.conf import settings

from events.extraction.boilerplate import line_fingerprint
from events.importing import import_paths
from events.importing.learning import boilerplate_known, boilerplate_learn
from events.models import Article, BoilerplateLine

pytestmark = pytest.mark.django_db

PROMO = "Hear the whole interview on the Valley Morning podcast"


def story(subject: str, day: int) -> str:
    return (
        f" date 2024-03-{day:02d} The county of Westmere opened {subject} on Monday, its "
        f"first in a decade, the county engineer Mara Tovell said.\n\n{PROMO}\n\n"
        f"Tovell said {subject} had cost less than planned and would serve three villages.\n"
    )


def test_a_line_counts_once_an_article_and_is_known_from_three():
    boilerplate_learn(articles=[("Valley Post", story("a bridge", 4))])
    boilerplate_learn(articles=[("Valley Post", story("a school", 5))])
    assert line_fingerprint(PROMO) not in boilerplate_known()
    boilerplate_learn(articles=[("Valley Post", story("a clinic", 6))])
    assert line_fingerprint(PROMO) in boilerplate_known()
    row = BoilerplateLine.objects.get(fingerprint=line_fingerprint(PROMO))
    assert (row.outlet, row.articles, row.text) == ("Valley Post", 3, PROMO)


def test_counts_add_up_per_outlet_and_a_line_keeps_its_first_text():
    boilerplate_learn(
        articles=[("Valley Post", story("a bridge", 4)), ("Hill Gazette", story("a school", 5))]
    )
    boilerplate_learn(
        articles=[
            ("Valley Post", story("a clinic", 6).replace(PROMO, PROMO.upper())),
            ("Valley Post", story("a depot", 7)),
        ]
    )
    rows = BoilerplateLine.objects.filter(fingerprint=line_fingerprint(PROMO))
    assert {(row.outlet, row.articles, row.text) for row in rows} == {
        ("Valley Post", 3, PROMO),
        ("Hill Gazette", 1, PROMO),
    }


def test_the_second_import_is_cleaner_than_the_first(article_file):
    first = [
        article_file(f"{name}.txt", story(subject, day))
        for name, subject, day in [("a", "a bridge", 4), ("b", "a school", 5)]
    ]
    limit = settings.EVENTDESK_MAX_FILE_BYTES
    import_paths(first, max_bytes=limit, batch_size=1)
    assert all(PROMO in article.body for article in Article.objects.all())
    import_paths([article_file("c.txt", story("a clinic", 6))], max_bytes=limit)
    import_paths([article_file("d.txt", story("a depot", 7))], max_bytes=limit)
    assert PROMO not in Article.objects.get(source_file="d.txt").body
    assert "a depot had cost less" in Article.objects.get(source_file="d.txt").body
