"""Importing AMB records (JSON Lines) into the catalogue: each record is checked, then created or updated.

Records are matched by their `id` (kept as `source_id`), so importing the same file
twice changes nothing. Every record goes through `catalog.services` inside its own
savepoint: a refused record writes nothing, and the import carries on with the next
line. Refusals are reported with their 1-based line number.
"""
import json
import sys
import time
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from tqdm import tqdm

from core.errors import Conflict, DomainError, ValidationFailed

from . import services
from .services.bulk import prepare_resource
from .metadata import COURSE, Lookups, amb_from_values, from_amb, page_values
from .metadata.reader import record_kind
from .models import CoursePage, ResourcePage

# Lines committed per transaction (each record still has its own savepoint): fewer commits
# make a large import faster, and the time limit keeps SQLite's write lock short for the site.
BATCH_SIZE = 200
BATCH_SECONDS = 1.0
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class ImportReport:
    """What an import did: counts per outcome and each refused line with its reason."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list = field(default_factory=list)

    def reject(self, line_number, reason):
        self.rejected += 1
        self.rejections.append((line_number, str(reason)))

    @property
    def total(self):
        return self.created + self.updated + self.unchanged + self.rejected

    def summary(self):
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(rejected)s rejected.") % {
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged, "rejected": self.rejected,
        }


def _centre_for(parsed, lookups):
    for ref in parsed.centre_refs:
        centre = lookups.centre(ref)
        if centre is not None:
            return centre
    if not parsed.centre_refs:
        raise ValidationFailed(
            _("No centre: the record has no sourceOrganization. Pass --centre SLUG or create the centre first."),
            code="unknown_centre", field="sourceOrganization",
        )
    ref = parsed.centre_refs[0]
    raise ValidationFailed(
        _("Unknown centre “%(value)s”: pass --centre SLUG or create the centre first."),
        params={"value": ref.get("id") or ref.get("name") or ""}, code="unknown_centre", field="sourceOrganization",
    )


class _Pending:
    """New resources waiting to be written together by `services.bulk` (the fast path for large imports)."""

    def __init__(self, publish):
        self.publish = publish
        self.entries = []  # (line number, centre, data, prepared page)

    def ids(self):
        return {page.source_id for _n, _c, _d, page in self.entries}

    def add(self, number, centre, data):
        self.entries.append((number, centre, data, prepare_resource(centre, data, publish=self.publish)))

    def flush(self, report):
        """Write every pending resource at once; if that fails, write them one by one to find the culprit."""
        entries, self.entries = self.entries, []
        if not entries:
            return
        try:
            with transaction.atomic():
                services.bulk_create_resources([page for *_rest, page in entries], publish=self.publish)
        except (DomainError, DatabaseError):
            # Rolled back as a whole; one record is at fault (e.g. an id used twice in the file).
            for number, centre, data, _page in entries:
                _record(report, number, lambda: services.create_resource(None, centre, data, publish=self.publish)
                        and CREATED)
        else:
            report.created += len(entries)


def _referenced_ids(record):
    """Ids a record points at (its source, a course's lessons), to write pending records first."""
    refs = []
    for source in record.get("isBasedOn") or []:
        refs.append(source.get("id") if isinstance(source, dict) else source)
    return {r for r in refs if isinstance(r, str)}


def _upsert(record, *, centre, publish, lookups, pending):
    if pending.entries and (record_kind(record) == COURSE or record.get("id") in pending.ids()
                            or _referenced_ids(record) & pending.ids()):
        raise _FlushFirst
    parsed = from_amb(record, lookups)
    course = parsed.kind == COURSE
    create, update = ((services.create_course, services.update_course) if course
                      else (services.create_resource, services.update_resource))
    existing = lookups.existing(parsed.source_id)
    if existing is None:
        target = centre or _centre_for(parsed, lookups)
        if course:
            create(None, target, parsed.data, publish=publish)
            return CREATED
        return target, parsed.data
    if not isinstance(existing, CoursePage if course else ResourcePage):
        message = (_("The id “%(id)s” already belongs to a learning resource; a course cannot take it.") if course
                   else _("The id “%(id)s” already belongs to a course; a learning resource cannot take it."))
        raise Conflict(message, params={"id": parsed.source_id}, code="kind_mismatch")
    current = amb_from_values(parsed.kind, page_values(existing.get_latest_revision_as_object()))
    wanted = amb_from_values(parsed.kind, parsed.data)
    already_live = existing.live and not existing.has_unpublished_changes
    if current == wanted and (already_live or not publish):
        return UNCHANGED
    update(None, existing, parsed.data, publish=publish)
    return UPDATED


class _FlushFirst(Exception):
    """The record depends on (or repeats) a pending new resource: write the pending ones first."""


def _record(report, number, action):
    """Run `action` in its own savepoint and count its outcome, or the refusal with its line number."""
    try:
        with transaction.atomic():
            outcome = action()
    except DomainError as exc:
        report.reject(number, exc)
    except ValidationError as exc:
        report.reject(number, "; ".join(exc.messages))
    except DatabaseError as exc:
        # The savepoint was rolled back, so the batch can go on; the reason names the database's complaint.
        report.reject(number, _("The database refused the record: %(error)s") % {"error": exc})
    else:
        if outcome in (CREATED, UPDATED, UNCHANGED):
            setattr(report, outcome, getattr(report, outcome) + 1)
        return outcome
    return None


def _import_line(report, number, line, *, pending, **options):
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        report.reject(number, _("Not valid UTF-8 text."))
        return
    try:
        record = json.loads(line)
    except ValueError as exc:
        error = f"{exc.msg} (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else str(exc)
        report.reject(number, _("Invalid JSON: %(error)s.") % {"error": error})
        return
    if not isinstance(record, dict):
        report.reject(number, _("Not a JSON object."))
        return
    try:
        outcome = _record(report, number, lambda: _upsert(record, pending=pending, **options))
    except _FlushFirst:
        pending.flush(report)
        outcome = _record(report, number, lambda: _upsert(record, pending=pending, **options))
    if isinstance(outcome, tuple):  # a new resource: validated now, written with the others
        centre, data = outcome
        _record(report, number, lambda: pending.add(number, centre, data))


def _import_batch(report, numbered, bar, options):
    """Import lines in one transaction until BATCH_SIZE lines or BATCH_SECONDS; True when no lines are left.

    A bug (not a refusal) escaping here rolls back this batch only; earlier batches are
    committed, and re-running the file is safe because the import is an upsert.
    """
    started, count = time.monotonic(), 0
    pending = _Pending(options["publish"])
    with transaction.atomic():
        for number, line in numbered:
            if line.strip():
                _import_line(report, number, line.lstrip("\ufeff") if number == 1 else line, pending=pending, **options)
            bar.update()
            count += 1
            if count >= BATCH_SIZE or time.monotonic() - started >= BATCH_SECONDS:
                pending.flush(report)
                return False
        pending.flush(report)
    return True


def import_records(lines, *, centre=None, publish=False, progress=False):
    """Import JSON Lines (an iterable of str) and return an `ImportReport`.

    `centre` (a CentrePage) receives every new record; without it each record names its
    centre in `sourceOrganization`. `publish` makes new and changed records live.
    `progress` shows a tqdm bar on stderr.
    """
    report = ImportReport()
    options = {"centre": centre, "publish": publish, "lookups": Lookups()}
    total = len(lines) if hasattr(lines, "__len__") else None
    numbered = enumerate(lines, start=1)
    with tqdm(total=total, disable=not progress, file=sys.stderr, unit=" " + pgettext("progress bar unit", "lines")) as bar:
        finished = False
        while not finished:
            finished = _import_batch(report, numbered, bar, options)
    return report


class _FileLines:
    """Lines of a UTF-8 file, decoded one by one; undecodable bytes survive as surrogates so the
    importer can refuse just that line. Sized, so the progress bar can show a total."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as handle:
            self.count = sum(1 for _line in handle)

    def __len__(self):
        return self.count

    def __iter__(self):
        with open(self.path, "rb") as handle:
            for raw in handle:
                yield raw.decode("utf-8", errors="surrogateescape")


def import_file(path, **options):
    """Import a JSON Lines file; same options and result as `import_records`."""
    return import_records(_FileLines(path), **options)
