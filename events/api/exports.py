"""Streamed exports: events as ACLED-style CSV or GeoJSON, quotes as CSV.

Rows leave as they are read: the queryset is walked in chunks (each chunk with its own
prefetch queries) and every row is written straight to the response, so an export of
any size runs in the memory of one chunk.
"""

from __future__ import annotations

import csv
import functools
import json
import operator
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from rest_framework.renderers import BaseRenderer, JSONRenderer

from events import selectors
from events.models import ActorRole, Event, PlaceKind, Quote

__all__ = [
    "EVENT_CSV_COLUMNS",
    "QUOTE_CSV_COLUMNS",
    "CSVRenderer",
    "GeoJSONRenderer",
    "csv_cell",
    "event_csv_response",
    "event_geojson_response",
    "quote_csv_response",
]

EVENT_CSV_COLUMNS = (
    "event_id",
    "event_date",
    "end_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "eventdesk_event_type",
    "event_family",
    "cameo_root_code",
    "actor1",
    "actor2",
    "other_actors",
    "place_names",
    "location",
    "admin1",
    "country",
    "country_code",
    "latitude",
    "longitude",
    "fatalities",
    "injured",
    "displaced",
    "affected",
    "source_article_ids",
    "source_article_titles",
    "source_outlets",
    "notes",
    "confidence",
    "review_status",
    "updated_at",
)

QUOTE_CSV_COLUMNS = (
    "quote_id",
    "text",
    "speaker_id",
    "speaker",
    "speaker_name",
    "said_on",
    "said_on_precision",
    "is_marked",
    "statement_id",
    "article_id",
    "article_title",
    "article_outlet",
    "article_published_on",
    "confidence",
    "review_status",
    "updated_at",
)

# Most precise first: an event is located at the finest place it names.
_PRECISION = {PlaceKind.SITE: 0, PlaceKind.CITY: 1, PlaceKind.REGION: 2, PlaceKind.COUNTRY: 3}
_LIST_SEPARATOR = "; "
# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV
# Injection"); full-width forms included, which some spreadsheets read as the same.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_COUNTRIES_FILE = Path(__file__).resolve().parent.parent / "extraction" / "data" / "countries.tsv"


class CSVRenderer(BaseRenderer):
    """Declares ``?format=csv``; the view streams the body, this only renders errors."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data)


class GeoJSONRenderer(CSVRenderer):
    media_type = "application/geo+json"
    format = "geojson"


@functools.cache
def country_names() -> dict[str, str]:
    """Return English country names by ISO code, from the gazetteer's shipped table."""
    names = {}
    with _COUNTRIES_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            code, name, *_rest = line.rstrip("\n").split("\t")
            names[code.upper()] = name
    return names


def most_precise_place(places: Iterable, *, read=getattr):
    """Return the finest place (site > city > region > country), preferring located ones.

    ``places`` are records, or dicts with ``read=operator.getitem``.
    """
    return min(
        places,
        key=lambda place: (
            read(place, "latitude") is None,
            _PRECISION.get(read(place, "kind"), 9),
            read(place, "name"),
        ),
        default=None,
    )


def event_row(event: dict) -> dict:
    """Return one event as a flat, ACLED-style record (the CSV row and GeoJSON properties).

    ``event`` is a dict from ``selectors.event_export_chunks``.
    """
    places = event["places"]
    located_at = most_precise_place(places, read=operator.getitem)
    names_by_role: dict[str, list[str]] = {role: [] for role in ActorRole.values}
    for role, name in event["participants"]:
        names_by_role[role].append(name)
    articles = event["articles"]  # (id, title, outlet), by id
    category_name = event["event_type__parent__name"] or event["event_type__name"]
    category_acled = (
        event["event_type__parent__acled_event_type"]
        if event["event_type__parent__name"] is not None
        else event["event_type__acled_event_type"]
    )
    country_code = located_at["country_code"] if located_at else ""
    start_date, end_date = event["start_date"], event["end_date"]
    return {
        "event_id": event["id"],
        "event_date": start_date.isoformat() if start_date else None,
        "end_date": end_date.isoformat() if end_date else None,
        "date_precision": event["date_precision"],
        "event_type": event["event_type__acled_event_type"] or category_acled or category_name,
        "sub_event_type": event["event_type__acled_sub_event_type"] or event["event_type__name"],
        "eventdesk_event_type": event["event_type__code"],
        "event_family": event["event_type__parent__code"] or event["event_type__code"],
        "cameo_root_code": event["event_type__cameo_root_code"]
        or event["event_type__parent__cameo_root_code"],
        "actor1": _LIST_SEPARATOR.join(names_by_role[ActorRole.INITIATOR]),
        "actor2": _LIST_SEPARATOR.join(names_by_role[ActorRole.TARGET]),
        "other_actors": _LIST_SEPARATOR.join(names_by_role[ActorRole.OTHER]),
        "place_names": _LIST_SEPARATOR.join(place["name"] for place in places),
        "location": located_at["name"] if located_at else "",
        "admin1": located_at["admin_region"] if located_at else "",
        "country": country_names().get(country_code.upper(), country_code),
        "country_code": country_code,
        "latitude": located_at["latitude"] if located_at else None,
        "longitude": located_at["longitude"] if located_at else None,
        "fatalities": event["fatalities"],
        "injured": event["injured"],
        "displaced": event["displaced"],
        "affected": event["affected"],
        "source_article_ids": _LIST_SEPARATOR.join(str(pk) for pk, _title, _outlet in articles),
        "source_article_titles": _LIST_SEPARATOR.join(title for _pk, title, _outlet in articles),
        "source_outlets": _LIST_SEPARATOR.join(
            sorted({outlet for _pk, _title, outlet in articles if outlet})
        ),
        "notes": event["summary"],
        "confidence": event["confidence"],
        "review_status": event["review_status"],
        "updated_at": event["updated_at"].isoformat(),
    }


def quote_row(quote: Quote) -> dict:
    article = quote.article
    return {
        "quote_id": quote.pk,
        "text": quote.text,
        # Read through the record: a speaker hidden from this reader was fetched as None.
        "speaker_id": quote.speaker.pk if quote.speaker else None,
        "speaker": quote.speaker.name if quote.speaker else "",
        "speaker_name": quote.speaker_name,
        "said_on": quote.said_on.isoformat() if quote.said_on else None,
        "said_on_precision": quote.said_on_precision,
        "is_marked": quote.is_marked,
        "statement_id": quote.statement_id,
        "article_id": article.pk,
        "article_title": article.title,
        "article_outlet": article.outlet,
        "article_published_on": article.published_on.isoformat() if article.published_on else None,
        "confidence": quote.confidence,
        "review_status": quote.review_status,
        "updated_at": quote.updated_at.isoformat(),
    }


def _chunked(queryset: QuerySet) -> Iterator:
    # iterator() with prefetch_related runs the prefetches once per chunk (Django 5).
    return queryset.iterator(chunk_size=settings.EVENTDESK_EXPORT_CHUNK_SIZE)


class _Line:
    """A file-like target for ``csv.writer`` that hands back each line instead of storing it."""

    def write(self, line: str) -> str:
        return line


def csv_cell(value):
    """Return ``value`` as a CSV cell a spreadsheet shows as text, never runs as a formula.

    As OWASP recommends, text that starts like a formula gets a leading apostrophe
    (shown as text, hidden by spreadsheets). Numbers are left alone: ``-3.5`` is a
    longitude, not a formula.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv_lines(columns: tuple[str, ...], rows: Iterable[dict]) -> Iterator[str]:
    # Text is quoted, so that a spreadsheet splitting on ";" (its separator in some
    # locales) cannot cut a list of names into cells of their own.
    writer = csv.DictWriter(_Line(), fieldnames=columns, quoting=csv.QUOTE_NONNUMERIC)
    yield writer.writeheader()
    for row in rows:
        yield writer.writerow({column: csv_cell(value) for column, value in row.items()})


def _attachment(content: Iterator[str], *, content_type: str, filename: str):
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _event_rows(queryset: QuerySet[Event], *, with_pending: bool) -> Iterator[dict]:
    for chunk in selectors.event_export_chunks(
        queryset, with_pending=with_pending, chunk_size=settings.EVENTDESK_EXPORT_CHUNK_SIZE
    ):
        yield from map(event_row, chunk)


def event_csv_response(queryset: QuerySet[Event], *, with_pending: bool) -> StreamingHttpResponse:
    rows = _event_rows(queryset, with_pending=with_pending)
    return _attachment(
        _csv_lines(EVENT_CSV_COLUMNS, rows),
        content_type="text/csv; charset=utf-8",
        filename="events.csv",
    )


def quote_csv_response(queryset: QuerySet[Quote], *, with_pending: bool) -> StreamingHttpResponse:
    # with_pending is already in the queryset (selectors.quote_export_list).
    rows = (quote_row(quote) for quote in _chunked(queryset))
    return _attachment(
        _csv_lines(QUOTE_CSV_COLUMNS, rows),
        content_type="text/csv; charset=utf-8",
        filename="quotes.csv",
    )


def event_feature(properties: dict) -> dict:
    """Return an export row (``event_row``) as a GeoJSON Feature at its place."""
    longitude, latitude = properties["longitude"], properties["latitude"]
    geometry = None
    if longitude is not None and latitude is not None:
        geometry = {"type": "Point", "coordinates": [longitude, latitude]}
    return {
        "type": "Feature",
        "id": properties["event_id"],
        "geometry": geometry,
        "properties": properties,
    }


def _geojson_chunks(rows: Iterable[dict]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    separator = ""
    for row in rows:
        yield separator + json.dumps(event_feature(row), ensure_ascii=False)
        separator = ",\n"
    yield "]}\n"


def event_geojson_response(
    queryset: QuerySet[Event], *, with_pending: bool
) -> StreamingHttpResponse:
    return _attachment(
        _geojson_chunks(_event_rows(queryset, with_pending=with_pending)),
        content_type="application/geo+json",
        filename="events.geojson",
    )
