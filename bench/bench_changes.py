"""Change feed benchmark: 1,000 changes after a cursor, with a 10,000-row and a 1,000,000-row change log.

Budget (DESIGN.md): `GET /api/v1/changes/?since=…&limit=1000` in < 1 s on a 1,000,000-row
log, and about as fast as on a 10,000-row log (the feed costs O(changes returned)). The run:

1. migrates a scratch database, loads the demo and imports `--count` generated resources
   (published: one upsert event each), so the 1,000 returned changes have real pages and
   full AMB records;
2. fills the log to 10,000 rows with tombstones of long-gone pages (one INSERT … SELECT),
   appends a copy of the 1,000 latest real upserts, and times the request for those;
3. fills the log to 1,000,000 rows the same way, appends another copy, and times again —
   plus the old window, now in the middle of the log.

Beside each: the raw SQL range query the feed issues (the floor). The request is timed whole
through Django's test client (routing, range query, prefetch, AMB mapping, JSON).

    python -m bench.bench_changes --database postgres://postgres@127.0.0.1:5432/oerhub_bench_changes
"""
import argparse
import statistics
import time

from .common import git_revision, machine_summary, markdown_table
from .scratch import parse_catalogue_args, pg_version, run_in_scratch_database, say, set_up_catalogue

WINDOW = 1000
SMALL, LARGE = 10_000, 1_000_000
BUDGET_SECONDS = 1.0


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.bench_changes", description=__doc__.split("\n")[0])

    def own(parser):
        parser.add_argument("--large", type=int, default=LARGE, help=f"rows of the large log (default {LARGE:,})")
        parser.add_argument("--repeat", type=int, default=7, help="requests timed per case (default 7)")

    args = parse_catalogue_args(parser, argv, count=WINDOW, extra=own)
    if args.count < WINDOW:
        parser.error(f"--count must be at least {WINDOW} (the window of changes read)")
    return args


def main(argv=None):
    args = parse_args(argv)
    return run_in_scratch_database(args, "oerhub-bench-changes-", run,
                                   extra_env={"ALLOWED_HOSTS": "testserver,localhost,127.0.0.1"})


def fill_log(rows):
    """Append tombstones of pages that no longer exist until the change log holds `rows` rows."""
    from django.db import connection

    from catalog.models import ChangeEvent

    missing = rows - ChangeEvent.objects.count()
    if missing <= 0:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO catalog_changeevent (object_type, object_id, source_id, action, created_at) "
            "SELECT 'resourcepage', 100000000 + n, 'urn:bench:gone:' || n, 'delete', %s "
            "FROM generate_series(1, %s) AS n" if connection.vendor == "postgresql" else
            "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < %s) "
            "INSERT INTO catalog_changeevent (object_type, object_id, source_id, action, created_at) "
            "SELECT 'resourcepage', 100000000 + n, 'urn:bench:gone:' || n, 'delete', %s FROM s",
            [_now(), missing] if connection.vendor == "postgresql" else [missing, _now()])
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE catalog_changeevent")


def _now():
    from django.utils import timezone

    return timezone.now()


def append_window(upserts):
    """Append one upsert per page of `upserts` (page ids, source ids); returns the cursor just before them."""
    from api.changes import encode_cursor
    from catalog.models import ChangeEvent

    before = ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first()
    ChangeEvent.objects.bulk_create([ChangeEvent(object_type="resourcepage", object_id=pk, source_id=source_id,
                                                 action="upsert") for pk, source_id in upserts], batch_size=1000)
    return encode_cursor(before)


def run(args, corpus_path, where):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from api.changes import decode_cursor, encode_cursor
    from catalog.importing import import_file
    from catalog.models import ChangeEvent, ResourcePage

    set_up_catalogue(args, corpus_path)
    started = time.perf_counter()
    import_file(corpus_path, publish=True, progress=False)
    say(f"import {args.count:,} resources: {time.perf_counter() - started:.1f} s")
    upserts = list(ResourcePage.objects.live().order_by("-pk").values_list("pk", "source_id")[:WINDOW])
    client = Client()

    def request(cursor):
        response = client.get("/api/v1/changes/", {"since": cursor, "limit": WINDOW})
        body = response.json()
        if response.status_code != 200 or len(body["results"]) != WINDOW:
            raise SystemExit(f"unexpected answer {response.status_code}: {str(body)[:300]}")
        if sum(1 for item in body["results"] if item["record"]) != WINDOW:
            raise SystemExit("the window should hold 1,000 upserts with records")
        return body

    def request_tombstones(cursor):
        response = client.get("/api/v1/changes/", {"since": cursor, "limit": WINDOW})
        if response.status_code != 200 or len(response.json()["results"]) != WINDOW:
            raise SystemExit(f"unexpected answer {response.status_code}")

    def raw_sql(cursor):
        with connection.cursor() as db:
            db.execute("SELECT id, object_type, object_id, source_id, action, created_at FROM catalog_changeevent "
                       "WHERE id > %s ORDER BY id LIMIT %s", [decode_cursor(cursor), WINDOW + 1])
            return db.fetchall()

    def timed(action, cursor):
        action(cursor)  # warm-up: caches, prepared plans
        samples = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            action(cursor)
            samples.append(time.perf_counter() - t)
        return statistics.median(samples) * 1000, max(samples) * 1000

    rows, results = [], {}
    fill_log(SMALL - WINDOW)
    cursor_small = append_window(upserts)
    log = ChangeEvent.objects.count()
    say(f"log {log:,} rows: timing…")
    results["small"] = timed(request, cursor_small)
    rows.append(_row(f"{log:,}", "latest 1,000", results["small"], timed(raw_sql, cursor_small)))

    fill_log(args.large - WINDOW)
    cursor_large = append_window(upserts)
    log = ChangeEvent.objects.count()
    say(f"log {log:,} rows: timing…")
    results["large"] = timed(request, cursor_large)
    rows.append(_row(f"{log:,}", "latest 1,000", results["large"], timed(raw_sql, cursor_large)))
    results["middle"] = timed(request, cursor_small)
    rows.append(_row(f"{log:,}", f"1,000 after id {decode_cursor(cursor_small):,}", results["middle"],
                     timed(raw_sql, cursor_small)))
    # The feed's own cost without the AMB mapping: 1,000 tombstones from the middle of the filler.
    cursor_tombstones = encode_cursor(decode_cursor(cursor_small) + WINDOW + args.large // 2)
    rows.append(_row(f"{log:,}", "1,000 tombstones (no records)", timed(request_tombstones, cursor_tombstones),
                     timed(raw_sql, cursor_tombstones)))

    plan = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as db:
            db.execute("EXPLAIN SELECT * FROM catalog_changeevent WHERE id > %s ORDER BY id LIMIT 1001",
                       [decode_cursor(cursor_large)])
            plan = " / ".join(line[0].strip() for line in db.fetchall()[:2])
    vendor = f"PostgreSQL {pg_version(connection)}" if connection.vendor == "postgresql" else where
    large_ms = results["large"][0]
    return "\n".join([
        f"Change feed benchmark: {WINDOW:,} changes (upserts of published resources, full AMB records) after a "
        f"cursor; {vendor}, settings {args.settings}, commit {git_revision()}",
        f"Machine: {machine_summary()}",
        f"Median and slowest of {args.repeat} requests (Django test client: whole request and JSON), milliseconds.",
        "",
        markdown_table(["change log rows", "window", "API median", "API max", "raw SQL median", "API ÷ SQL"], rows),
        "",
        f"1,000 changes at {log:,} rows: {large_ms:.0f} ms (budget < {BUDGET_SECONDS * 1000:.0f} ms); "
        f"{large_ms / results['small'][0]:.2f}× the {SMALL:,}-row log.",
        f"Plan of the range query: {plan}" if plan else "",
    ])


def _row(log, window, api, sql):
    return [log, window, f"{api[0]:.0f}", f"{api[1]:.0f}", f"{sql[0]:.1f}", f"{api[0] / sql[0]:.0f}×"]


if __name__ == "__main__":
    raise SystemExit(main())
