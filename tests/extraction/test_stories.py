"""Same-story test: only reports of one story lend each other a date."""

from __future__ import annotations

import datetime as dt

from events.extraction.stories import (
    best_same_story,
    lead_similarities,
    similarity,
    story_vectors,
)

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


ROUNDUP = "\n\n".join(
    [
        "Here is what happened across the region on Tuesday, in brief.",
        BUDGET,
        "The harbour master of Tavora opened an inquiry after a passenger ferry ran aground "
        "in a storm. The coast guard lifted forty passengers off the stranded ferry.",
        "Its engine had failed, the ferry company said, and the ferry will be towed to port.",
        ELECTION,
        "The national football team lost its friendly against the visitors by two goals.",
    ]
)


def test_a_roundup_telling_the_story_in_one_passage_fits_the_lead():
    whole = story_vectors([FERRY, ROUNDUP, ELECTION])
    leads = lead_similarities({0: FERRY}, {1: ROUNDUP, 2: ELECTION})
    assert leads[0][1] > similarity(whole[0], whole[1])
    assert leads[0][1] > 3 * leads[0][2]
    match = best_same_story(
        whole[0], [(1, whole[1], DAY), (2, whole[2], DAY)], lead_scores={1: leads[0][1]}
    )
    assert match is not None
    assert match[0] == 1
