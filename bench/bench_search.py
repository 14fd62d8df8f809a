"""Measures the search API's latency (cold and warm) against the raw SQL it issues and stock Wagtail search.

    python -m bench.bench_search --count 20000 [--database postgres://postgres@127.0.0.1:5432/oerhub_bench_search]
                                 [--skip-load] [--repeat 3] [--keep]

Makes a fresh database (a temporary SQLite file, or the PostgreSQL database named by
`--database`, dropped and created again; its name must contain "bench"), migrates it, runs
`load_demo`, writes N records with `bench.corpus` (seed 1) and imports them with the bulk path
(`catalog.importing.import_file(path, publish=True)`), rebuilding the hub's search index if it
does not hold every published page. `--skip-load` reuses a database loaded by an earlier run
with `--keep` (only PostgreSQL; nothing is dropped or created).

Then a fixed mix of 30 queries, six of each type (Vietnamese with diacritics, unaccented,
abbreviations, text plus a facet filter, as-you-type prefixes), is run `--repeat` times. For
each query it times, in the same process and interleaved so the machine's noise hits all alike:

- `GET /api/v1/search/` through Django's test client with the database backend's result cache
  off (`DatabaseSearchBackend(cache_seconds=0)`: every request runs its statements, "cold");
- the same request with the cache on, timed on the second request ("warm");
- the raw SQL baseline: the statements `explain_sql(query)` returns, run with a bare cursor;
- stock Wagtail search, `ResourcePage.objects.live().search(q)` (first 20 pages and the count)
  with `WAGTAILSEARCH_BACKENDS["default"]`; Wagtail's index is filled with `update_index` when
  the bulk importer left it empty, for --count up to 100,000 (otherwise Wagtail is not measured).

It prints p50/p95 per query type and overall, the ratio API-cold ÷ raw SQL, the share of
published resources each type matches, and how many queries stock Wagtail finds nothing for.
"""
import argparse
import io
import statistics
import sys
import time

from .common import Timer, git_revision, machine_summary, markdown_table
from .scratch import parse_catalogue_args, pg_version, run_in_scratch_database, say, set_up_catalogue

WAGTAIL_INDEX_MAX = 100_000  # --count above this: Wagtail's index is not filled (update_index), Wagtail not measured
BUDGET_MS = 50  # p95 at 100,000 resources on PostgreSQL (DESIGN.md "Performance budgets")
BUDGET_RATIO = 1.5  # ≤ 1.5× the raw full-text SQL

# (type, [(q, {filter: value})]); six of each so every type weighs the same in "overall".
QUERIES = [
    ("diacritics", [("kỹ năng sống", {}), ("xóa mù chữ", {}), ("tin học văn phòng", {}),
                    ("nuôi gà thả vườn", {}), ("phòng chống đuối nước", {}), ("trồng cà phê bền vững", {})]),
    ("unaccented", [("ky nang song", {}), ("xoa mu chu", {}), ("tin hoc van phong", {}),
                    ("nuoi ga tha vuon", {}), ("phong chong duoi nuoc", {}), ("tieng anh giao tiep", {})]),
    ("abbreviation", [("XMC", {}), ("KNS", {}), ("TTHTCĐ", {}), ("CNTT", {}), ("BDTX", {}), ("GDTX THPT", {})]),
    ("facet-filtered", [("kỹ năng", {"type": "video"}), ("toán", {"topic": "mon-toan"}),
                        ("giao tiếp", {"language": "en"}), ("nông nghiệp", {"type": "video"}),
                        ("đọc hiểu", {"topic": "xmc-muc-do-2"}), ("tiếng Anh", {"language": "en"})]),
    ("prefix", [("xo", {}), ("tie", {}), ("ky na", {}), ("phuong tr", {}), ("chăn n", {}), ("tin h", {})]),
]
WAGTAIL_MISS_TYPES = ("unaccented", "abbreviation")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.bench_search", description=__doc__.split("\n")[0])
    return parse_catalogue_args(parser, argv, count=20_000, skip_load=True, extra=lambda p: p.add_argument(
        "--repeat", type=int, default=3, help="times the query mix is run (default 3)"))


def main(argv=None):
    args = parse_args(argv)
    return run_in_scratch_database(args, "oerhub-bench-search-", run, recreate=not args.skip_load,
                                   extra_env={"ALLOWED_HOSTS": "testserver,localhost,127.0.0.1"})


def load(args, corpus_path):
    """Migrate, load_demo, write and import the corpus; returns setup notes."""
    from catalog.importing import import_file

    notes = []
    set_up_catalogue(args, corpus_path)
    say(f"import of {args.count:,} records (bulk path, publish=True)…")
    with Timer() as t:
        report = import_file(corpus_path, publish=True, progress=True)
    rate = args.count / t.seconds if t.seconds else 0
    say(f"import: {t.seconds:.1f} s, {rate:,.0f} records/s ({report})")
    notes.append(f"import {args.count:,} records {t.seconds:.0f} s ({rate:,.0f} records/s)")
    return notes


def index_state():
    """(published resources, published resources and courses, documents in the hub's index, Wagtail index rows for resources)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    from catalog.models import CoursePage, ResourcePage
    from search.backends import get_search_backend

    published = ResourcePage.objects.live().public().count()
    searchable = published + CoursePage.objects.live().public().count()  # what rebuild_search_index indexes
    wagtail = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(ResourcePage)).count()
    return published, searchable, get_search_backend("database").count(), wagtail


def percentile(values, share):
    """Nearest-rank percentile of a list of numbers (share in 0..1)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def run(args, corpus_path, where):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from catalog.models import ResourcePage
    from search import backends
    from search.backends.database import DatabaseSearchBackend
    from search.query import SearchQuery

    notes = [] if args.skip_load else load(args, corpus_path)

    published, searchable, indexed, wagtail_rows = index_state()
    say(f"published resources: {published:,} (+ courses: {searchable:,}); hub index: {indexed:,}; "
        f"Wagtail index rows: {wagtail_rows:,}")
    if indexed != searchable:
        say("rebuild_search_index…")
        with Timer() as t:
            call_command("rebuild_search_index", "--no-progress", stdout=io.StringIO())
        notes.append(f"rebuild_search_index {t.seconds:.0f} s (index held {indexed:,} of {searchable:,})")
        published, searchable, indexed, wagtail_rows = index_state()
        say(f"rebuild_search_index: {t.seconds:.1f} s; hub index now {indexed:,}")

    wagtail_measured = True
    wagtail_note = ""
    if wagtail_rows < published:
        if args.count <= WAGTAIL_INDEX_MAX:
            say("update_index (Wagtail's own search index; the bulk importer does not write it)…")
            with Timer() as t:
                call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
            wagtail_rows = index_state()[3]
            wagtail_note = (f"Wagtail's index was filled with `update_index` ({t.seconds:.0f} s, "
                            f"{wagtail_rows:,} resource rows): the bulk importer does not write it")
            say(f"update_index: {t.seconds:.1f} s; {wagtail_rows:,} rows")
        else:
            wagtail_measured = False
            wagtail_note = (f"stock Wagtail not measured: its index holds {wagtail_rows:,} of {published:,} "
                            f"resources (the bulk importer does not write it) and `update_index` is run only "
                            f"for --count up to {WAGTAIL_INDEX_MAX:,}")
    if wagtail_note:
        notes.append(wagtail_note)

    cold_backend = DatabaseSearchBackend(cache_seconds=0)
    warm_backend = DatabaseSearchBackend()
    client = Client()

    def api(q, filters):
        response = client.get("/api/v1/search/", {"q": q, **filters})
        if response.status_code != 200:
            raise SystemExit(f"GET /api/v1/search/ q={q!r} {filters}: {response.status_code} "
                             f"{response.content[:300]!r}")
        return response.json()

    def timed(action):
        started = time.perf_counter()
        value = action()
        return (time.perf_counter() - started) * 1000, value

    def raw_sql(statements):
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    def wagtail(q):
        found = ResourcePage.objects.live().search(q)
        return [page.pk for page in found[:20]], found.count()

    samples = {kind: {"cold": [], "warm": [], "raw": [], "wagtail": []} for kind, _ in QUERIES}
    matches = {}  # (kind, q, filters) -> count
    approximate = {}  # (kind, q, filters) -> the API said its count and facets were estimated from a sample
    wagtail_empty = {}
    statements = {}
    for kind, queries in QUERIES:  # plan the raw SQL once per query
        for q, filters in queries:
            query = SearchQuery.from_params({"q": q, **filters})
            statements[(q, tuple(filters.items()))] = cold_backend.explain_sql(query)

    for round_ in range(1, args.repeat + 1):
        say(f"query mix, round {round_} of {args.repeat}…")
        for kind, queries in QUERIES:
            for q, filters in queries:
                key = (q, tuple(filters.items()))
                backends._instances["database"] = cold_backend
                ms, body = timed(lambda: api(q, filters))
                samples[kind]["cold"].append(ms)
                matches[(kind,) + key] = body["count"]
                approximate[(kind,) + key] = bool(body.get("approximate"))
                ms, _ = timed(lambda: raw_sql(statements[key]))
                samples[kind]["raw"].append(ms)
                backends._instances["database"] = warm_backend
                api(q, filters)  # fills the cache
                ms, _ = timed(lambda: api(q, filters))
                samples[kind]["warm"].append(ms)
                if wagtail_measured:
                    ms, (_ids, total) = timed(lambda: wagtail(q))
                    samples[kind]["wagtail"].append(ms)
                    wagtail_empty[(kind,) + key] = total == 0
    backends._instances.pop("database", None)

    vendor = f"{where} {connection.Database.sqlite_version if where == 'SQLite' else pg_version(connection)}"
    rows = []
    every = {name: [] for name in ("cold", "warm", "raw", "wagtail")}
    for kind, queries in QUERIES:
        s = samples[kind]
        for name in every:
            every[name] += s[name]
        shares = [matches[(kind, q, tuple(f.items()))] / published for q, f in queries]
        rows.append(_row(kind, len(queries), s, wagtail_measured, statistics.mean(shares),
                         sum(wagtail_empty.get((kind, q, tuple(f.items())), False) for q, f in queries)))
    all_shares = [count / published for count in matches.values()]
    rows.append(_row("**overall**", sum(len(qs) for _, qs in QUERIES), every, wagtail_measured,
                     statistics.mean(all_shares), sum(wagtail_empty.values())))
    header = ["query type", "queries", "API cold p50 ms", "API cold p95 ms", "API warm p50 ms", "API warm p95 ms",
              "raw SQL p50 ms", "raw SQL p95 ms", "cold ÷ raw (p50)", "cold ÷ raw (p95)",
              "Wagtail p50 ms", "Wagtail p95 ms", "matches (mean share)", "Wagtail finds nothing"]

    cold_p95 = percentile(every["cold"], 0.95)
    ratio95 = cold_p95 / percentile(every["raw"], 0.95)
    missed = sum(v for k, v in wagtail_empty.items() if k[0] in WAGTAIL_MISS_TYPES)
    lines = [
        f"Search benchmark: {published:,} published resources ({args.count:,} generated, seed {args.seed}, "
        f"plus the demo), {vendor}, settings {args.settings}, commit {git_revision()}",
        f"Machine: {machine_summary()}",
        "Setup: " + ("; ".join(notes) if notes else "reused database (--skip-load)"),
        f"{sum(len(qs) for _, qs in QUERIES)} queries × {args.repeat} rounds; "
        "times in milliseconds per request (API: Django test client, whole request and JSON).",
        "",
        markdown_table(header, rows),
        "",
        f"Overall API cold p95 {cold_p95:.1f} ms (budget ≤ {BUDGET_MS} ms at 100,000 on PostgreSQL); "
        f"cold ÷ raw SQL at p95 {ratio95:.2f}× (budget ≤ {BUDGET_RATIO}×).",
    ]
    if wagtail_measured:
        total_miss = sum(len(qs) for kind, qs in QUERIES if kind in WAGTAIL_MISS_TYPES)
        names = ", ".join(f"“{k[1]}”" for k, v in wagtail_empty.items() if v and k[0] in WAGTAIL_MISS_TYPES)
        lines.append(f"Stock Wagtail finds nothing for {missed} of the {total_miss} unaccented/abbreviation queries"
                     + (f": {names}" if names else "") + ". (Facet-filtered queries run on Wagtail as text only.)")
    lines.append(f"Approximate (sampled) responses: {sum(approximate.values())} of {len(approximate)} queries.")
    lines += ["", "Matches per query: " + "; ".join(
        f"{q}{''.join(f' [{n}={v}]' for n, v in f)}: {count:,}" for (_kind, q, f), count in matches.items())]
    return "\n".join(lines)


def _row(label, count, s, wagtail_measured, share, empty):
    p = lambda values, share_: f"{percentile(values, share_):.1f}"  # noqa: E731
    ratio = lambda share_: f"{percentile(s['cold'], share_) / percentile(s['raw'], share_):.2f}×"  # noqa: E731
    return (label, count, p(s["cold"], 0.5), p(s["cold"], 0.95), p(s["warm"], 0.5), p(s["warm"], 0.95),
            p(s["raw"], 0.5), p(s["raw"], 0.95), ratio(0.5), ratio(0.95),
            p(s["wagtail"], 0.5) if wagtail_measured else "—", p(s["wagtail"], 0.95) if wagtail_measured else "—",
            f"{share * 100:.1f}%", f"{empty} of {count}" if wagtail_measured else "—")


if __name__ == "__main__":
    sys.exit(main())
