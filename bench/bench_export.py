"""Measures the full export (`catalog.exporting.export_records` + JSON Lines) beside a raw SELECT of the same rows.

    python -m bench.bench_export --count 10000 [--database postgres://postgres@127.0.0.1:5432/oerhub_bench_export]
                                 [--per-page 1000] [--profile] [--keep]

Makes a fresh database (a temporary SQLite file, or the PostgreSQL database named by
`--database`, dropped and created again; its name must contain "bench"), migrates it, runs
`load_demo`, writes N records with `bench.corpus` and imports them published with the bulk
path. Then, in one process, over the same published resources and courses:

- the floor: one raw `SELECT` of the page rows the export reads (page and resource/course
  columns, no relations), each row serialised with `json.dumps`;
- the export: `export_records()` consumed to the end, each record serialised as a JSON Lines
  line (`dumps`), as `export_resources` writes them;
- with `--per-page M`: `to_amb(page)` page by page over the first M published resources with
  the prefetches the API uses — the one-page path the export used before `catalog.metadata.bulk`.

It prints records/s for each and the ratio to the floor. `--profile` prints the export's
cProfile (top functions by own time) to standard error. The budget (DESIGN.md) is a full
export of ≥ 5,000 records/s.
"""
import argparse
import cProfile
import io
import json
import pstats
import sys

from .common import Timer, git_revision, machine_summary, markdown_table
from .bench_oai import import_published
from .scratch import parse_catalogue_args, pg_version, run_in_scratch_database, say

BUDGET = 5_000  # records/s, "full export streams ≥ 5,000 records/s"
FLOOR_SQL = """
SELECT p.id, p.title, p.url_path, p.first_published_at, r.source_id, r.summary, r.body, r.licence_id,
       r.resource_type_id, r.date_created, r.external_url, r.based_on_id, r.based_on_record
  FROM wagtailcore_page p JOIN catalog_resourcepage r ON r.page_ptr_id = p.id
 WHERE p.live ORDER BY p.id
"""
FLOOR_COURSES_SQL = """
SELECT p.id, p.title, p.url_path, p.first_published_at, c.source_id, c.summary, c.body, c.licence_id,
       c.hours, c.completion_criteria, c.modules
  FROM wagtailcore_page p JOIN catalog_coursepage c ON c.page_ptr_id = p.id
 WHERE p.live ORDER BY p.id
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.bench_export", description=__doc__.split("\n")[0])
    parser.add_argument("--per-page", type=int, default=0, metavar="M",
                        help="also time to_amb page by page over M resources (default: skip)")
    parser.add_argument("--profile", action="store_true", help="print the export's cProfile to standard error")
    return parse_catalogue_args(parser, argv)


def main(argv=None):
    args = parse_args(argv)
    return run_in_scratch_database(args, "oerhub-bench-export-", run)


def floor(connection):
    """Rows of the raw SELECTs, each serialised with json.dumps: what any export must at least do."""
    count = 0
    with connection.cursor() as cursor:
        for sql in (FLOOR_SQL, FLOOR_COURSES_SQL):
            cursor.execute(sql)
            while rows := cursor.fetchmany(500):
                for row in rows:
                    json.dumps(row, ensure_ascii=False, default=str)
                    count += 1
    return count


def run(args, corpus_path, where):
    import django

    django.setup()
    from django.db import connection

    from catalog.exporting import RESOURCE_PREFETCH, dumps, export_records
    from catalog.metadata import to_amb
    from catalog.queries import public_courses, public_resources

    notes, published = import_published(args, corpus_path)
    rows = []

    def row(label, count, seconds, floor_seconds=None):
        """A table row: records/s, and the time over the floor's time for as many rows."""
        rows.append((label, f"{count:,}", f"{seconds:.2f}", f"{count / seconds:,.0f}",
                     f"{seconds / floor_seconds:.1f}×" if floor_seconds else "1.0×"))
        say(f"{label}: {count:,} in {seconds:.2f} s")

    with Timer() as t:
        floor_count = floor(connection)
    floor_seconds = t.seconds
    row("raw `SELECT` of the page rows + `json.dumps` (floor)", floor_count, floor_seconds)

    profiler = cProfile.Profile() if args.profile else None
    with Timer() as t:
        if profiler:
            profiler.enable()
        exported = sum(1 for record in export_records() if dumps(record))
        if profiler:
            profiler.disable()
    export_seconds = t.seconds
    if exported != published:
        raise SystemExit(f"export: {exported} records for {published} published")
    row("`export_records()` + JSON Lines", exported, export_seconds, floor_seconds / floor_count * exported)

    if args.per_page:
        pages = (public_resources().select_related("based_on__licence").prefetch_related(*RESOURCE_PREFETCH)
                 .order_by("pk")[:args.per_page])
        with Timer() as t:
            done = sum(1 for page in pages if dumps(to_amb(page)))
        row("`to_amb(page)` page by page (the one-page path)", done, t.seconds, floor_seconds / floor_count * done)

    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        say(out.getvalue())

    vendor = f"PostgreSQL {pg_version(connection)}" if connection.vendor == "postgresql" else where
    rate = exported / export_seconds
    lines = [
        f"Export benchmark: {published:,} published records ({args.count:,} generated, seed {args.seed}, plus the "
        f"demo), {vendor}, settings {args.settings}, commit {git_revision()}",
        f"Machine: {machine_summary()}",
        "Setup: " + "; ".join(notes),
        "",
        markdown_table(["what", "records", "seconds", "records/s", "time ÷ floor's time for as many rows"], rows),
        "",
        f"Budget: full export ≥ {BUDGET:,} records/s; export_records ran at {rate:,.0f}/s"
        f" ({'within' if rate >= BUDGET else 'OVER'} budget).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
