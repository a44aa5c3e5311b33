"""Separate the story from the page furniture scraped with it, keeping an exact offset map.

Scraped articles arrive with a date line, headline, photo captions and credits, bylines,
copyright notices, promos and "More stories" teasers mixed into the text, and often with
hard-wrapped lines. ``clean_article`` keeps the story as ``body`` and every removed piece
as a ``DroppedBlock`` (or as ``title``/``captions`` metadata), so nothing is silently lost.

Body conventions (downstream steps rely on them):

* Paragraphs are separated by exactly ``"\\n\\n"``; there are no single newlines. Lines
  that each end a sentence (one-sentence-per-line scrapes) become separate paragraphs;
  lines broken mid-sentence are re-joined with one space.
* Curly quotes and transliteration apostrophes become straight ``"`` and ``'`` (one
  character for one, so offsets stay exact and ``Severodonets’k`` matches ``Severodonets'k``);
  whitespace runs become one space; zero-width and soft-hyphen characters are removed.
* ``body_to_raw[i]`` is the raw offset of ``body[i]``: the character it came from, or,
  for a joining space or paragraph break, the raw newline (or whitespace) it replaces.

The rules are deliberately conservative: a story paragraph wrongly dropped costs more
than a little furniture left in, so every rule needs a strong shape before it drops text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from events.extraction.boilerplate import MAX_BOILERPLATE_WORDS, line_fingerprint
from events.extraction.types import CleanedArticle, DroppedBlock

__all__ = ["clean_article"]

# --------------------------------------------------------------------------------------
# Vocabulary. These are shapes of page furniture, not facts about any story.
# --------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"

# Photo and wire agencies that sign photo credits ("REUTERS/Name", "Name/AFP").
_AGENCY_RE = (
    r"(?:reuters|ap|afp|epa(?:-efe)?|efe|getty(?: images)?|anadolu(?: agency)?|xinhua|tass"
    r"|sputnik|ria novosti|dpa|picture alliance|pa(?: wire| images)?|bloomberg|shutterstock"
    r"|alamy(?: stock photo)?|nurphoto|sopa images|zuma(?: press| wire)?|lightrocket|kyodo"
    r"|yonhap|ani|pti|ians|handout|pool|press service|pexels|unsplash"
    r"|wikimedia commons|imago|abaca|sipa|ansa|belga|tt|ntb|ritzau|bbc|cnn)"
)

# Present-tense verbs typical of photo captions ("A man walks past ..."); stories are
# told in the past tense and attribute with "says", which is deliberately absent.
_CAPTION_VERB_RE = (
    r"(?:looks?|walks?|stands?|sits?|holds?|gestures?|speaks?|talks?|attends?|poses?|waves?"
    r"|rides?|carr(?:y|ies)|inspects?|clears?|reacts?|mourns?|prays?|embraces?|hugs?|rests?"
    r"|watch(?:es)?|pass(?:es)?|works?|search(?:es)?|removes?|prepares?|arrives?|lies|lie"
    r"|burns?|rises?|cries|cry|checks?|drives?|patrols?|guards?|plays?|gathers?|helps?"
    r"|lays?|greets?|march(?:es)?|protests?|queues?|waits?|shelters?|flees?|kneels?|smiles?|cheers?"
    r"|weeps?|cycles?|runs?|crosses|cross|collects?|digs?|repairs?|fixes|fix|loads?|unloads?"
    r"|sweeps?|peers?|points?|visits?|views?|observes?|salutes?|takes? part|take cover"
    r"|takes? cover|(?:is|are) (?:seen|pictured|shown|displayed|photographed|covered)"
    r"|can be seen|pictured)"
)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUNCTION_WORDS = _word_set(
    "a an the of to and or in on at for with by from that as but nor into onto than "
    "whose which who whom his her their its our your my this these those is are was "
    "were be been has have had will would can could"
)
# Titles written with a full stop that do not end a sentence ("Gov.\nJane Doe").
_ABBREVIATIONS = _word_set(
    "mr mrs ms dr gov gen lt col sgt sen rep prof st capt maj adm rev hon pres jr sr "
    "no vs cpl pvt brig cmdr supt insp det fr mt ft jan feb mar apr jun jul aug sep "
    "sept oct nov dec u.s u.k u.n e.u"
)
_SENTENCE_END = ".!?…"
_CLOSERS = "\"'”’»)]"
_OPENING_QUOTES = "“‘„‚«"

_QUOTE_MAP = {
    **dict.fromkeys("“”„‟«»〝〞＂", '"'),
    **dict.fromkeys("‘’‚‛`´ʼʹ", "'"),
}
_QUOTE_TABLE = str.maketrans(_QUOTE_MAP)
# Symbols kept even at a line end: they carry meaning ("40°", "Brand®").
_MEANINGFUL_SYMBOLS = frozenset("°©®™№")

# --------------------------------------------------------------------------------------
# Line shapes
# --------------------------------------------------------------------------------------

_ISO_DATELINE = re.compile(
    r"(?:(?:date|dated|published|posted|updated)\s*:?\s*)?"
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"(?=\s|$)\s*",
    re.IGNORECASE,
)
_TEXT_DATE_LINE = re.compile(
    rf"(?:(?:published|posted|updated|last updated|first published)(?:\s+on)?\s*:?\s*)?"
    rf"(?:{_WEEKDAY_RE},?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_RE})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))"
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}(?:[+-]\d+)?\)?)?)?"
    r"\.?",
    re.IGNORECASE,
)
_META_LINE = re.compile(
    r"(?:\d+\s*(?:min(?:ute)?s?|hours?|hrs?|days?)\s+(?:read|ago)"
    r"|(?:updated|published|posted)\s*:?\s*\d+\s*(?:min(?:ute)?s?|hours?|days?)\s+ago"
    r"|listen to (?:this )?article(?:\s*\d+.*)?|print(?: this)?(?: article| page)?"
    r"|skip to (?:the )?(?:main )?(?:content|navigation|main)"
    r"|comments?(?:\s*\(\d+\))?|share(?: this(?: article| story)?)?:?|(?:tags?|topics|filed under|"
    r"categor(?:y|ies)|keywords)\s*:.*|home\s*(?:[>»/|]\s*[\w .'-]+){1,5})",
    re.IGNORECASE,
)
# "UPDATE: 2:30 p.m.", "Updated 14:05 GMT": a live page's time stamp over its next entry.
_TIME_LABEL_LINE = re.compile(
    r"(?:(?:last\s+)?(?:update[ds]?|posted|published|edited)\s*:?\s*(?:at\s+)?)?"
    r"\d{1,2}(?:[:.]\d{2}(?:\s*[ap]\.?\s?m\b\.?)?|\s*[ap]\.?\s?m\b\.?)"
    r"(?:\s*\(?[A-Z]{2,5}(?:[+-]\d+)?\)?)?",
    re.IGNORECASE,
)
# A date beside a short label, set off by a bullet or a bar: "N/A • 10 March 2023 02:52".
_LABEL_SEPARATOR = re.compile(r"\s+[•|·]\s+")
# "11.07.2023 21:13" glued before the first sentence: a numeric date, a time perhaps.
_NUMERIC_DATELINE = re.compile(
    r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?:,?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"(?=\s|[A-Z\"“]|$)\s*"
)
# A notice that the article is read aloud by a machine voice.
_MACHINE_VOICE_LINE = re.compile(
    r"(?:this (?:audio|article|story|narration|summary|recording)(?: is| was| has been)?"
    r" (?:created|generated|produced|voiced|narrated|read)(?: \w+){0,2}"
    r" (?:with|by|using)(?: the help of)? (?:ai|artificial intelligence)"
    r"(?: assistance| tools?| voices?| technology)?"
    r"|(?:voiced|narrated|read) by (?:an? )?(?:ai|artificial intelligence|automated voice)"
    r"(?: voice)?"
    r"|press play to listen to (?:this|the) (?:article|story))\.?",
    re.IGNORECASE,
)
_WIRE_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z'’.-]+(?:[ -][A-Za-z'’.-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z'’.-]+(?:\s[A-Za-z'’.-]+){0,2})?)"
    rf"(?:,?\s+(?i:{_MONTH_RE})\.?\s+\d{{1,2}})?,?\s*"
    r"\((?P<agency>Reuters|AP|AFP|dpa|Xinhua|Bloomberg|UPI|ANI|PTI|IANS|TASS|EFE|ANSA)\)"
    r"\s*[-–—]+\s*",
)
# A dateline of place alone, before a dash: "Port Elsa, Ruritania - The army said...".
_PLACE_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z'’.-]+(?:\s[A-Z][A-Za-z'’.-]+){0,2},\s*"
    r"[A-Z][A-Za-z'’.-]+(?:\s[A-Z][A-Za-z'’.-]+){0,2})\s+[-–—]+\s+(?=[A-Z\"“])"
)
# Any agency's dateline, its place in capitals and its day written out: "MINSK, 28
# January (BelTA) -", "PORT ELSA, Ruritania, May 3, 2024 (Harbour News) -".
_WIRE_DATELINE_DATED = re.compile(
    r"(?P<place>[A-Z][A-Z'’.-]+(?:[ -][A-Z'’.-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z'’.-]+(?:\s[A-Za-z'’.-]+){0,2})?)"
    rf",?\s+(?:(?i:{_MONTH_RE})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{_MONTH_RE})\.?)(?:,?\s+\d{{4}})?"
    r",?\s*\((?P<agency>[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3})\)\s*[-–—]+\s*",
)
_ADVERTISEMENT_LINE = re.compile(
    r"(?:advertisements?|adverti[sz]ing|ad|sponsored(?: content| post| links?)?"
    r"|(?:story|article) continues (?:below|after)(?: (?:this )?(?:advertisement|ad))?"
    r"|continue reading(?: below| the main story)?|scroll (?:down )?to continue(?: with content)?"
    r"|skip advert(?:isement)?|promoted(?: content| stories)?|paid (?:content|post)"
    r"|report an ad|ad feedback)\s*[:.]?",
    re.IGNORECASE,
)
_PROMO_LINE = re.compile(
    r"(?:.*\bsign(?:ing)? up\b.*\bnewsletters?\b|.*\bnewsletters?\b.*\bsign(?:ing)? up\b"
    r"|subscribe\b.*|.*\bsubscribe (?:to|now|today|for|here)\b.*|(?:follow|like|find) us on\b.*"
    r"|click here\b.*|download (?:our|the) .*\bapp\b.*|join (?:our|us on)\b.*"
    r"|(?:share|tweet|post) (?:this|on)\b.*|already a (?:subscriber|member)\b.*"
    r"|(?:log|sign) in\b.*(?:to|account).*|create (?:a free |an )?account\b.*"
    r"|(?:we|this (?:web)?site) uses? cookies\b.*|support (?:our|independent|quality) journalism.*"
    r"|get (?:the latest|our|breaking) .*\b(?:delivered|inbox|alerts?|app)\b.*"
    r"|(?:enable|turn on) (?:push )?notifications\b.*|(?:you can )?also follow .* on .*).*",
    re.IGNORECASE,
)
# A plea for members or money ("Become a member Support us just once"), with no sentence
# in it: "Become a member of the alliance," a quote or a statement, stays.
_MEMBERSHIP_LINE = re.compile(
    r"(?:become an? (?:member|subscriber|patron|supporter|donor)|support us)\b"
    r"(?!\s+(?:of|in|with|against|to|from|as)\b)[^.!?\"“”,;]*[.!]?",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"\(?\s*(?:(?:with|additional|further)\s+)*"
    r"(?:reporting|writing|editing|edited|written|compiled|translated|translation|research"
    r"|production|graphics|contributions?)\s+(?:by|from)\b.*",
    re.IGNORECASE,
)
_CREDIT_WORDS = _word_set(
    "with additional further reporting writing editing edited written compiled "
    "translated translation research production graphics contribution contributions "
    "by from and in the of for at"
)
_CONTRIBUTED_LINE = re.compile(
    r".{0,160}\bcontributed (?:reporting )?(?:to )?(?:this|the) (?:report|story|article)\b.*"
    r"|(?:this (?:article|story|report) (?:was |has been )?(?:originally |first )?"
    r"|(?:the|this) (?:article|story|report) (?:was |has been )?(?:originally|first) )"
    r"(?:published|appeared|posted)\b.*",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"\(?\s*(?:source|sources|via|courtesy(?: of)?)\s*:?\s*(?P<who>[^()]+?)\)?\.?"
)
_ORIGINALLY_PUBLISHED = re.compile(
    r"(?:published|appeared|posted)\s+(?:on|in|by|at)\s+(?P<who>.+?)(?:\s+on\s+.*)?[.)]*$",
    re.IGNORECASE,
)
_BYLINE_LINE = re.compile(
    r"(?:by|written by|words by|story by|posted by|author|reporter|reported by)"
    r"\s*:?\s+(?P<names>.+)",
    re.IGNORECASE,
)
# Where a byline's names end and its date, time or reading time begins.
_BYLINE_TAIL = re.compile(
    rf"\s+(?=(?:{_WEEKDAY_RE},?\s+)?(?:{_MONTH_RE})\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+(?:{_MONTH_RE})\b"
    r"|\d{1,2}:\d{2}|\d+\s*min(?:ute)?s?\s+read|\d{4}-\d{2}-\d{2}|(?:updated|published|posted)\b)",
    re.IGNORECASE,
)
_AUTHOR_BOX_LINE = re.compile(r"[Aa]bout (?:the )?(?P<name>.+?)\s*:?")
_AUTHOR_BIO = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+"
    r"(?:is|has been|works as)\s+(?:an?|the)\s+(?:[\w'’,-]+\s+){0,6}?"
    r"(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|producer"
    r"|freelancer|photographer|photojournalist|author|intern|blogger|anchor|presenter)\b"
    r"|(?P<name2>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+(?:covers|writes about|reports on)\b"
)
# Markers of end-of-page widgets: everything after them is other stories.
_WIDGET_MARKER = re.compile(
    r"(?:more (?:stories|news|articles|from [\w .'&-]{1,30}|on this(?: story| topic)?)"
    r"|check also|recommended(?: for you| stories| articles| reading| videos| news)?"
    r"|related(?: articles?| stories| news| posts?| content| coverage| topics| links| reading)"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|also on [\w .'-]{1,30}"
    r"|most (?:read|popular|viewed|shared)|trending(?: now| stories| news)?"
    r"|popular(?: stories| posts| now)?"
    r"|latest(?: news| stories| posts| articles)|top stories|editor'?s picks|don'?t miss"
    r"|next (?:article|story|post)|previous (?:article|story|post)|recent posts|further reading"
    r"|what to read next|keep reading|more to explore|around the web|from the web)",
    re.IGNORECASE,
)
# Markers of an inline link to another story: drop the marker and the headline after it.
_INLINE_MARKER = re.compile(
    r"(?:read (?:more|also|next)|also read|see also|related|also see)", re.I
)
_INLINE_TEASER_LINE = re.compile(
    r"(?:read (?:more|also|next)|also read|see also|related|recommended|more|watch|listen"
    r"|also see|also watch|click here)(?:\s*[:|>»]|\s+[–—-])\s*\S.*",
    re.IGNORECASE,
)
# A gallery's counter opening its caption: "Expand Autoplay Image 1 of 17 ...".
_GALLERY_LINE = re.compile(
    r"(?:(?:expand|autoplay|enlarge|full ?screen|open gallery|gallery|slideshow|close)\s+)*"
    r"(?:image|photo|picture|slide)\s+\d+\s+(?:of|/)\s+\d+\b.*",
    re.IGNORECASE,
)
# The wire caption's own opening: "In this photo taken/provided ...", "This image taken
# from video provided by ...". A story may say what a photo shows, not who handed it out.
_PICTURE_NOUN_RE = (
    r"(?:(?:undated|handout|file|aerial|still|satellite)\s+)*"
    r"(?:image|photo(?:graph)?|picture|frame grab|video grab|screen ?grab|still)"
)
_CAPTION_INTRO_LINE = re.compile(
    rf"(?:in\s+this\s+{_PICTURE_NOUN_RE}\s+(?:\w+\s+){{0,2}}?"
    r"(?:taken|provided|released|made|shot|obtained|distributed|posted|shared|published)"
    rf"|this\s+{_PICTURE_NOUN_RE}\s+(?:taken\s+from\s+(?:a\s+)?video\s+)?"
    r"(?:provided|released|distributed|made available|obtained)\s+by)\b.*",
    re.IGNORECASE,
)
# A photographer's name alone in parentheses on its own line: "(Ola Berg)".
_PARENTHESISED_NAME_LINE = re.compile(r"\(\s*(?P<name>[^()\d]{3,60}?)\s*\)\.?")
# "READ MORE Headline": a teaser label in capitals, with no colon after it.
_CAPITALS_TEASER_LINE = re.compile(r"(?:READ|SEE|WATCH) (?:MORE|ALSO|NEXT)\s+\S.*|ALSO READ\s+\S.*")
_CAPTION_LABEL = re.compile(
    r"(?:(?P<label>image caption|media caption)\s*[:,]?"
    r"|(?:photo caption|caption|pictured|photo|photograph|image|picture|pic|file photo|video)"
    r"\s*[:|–—])\s*(?P<text>\S.*)",
    re.IGNORECASE,
)
_IMAGE_CREDIT_LABEL = re.compile(
    r"(?:image source|image copyright|photo credit|image credit|picture credit)\s*[:,]?\s*.*",
    re.IGNORECASE,
)
# A caption credit in parentheses in the middle of a line, with story text after it.
_INLINE_CREDIT = re.compile(
    r"\(\s*(?:source|photo(?:graph)?(?: by| credit)?|image|picture|credit|file photo"
    rf"|(?:{_AGENCY_RE})\s+photo)\b[^()\n]{{0,80}}\)",
    re.IGNORECASE,
)
_CREDIT_LABELLED = re.compile(
    r"\(?\s*(?P<label>photo(?:graph|s)?(?: credit)?|image(?: credit)?|picture|pic|credit"
    r"|file photo|source|courtesy(?: of)?)\s*(?::|\bby\b|[-–])?\s*(?P<who>[^()]{1,80}?)\s*\)?\.?",
    re.IGNORECASE,
)
_CREDIT_AGENCY_FIRST = re.compile(
    rf"\(?\s*(?:{_AGENCY_RE})(?P<photo>\s+(?:photo|pool photo|pool|file photo|images?))?"
    r"\s*(?:/\s*(?P<who>[^()]+?))?\s*\)?\.?",
    re.IGNORECASE,
)
# "Name/AFP", "Name/The Outlet via AP, Pool": a photographer, perhaps an outlet, an agency.
_CREDIT_AGENCY_LAST = re.compile(
    rf"\(?\s*(?P<who>[^()]+?)\s*/\s*(?:[^()/]+?\s+via\s+)?(?:{_AGENCY_RE})"
    r"(?:\s+(?:via|for)\s+[^()]+?)?(?:,\s*pool)?\s*\)?\.?",
    re.IGNORECASE,
)
# "(Ola Berg/The Velmar Post)", "(Ola Berg, Velmar Post/VPS)": a photographer and an outlet
# that reads as one ("The ...", "... News"), or any outlet and its wire's code in capitals.
# Matched case-sensitively; "(New York/New Jersey)" is no credit.
_OUTLET_LOOK = re.compile(
    r"The\s+\S.*|.*\b(?:News|Post|Times|Press|Herald|Independent|Journal|Tribune|Daily"
    r"|Gazette|Telegraph|Guardian|Observer|Chronicle|Courier|Photos?|Images|Media|Agency"
    r"|TV|Radio|Service)\b.*"
)
_CREDIT_PERSON_OUTLET = re.compile(
    r"\(\s*(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
    r"(?:\s*/\s*(?P<outlet>[^()/,]{2,50}?)|,\s*(?P<outlet_coded>[^()/,]{2,50}?)\s*/\s*[A-Z]{2,6})"
    r"\s*\)\.?"
)
# "Ola Berg for The Velmar Post" after a caption: a photographer on assignment.
_CREDIT_FOR_OUTLET = re.compile(
    r"(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s+for\s+"
    r"(?P<outlet>The\s+[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})"
)
# A credit opening a line the story runs on from: "Ola Berg/The Velmar Post via AP, Pool".
_LEADING_CREDIT = re.compile(
    r"(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*/\s*"
    rf"(?:[A-Z][^/\n]{{1,50}}?\s+via\s+)?(?i:{_AGENCY_RE})(?i:,\s*pool)?\s+"
)
# A wire's version tag at a headline's end: "(2nd Ld)", "(LEAD)", "(3rd Ld-Writethru)".
_WIRE_VERSION_TAG = re.compile(
    r"\s*\((?:\d+(?:st|nd|rd|th)\s+)?(?:Ld|LD|Lead|LEAD)(?:\s*[-–]\s*[\w -]{1,30})?\)$"
)
_CREDIT_VIA = re.compile(
    r"\(?\s*(?P<who>[^()]*?)\s*(?:via\s+)?(?:getty images|shutterstock|alamy(?: stock photo)?)"
    r"(?:\s+for\s+[^()]+?)?\s*\)?\.?",
    re.IGNORECASE,
)
_CREDIT_FILE = re.compile(
    r"\(\s*(?:file|file (?:photo|image|picture)|representational (?:image|photo|picture)"
    r"|representative (?:image|photo)|photo (?:used )?for representation)\s*\)\.?",
    re.IGNORECASE,
)
_CREDIT_CANDIDATE_START = re.compile(
    rf"(?<=[.!?…\"”’)])\s+(?=\S)|\s(?=[(\[])|\s(?=(?:{_AGENCY_RE})\b)|\s(?=(?:photo|picture|image)\b)",
    re.IGNORECASE,
)
_COPYRIGHT_START = re.compile(
    r"\(?\s*(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}|(?:\S+\s+){1,6}?(?:©|\d{4}\b))"
    r"|all rights reserved|this material may not be (?:published|reproduced))",
    re.IGNORECASE,
)
_LEGAL_SUFFIX = re.compile(
    r"[,\s]+(?:ltd\.?|limited|inc\.?|llc|plc|corp\.?|corporation|gmbh|s\.a\.|co\.|"
    r"llp|pty)(?=[\s,.]|$)",
    re.IGNORECASE,
)
_ATTRIBUTION_TAIL = re.compile(
    r",[^,]*\b(?:said|says|added|reported|told|according to)\b[^,]*$", re.IGNORECASE
)
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE)
_CAPTION_LOOK = re.compile(rf"^(?:\S+\s+){{0,9}}?{_CAPTION_VERB_RE}\b", re.IGNORECASE)
_DATE_SUFFIX = re.compile(
    rf"(?:\b(?:{_MONTH_RE})\.?\s+\d{{1,2}},?\s+\d{{4}}|\b\d{{1,2}}\s+(?:{_MONTH_RE})\.?\s+\d{{4}})"
    r"\.?\s*$",
    re.IGNORECASE,
)


# Video furniture: labels ("VIEW VIDEO", "See the video ..."), players' captions with a
# running time ("1:02 Title – video") and "the article continues under the video".
_VIDEO_LABEL_LINE = re.compile(
    r"(?:(?:view|watch|see|play|open)\s+(?:the\s+|our\s+|this\s+)?(?:video|footage|clip)s?\b.*"
    r"|videos?\s*[:|–—-].*"
    r"|\d{1,2}:\d{2}(?::\d{2})?\s+[^.!?]{1,120}"  # a player's running time and title
    r"|.*\s[–—-]\s*(?:video|watch|live|audio|podcast)"
    r"|.*\b(?:under|below|above|after|beneath)\s+(?:the\s+|this\s+)?video(?:\s+material)?\b.*"
    r"|(?:the\s+)?(?:rest|continuation|remainder)\s+of\s+the\s+(?:article|material|text|story)\b"
    r".*\b(?:below|under|after|above|beneath|next page|video|continues)\b.*)",
    re.IGNORECASE,
)
# A line sending the reader elsewhere: an outlet's main page, a live feed "here", a web
# address, an imperative to read, watch, listen, follow, join or help.
_ELSEWHERE_LINE = re.compile(
    r"(?:.*\b(?:on|to|at)\s+(?:the\s+)?(?:[\w.'’-]+\s+)?(?:main|home)\s*page\b(?:[^.!?]|\.(?=\w))*"
    r"|.*\bcan be (?:found|followed|read|watched|seen|heard)\b"
    r".*\b(?:here|website|site|page|app|channel|profile|account)\b\W*"
    r"|(?:.*\b(?:you can|click|tap)\b.*|(?:read|watch|follow|see|find|listen)\b.*)\bhere\W*"
    r"|you can (?:read|watch|find|follow|listen to|see) (?:more|the latest|all|our)\b.*"
    r"|.*(?:https?://|www\.|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*).*"
    r"|.*(?:>>+|»»)\s*)",
    re.IGNORECASE,
)
# An imperative sending the reader elsewhere, as a heading (no full stop): "Read the
# report: ...", "Watch TV live on ...", "Join the collection".
_ELSEWHERE_IMPERATIVE = re.compile(
    r"(?:read|watch|listen to|see|follow|join|help|support|donate to|visit|check out)\b.{0,80}"
    r"(?:[:>»]|\b(?:live|report|collection|fundraiser|channel|stream|podcast|app)\b).*",
    re.IGNORECASE,
)
# "Author/ author: ABC/ Def", "(ABC/DEF)", "JKL/PAP": an editor's initials and sign-off.
_AUTHOR_LABEL_LINE = re.compile(
    r"(?i:authors?|autor|oprac\.?|editor|edited)\s*(?:/\s*(?i:authors?)\s*)?:?\s*(?P<names>\S.{0,60})"
)
_INITIALS_LINE = re.compile(
    r"\(?\s*[A-Z][A-Za-z]{0,4}\.?(?:\s*/\s*[A-Z][A-Za-z]{0,4}\.?)+\s*\)?\.?"
)
# A widget heading that runs into its teasers on the same line ("Other Topics of
# Interest Headline ..."): written in title case or capitals, so matched case-sensitively.
_WIDGET_HEADING_START = re.compile(
    r"(?:Other|More|Related|Recommended|Popular|Trending|Latest|Top)"
    r"(?:\s+(?:Topics?|Stories|Articles|News|Reads?|Posts|Videos|Headlines|of|Interest|for|You|on"
    r"|This|Topic|Story)){1,4}\b"
    r"|(?:OTHER|MORE|RELATED|RECOMMENDED|POPULAR|TRENDING|LATEST|TOP)"
    r"(?:\s+(?:TOPICS?|STORIES|ARTICLES|NEWS|READS?|POSTS|VIDEOS|HEADLINES|OF|INTEREST|FOR|YOU)){1,4}\b"
)
# Share of a text's cased letters written in capitals above which it is shouting.
CAPITALS_SHARE = 0.8


# --------------------------------------------------------------------------------------
# Working records
# --------------------------------------------------------------------------------------


@dataclass
class _Line:
    """A trimmed raw span that was (part of) one raw line, with what was learnt about it."""

    start: int
    end: int
    block: int  # lines with the same block number were not separated by a blank line
    # "strong" or "weak" when a photo credit was cut from its end, or the line repeated
    # as a caption is: how surely the paragraph it ends is a caption.
    credit: str = ""


@dataclass
class _Paragraph:
    lines: list[_Line]
    joiners: list[str]  # joiners[i] goes before lines[i]: "" or " " (joiners[0] unused)

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def credit(self) -> str:
        return self.lines[-1].credit


class _Recorder:
    """Collect what was dropped and the metadata found on the way."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.dropped: list[DroppedBlock] = []
        self.title = ""
        self.byline = ""
        self.outlet = ""
        self.outlet_rank = 99
        self.dateline: dt.date | None = None
        self.captions: list[tuple[int, str]] = []

    def drop(self, kind: str, start: int, end: int) -> None:
        start, end = _trim(self.raw, start, end)
        if end > start:
            self.dropped.append(DroppedBlock(kind, self.raw[start:end], start, end))

    def set_outlet(self, name: str, rank: int) -> None:
        # Lower rank wins: a copyright notice names the publisher more surely than a credit.
        name = _clean_outlet(name)
        if name and rank < self.outlet_rank:
            self.outlet, self.outlet_rank = name, rank


# --------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------


def clean_article(raw: str, *, boilerplate: frozenset[str] = frozenset()) -> CleanedArticle:
    """Return the article with its body separated from captions, credits and teasers.

    ``boilerplate`` holds fingerprints (``boilerplate.line_fingerprint``) of lines learnt
    to recur across articles; a line that has one is dropped as boilerplate.
    """
    recorder = _Recorder(raw)
    lines = _split_lines(raw)
    lines = _strip_leading_dateline(lines, recorder)
    lines = [piece for line in lines for piece in _trim_line_ends(line, recorder)]
    if boilerplate:
        lines = _drop_boilerplate(lines, recorder, boilerplate)
    lines = _drop_furniture_lines(lines, recorder)
    lines = _take_headline(lines, recorder)
    paragraphs = _assemble_paragraphs(raw, lines)
    paragraphs = _drop_captions(paragraphs, recorder)
    paragraphs = _drop_wire_dateline(paragraphs, recorder)
    paragraphs = _drop_author_bio(paragraphs, recorder)
    body, body_to_raw = _render_body(raw, paragraphs)
    return CleanedArticle(
        raw=raw,
        body=body,
        title=recorder.title,
        dateline=recorder.dateline,
        byline=recorder.byline,
        outlet=recorder.outlet,
        captions=tuple(text for _, text in sorted(recorder.captions)),
        dropped=tuple(sorted(recorder.dropped, key=lambda block: block.raw_start)),
        body_to_raw=body_to_raw,
    )


# --------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------


def _split_lines(raw: str) -> list[_Line]:
    """Return the non-blank raw lines, trimmed, numbered by blank-line-separated block."""
    lines: list[_Line] = []
    block = 0
    position = 0
    for text in raw.splitlines(keepends=True):
        start, end = _trim(raw, position, position + len(text))
        position += len(text)
        if _is_blank(raw[start:end]):
            block += 1
            continue
        lines.append(_Line(start, end, block))
    return lines


def _strip_leading_dateline(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Remove a leading ``date YYYY-MM-DD`` and keep what follows it on the same line."""
    lines = _strip_iso_dateline(lines, recorder)
    return _strip_numeric_dateline(lines, recorder)


def _strip_numeric_dateline(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Remove a "DD.MM.YYYY HH:MM" opening the first line, glued to the story or alone."""
    if not lines:
        return lines
    first = lines[0]
    match = _NUMERIC_DATELINE.match(recorder.raw, first.start, first.end)
    if not match:
        return lines
    if recorder.dateline is None:
        try:
            recorder.dateline = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return lines
    recorder.drop("dateline", match.start(), match.end())
    rest_start, rest_end = _trim(recorder.raw, match.end(), first.end)
    rest = [_Line(rest_start, rest_end, first.block)] if rest_end > rest_start else []
    return [*rest, *lines[1:]]


def _strip_iso_dateline(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    for index, line in enumerate(lines[:3]):
        match = _ISO_DATELINE.match(recorder.raw, line.start, line.end)
        # Below the first line only a labelled date ("date ...", "Published ...") counts.
        if not match or (index and not recorder.raw[line.start].isalpha()):
            continue
        try:
            recorder.dateline = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return lines
        recorder.drop("dateline", match.start(), match.end())
        rest_start, rest_end = _trim(recorder.raw, match.end(), line.end)
        rest = [_Line(rest_start, rest_end, line.block)] if rest_end > rest_start else []
        return [*lines[:index], *rest, *lines[index + 1 :]]
    return lines


def _trim_line_ends(line: _Line, recorder: _Recorder) -> list[_Line]:
    """Cut decoration, glued copyright notices and photo credits off a line's ends."""
    raw = recorder.raw
    start, end = _strip_decoration(raw, line.start, line.end, recorder)
    if end <= start:
        return []
    copyright_start = _find_copyright(raw[start:end])
    if copyright_start is not None:
        notice_start = start + copyright_start
        recorder.drop("copyright", notice_start, end)
        recorder.set_outlet(raw[notice_start:end], rank=0)
        start, end = _strip_decoration(raw, start, notice_start, recorder)
        if end <= start:
            return []
    if tag := _WIRE_VERSION_TAG.search(raw, start, end):
        recorder.drop("label", tag.start(), end)
        start, end = _trim(raw, start, tag.start())
    leading = _LEADING_CREDIT.match(raw, start, end)
    if leading and _word_count(raw[leading.end() : end]) >= 8:
        recorder.drop("credit", start, leading.end())
        start = leading.end()
    pieces: list[_Line] = []
    # A parenthesised credit inside the line ends a caption; story text may follow it.
    for match in _INLINE_CREDIT.finditer(raw, start, end):
        after = raw[match.end() : end].strip()
        if not after:
            break
        before_start, before_end = _trim(raw, start, match.start())
        recorder.drop("credit", match.start(), match.end())
        strength = (
            "weak" if raw[match.start() + 1 :].lstrip().lower().startswith("source") else "strong"
        )
        # Inside a sentence the credit is only cut out; the sentence is re-joined around it.
        if not _ends_sentence(raw[before_start:before_end]):
            strength = ""
        if before_end > before_start:
            pieces.append(_Line(before_start, before_end, line.block, strength))
        start, end = _trim(raw, match.end(), end)
    credit = _find_trailing_credit(raw[start:end])
    strength = ""
    if credit is not None:
        credit_start, strength = credit
        recorder.drop("credit", start + credit_start, end)
        start, end = _strip_decoration(raw, start, start + credit_start, recorder)
    if end > start:
        pieces.append(_Line(start, end, line.block, strength))
    return pieces


def _drop_boilerplate(
    lines: list[_Line], recorder: _Recorder, boilerplate: frozenset[str]
) -> list[_Line]:
    """Drop lines whose fingerprint was learnt to recur across articles."""
    kept = []
    for line in lines:
        text = recorder.raw[line.start : line.end]
        if _word_count(text) <= MAX_BOILERPLATE_WORDS and line_fingerprint(text) in boilerplate:
            recorder.drop("boilerplate", line.start, line.end)
        else:
            kept.append(line)
    return kept


def _drop_furniture_lines(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Drop whole lines that are page furniture, and the teasers after a widget marker."""
    raw = recorder.raw
    kept: list[_Line] = []
    index = 0
    story_started = False
    # A wire story written wholly in capitals has no headlines to tell by their capitals.
    shouting_article = _capitals_share(raw[:2000]) >= CAPITALS_SHARE
    while index < len(lines):
        line = lines[index]
        text = raw[line.start : line.end]
        if _repeats_next_line(raw, lines, index):
            recorder.drop("duplicate", line.start, line.end)
            _mark_repeated_caption(raw, lines, index + 1)
            index += 1
            continue
        plain = _strip_trailing_colon(text)
        previous = lines[index - 1] if index else None
        after_open_line = (
            previous is not None
            and previous.block == line.block
            and not previous.credit
            and not _ends_sentence(raw[previous.start : previous.end])
        )
        kind = _furniture_kind(text, plain, after_open_line=after_open_line)
        if kind == "widget":
            resume = _find_story_resumption(raw, lines, index + 1)
            recorder.drop("teaser", line.start, lines[resume - 1].end)
            index = resume
            continue
        if kind == "inline-marker":
            end_index = index + 1
            while end_index < len(lines) and _looks_like_teaser(raw, lines[end_index]):
                end_index += 1
            recorder.drop("teaser", line.start, lines[end_index - 1].end)
            index = end_index
            continue
        if kind == "author-box":
            recorder.drop("author", line.start, line.end)
            index += 1
            name = _AUTHOR_BOX_LINE.fullmatch(plain)
            if name and index < len(lines) and _is_bio_of(raw, lines, index, name["name"]):
                block = lines[index].block
                bio_start = lines[index].start
                while index < len(lines) and lines[index].block == block:
                    index += 1
                recorder.drop("author", bio_start, lines[index - 1].end)
            continue
        if not kind and story_started and not shouting_article and _is_shouting(text):
            kind = "teaser"
        if kind == "date" and not story_started and recorder.dateline is None:
            recorder.dateline = _parse_text_date(plain)
        if kind:
            _record_furniture(kind, line, text, recorder)
            index += 1
            continue
        story_started = story_started or (_word_count(text) >= 12 and not line.credit)
        kept.append(line)
        index += 1
    return kept


def _repeats_next_line(raw: str, lines: list[_Line], index: int) -> bool:
    """Return whether a line of five words or more is repeated word for word by the next.

    Pages print a picture's alt text and then its caption, or a paragraph twice.
    """
    if index + 1 >= len(lines):
        return False
    line, following = lines[index], lines[index + 1]
    text = _normalise_text(raw[line.start : line.end])
    return _word_count(text) >= 5 and text == _normalise_text(raw[following.start : following.end])


def _mark_repeated_caption(raw: str, lines: list[_Line], index: int) -> None:
    """Mark the kept copy of a repeated line as a caption when it reads as one.

    A headline is short and a story sentence ends with a full stop; an open line longer
    than a headline, printed twice, is a picture's alt text and caption.
    """
    line = lines[index]
    text = raw[line.start : line.end]
    if not line.credit and _word_count(text) > 15 and not _ends_sentence(text):
        line.credit = "strong"


def _take_headline(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Move a first short line without final punctuation into ``title``."""
    if len(lines) < 2 or lines[0].credit:
        return lines
    raw = recorder.raw
    first, following = lines[0], lines[1]
    text = raw[first.start : first.end]
    words = text.split()
    if not 1 <= len(words) <= 25 or (
        _ends_sentence(text) and text.rstrip(_CLOSERS)[-1:] not in "?!"
    ):
        return lines
    if text.rstrip()[-1:] in ",;:-–—" or words[-1].lower() in _FUNCTION_WORDS:
        return lines
    # "..., officials said" is a lead sentence that lost its full stop, not a headline.
    if _ATTRIBUTION_TAIL.search(text):
        return lines
    if following.block == first.block:
        next_text = raw[following.start : following.end]
        if len(words) > 15 or not _starts_new_sentence(next_text):
            return lines
    title = _normalise_text(text)
    # "Headline | Outlet" is how many sites title their pages.
    head, bar, tail = title.rpartition(" | ")
    if bar and head and 1 <= len(tail.split()) <= 5:
        recorder.set_outlet(tail, rank=3)
        title = head
    recorder.title = title
    recorder.drop("headline", first.start, first.end)
    return _drop_headline_repeats(lines[1:], recorder)


def _drop_headline_repeats(lines: list[_Line], recorder: _Recorder) -> list[_Line]:
    """Drop lines that repeat the headline, whole or cut off short ("... After De")."""
    title = recorder.title.casefold()
    kept = []
    for line in lines:
        text = _normalise_text(recorder.raw[line.start : line.end]).casefold()
        if (
            _word_count(text) >= 4
            and len(text) >= 0.5 * len(title)
            and title.startswith(text)
            and not _ends_sentence(text)
        ):
            recorder.drop("headline", line.start, line.end)
        else:
            kept.append(line)
    return kept


def _assemble_paragraphs(raw: str, lines: list[_Line]) -> list[_Paragraph]:
    """Re-join hard-wrapped lines; every line that ends a sentence ends its paragraph."""
    paragraphs: list[_Paragraph] = []
    block_longest: dict[int, int] = {}
    for line in lines:
        block_longest[line.block] = max(block_longest.get(line.block, 0), line.end - line.start)
    previous: _Line | None = None
    for line in lines:
        joiner = None
        if previous is not None and previous.block == line.block and not previous.credit:
            joiner = _joiner(raw, previous, line, block_longest[line.block])
        if joiner is None:
            paragraphs.append(_Paragraph([line], [""]))
        else:
            paragraphs[-1].lines.append(line)
            paragraphs[-1].joiners.append(joiner)
        previous = line
    return paragraphs


def _drop_captions(paragraphs: list[_Paragraph], recorder: _Recorder) -> list[_Paragraph]:
    """Move photo captions into ``captions``; keep the text when only a credit was cut."""
    kept: list[_Paragraph] = []
    for position, paragraph in enumerate(paragraphs):
        text = _paragraph_text(recorder.raw, paragraph)
        # A scrape cut short leaves its last paragraph open: that is no sign of a caption.
        is_last = position == len(paragraphs) - 1
        if _is_caption(text, paragraph.credit, open_ended=not is_last and not _ends_sentence(text)):
            recorder.drop("caption", paragraph.start, paragraph.end)
            recorder.captions.append((paragraph.start, _normalise_text(text)))
        else:
            kept.append(paragraph)
    return kept


def _drop_wire_dateline(paragraphs: list[_Paragraph], recorder: _Recorder) -> list[_Paragraph]:
    """Cut a wire dateline ("LAGOS, July 5 (Reuters) - ") off the first paragraph.

    Dates read its day from the dropped block (``dates.infer_publication_date``).
    """
    if not paragraphs:
        return paragraphs
    first_line = paragraphs[0].lines[0]
    match = (
        _WIRE_DATELINE.match(recorder.raw, first_line.start, first_line.end)
        or _WIRE_DATELINE_DATED.match(recorder.raw, first_line.start, first_line.end)
        or _PLACE_DATELINE.match(recorder.raw, first_line.start, first_line.end)
    )
    if not match or match.end() >= first_line.end:
        return paragraphs
    recorder.drop("dateline", match.start(), match.end())
    if match.groupdict().get("agency"):
        recorder.set_outlet(match["agency"], rank=2)
    first_line.start = match.end()
    return paragraphs


def _drop_author_bio(paragraphs: list[_Paragraph], recorder: _Recorder) -> list[_Paragraph]:
    """Drop an author's short biography from the last paragraphs of the page."""
    kept = list(paragraphs)
    while len(kept) > 1:
        text = _paragraph_text(recorder.raw, kept[-1])
        bio = _AUTHOR_BIO.match(text)
        if _word_count(text) > 60 or not bio:
            break
        # The story's own people are named before its end; a page's author is not.
        surname = (bio["name"] or bio["name2"]).split()[-1]
        earlier = " ".join(_paragraph_text(recorder.raw, paragraph) for paragraph in kept[:-1])
        if re.search(rf"\b{re.escape(surname)}\b", earlier):
            break
        recorder.drop("author", kept[-1].start, kept[-1].end)
        kept.pop()
    return kept


def _render_body(raw: str, paragraphs: list[_Paragraph]) -> tuple[str, tuple[int, ...]]:
    """Return the normalised body text and the raw offset of each of its characters."""
    chars: list[str] = []
    offsets: list[int] = []
    previous_end: int | None = None
    for paragraph in paragraphs:
        paragraph_chars: list[str] = []
        paragraph_offsets: list[int] = []
        for position, line in enumerate(paragraph.lines):
            if position and paragraph.joiners[position] == " ":
                gap = _gap_offset(raw, paragraph.lines[position - 1].end, line.start, last=False)
                if paragraph_chars and paragraph_chars[-1] != " ":
                    paragraph_chars.append(" ")
                    paragraph_offsets.append(gap)
            _render_span(raw, line.start, line.end, paragraph_chars, paragraph_offsets)
        while paragraph_chars and paragraph_chars[-1] == " ":
            paragraph_chars.pop()
            paragraph_offsets.pop()
        if not paragraph_chars:
            continue
        if previous_end is not None:
            chars.extend("\n\n")
            offsets.append(_gap_offset(raw, previous_end, paragraph.start, last=False))
            offsets.append(_gap_offset(raw, previous_end, paragraph.start, last=True))
        chars.extend(paragraph_chars)
        offsets.extend(paragraph_offsets)
        previous_end = paragraph.end
    offsets.append(offsets[-1] + 1 if offsets else 0)
    return "".join(chars), tuple(offsets)


# --------------------------------------------------------------------------------------
# Finders: pure functions over text
# --------------------------------------------------------------------------------------


def _run_together_menu(text: str) -> bool:
    """Return True for menu items scraped without spaces: "EnglishFrançaisDeutsch…".

    No word of a story runs five capitalised words together.
    """
    word = max(text.split(), key=len, default="")
    inner_capitals = sum(
        1 for before, char in itertools.pairwise(word) if char.isupper() and before.islower()
    )
    return len(word) >= 25 and inner_capitals >= 4


def _furniture_kind(text: str, plain: str, *, after_open_line: bool = False) -> str:
    """Return what kind of furniture a whole line is, or "" for story text.

    ``after_open_line``: the line before, in the same block, runs on into this one.
    """
    words = _word_count(text)
    if words > 60:
        return ""
    if _ADVERTISEMENT_LINE.fullmatch(plain):
        return "advertisement"
    if words <= 2 and _run_together_menu(plain):
        return "menu"
    if words <= 8 and _WIDGET_MARKER.fullmatch(plain):
        return "widget"
    if words <= 3 and _INLINE_MARKER.fullmatch(plain):
        return "inline-marker"
    if words <= 30 and (
        _INLINE_TEASER_LINE.fullmatch(text) or _CAPITALS_TEASER_LINE.fullmatch(text)
    ):
        return "teaser"
    if words <= 5 and (author := _AUTHOR_BOX_LINE.fullmatch(plain)):
        name = author["name"]
        if name.lower() in {"author", "us", "me"} or (
            _is_name(name) and 2 <= len(name.split()) <= 4
        ):
            return "author-box"
    if words <= 40 and _PROMO_LINE.fullmatch(text):
        return "promo"
    if words <= 50 and (_is_reporting_credit(text) or _CONTRIBUTED_LINE.fullmatch(text)):
        return "credit"
    if words <= 20 and _byline_names(text, after_open_line=after_open_line):
        return "byline"
    if words <= 8 and _IMAGE_CREDIT_LABEL.fullmatch(text):
        return "credit"
    if (label := _CAPTION_LABEL.fullmatch(text)) and words <= 60:
        return "credit" if _word_count(label["text"]) <= 6 else "caption"
    if words <= 8 and (source := _SOURCE_LINE.fullmatch(text)) and _is_name(source["who"]):
        return "source"
    if words <= 14 and (_TEXT_DATE_LINE.fullmatch(plain) or _ISO_DATELINE.fullmatch(plain)):
        return "date"
    if words <= 14 and _is_labelled_date(plain):
        return "date"
    if words <= 14 and (
        _META_LINE.fullmatch(plain)
        or _TIME_LABEL_LINE.fullmatch(plain)
        or _MACHINE_VOICE_LINE.fullmatch(plain)
    ):
        return "meta"
    if words <= 12 and _MEMBERSHIP_LINE.fullmatch(text):
        return "promo"
    return _line_feature_kind(text, plain, words)


def _line_feature_kind(text: str, plain: str, words: int) -> str:
    """Return the furniture kind a line's general features give it, or "" for story text.

    Video labels and captions, lines sending the reader elsewhere, sign-off initials,
    widget headings run into their teasers, gallery captions and lone photo credits.
    """
    if _GALLERY_LINE.fullmatch(text) or _CAPTION_INTRO_LINE.fullmatch(text):
        return "caption-line"
    if words <= 4 and (name := _PARENTHESISED_NAME_LINE.fullmatch(text)):
        name_words = name["name"].split()
        if len(name_words) >= 2 and _is_name(name["name"], max_words=4):
            return "photo-credit"
    if words <= 30 and _VIDEO_LABEL_LINE.fullmatch(plain):
        return "video"
    if words <= 30 and _ELSEWHERE_LINE.fullmatch(text):
        return "promo"
    if words <= 20 and _ELSEWHERE_IMPERATIVE.fullmatch(text) and not _ends_sentence(text):
        return "promo"
    if words <= 8 and _AUTHOR_LABEL_LINE.fullmatch(plain) and "/" in plain:
        return "byline"
    if words <= 6 and _INITIALS_LINE.fullmatch(plain):
        return "credit"
    if _WIDGET_HEADING_START.match(text) and not _ends_sentence(text[:60]):
        heading = _WIDGET_HEADING_START.match(text)[0]
        if (
            heading.split()[0].lower() in {"other", "related", "recommended"}
            or len(heading.split()) >= 3
        ):
            return "teaser"
    return ""


def _is_shouting(text: str) -> bool:
    """Return whether a line is written in capitals (a teaser headline), not a sentence."""
    if len(text) > 400 or len(text.split()) < 3 or text.rstrip(_CLOSERS).endswith("."):
        return False
    return _capitals_share(text) >= CAPITALS_SHARE


def _capitals_share(text: str) -> float:
    """Return the share of a text's cased letters written in capitals (0 for too few)."""
    capitals = sum(map(str.isupper, text))  # map over str methods: no Python-level loop
    lowercase = sum(map(str.islower, text))
    if capitals + lowercase < 12:
        return 0.0
    return capitals / (capitals + lowercase)


def _record_furniture(kind: str, line: _Line, text: str, recorder: _Recorder) -> None:
    """Record a furniture line and the metadata it carries."""
    if kind == "byline" and not recorder.byline:
        recorder.byline = ", ".join(_byline_names(text)) or _author_label_names(text)
    elif kind == "credit":
        published = _ORIGINALLY_PUBLISHED.search(text)
        if published:
            recorder.set_outlet(published["who"], rank=1)
        elif not recorder.byline and not _IMAGE_CREDIT_LABEL.fullmatch(text):
            names, outlet = _contributor_names(text)
            recorder.byline = ", ".join(names) or _normalise_text(text)
            if outlet:
                recorder.set_outlet(outlet, rank=4)
    elif kind == "source":
        recorder.set_outlet(_SOURCE_LINE.fullmatch(text)["who"], rank=4)
        kind = "credit"
    elif kind == "copyright":
        recorder.set_outlet(text, rank=0)
    elif kind == "caption":
        caption = _CAPTION_LABEL.fullmatch(text)["text"]
        recorder.captions.append((line.start, _normalise_text(caption)))
    elif kind == "caption-line":
        recorder.captions.append((line.start, _normalise_text(text)))
        kind = "caption"
    elif kind == "photo-credit":  # a photographer, not the article's author
        kind = "credit"
    recorder.drop(kind, line.start, line.end)


_CONTRIBUTORS = re.compile(r"(?P<who>.+?)\s+(?:also\s+)?contributed\b", re.IGNORECASE)
_CREDITED_BY = re.compile(r"\bby\s+([^;()]+?)\s*(?:[;()]|$)", re.IGNORECASE)
_OUTLETS_REPORTER = re.compile(
    r"(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+(?P<name>[A-Z].+)"
)


def _contributor_names(text: str) -> tuple[list[str], str]:
    """Return the people and the outlet of "Outlet's Ann Lee and Bo Park contributed ...".

    The names become the article's byline, never actors: the line is out of the body.
    """
    text = _normalise_text(text)
    match = _CONTRIBUTORS.match(text)
    if match:
        parts = [match["who"]]
    else:  # "Reporting by Ann Lee; Editing by Bo Park"
        parts = [found.group(1) for found in _CREDITED_BY.finditer(text)]
        if not parts:
            return [], ""
    outlet = ""
    names = []
    pieces = [piece for part in parts for piece in re.split(r",\s*|\s+and\s+|\s*&\s*", part)]
    for part in pieces:
        part = part.strip()
        reporter = _OUTLETS_REPORTER.fullmatch(part)
        if reporter:
            outlet = outlet or reporter["outlet"]
            part = reporter["name"]
        if _is_name(part, max_words=4):
            names.append(part)
    return names, outlet


def _author_label_names(text: str) -> str:
    """Return the names or initials of an "Author: ABC/ Def" line, comma-separated."""
    match = _AUTHOR_LABEL_LINE.fullmatch(_strip_trailing_colon(text))
    if not match:
        return ""
    names = match["names"].split(":")[-1]
    return ", ".join(name.strip() for name in names.split("/") if name.strip())


def _find_story_resumption(raw: str, lines: list[_Line], start: int) -> int:
    """Return the index where the story resumes after a teaser widget, or ``len(lines)``.

    Teaser widgets list headlines and clipped excerpts; two full, unclipped paragraphs in a
    row are taken as the story carrying on (rare: widgets almost always end the page).
    """
    blocks = _group_by_block(lines[start:])
    offset = start
    for position, block in enumerate(blocks):
        if position + 1 < len(blocks) and all(
            _looks_like_story(raw, candidate) for candidate in (block, blocks[position + 1])
        ):
            return offset
        offset += len(block)
    return len(lines)


def _looks_like_story(raw: str, block: list[_Line]) -> bool:
    text = " ".join(raw[line.start : line.end] for line in block)
    return _word_count(text) >= 20 and _ends_sentence(text) and not _is_clipped(text)


def _looks_like_teaser(raw: str, line: _Line) -> bool:
    """Return whether a line after an inline "Read more" marker is a linked headline."""
    text = raw[line.start : line.end]
    return _word_count(text) <= 25 and (not _ends_sentence(text) or _is_clipped(text))


def _is_bio_of(raw: str, lines: list[_Line], index: int, name: str) -> bool:
    """Return whether the block at ``index`` is the biography of the boxed author."""
    block = lines[index].block
    text = " ".join(raw[line.start : line.end] for line in lines[index:] if line.block == block)
    first_word = text.split()[0].strip(",.'’") if text.split() else ""
    name_words = {word.strip(".,") for word in name.split()}
    return _word_count(text) <= 80 and (
        first_word in name_words
        or first_word in {"He", "She", "They"}
        or bool(_AUTHOR_BIO.match(text))
    )


def _is_caption(text: str, credit: str, *, open_ended: bool = False) -> bool:
    """Return whether a paragraph is a photo caption, given the credit cut from its end.

    ``open_ended``: the paragraph stops without a full stop, not at the end of the page.
    """
    words = _word_count(text)
    if not text or words > 80:
        return False
    has_quote = any(mark in text for mark in '"“”')
    caption_look = bool(_CAPTION_LOOK.match(text)) or bool(_DATE_SUFFIX.search(text))
    reported = bool(_REPORTED_SPEECH.search(text))
    if credit == "strong":
        return caption_look or (
            words <= 40 and not has_quote and not reported and _sentence_count(text) <= 2
        )
    if credit == "weak":
        return caption_look and words <= 60 and not has_quote
    # No credit: only a present-tense scene, dated like a wire caption or, far longer than
    # a headline, left without the full stop every story sentence has.
    return (
        bool(_CAPTION_LOOK.match(text))
        and (bool(_DATE_SUFFIX.search(text)) or (open_ended and words >= 25 and not reported))
        and words <= 50
        and not has_quote
        and _sentence_count(text) <= 2
    )


def _find_trailing_credit(text: str) -> tuple[int, str] | None:
    """Return where a photo credit at the end of ``text`` starts and how sure it is."""
    if not text:
        return None
    starts = [0] + [match.end() for match in _CREDIT_CANDIDATE_START.finditer(text)]
    # A later start leaves fewer words: skip at once to the first that leaves 12 or less
    # (a paragraph has dozens of starts, and counting each one's words was quadratic).
    first = bisect.bisect_left(starts, True, key=lambda start: _word_count(text[start:]) <= 12)
    for start in starts[first:]:
        fragment = text[start:]
        strength = _credit_strength(fragment)
        # "Name for The Outlet" is a credit only after a caption's finished sentence.
        if not strength and start and _CREDIT_FOR_OUTLET.fullmatch(fragment.strip()):
            strength = "strong"
        if strength and (start == 0 or text[:start].strip()):
            return start, strength
    return None


def _credit_strength(fragment: str) -> str:
    """Return "strong"/"weak" if the whole fragment is a photo credit, else ""."""
    fragment = fragment.strip()
    # Some sites bracket their credits: "[AFP]", "[Ola Berg/Reuters]".
    if fragment.startswith("[") and fragment.rstrip(".").endswith("]"):
        inner = fragment.rstrip(".")[1:-1].strip()
        if re.fullmatch(_AGENCY_RE, inner, re.IGNORECASE):
            return "strong"
        fragment = f"({inner})"
    if _CREDIT_FILE.fullmatch(fragment):
        return "strong"
    if (match := _CREDIT_PERSON_OUTLET.fullmatch(fragment)) and _is_outlet(
        match["outlet_coded"] or match["outlet"], coded=bool(match["outlet_coded"])
    ):
        return "strong"
    if match := _CREDIT_LABELLED.fullmatch(fragment):
        label = match["label"].lower()
        parenthesised = fragment.startswith("(")
        if label == "source":
            return "weak" if parenthesised and _is_name(match["who"]) else ""
        separated = parenthesised or ":" in fragment[: len(label) + 3] or " by " in fragment
        return "strong" if separated and _is_name(match["who"]) else ""
    if match := _CREDIT_AGENCY_FIRST.fullmatch(fragment):
        if match["who"] and _is_name(match["who"]):
            return "strong"
        if match["photo"] and not match["who"]:
            return "strong"
    if (match := _CREDIT_AGENCY_LAST.fullmatch(fragment)) and _is_name(match["who"]):
        return "strong"
    if (match := _CREDIT_VIA.fullmatch(fragment)) and (not match["who"] or _is_name(match["who"])):
        return "strong"
    return ""


def _is_outlet(text: str, *, coded: bool) -> bool:
    """Return whether a credit's second name is an outlet: one that reads as one, or coded."""
    return (coded or bool(_OUTLET_LOOK.fullmatch(text))) and _is_name(text, max_words=6)


def _find_copyright(text: str) -> int | None:
    """Return where a copyright notice glued to the end of a line starts."""
    for match in _COPYRIGHT_START.finditer(text):
        start = match.start()
        before = text[:start].rstrip()
        # Only at the line start or after a finished sentence: never inside a sentence.
        if before and before[-1] not in _SENTENCE_END + _CLOSERS:
            continue
        notice = text[start:]
        if _word_count(notice) <= 25:
            return start
    return None


def _is_reporting_credit(text: str) -> bool:
    """Return whether a line is "Reporting by NAME; Editing by NAME" rather than a sentence."""
    if not _CREDIT_LINE.fullmatch(text):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    loose = [word for word in words if word[0].islower() and word.lower() not in _CREDIT_WORDS]
    return len(loose) <= 2


def _byline_names(text: str, *, after_open_line: bool = False) -> list[str]:
    """Return the author names of a "By NAME" line, or [] when it is not one.

    A date, time or reading time after the names ("By Ann Lee May 3, 2024 5 min read")
    is left out of them.
    """
    match = _BYLINE_LINE.fullmatch(text.strip())
    if not match:
        return []
    # "by Ann Lee" in lower case may be a wrapped sentence's end ("... was written\nby
    # Ann Lee"): a byline only where no sentence runs into it, naming people in full.
    lowercase = not text[:1].isupper()
    if lowercase and (after_open_line or not text.startswith("by ")):
        return []
    names_text = _BYLINE_TAIL.split(match["names"], maxsplit=1)[0]
    names_text = re.split(r"\s*(?:[|•·]|\s[-–—]\s|,\s*(?=[A-Z][a-z]+\s*$))\s*", names_text)[0]
    names = [
        name.strip() for name in re.split(r",\s*|\s+(?:and|&|with)\s+", names_text) if name.strip()
    ]
    if not names or not all(_is_name(name, max_words=4) for name in names):
        return []
    if lowercase and not all(2 <= len(name.split()) <= 4 for name in names):
        return []
    first_word = names[0].split()[0].lower().rstrip(",")
    if (
        first_word in _MONTHS
        or re.fullmatch(_WEEKDAY_RE, first_word)
        or first_word in _FUNCTION_WORDS
    ):
        return []
    return names


def _is_labelled_date(text: str) -> bool:
    """Return whether a line is a date beside short labels: "N/A • 10 March 2023 02:52"."""
    parts = _LABEL_SEPARATOR.split(text)
    if len(parts) < 2:
        return False
    dated = [part for part in parts if _parse_text_date(part) or _NUMERIC_DATELINE.fullmatch(part)]
    labels = [part for part in parts if part not in dated]
    return bool(dated) and all(
        _word_count(label) <= 4 and not _ends_sentence(label) for label in labels
    )


def _is_name(text: str, max_words: int = 8) -> bool:
    """Return whether ``text`` reads like a short proper name (credit, author, outlet)."""
    tokens = [token for token in re.split(r"[\s/]+", text.strip()) if token]
    if not 1 <= len(tokens) <= max_words:
        return False
    joiners = {
        "via",
        "for",
        "de",
        "da",
        "di",
        "van",
        "von",
        "der",
        "al",
        "el",
        "le",
        "la",
        "and",
        "&",
        "of",
        "the",
        "bin",
        "ibn",
        "photo",
        "images",
        "press",
        "service",
        "-",
    }
    for token in tokens:
        letters = [ch for ch in token if ch.isalpha()]
        if not letters:
            return False
        if not letters[0].isupper() and token.lower() not in joiners:
            return False
    return tokens[0].lower() not in joiners or tokens[0][0].isupper()


def _parse_text_date(text: str) -> dt.date | None:
    match = _TEXT_DATE_LINE.fullmatch(text)
    if match:
        day = match["d1"] or match["d2"]
        month = _MONTHS[(match["m1"] or match["m2"]).lower()]
        year = match["y1"] or match["y2"]
        try:
            return dt.date(int(year), month, int(day))
        except ValueError:
            return None
    match = _ISO_DATELINE.fullmatch(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return None


def _clean_outlet(text: str) -> str:
    """Return the publisher named in a copyright notice or credit, without legal trimmings."""
    name = re.split(r"(?i)all rights reserved|this material|\.\s", text)[0]
    name = re.sub(r"(?i)©|\(c\)|copyright", " ", name)
    name = re.sub(r"\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)?\d{2,4})?", " ", name)
    name = name.strip(" \t()[].,;:-–—|")
    name = _LEGAL_SUFFIX.sub("", name).strip(" \t()[].,;:-–—|")
    name = re.sub(r"\s+", " ", name)
    if not name or _word_count(name) > 6 or not _is_name(name):
        return ""
    return name


def _joiner(raw: str, previous: _Line, line: _Line, longest: int) -> str | None:
    """Return how to join two lines of one block: " ", "" (hyphen) or None (new paragraph)."""
    before = raw[previous.start : previous.end]
    after = raw[line.start : line.end]
    first_char = after[:1]
    if re.search(r"[^\W\d_]-$", before) and first_char.isalpha():
        return ""
    if first_char.islower():
        return " "
    if before[-1:] in ",;:-–—(" or _last_word(before) in _FUNCTION_WORDS:
        return " "
    if _ends_sentence(before):
        return (
            " "
            if _last_word(before).rstrip(".") in _ABBREVIATIONS or _ends_with_initial(before)
            else None
        )
    # No final punctuation and a capital next: a wrapped sentence, unless the line is a
    # short subheading standing well short of the block's wrap width.
    is_subheading = (
        _word_count(before) <= 8
        and (previous.end - previous.start) < 0.6 * longest
        and _starts_new_sentence(after)
    )
    return None if is_subheading else " "


# --------------------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------------------


def _render_span(raw: str, start: int, end: int, chars: list[str], offsets: list[int]) -> None:
    """Append the body form of ``raw[start:end]`` to ``chars``, its raw offsets to ``offsets``.

    Most spans are printable text with single spaces: their only change is the quotes,
    so they are appended whole. Character by character, rendering was half the cleaning.
    """
    segment = raw[start:end]
    if segment.isprintable() and "  " not in segment:  # no space but " ", no control
        if segment[:1] == " " and (not chars or chars[-1] == " "):
            segment, start = segment[1:], start + 1
        chars.extend(segment.translate(_QUOTE_TABLE))
        offsets.extend(range(start, end))
        return
    _render_chars(raw, start, end, chars, offsets)


def _render_chars(raw: str, start: int, end: int, chars: list[str], offsets: list[int]) -> None:
    for position in range(start, end):
        normalised = _normalise_char(raw[position])
        if normalised is None:
            continue
        if normalised == " " and (not chars or chars[-1] == " "):
            continue
        chars.append(normalised)
        offsets.append(position)


def _normalise_char(char: str) -> str | None:
    """Return the body form of one raw character, or None to leave it out."""
    if char in _QUOTE_MAP:
        return _QUOTE_MAP[char]
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category in {"Cf", "Cc", "Cs", "Co"}:
        return None
    return char


def _normalise_text(text: str) -> str:
    chars: list[str] = []
    _render_span(text, 0, len(text), chars, [])
    return "".join(chars).strip()


def _strip_decoration(raw: str, start: int, end: int, recorder: _Recorder) -> tuple[int, int]:
    """Trim decoration symbols (emoji, bullets, a stray opening quote) off both ends."""
    start, end = _trim(raw, start, end)
    new_start = start
    while new_start < end and (_is_decoration(raw[new_start]) or raw[new_start] in "•·▪"):
        new_start += 1
    new_end = end
    while new_end > new_start and _is_decoration(raw[new_end - 1]):
        new_end -= 1
    trimmed_start, trimmed_end = _trim(raw, new_start, new_end)
    # An opening quote left after a finished sentence opens nothing.
    if (
        trimmed_end - trimmed_start > 2
        and raw[trimmed_end - 1] in _OPENING_QUOTES
        and raw[trimmed_end - 2].isspace()
        and raw[trimmed_start : trimmed_end - 1].rstrip()[-1:] in _SENTENCE_END + '"”’'
    ):
        trimmed_start, trimmed_end = _trim(raw, trimmed_start, trimmed_end - 1)
    if trimmed_start > start:
        recorder.drop("symbol", start, trimmed_start)
    if trimmed_end < end:
        recorder.drop("symbol", trimmed_end, end)
    return trimmed_start, trimmed_end


def _is_decoration(char: str) -> bool:
    if char in _MEANINGFUL_SYMBOLS:
        return False
    if char.isspace():
        return True
    category = unicodedata.category(char)
    return category in {"So", "Sk", "Co", "Cs", "Cf"} or 0xFE00 <= ord(char) <= 0xFE0F


def _trim(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (raw[start].isspace() or unicodedata.category(raw[start]) == "Cf"):
        start += 1
    while end > start and (raw[end - 1].isspace() or unicodedata.category(raw[end - 1]) == "Cf"):
        end -= 1
    return start, end


def _gap_offset(raw: str, previous_end: int, next_start: int, *, last: bool) -> int:
    """Return the raw newline (else whitespace) between two spans that a joiner stands for."""
    gap = raw[previous_end:next_start]
    position = gap.rfind("\n") if last else gap.find("\n")
    if position < 0:
        spaces = [index for index, char in enumerate(gap) if char.isspace()]
        if not spaces:
            return max(previous_end - 1, 0) if not last else next_start
        position = spaces[-1] if last else spaces[0]
    return previous_end + position


def _paragraph_text(raw: str, paragraph: _Paragraph) -> str:
    return " ".join(raw[line.start : line.end] for line in paragraph.lines)


def _group_by_block(lines: Iterable[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    for line in lines:
        if blocks and blocks[-1][-1].block == line.block:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _is_blank(text: str) -> bool:
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def _strip_trailing_colon(text: str) -> str:
    return text.strip().rstrip(":").strip()


def _word_count(text: str) -> int:
    return len(text.split())


def _sentence_count(text: str) -> int:
    return max(1, len(re.findall(r"[.!?…][\"'”’)]*(?:\s|$)", text)))


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] in _SENTENCE_END or stripped.endswith("...")


def _is_clipped(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped.endswith(("…", "...", "[…]", "[...]")) or stripped.lower().endswith(
        ("read more", "continue reading")
    )


def _starts_new_sentence(text: str) -> bool:
    first = text.lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in "\"“‘'«(")


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1].lower().strip("\"'”’“‘()[]") if words else ""


def _ends_with_initial(text: str) -> bool:
    return bool(re.search(r"(?:^|\s)[A-Z]\.$", text.rstrip()))
