"""Articles and the records extracted from them, each traceable to its evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class DateSource(models.TextChoices):
    DATELINE = "dateline", "Date line"
    INFERRED = "inferred", "Inferred from the text"
    CORROBORATED = "corroborated", "Inferred from other articles"
    ESTIMATED = "estimated", "Estimated from what the text mentions"
    REPORTED = "reported", "Dated by the known happening it reports"
    METADATA = "metadata", "Given with the article"
    EDITOR = "editor", "Set by an editor"
    UNKNOWN = "unknown", "Unknown"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class ActorKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    STATE = "state", "State or armed group"
    OTHER = "other", "Other"


class PlaceKind(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    CITY = "city", "City or town"
    SITE = "site", "Site"


class ActorRole(models.TextChoices):
    INITIATOR = "initiator", "Initiator"
    TARGET = "target", "Target"
    OTHER = "other", "Other"


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Curated(TimeStamped):
    """A record an editor reviews; ``curated_fields`` lists fields a re-import must not touch."""

    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    confidence = models.FloatField(default=0.5)
    curated_fields = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def is_protected(self) -> bool:
        """Return whether an editor's decision freezes this record against re-imports."""
        return self.review_status != ReviewStatus.PENDING or bool(self.curated_fields)


class Article(TimeStamped):
    title = models.CharField(max_length=500, blank=True)
    body = models.TextField(help_text="The cleaned story text; evidence spans index into it.")
    raw_text = models.TextField(help_text="The file's text exactly as imported.")
    outlet = models.CharField(max_length=200, blank=True, db_index=True)
    byline = models.CharField(max_length=300, blank=True)
    captions = models.JSONField(default=list, blank=True)
    published_on = models.DateField(null=True, blank=True, db_index=True)
    date_source = models.CharField(
        max_length=12, choices=DateSource.choices, default=DateSource.UNKNOWN
    )
    date_evidence = models.CharField(max_length=500, blank=True)
    source_file = models.CharField(max_length=500, blank=True, db_index=True)
    # Not a URLField: scrapers' URLs are kept as given, even where a validator would balk.
    url = models.CharField(
        max_length=2000, blank=True, help_text="Where the article was published, when known."
    )
    content_hash = models.CharField(max_length=64, unique=True)
    source_encoding = models.CharField(max_length=20, default="utf-8")
    language = models.CharField(max_length=8, default="en")
    imported_at = models.DateTimeField(auto_now_add=True)
    extractor_version = models.CharField(max_length=20, blank=True)
    curated_fields = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "id"]
        constraints = [
            # The same URL twice is one article; most text files come without one.
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_url_unique_when_given"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.opening() or f"Article {self.pk}"

    def opening(self, limit: int = 80) -> str:
        """Return the body's first sentence, cut to ``limit`` characters: a headline stand-in."""
        first = self.body.strip().split("\n", 1)[0]
        sentence = first.split(". ", 1)[0].strip()
        return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


class Actor(Curated):
    name = models.CharField(max_length=300, db_index=True)
    kind = models.CharField(max_length=12, choices=ActorKind.choices, default=ActorKind.PERSON)
    role = models.CharField(max_length=300, blank=True, help_text="Role or title as reported.")
    country_code = models.CharField(max_length=2, blank=True)
    external_id = models.CharField(max_length=32, blank=True, help_text="e.g. a Wikidata QID")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        permissions = [
            ("review_actor", "Can approve or reject actors"),
            ("merge_actor", "Can merge actors"),
        ]

    def __str__(self) -> str:
        return self.name


class Alias(models.Model):
    """A spelling seen for a record; ``normalized`` is its lookup key."""

    name = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


# A foreign key that leads a unique constraint has no index of its own (db_index=False):
# the constraint's index serves its lookups, joins and cascades, and every index is one
# more write for each row an import stores.


class ActorAlias(Alias):
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="aliases", db_index=False
    )

    class Meta:
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "normalized"], name="actor_alias_unique_per_actor"
            )
        ]


class ActorKey(models.Model):
    """An indexed lookup key for finding an actor across spellings (see ``names.name_keys``)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="keys", db_index=False)
    key = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "key"], name="actor_key_unique")]
        # A key's newest actors are read from the end of its range (and a key alone from
        # its start).
        indexes = [models.Index(fields=["key", "actor"], name="actor_key_by_recency")]

    def __str__(self) -> str:
        return self.key


class Place(Curated):
    name = models.CharField(max_length=300, db_index=True)
    kind = models.CharField(max_length=10, choices=PlaceKind.choices, default=PlaceKind.CITY)
    country_code = models.CharField(max_length=2, blank=True, db_index=True)
    admin_region = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    geonames_id = models.BigIntegerField(null=True, blank=True, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        permissions = [
            ("review_place", "Can approve or reject places"),
            ("merge_place", "Can merge places"),
        ]

    def __str__(self) -> str:
        return self.name


class PlaceAlias(Alias):
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, related_name="aliases", db_index=False
    )

    class Meta:
        verbose_name_plural = "place aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["place", "normalized"], name="place_alias_unique_per_place"
            )
        ]


class Evidence(models.Model):
    """Where in an article a record was found: the words and the sentence around them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    start = models.PositiveIntegerField(help_text="Offset into the article body.")
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=1000, help_text="The words as written.")
    sentence_start = models.PositiveIntegerField(default=0)
    sentence_end = models.PositiveIntegerField(default=0)
    confidence = models.FloatField(default=0.5)

    class Meta:
        abstract = True

    @property
    def sentence(self) -> str:
        return self.article.body[self.sentence_start : self.sentence_end]


class ActorMention(Evidence):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="actor_mentions", db_index=False
    )
    # Indexed with the article (below): an actor's most recent mentions are read from it.
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )
    via = models.CharField(max_length=20, blank=True, help_text="name, surname, title, pronoun…")

    class Meta:
        indexes = [models.Index(fields=["actor", "article"], name="actor_mention_by_article")]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "actor", "start", "end"], name="actor_mention_unique_span"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.article_id}:{self.start})"


class PlaceMention(Evidence):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="place_mentions", db_index=False
    )
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "place", "start", "end"], name="place_mention_unique_span"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.article_id}:{self.start})"


class Statement(TimeStamped):
    """One thing said, reported by one or more quotes (in different articles or wordings)."""

    text = models.TextField()
    speaker = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        db_index=False,
    )

    class Meta:
        # A speaker's newest statements are read from the end of its range.
        indexes = [models.Index(fields=["speaker", "id"], name="statement_by_recency")]

    def __str__(self) -> str:
        return self.text[:80]


class Quote(Curated):
    text = models.TextField()
    speaker = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_name = models.CharField(max_length=300, blank=True, help_text="As written.")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="quotes", db_index=False
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    sentence_start = models.PositiveIntegerField(default=0)
    sentence_end = models.PositiveIntegerField(default=0)
    is_marked = models.BooleanField(default=True, help_text="Printed within quotation marks.")
    said_on = models.DateField(null=True, blank=True)
    said_on_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "start"]
        permissions = [
            ("review_quote", "Can approve or reject quotes"),
            ("merge_quote", "Can merge quotes"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="quote_unique_span")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class EventTypeManager(models.Manager):
    def get_by_natural_key(self, code: str) -> EventType:
        return self.get(code=code)


class EventType(models.Model):
    """A node of the closed two-level event taxonomy (data in fixtures/event_types.json)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    acled_event_type = models.CharField(max_length=60, blank=True)
    acled_sub_event_type = models.CharField(max_length=60, blank=True)
    cameo_root_code = models.CharField(
        max_length=2, blank=True, help_text="CAMEO root code (01-20); blank outside CAMEO."
    )
    description = models.CharField(max_length=300, blank=True)

    objects = EventTypeManager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Event(Curated):
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    event_type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="events")
    start_date = models.DateField(null=True, blank=True, db_index=True)
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    places = models.ManyToManyField(Place, blank=True, related_name="events")
    actors = models.ManyToManyField(Actor, through="EventActor", blank=True, related_name="events")
    articles = models.ManyToManyField(
        Article, through="EventMention", blank=True, related_name="events"
    )
    fatalities = models.PositiveIntegerField(null=True, blank=True)
    injured = models.PositiveIntegerField(null=True, blank=True)
    displaced = models.PositiveIntegerField(null=True, blank=True)
    affected = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=(
            "Others the happening counts: troops deployed, missiles fired, people sanctioned."
        ),
    )
    conflicts = models.JSONField(
        default=list, blank=True, help_text="Where the merged reports disagree."
    )
    # Indexed where set only (below): most events are not merged, and an index over
    # them all would tempt the planner to scan every unmerged event for candidates.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        db_index=False,
    )

    history = HistoricalRecords(m2m_fields=[places])

    class Meta:
        ordering = ["-start_date", "id"]
        permissions = [
            ("review_event", "Can approve or reject events"),
            ("merge_event", "Can merge events"),
        ]
        indexes = [
            models.Index(fields=["event_type", "start_date"]),
            # Candidates dated coarser than a report are looked for further away.
            models.Index(fields=["date_precision", "start_date"], name="event_by_precision"),
            models.Index(
                fields=["merged_into"],
                condition=Q(merged_into__isnull=False),
                name="event_merged_into",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title


class EventActor(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participants", db_index=False
    )
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(max_length=10, choices=ActorRole.choices, default=ActorRole.OTHER)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "actor", "role"], name="event_actor_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.role})"


class EventMention(Evidence):
    """One article's report of an event: the sentence and the figures it gives."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="event_mentions", db_index=False
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mentions")
    reported_date = models.DateField(null=True, blank=True)
    reported_fatalities = models.PositiveIntegerField(null=True, blank=True)
    reported_injured = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "event", "start", "end"], name="event_mention_unique_span"
            )
        ]

    def __str__(self) -> str:
        published = self.article.published_on
        return f"{self.article} ({published:%d %b %Y})" if published else str(self.article)


class Deletion(models.Model):
    """A record merged away or deleted, so downstream copies can follow (``/api/deletions/``)."""

    model = models.CharField(max_length=40, db_index=True, help_text="actor, place, quote, event…")
    object_id = models.BigIntegerField()
    merged_into_id = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=20, default="deleted")  # "deleted" or "merged"
    deleted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["deleted_at", "id"]
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self) -> str:
        target = f" into {self.merged_into_id}" if self.merged_into_id else ""
        return f"{self.model} {self.object_id} {self.reason}{target}"


# ---------------------------------------------------------------- import runs


class ImportRunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Failed"


class ImportProblem(models.TextChoices):
    """What happened to a file that was not imported (the values of ``FileStatus``)."""

    SKIPPED = "skipped", "Skipped"
    FAILED = "failed", "Failed"


class ImportRun(models.Model):
    """One ``import_articles`` run, local or queued, and how far it got.

    Written by ``events.importing.runs`` while the files are imported: counters in batches, from
    one process or from several Celery workers at once. A queued run is split into
    ``tasks_total`` tasks and is finished when all of them are.
    """

    paths = models.JSONField(default=list, help_text="Files and folders as given.")
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10,
        choices=ImportRunStatus.choices,
        default=ImportRunStatus.QUEUED,
        db_index=True,
    )
    ran_on = models.CharField(
        max_length=200,
        blank=True,
        help_text='"host pid N" for a local run, "queue" for a queued one.',
    )
    workers = models.JSONField(
        default=list, blank=True, help_text="Processes that imported files (host pid N)."
    )
    total_files = models.PositiveIntegerField(default=0)
    done_files = models.PositiveIntegerField(default=0)
    imported_files = models.PositiveIntegerField(default=0)
    skipped_files = models.PositiveIntegerField(default=0)
    failed_files = models.PositiveIntegerField(default=0)
    tasks_total = models.PositiveIntegerField(default=1)
    tasks_done = models.PositiveIntegerField(default=0)
    created = models.JSONField(
        default=dict, blank=True, help_text='Rows created per kind ({"actors": 12, …}).'
    )
    error = models.TextField(blank=True, help_text="Why the run failed.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import run {self.pk}"

    @property
    def percent_done(self) -> int:
        """Return how much of the run is done, 0–100 (a redelivered task may count twice)."""
        if self.status == ImportRunStatus.FINISHED:
            return 100
        return min(100, 100 * self.done_files // self.total_files) if self.total_files else 0


class ImportRunFile(models.Model):
    """A file of a run that was skipped or failed, and why.

    Only problems are stored: an imported file is an Article already (with its source
    file and import time), and a row per imported file would double the writes of a
    large run for nothing an editor needs.
    """

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="problems")
    path = models.CharField(max_length=1000)
    status = models.CharField(max_length=10, choices=ImportProblem.choices, db_index=True)
    reason = models.TextField(blank=True)
    ran_on = models.CharField(max_length=200, blank=True, help_text="host pid N")

    class Meta:
        ordering = ["run_id", "id"]
        verbose_name = "import run problem"

    def __str__(self) -> str:
        return f"{self.status}: {self.path}"


class BoilerplateLine(models.Model):
    """A short line seen in ``articles`` articles of an outlet: recurring, it is boilerplate.

    Counted as articles are imported (``events.importing.learning``); cleaning drops a line seen in
    ``boilerplate.BOILERPLATE_MIN_ARTICLES`` articles of one outlet ("" when unknown).
    """

    outlet = models.CharField(max_length=200, blank=True)
    fingerprint = models.CharField(max_length=40, help_text="boilerplate.line_fingerprint")
    text = models.CharField(max_length=500, help_text="The line as first seen.")
    articles = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["outlet", "-articles", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "fingerprint"], name="boilerplate_line_unique_per_outlet"
            )
        ]
        indexes = [models.Index(fields=["articles"], name="boilerplate_line_by_count")]

    def __str__(self) -> str:
        return self.text
