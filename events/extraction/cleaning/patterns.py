"""Vocabulary and line shapes of page furniture: the word lists and compiled regexes."""

from __future__ import annotations

import re

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
    rf"|(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y2>\d{{4}}))"
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}(?:[+-]\d+)?\)?)?)?"
    # A view counter after the date: "June 3,2024 859".
    r"(?:\s+\d{1,3}(?:,?\d{3})*(?:\s+views)?)?"
    r"\.?",
    re.IGNORECASE,
)
_META_LINE = re.compile(
    r"(?:\d+\s*(?:min(?:ute)?s?|hours?|hrs?|days?)\s+(?:read|ago)"
    r"|(?:updated|published|posted)\s*:?\s*\d+\s*(?:min(?:ute)?s?|hours?|days?)\s+ago"
    r"|listen to (?:this )?article(?:\s*\d+.*)?|print(?: this)?(?: article| page)?"
    r"|(?:\d{1,2}[.)]\s*)?skip to (?:the )?[\w'’ -]{2,40}"
    r"|(?:views?|reads?|page ?views|likes|shares)\s*:?\s*\d[\d,.]*k?|\d[\d,.]*k?\s+(?:views|reads)"
    r"|(?:hits|count|visits|visitors|impressions)\s*:\s*\d[\d,.]*k?"  # "Count : 210"
    r"|source (?:link|url)|original source|view (?:the )?source"
    r"|comments?(?:\s*\(\d+\))?|share(?: this(?: article| story)?)?:?|(?:tags?|topics|filed under|"
    r"categor(?:y|ies)|keywords)\s*:.*|home\s*(?:[>»/|]\s*[\w .'-]+){1,5}"
    # A page's field label left without its value: "Date:", "By:", "Source:".
    r"|(?:date|dated|by|published|updated|posted|source|author|credits?)\s*:?)",
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
# Where one item of a page's meta line ends and the next begins: a gap of spaces, a bar or
# a bullet, or an opening bracket ("9:05 am(Updated 11:40 am)").
_ITEM_SEPARATOR = re.compile(r"\s*[|•·]\s*|\s{2,}|\s*(?=\()")
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
# Or a place in capitals and an agency's initials: "PORT ELSA (RN): The army said...".
_PLACE_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z'’.-]+(?:\s[A-Z][A-Za-z'’.-]+){0,2},\s*"
    r"[A-Z][A-Za-z'’.-]+(?:\s[A-Z][A-Za-z'’.-]+){0,2})\s+[-–—]+\s+(?=[A-Z\"“])"
    r"|(?P<capital>[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,2})\s*\((?P<agency>[A-Z]{2,6})\)"
    r"\s*[-–—:]+\s*(?=[A-Z\"“])"
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
    # A wire may sign its credits first: "(Velmar Wire - Reporting by Ola Berg; ...)".
    r"\(?\s*(?-i:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}\s*[-–—:]\s*(?=[A-Za-z]))?"
    r"(?:(?:with|additional|further)\s+)*"
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
# A capitalised source label needs its colon ("Source: Velmar Post"), perhaps in markdown
# bold ("**Source:** Velmar Post"); the name after it must read as one (checked by caller).
_SOURCE_LABEL_LINE = re.compile(
    r"\**\s*(?i:sources?)\s*(?::\s*\**|\*+\s*:)\s*(?P<who>[^()*:]+?)\s*\**\.?"
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
    r"|\d{1,2}:\d{2}|\d+\s*min(?:ute)?s?\s+read|\d{4}-\d{2}-\d{2}|(?:updated|published|posted)\b"
    # The author's handle or a link to write to them: "By Ola Berg Follow @olaberg".
    r"|follow\s+@|@\w|contact (?:the )?(?:author|reporter|writer)\b)"
    # A date glued to the last name: "by Ann LeeJanuary 4, 2024".
    r"|(?-i:(?<=[a-z])(?=[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b))",
    re.IGNORECASE,
)
_AUTHOR_BOX_LINE = re.compile(r"[Aa]bout (?:the )?(?P<name>.+?)\s*:?")
_AUTHOR_BIO = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+"
    r"(?:is|has been|works as)\s+(?:an?|the)\s+(?:[\w'’,-]+\s+){0,6}?"
    r"(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|producer"
    r"|freelancer|photographer|photojournalist|author|intern|blogger|anchor|presenter)\b"
    r"|(?P<name2>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+(?:covers|writes about|reports on"
    r"|(?:lives|resides|is based) in (?:the )?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r",? and (?:writes|reports) (?:about|on))\b"
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
    r"(?:image source|image copyright|photo credit|image credit|picture credit"
    r"|(?:video|footage|graphics?|map|illustration|audio) (?:credit|source|courtesy)s?)"
    r"\s*[:,]?\s*.*"
    r"|(?:(?:cover|header|featured|lead|main|top) (?:photo|image|picture)|cover)\s*:\s*\S.*",
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
    r"|file photo|source|courtesy(?: of)?)\s*(?::|\bby\b|[-–])?\s*(?P<who>[^()]{1,80}?)\s*\)?\.?"
    r"|\(\s*(?P<alone>courtesy|handout|supplied)\s*\)\.?",
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
    r"(?:\s+(?:via|for)\s+[^()]+?)?(?:,\s*pool)?(?:\s+or\s+licensors)?\s*\)?\.?",
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
# A slash credit naming no photographer: "-/AFP or licensors", "/ Supplied".
_SLASH_CREDIT = re.compile(
    rf"[-–—]?\s*/\s*(?:{_AGENCY_RE}|supplied)(?:\s+or\s+licensors)?\s*\.?", re.IGNORECASE
)
# An agency's name alone after a caption, as agencies write it: "... the port Reuters".
# Case-sensitive, so "Children play in the pool" keeps its pool.
_BARE_AGENCY = re.compile(
    r"(?:Reuters|REUTERS|AFP|AP|EPA(?:-EFE)?|EFE|Getty Images|Anadolu(?: Agency)?|Xinhua|TASS"
    r"|Sputnik|dpa|Supplied|SUPPLIED|Handout|HANDOUT)(?:\s+or\s+licensors)?\.?"
)
# An agency alone in brackets: "(Reuters)". Written with a capital (checked by caller).
_BRACKETED_AGENCY = re.compile(rf"\(\s*(?:{_AGENCY_RE})\s*\)\.?", re.IGNORECASE)
_CREDIT_CANDIDATE_START = re.compile(
    # "... on SaturdayImage: Ola Berg/AP": a credit label glued to a caption's last word.
    r"(?-i:(?<=[a-z])(?=(?:Image|Photo|Picture):\s))|\s(?=[-–—]?\s*/\s*\S)|"
    # "... in Velmar.(Reuters)": a bracketed credit glued to a caption's full stop.
    r"(?<=[.!?])(?=\()|"
    rf"(?<=[.!?…\"”’)])\s+(?=\S)|\s(?=[(\[])|\s(?=(?:{_AGENCY_RE})\b)|\s(?=(?:photo|picture|image)\b)",
    re.IGNORECASE,
)
# A page header's source and date glued after the standfirst, and the buttons and photo
# credit after them: "... the army said. Source: Velmar Daily Monday, May 6, 2024 | 14:20".
_SOURCE_STAMP = re.compile(
    r"(?i:sources?)\s*:\s*(?P<who>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}?)\s*[,|•·]?\s*"
    rf"(?i:(?:{_WEEKDAY_RE}),?\s+)?(?i:\d{{1,2}}\s+(?:{_MONTH_RE})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTH_RE})\.?\s+\d{{1,2}},?\s+\d{{4}})\b[^.!?]*"
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
# A wire caption's people placed in the picture: "(2ndR)", "(L)", "(C)", "(3rd L)".
_POSITION_MARKER = re.compile(
    r"\((?P<ordinal>\d(?:st|nd|rd|th)\s*[-–]?\s*)?(?:L|R|C|[Ll]eft|[Rr]ight|[Cc]ent(?:re|er))\)"
)
# Two captions run together: a caption's date, then the next caption's capital, with no
# full stop between them ("... in Velmar on May 3, 2024 Boats burn in the harbour ...").
_DATE_RUN_ON = re.compile(
    rf"\bon\s+(?i:(?:{_MONTH_RE})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTH_RE})\.?\s+\d{{4}})"
    r"\s+(?=[A-Z][a-z]*\s)"
)
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
# Where a sentence may start: after a finished one.
_SENTENCE_START = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z])")
# Counters, tickers and browser notices: "EUR98.30 OIL82.09", "1,204", "Chrome Firefox Safari".
_TICKER_LINE = re.compile(
    r"[A-Z]{3,5} ?[+-]?\d{1,6}(?:[.,]\d{1,4})?%?(?:\s+[A-Z]{3,5} ?[+-]?\d{1,6}(?:[.,]\d{1,4})?%?)*"
)
_NUMBER_LINE = re.compile(r"[+-]?\d{1,3}(?:[,.\s]?\d{3})*(?:[.,]\d+)?%?")
_BROWSER_RE = r"(?:google )?chrome|(?:mozilla )?firefox|(?:apple )?safari|(?:microsoft )?edge|opera"
_BROWSER_LINE = re.compile(rf"(?:{_BROWSER_RE})(?:[\s,/|•·]+(?:{_BROWSER_RE})){{1,5}}", re.I)
# A live page's notes: "Follow the day's events on our liveblog.", "All times are Oslo
# time (GMT+2)." Glued after a lede, they are cut off its end.
_LIVE_NOTE = re.compile(
    r"(?:follow\b[^.!?]{0,60}\blive[ -]?(?:blog|coverage|updates|page)\b[^.!?]{0,30}"
    r"|all times (?:are |shown (?:are )?|in )?(?:local|[A-Z][\w'’ -]{0,30}?)\s*(?:time|GMT|UTC)\b"
    r"(?:\s*\([^()]{1,15}\))?)[.!]?",
    re.IGNORECASE,
)
# A desk or a staff signing the story: "by The Velmar Post news desk", "Harbour News staff".
_DESK_NAME = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w'’&.-]*\s+){1,5}(?:news\s+|foreign\s+|world\s+|web\s+)?"
    r"(?:desk|staff|newsroom|editorial (?:team|board|staff))"
    # In title case only after a desk's own word: "Velmar Post Online Desk".
    r"|(?:The\s+)?(?:[A-Z][\w'’&.-]*\s+){0,4}(?:News|Online|Web|Digital|Foreign|World|City"
    r"|Metro|Sports?|Business|National|International)\s+Desk",
)
# A comment box: its closed notice, its form and a prompt to the reader. The vocabulary is
# the box's own ("the comments you share", "leave a reply"); a story tells of comments
# that "were closed", in the past tense.
_COMMENT_BOX_LINE = re.compile(
    r"(?:comments?|commenting) (?:are|is|has been|have been) (?:now )?(?:closed|disabled"
    r"|turned off)[.!]?"
    r"|(?:please )?(?:leave|post|add|write|submit) (?:a |your )?(?:comments?|reply)"
    r"(?: below| here)?[.!:]?"
    r"|be the first to comment[.!]?|cancel reply|join the (?:discussion|conversation)[.!:]?"
    r"|(?:show|view|load|read|hide) (?:all |more )?(?:\d+ )?comments?"
    r"|your email address will not be published\b.*|required fields are marked\b.*"
    r"|.*\bthe comments you (?:share|leave|post|write|make)\b.*",
    re.IGNORECASE,
)
# A comment box's friendly line beside it ("The floor is all yours."): a short line
# speaking to the reader. Dropped only next to a comment-box line.
_READER_ADDRESS = re.compile(r"\b(?:you|your|yours|we|our|us|please)\b", re.IGNORECASE)
# A run of social buttons: "Tweet Share", "Facebook Twitter WhatsApp Email".
_SHARE_BUTTON_RE = (
    r"(?:share(?:\s+(?:on|via|to|this))?|tweet|pin(?:\s+it)?|facebook|twitter|x|whatsapp"
    r"|e-?mail|linkedin|telegram|reddit|pinterest|print|copy(?:\s+link)?|link|messenger"
    r"|viber|vk|flipboard|sms|threads|bluesky|tumblr|pocket|save)"
)
_SOCIAL_BUTTONS_LINE = re.compile(
    rf"{_SHARE_BUTTON_RE}(?:[\s|,•·/]+{_SHARE_BUTTON_RE}){{1,12}}", re.IGNORECASE
)
# An author's handle or a link to write to them, at the page's foot.
_AUTHOR_CONTACT_LINE = re.compile(
    r"(?:follow|find|contact|message)\b[^.!?@]{0,50}@\w{2,30}\b.*|@\w{2,30}"
    r"|(?:contact|email|e-mail|message|write to) (?:the )?(?:author|reporter|writer|journalist)s?",
    re.IGNORECASE,
)
# A reposting disclaimer: "Disclaimer: The copyright of this article belongs to ...".
_DISCLAIMER_LINE = re.compile(
    r"\**\s*disclaimer\s*\**\s*:.*\b(?:copyright|repost(?:ed|ing)?|reprint(?:ed|ing)?"
    r"|investment advice|original author|infring\w*)\b.*",
    re.IGNORECASE | re.DOTALL,
)
# A date or time stamp alone in parentheses: "(Updated 4:17 pm)", "(Updated: March 3, 2023)".
_PARENTHESISED_STAMP = re.compile(r"\(\s*(?P<stamp>[^()]{4,60}?)\s*\)\.?")
# Section labels: "HomeWorld News" (a menu run together), "Key Points" (a box's header).
_HOME_SECTION_LINE = re.compile(r"Home[A-Z][\w'’&-]*(?:\s*[A-Z][\w'’&-]*){0,3}")
_BOX_HEADER_LINE = re.compile(
    r"key (?:points|takeaways|facts)|at a glance|story highlights", re.IGNORECASE
)
# An agency's caption: "VELMAR, ARLAND - MARCH 29: Ola Berg attends ...", in capitals.
_AGENCY_CAPTION_START = re.compile(
    r"[A-Z][A-Z'’.-]+(?:[ -][A-Z'’.-]+){0,3}(?:,\s*[A-Z][A-Z'’.-]+(?:[ -][A-Z'’.-]+){0,3})?"
    rf"\s+[-–—]+\s+(?:{_MONTH_RE.upper()})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?\s*:\s*\S.*"
)
# Share of a text's cased letters written in capitals above which it is shouting.
CAPITALS_SHARE = 0.8
