"""Measures the bulk ingest endpoint (`POST /api/v1/resources/bulk/`) beside the importer it wraps and a bare-insert floor.

    python -m bench.bench_ingest [--count 5000] [--chunk 1000]
    python -m bench.bench_ingest --database postgres://postgres@127.0.0.1:5432/oerhub_bench_ingest

In one process on a fresh scratch database (as `bench_import`): migrate, `load_demo`, a
moderator of the demo university and a `write` key for it, then N new AMB records
(`bench.corpus`, seed 1) three ways, each timed including the search indexing that follows
its commits (the hub's outbox drain, in-process in the embedded default):

1. the API: the corpus POSTed in chunks of `--chunk` lines with the key, `?publish=true`,
   through Django's full request handling (authentication, throttling, parsing, the
   request's transaction, on-commit indexing);
2. `catalog.importing.import_records` directly on another N new records (same centre);
3. the floor: parsing the lines and `bulk_create` of one row each into a minimal table.
"""
import argparse
import json
import sys

from . import corpus
from .bench_import import baseline_bulk_create, measured, report_table
from .common import git_revision, machine_summary
from .scratch import pg_version, run_in_scratch_database, say, set_up_catalogue

SETTINGS = "oer_hub.settings.dev"
CENTRE = "dai-hoc-ninh-kieu"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.bench_ingest", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="records per measurement (default 5000)")
    parser.add_argument("--chunk", type=int, default=1000, help="lines per API request (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", metavar="URL", help="PostgreSQL scratch database with 'bench' in its name")
    parser.add_argument("--settings", default=SETTINGS)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    if args.count < 1 or args.chunk < 1:
        parser.error("--count and --chunk must be positive")
    return args


def _lines(path):
    with open(path, encoding="utf-8") as handle:
        return [line for line in handle if line.strip()]


def _writer_key():
    from django.contrib.auth import get_user_model

    from api.keys import create_key
    from catalog.models import CentrePage
    from catalog.services import add_member

    centre = CentrePage.objects.get(slug=CENTRE)
    user = get_user_model().objects.create_user("bench-writer")
    add_member(centre, user, "moderator")
    _key, raw = create_key(owner=centre, name="bench", scopes="write", acts_as=user)
    return centre, raw


def _post_chunks(lines, chunk, raw):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")  # an allowed host of the dev settings
    for start in range(0, len(lines), chunk):
        response = client.post("/api/v1/resources/bulk/?publish=true", "".join(lines[start:start + chunk]),
                               content_type="application/x-ndjson", HTTP_AUTHORIZATION=f"Bearer {raw}")
        body = response.json()
        if response.status_code != 200 or body["rejected"]:
            raise SystemExit(f"bulk request refused: {response.status_code} {json.dumps(body)[:500]}")


def _check(expected):
    from catalog.models import OutboxEvent, ResourcePage
    from search.outbox import drain

    live = ResourcePage.objects.live().count()
    pending = OutboxEvent.objects.count()
    if pending:
        drain()  # nothing should be left; if something is, say so rather than hide it
        say(f"warning: {pending} outbox events were left undrained")
    if live != expected:
        raise SystemExit(f"expected {expected} live resources, found {live}")


def run(args, corpus_path, where):
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from catalog.importing import import_records
    from catalog.models import ResourcePage

    setup = set_up_catalogue(args, corpus_path)
    settings.API_THROTTLE_RATES = {"api_key": "off", "client_ip": "off"}
    settings.API_BULK_MAX_RECORDS = max(args.chunk, settings.API_BULK_MAX_RECORDS)
    centre, raw = _writer_key()
    before = ResourcePage.objects.live().count()

    say(f"API bulk ingest of {args.count:,} records…")
    api_lines = _lines(corpus_path)
    api = measured(f"`POST /api/v1/resources/bulk/` ({args.chunk:,} lines a request)", args.count,
                   lambda: _post_chunks(api_lines, args.chunk, raw))
    _check(before + args.count)

    say(f"import_records of another {args.count:,} records…")
    direct_path = corpus_path.replace(".jsonl", "-direct.jsonl")
    with open(direct_path, "w", encoding="utf-8") as out:
        corpus.write_corpus(out, args.count, seed=args.seed, first=args.count + 1)
    direct_lines = _lines(direct_path)
    direct = measured("`catalog.importing.import_records` directly", args.count,
                      lambda: import_records(direct_lines, centre=centre, publish=True))
    _check(before + 2 * args.count)

    action, cleanup = baseline_bulk_create(corpus_path)
    floor = measured("baseline: parse + `bulk_create` (minimal model)", args.count, action)
    cleanup()

    base = floor["records"] / floor["seconds"]
    vendor = f"{where} {connection.Database.sqlite_version if where == 'SQLite' else pg_version(connection)}"
    return "\n".join([
        f"Bulk ingest benchmark: {args.count:,} AMB records (seed {args.seed}), {vendor}, settings {args.settings}, "
        f"commit {git_revision()}",
        f"Machine: {machine_summary()}",
        f"Setup: migrate {setup['migrate']:.1f} s, load_demo {setup['load_demo']:.1f} s",
        "",
        report_table([api, direct, floor], base),
        "",
        f"API ÷ importer directly: {(direct['seconds'] / api['seconds']):.2f}",
    ])


def main(argv=None):
    return run_in_scratch_database(parse_args(argv), "oerhub-bench-ingest-", run)


if __name__ == "__main__":
    sys.exit(main())
