"""Exporting the published catalogue as AMB records, one JSON object per line (JSON Lines, UTF-8)."""
import json
from contextlib import nullcontext
from dataclasses import dataclass

from wagtail.models import Page

from .metadata import to_amb
from .models import CentrePage, CoursePage, ResourcePage
from .queries import public_courses, public_resources

CHUNK_SIZE = 500
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


def _prepared(queryset):
    if queryset.model is ResourcePage:
        return queryset.select_related("licence", "resource_type", "based_on__licence").prefetch_related(
            *RESOURCE_PREFETCH)
    if queryset.model is CoursePage:
        return queryset.select_related("licence").prefetch_related(*COURSE_PREFETCH)
    return queryset.specific()


def _records(queryset, centres):
    for page in _prepared(queryset).iterator(chunk_size=CHUNK_SIZE):
        if not isinstance(page, (ResourcePage, CoursePage)):
            continue
        centre = centres.get(page.path[: -Page.steplen])
        yield to_amb(page, centre=centre) if centre is not None else to_amb(page)


def export_records(queryset=None):
    """AMB records (dicts) of published resources, then published courses, each in creation order.

    `queryset` (of ResourcePage, CoursePage or Page) exports those pages instead.
    """
    centres = {centre.path: centre for centre in CentrePage.objects.all()}
    if queryset is not None:
        yield from _records(queryset, centres)
        return
    yield from _records(public_resources().order_by("pk"), centres)
    yield from _records(public_courses().order_by("pk"), centres)


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
