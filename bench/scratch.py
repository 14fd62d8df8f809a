"""A scratch database for one benchmark run: a PostgreSQL database created afresh or a temporary SQLite file.

`run_in_scratch_database` points Django at it through the environment, runs the
benchmark, and drops the database and the working folder afterwards (unless `--keep`).
Only databases whose name contains "bench" are ever dropped (the argument parsers check).
"""
import io
import os
import shutil
import sys
import tempfile
from urllib.parse import urlsplit, urlunsplit


def _maintenance(url):
    """(URL of the server's `postgres` database, name of the benchmark database)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres")), parts.path.lstrip("/")


def _execute(url, *statements):
    import psycopg
    from psycopg import sql

    server, name = _maintenance(url)
    with psycopg.connect(server, autocommit=True) as conn:
        for statement in statements:
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


def recreate_postgres(url):
    _execute(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0")


def drop_postgres(url):
    _execute(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)")


def pg_version(connection):
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


def run_in_scratch_database(args, prefix, run, *, recreate=True, extra_env=None):
    """Run `run(args, corpus_path, where)` against the scratch database; print and return its text's exit code."""
    workdir = tempfile.mkdtemp(prefix=prefix, dir="/tmp")
    if args.database:
        database_url, where = args.database, "PostgreSQL"
        if recreate:
            recreate_postgres(database_url)
    else:
        database_url, where = f"sqlite:///{workdir}/bench.sqlite3", "SQLite"
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": args.settings, "DATABASE_URL": database_url, "DJANGO_DEBUG": "false",
        "DJANGO_READ_DOT_ENV": "false", "MEDIA_ROOT": f"{workdir}/media", "LOG_LEVEL": "ERROR",
        **(extra_env or {}),
    })
    try:
        text = run(args, f"{workdir}/corpus.jsonl", where)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"Kept {workdir}" + (f" and {args.database}" if args.database else ""), file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            if args.database:
                drop_postgres(args.database)
    print(text)
    return 0


def say(message):
    print(message, file=sys.stderr, flush=True)


def set_up_catalogue(args, corpus_path):
    """Migrate, load the demo centres and write the corpus; returns the seconds of each step."""
    from django.core.management import call_command

    from . import corpus
    from .common import Timer

    seconds = {}
    with Timer() as t:
        call_command("migrate", interactive=False, verbosity=0)
    seconds["migrate"] = t.seconds
    say(f"migrate: {t.seconds:.1f} s")
    with Timer() as t:
        call_command("load_demo", "--no-progress", stdout=io.StringIO())
    seconds["load_demo"] = t.seconds
    say(f"load_demo: {t.seconds:.1f} s")
    with open(corpus_path, "w", encoding="utf-8") as out, Timer() as t:
        corpus.write_corpus(out, args.count, seed=args.seed)
    seconds["corpus"] = t.seconds
    say(f"corpus: {args.count:,} records in {t.seconds:.2f} s")
    return seconds


SETTINGS = "oer_hub.settings.dev"


def parse_catalogue_args(parser, argv, *, count=10_000, skip_load=False, extra=None):
    """Parse `argv` with the options every catalogue benchmark shares: --count, --seed, --database,
    --settings, --keep (and --skip-load when the benchmark can reuse a kept PostgreSQL database).

    `extra(parser)` adds the benchmark's own options before parsing.
    """
    parser.add_argument("--count", type=int, default=count, help=f"records to import (default {count})")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--database", default="",
                        help="PostgreSQL URL of a scratch database (its name must contain 'bench'); "
                             "default: a temporary SQLite file")
    if skip_load:
        parser.add_argument("--skip-load", action="store_true",
                            help="reuse the (PostgreSQL) database of an earlier run with --keep: no drop, create or import")
    parser.add_argument("--settings", default=SETTINGS, help=f"Django settings (default {SETTINGS})")
    parser.add_argument("--keep", action="store_true", help="keep the database (and the corpus file)")
    if extra is not None:
        extra(parser)
    args = parser.parse_args(argv)
    if args.database and "bench" not in args.database.rsplit("/", 1)[-1]:
        parser.error("the database name must contain 'bench' (it is dropped and created again)")
    if skip_load and args.skip_load and not args.database:
        parser.error("--skip-load needs --database (the SQLite file is temporary)")
    return args
