"""Same-story test: only reports of one story lend each other a date."""

from __future__ import annotations

import datetime as dt

from events.extraction.stories import best_same_story, similarity, story_vectors

FERRY = (
    "A passenger ferry ran aground off the island of Tavora on Tuesday after its engine "
    "failed in a storm. The coast guard lifted forty passengers from the stranded ferry "
    "and the harbour master opened an inquiry into the engine failure."
)
FERRY_AGAIN = (
    "The harbour master of Tavora has opened an inquiry after a passenger ferry ran "
    "aground in a storm. Forty passengers were lifted off the stranded ferry by the coast "
    "guard once its engine failed."
)
BUDGET = (
    "The finance minister presented a budget that raises pensions and cuts fuel duty. "
    "Opposition parties said the budget left hospitals short of money."
)
ELECTION = (
    "Voters in the northern province elect a governor on Sunday. Polls show the two "
    "leading candidates level after a campaign dominated by roads and schools."
)
DAY = dt.date(2024, 5, 7)


def test_two_reports_of_one_story_are_more_alike_than_two_stories():
    ferry, again, budget, _ = story_vectors([FERRY, FERRY_AGAIN, BUDGET, ELECTION])
    assert similarity(ferry, again) > 3 * similarity(ferry, budget)


def test_the_same_story_is_found_among_unrelated_dated_articles():
    ferry, again, budget, election = story_vectors([FERRY, FERRY_AGAIN, BUDGET, ELECTION])
    match = best_same_story(again, [(0, ferry, DAY), (2, budget, DAY), (3, election, DAY)])
    assert match is not None
    assert match[0] == 0


def test_an_unrelated_article_lends_no_date():
    ferry, _, budget, election = story_vectors([FERRY, FERRY_AGAIN, BUDGET, ELECTION])
    assert best_same_story(budget, [(0, ferry, DAY), (3, election, DAY)]) is None


def test_two_equally_similar_articles_dated_apart_make_it_ambiguous():
    ferry, again, _, _ = story_vectors([FERRY, FERRY_AGAIN, BUDGET, ELECTION])
    later = DAY + dt.timedelta(days=60)
    assert best_same_story(again, [(0, ferry, DAY), (1, ferry, later)]) is None
