"""Find quotations in an article and attribute each to the actor who said it.

Three kinds of statement are found:

* **marked quotes** (``marked``), between quotation marks of any common style
  (straight, curly, single, guillemets), including a quote whose closing mark is
  missing (it then ends with its paragraph) and a quote running over several
  paragraphs (each continued paragraph re-opens with a mark, the house style of
  English news); an unattributed quote goes on with the previous quote's speaker in its
  paragraph or in the paragraph right after;
* **unmarked direct speech** (``unmarked``) of the form ``<statement>, X said ...`` or
  ``<statement>, said X``, where everything before the comma is the speaker's words.
  Ordinary indirect speech (``X said that ...``) is reported content, not the speaker's
  words, and is left alone;
* **dash speech** (``dashes``), as press translated from Slavic languages writes it:
  ``- Words. More words - he said.``, or a paragraph of speech and a line ``- said X``.

Partial quotes embedded in a sentence (``described the shelling as "very chaotic
and random"``) are kept with a lower confidence and belong to the subject of the verb
they depend on; fragments of one or two words are scare quotes or names, not
statements, and are skipped.

The speaker (``attribution``, then ``speakers``) is the subject of the verb of saying
next to the quote. A pronoun or a description ("he", "the official", "the French
president", "its general staff", "the head of the X Commission") is resolved to the
nearest compatible actor mentioned earlier, and a pronoun that resolves to nobody is
never served as the speaker; a body or its document can speak ("the central bank
said", "the report said"); an unnamed speaker ("a senior defence official", "Pentagon
officials") keeps its words as ``speaker_name`` and no actor key.

Modules: ``common`` (vocabulary, records), ``marked``, ``index`` (look-ups over one
parsed article), ``attribution``, ``speakers``, ``unmarked``, ``dashes`` and ``finder``
(``find_quotes``, which runs them).
"""

from __future__ import annotations

from events.extraction.quotes.common import MIN_QUOTE_WORDS, SPEECH_VERBS, MarkedSpan
from events.extraction.quotes.finder import find_quotes
from events.extraction.quotes.marked import find_marked_spans

__all__ = ["MIN_QUOTE_WORDS", "SPEECH_VERBS", "MarkedSpan", "find_marked_spans", "find_quotes"]
