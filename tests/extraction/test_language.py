"""Language detection: English goes to the pipeline, other languages are named."""

from __future__ import annotations

from events.extraction.language import ENGLISH, language_of

ENGLISH_TEXT = (
    "The council of Brannock approved a plan on Thursday to plant ten thousand trees along "
    "the river banks over the next five years, its parks officer said."
)
GERMAN_TEXT = (
    "Der Stadtrat von Brannock hat am Donnerstag beschlossen, in den nächsten fünf Jahren "
    "zehntausend Bäume entlang des Flussufers zu pflanzen, sagte der Parkbeauftragte."
)
SPANISH_TEXT = (
    "El consejo de Brannock aprobó el jueves un plan para plantar diez mil árboles a lo "
    "largo de las orillas del río durante los próximos cinco años, dijo su responsable."
)


def test_english_is_english_and_other_languages_are_named():
    assert language_of(ENGLISH_TEXT) == ENGLISH
    assert language_of(GERMAN_TEXT) == "de"
    assert language_of(SPANISH_TEXT) == "es"


def test_a_given_language_tag_wins_and_is_cut_to_its_language():
    assert language_of(GERMAN_TEXT, given="en-GB") == ENGLISH
    assert language_of(ENGLISH_TEXT, given="pl_PL") == "pl"


def test_a_text_too_short_to_tell_counts_as_english():
    assert language_of("Brannock Weekly") == ENGLISH
