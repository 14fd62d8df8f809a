"""Importing AMB records (JSON Lines) into the catalogue: each record is checked, then created or updated.

Records are matched by their `id` (kept as `source_id`), so importing the same file
twice changes nothing. A refused record writes nothing, and the import carries on with
the next line; refusals are reported with their 1-based line number.

Lines are imported in batches, one transaction each. The ids of a batch are looked up
together; a new resource is checked in Python (reading only) and written with the other
new resources of its batch by `services.bulk` (a fixed number of statements per batch),
so it needs no savepoint. Updates and courses go through `catalog.services` one by one,
each in its own savepoint. Should the database refuse a statement outside a savepoint, the
batch is rolled back and imported again with a savepoint per line.

Callers acting for someone (the REST API) pass `user`, whose permissions the services
check, and `within`, the centre outside which nothing may be changed; the command-line
import runs as a trusted operator (no user).
"""
import json
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from tqdm import tqdm

from core.errors import Conflict, DomainError, PermissionRefused, ValidationFailed

from . import services
from .services.bulk import prepare_resource
from .metadata import COURSE, Lookups, amb_from_values, from_amb, page_values
from .metadata.reader import record_kind
from .models import CoursePage, ResourcePage

# Lines committed per transaction: fewer commits make a large import faster, and the time
# limit keeps SQLite's write lock short for the site.
BATCH_SIZE = 200
BATCH_SECONDS = 1.0
CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


@dataclass
class ImportReport:
    """What an import did: counts per outcome and each refused line with its reason."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list = field(default_factory=list)
    # With `details`: one entry per non-empty line, {"line", "status", "id", "source_id", "code", "reason"}.
    results: list = None

    def reject(self, line_number, reason, code="invalid", source_id=""):
        self.rejected += 1
        self.rejections.append((line_number, str(reason)))
        self.note(line_number, REJECTED, source_id=source_id, code=code, reason=str(reason))

    def count(self, line_number, outcome, page):
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.note(line_number, outcome, page_id=page.pk, source_id=page.source_id)

    def note(self, line_number, status, *, page_id=None, source_id="", code="", reason=""):
        if self.results is not None:
            self.results.append({"line": line_number, "status": status, "id": page_id, "source_id": source_id,
                                 "code": code, "reason": reason})

    def mark(self):
        """Where the report stands, to `rewind` to when a batch is rolled back and run again."""
        return (self.created, self.updated, self.unchanged, self.rejected, len(self.rejections),
                len(self.results) if self.results is not None else 0)

    def rewind(self, mark):
        self.created, self.updated, self.unchanged, self.rejected, rejections, results = mark
        del self.rejections[rejections:]
        if self.results is not None:
            del self.results[results:]

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

    def __init__(self, publish, user, lookups):
        self.publish = publish
        self.user = user
        self.lookups = lookups
        self.allowed = set()  # centres where `user` may add (and publish): checked once per batch
        self.entries = []  # (line number, record, centre, prepared page)

    def add(self, number, record, centre, data):
        page = prepare_resource(centre, data, publish=self.publish, user=self.user, allowed=self.allowed)
        self.entries.append((number, record, centre, page))
        # A later record based on this one links to it (`Lookups.resources`); the link is written with both.
        self.lookups.pending[page.source_id] = page

    def must_flush(self, record):
        """Whether `record` needs the pending resources written first: a course (its lessons), or a repeated id."""
        return bool(self.entries) and (record_kind(record) == COURSE or record.get("id") in self.lookups.pending)

    def flush(self, report):
        """Write every pending resource at once; if that fails, write them one by one to find the culprit."""
        entries, self.entries = self.entries, []
        if not entries:
            return
        pages = [page for *_rest, page in entries]
        try:
            with transaction.atomic():
                services.bulk_create_resources(pages, publish=self.publish)
        except (DomainError, DatabaseError):
            # Rolled back as a whole; one record is at fault (e.g. an id used twice in the file). Each
            # record is read again, so that links to records of this batch find them once written.
            self.lookups.unwritten(page.source_id for page in pages)
            for number, record, centre, page in entries:
                _record(report, number, lambda: (CREATED, services.create_resource(
                    self.user, centre, from_amb(record, self.lookups).data, publish=self.publish)), page.source_id)
        else:
            self.lookups.written(pages)
            for number, _record_, _centre, page in entries:
                report.count(number, CREATED, page)


def _referenced_ids(record):
    """Ids of the resources a record is based on, to look them up for the whole batch at once."""
    sources = record.get("isBasedOn")
    refs = []
    for source in sources if isinstance(sources, list) else [sources]:
        refs.append(_record_id(source) if isinstance(source, dict) else _record_id({"id": source}))
    return {ref for ref in refs if ref}


def _check_within(within, page):
    if within is not None and not page.path.startswith(within.path):
        raise PermissionRefused(_("The record “%(id)s” belongs to another centre; it cannot be changed from here."),
                                params={"id": page.source_id}, code="outside_centre")


def _upsert(record, *, number, centre, publish, lookups, pending, user=None, within=None, savepoint=True):
    """Create, update or leave one record; a new resource is only checked here and added to `pending`.

    Without a `savepoint`, it reads only: a record that needs writes of its own (a course, a
    known id) raises `_NeedsSavepoint` before writing anything.
    """
    parsed = from_amb(record, lookups)
    course = parsed.kind == COURSE
    existing = lookups.existing(parsed.source_id)
    if not savepoint and (course or existing is not None):
        raise _NeedsSavepoint
    create, update = ((services.create_course, services.update_course) if course
                      else (services.create_resource, services.update_resource))
    if existing is None:
        target = centre or _centre_for(parsed, lookups)
        lookups.forget(parsed.source_id)  # about to exist: a repeat of the id must look it up again
        if course:
            return CREATED, create(user, target, parsed.data, publish=publish)
        return pending.add(number, record, target, parsed.data)
    if not isinstance(existing, CoursePage if course else ResourcePage):
        message = (_("The id “%(id)s” already belongs to a learning resource; a course cannot take it.") if course
                   else _("The id “%(id)s” already belongs to a course; a learning resource cannot take it."))
        raise Conflict(message, params={"id": parsed.source_id}, code="kind_mismatch")
    _check_within(within, existing)
    current = amb_from_values(parsed.kind, page_values(existing.get_latest_revision_as_object()))
    wanted = amb_from_values(parsed.kind, parsed.data)
    already_live = existing.live and not existing.has_unpublished_changes
    if current == wanted and (already_live or not publish):
        return UNCHANGED, existing
    return UPDATED, update(user, existing, parsed.data, publish=publish)


class _NeedsSavepoint(Exception):
    """The record writes on its own (an update, a course): import it again inside a savepoint."""


class _Retry(Exception):
    """The database refused a statement outside any savepoint: the batch is rolled back and run again carefully."""


def _record(report, number, action, source_id="", savepoint=True):
    """Run `action` (in its own savepoint unless told not to) and count its outcome, or the refusal with its line.

    `action` returns (outcome, page) for a finished record, or None for a new resource that
    waits in `_Pending`. Without a savepoint the action must not have written anything when
    it fails; a database error then rolls the whole batch back (`_Retry`).
    """
    try:
        with transaction.atomic() if savepoint else nullcontext():
            outcome = action()
    except DomainError as exc:
        report.reject(number, exc, exc.code, source_id)
    except ValidationError as exc:
        report.reject(number, "; ".join(exc.messages), "invalid", source_id)
    except DatabaseError as exc:
        if not savepoint:
            raise _Retry from exc
        # The savepoint was rolled back, so the batch can go on; the reason names the database's complaint.
        report.reject(number, _("The database refused the record: %(error)s") % {"error": exc}, "database_error",
                      source_id)
    else:
        if outcome is not None:
            report.count(number, *outcome)


@dataclass
class _Refused:
    """A line that is not a JSON object: refused before anything is looked up."""

    reason: str
    code: str


def _parse(number, line):
    """The line's JSON object, None for a blank line, or `_Refused`."""
    if not line.strip():
        return None
    if number == 1:
        line = line.lstrip("\ufeff")
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return _Refused(_("Not valid UTF-8 text."), "invalid_encoding")
    try:
        record = json.loads(line)
    except ValueError as exc:
        error = f"{exc.msg} (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else str(exc)
        return _Refused(_("Invalid JSON: %(error)s.") % {"error": error}, "invalid_json")
    if not isinstance(record, dict):
        return _Refused(_("Not a JSON object."), "not_an_object")
    return record


def _record_id(record):
    """The record's id as `from_amb` will read it, or "" when it is not plain text."""
    ident = record.get("id")
    if isinstance(ident, (int, float)) and not isinstance(ident, bool):
        ident = str(ident)
    return ident.strip() if isinstance(ident, str) and "\x00" not in ident and len(ident) <= 500 else ""


def _import_record(report, number, record, pending, options, careful):
    if record is None:
        return
    if isinstance(record, _Refused):
        report.reject(number, record.reason, record.code)
        return
    source_id = record.get("id") if isinstance(record.get("id"), str) else ""
    if pending.must_flush(record):
        pending.flush(report)
    upsert = partial(_upsert, record, number=number, pending=pending, **options)
    if not careful and record_kind(record) != COURSE and options["lookups"].known_new(_record_id(record)):
        # A new resource: checked in Python and only read from the database, so no savepoint is needed.
        try:
            _record(report, number, partial(upsert, savepoint=False), source_id, savepoint=False)
            return
        except _NeedsSavepoint:
            pass
    _record(report, number, upsert, source_id)


def _run_batch(report, items, options, careful):
    """Import (line number, parsed line) pairs in one transaction until done or BATCH_SECONDS; returns those left.

    Not `careful`: new resources are checked and written without a savepoint each (see `_record`).
    """
    started, left = time.monotonic(), []
    lookups = options["lookups"]
    pending = _Pending(options["publish"], options["user"], lookups)
    with transaction.atomic():
        if not careful:
            records = [record for _number, record in items if isinstance(record, dict)]
            lookups.look_up_ids([_record_id(record) for record in records],
                                [ref for record in records for ref in _referenced_ids(record)])
        for position, (number, record) in enumerate(items):
            if position and time.monotonic() - started >= BATCH_SECONDS:
                left = items[position:]
                break
            _import_record(report, number, record, pending, options, careful)
        pending.flush(report)
    lookups.look_up_ids(())
    return left


def _import_batch(report, items, options):
    """Import one batch; if the database refused a statement outside a savepoint, roll it back and redo it
    with a savepoint per record, so that the refusal costs only its own line.

    A bug (not a refusal) escaping here rolls back this batch only; earlier batches are
    committed, and re-running the file is safe because the import is an upsert.
    """
    mark = report.mark()
    try:
        return _run_batch(report, items, options, careful=False)
    except _Retry:
        report.rewind(mark)
        options["lookups"].look_up_ids(())
        return _run_batch(report, items, options, careful=True)


def import_records(lines, *, centre=None, publish=False, progress=False, user=None, within=None, details=False):
    """Import JSON Lines (an iterable of str) and return an `ImportReport`.

    `centre` (a CentrePage) receives every new record; without it each record names its
    centre in `sourceOrganization`. `publish` makes new and changed records live.
    `progress` shows a tqdm bar on stderr. `user` is whose permissions apply (None: a
    trusted operator); `within` (a CentrePage) refuses changes to records of other
    centres; `details` fills `report.results` with one entry per line.
    """
    report = ImportReport(results=[] if details else None)
    options = {"centre": centre, "publish": publish, "lookups": Lookups(), "user": user, "within": within}
    total = len(lines) if hasattr(lines, "__len__") else None
    numbered = ((number, _parse(number, line)) for number, line in enumerate(lines, start=1))
    with tqdm(total=total, disable=not progress, file=sys.stderr, unit=" " + pgettext("progress bar unit", "lines")) as bar:
        left = []
        while items := left + list(islice(numbered, BATCH_SIZE - len(left))):
            left = _import_batch(report, items, options)
            bar.update(len(items) - len(left))
    if report.results is not None:
        report.results.sort(key=lambda result: result["line"])  # new resources are counted when written
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
