"""Measures `import_resources --publish` throughput on a fresh database against a bare-insert floor.

    python -m bench.bench_import [--count 500] [--seed 1]
    python -m bench.bench_import --database postgres://postgres@127.0.0.1:5432/oerhub_bench

Steps: make a fresh database (a temporary SQLite file, or the PostgreSQL database named
by --database, which is dropped and created again and must have "bench" in its name),
migrate, `load_demo`, generate N records with `bench.corpus`, then time

1. `import_resources FILE --publish` of the N new records,
2. the same command on the same file again (every record unchanged; a warning names
   any record that got a new revision),
3. the floor any importer is compared against: parsing the same lines and writing one row
   each into a scratch table, with a bare Django `bulk_create` of a minimal model and with
   raw SQL `executemany` INSERTs.

Prints a Markdown table (records/s, queries per record, ratio to the bulk_create floor).
`--profile N` then imports another N new records under cProfile (so the figures above carry
no profiler overhead) and prints where that time goes and the N costliest functions.
"""
import argparse
import collections
import cProfile
import io
import json
import pstats
import sys
from urllib.parse import urlsplit

from . import corpus
from .common import Timer, git_revision, machine_summary, markdown_table
from .scratch import pg_version, run_in_scratch_database, say, set_up_catalogue

MAX_COUNT = 20_000
BUDGET = 1000  # records/s, DESIGN.md "Performance budgets"
SETTINGS = "oer_hub.settings.dev"  # the embedded default
# Where an import spends its time: label -> functions (module suffix, name) whose cumulative time is shown.
PROFILE_GROUPS = [
    ("parse and map AMB (`from_amb`)", [("catalog/metadata/reader.py", "from_amb")]),
    ("check new resources in Python (`services.bulk.prepare_resource`)", [("catalog/services/bulk.py",
                                                                             "prepare_resource")]),
    ("bulk write (`services.bulk.bulk_create_resources`), of which:", [("catalog/services/bulk.py",
                                                                         "bulk_create_resources")]),
    ("- slugs and tree paths (`_place`)", [("catalog/services/bulk.py", "_place")]),
    ("- page rows (`_insert`)", [("catalog/services/bulk.py", "_insert")]),
    ("- keywords to tags (`_tags`)", [("catalog/services/bulk.py", "_tags")]),
    ("- relations, authors, files (`_relations`)", [("catalog/services/bulk.py", "_relations")]),
    ("- first revisions and log entries", [("catalog/services/bulk.py", "_revisions_and_logs")]),
    ("- outbox and change-log rows", [("catalog/services/events.py", "record_changes")]),
    ("updates and courses, one by one (`catalog.services`)", [("catalog/services/resources.py", "update_resource"),
                                                             ("catalog/services/resources.py", "create_course")]),
    ("hub search index (`search.outbox.drain`), of which:", [("search/outbox.py", "drain")]),
    ("- documents from the database (`documents_of`)", [("search/schema.py", "documents_of")]),
    ("- tokenising and writing the index (`index_many`)", [("search/backends/database/backend.py", "index_many")]),
    ("commit", [("django/db/backends/base/base.py", "commit")]),
]


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.bench_import", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=500, help="records to import (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--database", metavar="URL",
                        help="PostgreSQL URL of a scratch database whose name contains 'bench', e.g. "
                             "postgres://postgres@127.0.0.1:5432/oerhub_bench (dropped and re-created); "
                             "default: a temporary SQLite file")
    parser.add_argument("--settings", default=SETTINGS, help=f"Django settings module (default {SETTINGS})")
    parser.add_argument("--force", action="store_true", help=f"allow --count above {MAX_COUNT:,}")
    parser.add_argument("--keep", action="store_true", help="keep the database and corpus file afterwards")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile an import of another N new records; print the N costliest functions")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    if args.count > MAX_COUNT and not args.force:
        parser.error(f"--count above {MAX_COUNT:,} takes minutes (and as many again for the re-import); "
                     "pass --force to insist")
    if args.database and not args.database.startswith(("postgres://", "postgresql://")):
        parser.error("--database takes a postgres:// URL; SQLite is the default")
    if args.database and "bench" not in urlsplit(args.database).path.lstrip("/"):
        parser.error("--database must name a scratch database with 'bench' in its name; it is dropped")
    return args


# ---- measurements (Django is set up by then) -----------------------------------------------------

class QueryCounter:
    """Counts the SQL statements sent on the default connection while active, by their first word."""

    def __init__(self):
        self.kinds = collections.Counter()

    @property
    def count(self):
        return sum(self.kinds.values())

    def __call__(self, execute, sql, params, many, context):
        word = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else "?"
        self.kinds[word if word in ("SELECT", "INSERT", "UPDATE", "DELETE") else "other"] += 1
        return execute(sql, params, many, context)


def measured(label, count, action, profile=None):
    """Runs `action()`, counting queries; returns a result dict."""
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter), Timer() as timer:
        if profile is not None:
            profile.runcall(action)
        else:
            action()
    return {"label": label, "records": count, "seconds": timer.seconds, "queries": counter.count,
            "kinds": counter.kinds}


def run_import(path):
    """`import_resources PATH --publish`; raises if any record was refused."""
    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_resources", path, "--publish", "--no-progress", stdout=out, stderr=err)
    except Exception:
        sys.stderr.write(out.getvalue() + err.getvalue())
        raise


def import_state():
    from wagtail.models import Revision

    from catalog.models import ResourcePage

    pages = ResourcePage.objects.filter(source_id__startswith=corpus.ID_BASE)
    last = Revision.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return {"pages": pages.count(), "live": pages.filter(live=True).count(),
            "pending": list(pages.filter(has_unpublished_changes=True).values_list("source_id", flat=True)),
            "revisions": Revision.objects.count(), "revision_id": last}


def changed_on_reimport(after_revision):
    """Source ids of the pages that got a revision after `after_revision` (should be none)."""
    from wagtail.models import Revision

    from catalog.models import ResourcePage

    page_ids = Revision.objects.filter(pk__gt=after_revision).values_list("object_id", flat=True)
    return list(ResourcePage.objects.filter(pk__in=[int(p) for p in page_ids]).order_by("pk")
                .values_list("source_id", flat=True))


def _rows(path):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            yield record["id"], record["name"], record.get("description", ""), line


def baseline_bulk_create(path):
    """Parse each line and bulk_create one row of a minimal model; the table is made and dropped here."""
    from django.db import connection, models, transaction

    class BenchRow(models.Model):
        source_id = models.CharField(max_length=500, unique=True)
        title = models.CharField(max_length=255)
        summary = models.TextField()
        record = models.TextField()

        class Meta:
            app_label = "bench"
            db_table = "bench_scratch_row"

    with connection.schema_editor() as editor:
        editor.create_model(BenchRow)

    def action():
        with transaction.atomic():
            rows = [BenchRow(source_id=i, title=t, summary=s, record=r) for i, t, s, r in _rows(path)]
            BenchRow.objects.bulk_create(rows, batch_size=500)

    def cleanup():
        with connection.schema_editor() as editor:
            editor.delete_model(BenchRow)

    return action, cleanup


def baseline_raw_sql(path):
    """Parse each line and INSERT one row with cursor.executemany into a scratch table."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_scratch_raw (id integer PRIMARY KEY, source_id varchar(500) UNIQUE "
                       "NOT NULL, title varchar(255) NOT NULL, summary text NOT NULL, record text NOT NULL)")

    def action():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO bench_scratch_raw (id, source_id, title, summary, record) VALUES (%s, %s, %s, %s, %s)",
                [(n, *row) for n, row in enumerate(_rows(path), start=1)],
            )

    def cleanup():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE bench_scratch_raw")

    return action, cleanup


def profile_summary(profile, top):
    """Cumulative seconds of the PROFILE_GROUPS functions, then the `top` functions by own time."""
    stats = pstats.Stats(profile)
    total = stats.total_tt
    rows = []
    for label, wanted in PROFILE_GROUPS:
        seconds = 0.0
        for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
            if any(filename.endswith(suffix) and name == fn for suffix, fn in wanted):
                seconds = max(seconds, cumulative)  # nested calls of one group are not added twice
        rows.append((label, f"{seconds:.2f}", f"{seconds / total * 100:.0f}%"))
    out = io.StringIO()
    out.write(markdown_table(["where (cumulative, groups overlap)", "seconds", "share"], rows))
    out.write(f"\n\nProfiled total: {total:.2f} s. Top {top} functions by own time:\n\n```\n")
    stream = io.StringIO()
    pstats.Stats(profile, stream=stream).sort_stats("tottime").print_stats(top)
    body = stream.getvalue()
    out.write(body[body.find("   ncalls"):].rstrip() + "\n```\n")
    return out.getvalue()


def report_table(results, base):
    rows = []
    for r in results:
        rate = r["records"] / r["seconds"] if r["seconds"] else float("inf")
        ratio = rate / base if base else 0
        rows.append((r["label"], f"{r['records']:,}", f"{r['seconds']:.2f}", f"{rate:,.0f}",
                     f"{r['queries'] / r['records']:.1f}", f"{ratio:.4f}" if ratio < 0.1 else f"{ratio:.2f}"))
    rows.append(("budget (DESIGN.md, embedded default)", "", "", f"≥ {BUDGET:,}", "", f"{BUDGET / base:.4f}"))
    return markdown_table(["measurement", "records", "seconds", "records/s", "queries/record",
                           "÷ bulk_create floor"], rows)


def main(argv=None):
    return run_in_scratch_database(parse_args(argv), "oerhub-bench-import-", run)


def run(args, corpus_path, where):
    import django

    django.setup()
    from django.db import connection

    setup = set_up_catalogue(args, corpus_path)

    say("import (new records)…")
    first = measured("`import_resources --publish`, new records", args.count, lambda: run_import(corpus_path))
    state = import_state()
    if state["pages"] != args.count or state["live"] != args.count:
        raise SystemExit(f"expected {args.count} live pages, found {state}")
    warnings = []
    if state["pending"]:
        warnings.append(f"**Warning:** after the import {len(state['pending'])} live page(s) still show unpublished "
                        f"changes, so the re-import publishes them again: {', '.join(state['pending'][:10])}")
        say(warnings[-1])
    say("re-import (unchanged)…")
    second = measured("same file again (all unchanged)", args.count, lambda: run_import(corpus_path))
    after = import_state()
    # Revisions are never deleted, so they show what the re-import wrote (outbox rows may be drained meanwhile).
    if after["revisions"] != state["revisions"]:
        changed = changed_on_reimport(state["revision_id"])
        warnings.append(f"**Warning:** the re-import saved {after['revisions'] - state['revisions']} revision(s); "
                        f"these records were not seen as unchanged: "
                        f"{', '.join(changed[:10])}{' …' if len(changed) > 10 else ''}")
        say(warnings[-1])

    action, cleanup = baseline_bulk_create(corpus_path)
    floor = measured("baseline: parse + `bulk_create` (minimal model)", args.count, action)
    cleanup()
    action, cleanup = baseline_raw_sql(corpus_path)
    raw = measured("baseline: parse + raw SQL `executemany` INSERT", args.count, action)
    cleanup()

    profiled = None
    if args.profile:
        # Another N new records (ids after the first N), so the timings above carry no profiler overhead.
        extra_path = corpus_path.replace(".jsonl", "-profile.jsonl")
        with open(extra_path, "w", encoding="utf-8") as out:
            corpus.write_corpus(out, args.count, seed=args.seed, first=args.count + 1)
        say("profiled import of another N new records…")
        profiled = cProfile.Profile()
        profiled_run = measured("profiled", args.count, lambda: run_import(extra_path), profiled)

    base = floor["records"] / floor["seconds"]
    vendor = f"{where} {connection.Database.sqlite_version if where == 'SQLite' else pg_version(connection)}"
    lines = [
        f"Import benchmark: {args.count:,} AMB records (seed {args.seed}), {vendor}, settings {args.settings}, "
        f"commit {git_revision()}",
        f"Machine: {machine_summary()}",
        f"Setup: migrate {setup['migrate']:.1f} s, load_demo {setup['load_demo']:.1f} s, "
        f"corpus {setup['corpus']:.2f} s",
        "",
        report_table([first, second, floor, raw], base),
        *(["", *warnings] if warnings else []),
        "",
        "Statements per record: " + "; ".join(
            f"{r['label'].split(',')[-1].strip()}: " + ", ".join(
                f"{kind} {n / r['records']:.1f}" for kind, n in r["kinds"].most_common())
            for r in (first, second)),
    ]
    if profiled is not None:
        lines += ["", f"Profile (cProfile) of importing another {args.count:,} new records "
                  f"({profiled_run['seconds']:.1f} s under the profiler):", "",
                  profile_summary(profiled, args.profile)]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
