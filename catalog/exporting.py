"""Exporting the published catalogue as AMB records, one JSON object per line (JSON Lines, UTF-8)."""
import json
from contextlib import nullcontext
from dataclasses import dataclass

from .metadata.bulk import CHUNK_SIZE, amb_records
from .queries import public_courses, public_resources

# What a caller mapping pages one by one with `to_amb` should prefetch (the REST API, the change
# feed); the export itself goes through `catalog.metadata.bulk`, which needs none of it.
RESOURCE_PREFETCH = (
    "topics", "audiences", "levels", "languages", "authors", "files__document", "keywords",
    "based_on__authors",
)
COURSE_PREFETCH = ("topics", "audiences", "levels", "languages")


@dataclass
class ExportReport:
    resources: int = 0
    courses: int = 0

    @property
    def total(self):
        return self.resources + self.courses


def _records(queryset):
    for _pk, record in amb_records(queryset, chunk=CHUNK_SIZE):
        yield record


def export_records(queryset=None):
    """AMB records (dicts) of published resources, then published courses, each in creation order.

    `queryset` (of ResourcePage, CoursePage or Page) exports those pages instead, in its order.
    Records are built a chunk of pages at a time, so memory does not grow with the catalogue.
    """
    if queryset is not None:
        yield from _records(queryset)
        return
    yield from _records(public_resources().order_by("pk"))
    yield from _records(public_courses().order_by("pk"))


def dumps(record):
    """One JSON Lines line (without the newline): UTF-8 text, not \\u escapes."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write_jsonl(path_or_file, queryset=None):
    """Write `export_records(queryset)` to a path or to a text file object; returns an `ExportReport`."""
    report = ExportReport()
    opened = (open(path_or_file, "w", encoding="utf-8", newline="\n") if not hasattr(path_or_file, "write")
              else nullcontext(path_or_file))
    with opened as out:
        for record in export_records(queryset):
            out.write(dumps(record) + "\n")
            if "Course" in record["type"]:
                report.courses += 1
            else:
                report.resources += 1
    return report
