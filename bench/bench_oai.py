"""Measures a full OAI-PMH harvest (ListRecords, ListIdentifiers) against `export_records` over the same catalogue.

    python -m bench.bench_oai --count 10000 [--database postgres://postgres@127.0.0.1:5432/oerhub_bench_oai]
                              [--page-size 100] [--keep]

Makes a fresh database (a temporary SQLite file, or the PostgreSQL database named by
`--database`, dropped and created again; its name must contain "bench"), migrates it, runs
`load_demo`, writes N records with `bench.corpus` and imports them published with the bulk
path. Then, in one process and on the same published resources:

- the baseline: `catalog.exporting.export_records()` consumed to the end, each record
  serialised as a JSON Lines line (`dumps`), as `export_resources` writes them;
- a full harvest of `/oai` through Django's test client (whole middleware stack, no socket),
  following resumption tokens: ListRecords `oai_dc`, ListRecords `lom`, ListIdentifiers;
- the same ListRecords `oai_dc` harvest by Sickle over real HTTP, against a threaded WSGI
  server on 127.0.0.1;
- the time of the first and of the last page of the harvest, to show that a page costs the
  same wherever it is in the change log.

It prints records/s for each, the ratio to the export, and checks that every harvest returned
each published record exactly once. The budget (DESIGN.md) is a full export of ≥ 5,000 records/s.
"""
import argparse
import statistics
import sys
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .common import Timer, git_revision, machine_summary, markdown_table
from .scratch import parse_catalogue_args, pg_version, run_in_scratch_database, say, set_up_catalogue

BUDGET = 5_000  # records/s, "full export streams ≥ 5,000 records/s"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.bench_oai", description=__doc__.split("\n")[0])
    parser.add_argument("--page-size", type=int, default=100, help="OAI_PAGE_SIZE (default 100)")
    return parse_catalogue_args(parser, argv)



def main(argv=None):
    args = parse_args(argv)
    return run_in_scratch_database(args, "oerhub-bench-oai-", run,
                                   extra_env={"ALLOWED_HOSTS": "testserver,localhost,127.0.0.1"})


def harvest_with_client(client, verb, prefix):
    """(identifiers in harvest order, seconds of each page) following resumption tokens."""
    from lxml import etree

    ns = {"oai": "http://www.openarchives.org/OAI/2.0/"}
    identifiers, pages = [], []
    arguments = {"verb": verb, "metadataPrefix": prefix}
    while True:
        with Timer() as t:
            response = client.get("/oai", arguments)
            root = etree.fromstring(response.content)
        pages.append(t.seconds)
        errors = root.xpath("//oai:error", namespaces=ns)
        if errors:
            raise SystemExit(f"{verb} {prefix}: {errors[0].get('code')}: {errors[0].text}")
        identifiers += root.xpath("//oai:header/oai:identifier/text()", namespaces=ns)
        token = root.xpath("//oai:resumptionToken/text()", namespaces=ns)
        if not token:
            return identifiers, pages
        arguments = {"verb": verb, "resumptionToken": token[0]}


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # one line per request would swamp the report
        pass


def harvest_with_sickle(prefix):
    """Identifiers harvested by Sickle over HTTP from a WSGI server on 127.0.0.1."""
    from django.core.wsgi import get_wsgi_application
    from sickle import Sickle

    server = make_server("127.0.0.1", 0, get_wsgi_application(), server_class=_ThreadingServer,
                         handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        sickle = Sickle(f"http://127.0.0.1:{server.server_port}/oai", timeout=120,
                        proxies={"http": None, "https": None})
        return [record.header.identifier for record in sickle.ListRecords(metadataPrefix=prefix)]
    finally:
        server.shutdown()
        server.server_close()


def import_published(args, corpus_path):
    """Migrate, load the demo, import the corpus published (bulk path); returns (setup notes, published records)."""
    from catalog.importing import import_file
    from catalog.queries import public_courses, public_resources

    set_up_catalogue(args, corpus_path)
    say(f"import of {args.count:,} records (bulk path, publish=True)…")
    with Timer() as t:
        import_file(corpus_path, publish=True, progress=False)
    published = public_resources().count() + public_courses().count()
    say(f"published resources and courses: {published:,}")
    return [f"import {args.count:,} records {t.seconds:.0f} s"], published


def run(args, corpus_path, where):
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from catalog.exporting import dumps, export_records

    settings.OAI_PAGE_SIZE = args.page_size
    notes, published = import_published(args, corpus_path)

    rows = []

    def row(label, count, seconds, baseline=None):
        rate = count / seconds if seconds else float("inf")
        ratio = f"{(baseline / seconds):.2f}×" if baseline else "1.00×"
        rows.append((label, f"{count:,}", f"{seconds:.2f}", f"{rate:,.0f}", ratio))
        say(f"{label}: {count:,} in {seconds:.2f} s ({rate:,.0f}/s)")

    with Timer() as t:
        exported = sum(1 for record in export_records() if dumps(record))
    export_seconds = t.seconds
    row("`export_records()` + JSON Lines (baseline)", exported, export_seconds)

    client = Client()
    page_times = {}
    for verb, prefix in (("ListRecords", "oai_dc"), ("ListRecords", "lom"), ("ListIdentifiers", "oai_dc")):
        with Timer() as t:
            identifiers, pages = harvest_with_client(client, verb, prefix)
        if len(identifiers) != len(set(identifiers)) or len(identifiers) != published:
            raise SystemExit(f"{verb} {prefix}: {len(identifiers)} identifiers, {len(set(identifiers))} distinct, "
                             f"{published} published")
        row(f"{verb} `{prefix}`, test client", len(identifiers), t.seconds, export_seconds)
        page_times[(verb, prefix)] = pages

    with Timer() as t:
        identifiers = harvest_with_sickle("oai_dc")
    if len(set(identifiers)) != published or len(identifiers) != published:
        raise SystemExit(f"Sickle: {len(identifiers)} identifiers for {published} published")
    row("ListRecords `oai_dc`, Sickle over HTTP", len(identifiers), t.seconds, export_seconds)

    pages = page_times[("ListRecords", "oai_dc")]
    middle = pages[1:-1] or pages
    vendor = f"PostgreSQL {pg_version(connection)}" if connection.vendor == "postgresql" else where
    lines = [
        f"OAI-PMH benchmark: {published:,} published records ({args.count:,} generated, seed {args.seed}, plus "
        f"the demo), {vendor}, settings {args.settings}, OAI_PAGE_SIZE {args.page_size}, commit {git_revision()}",
        f"Machine: {machine_summary()}",
        "Setup: " + "; ".join(notes),
        "",
        markdown_table(["what", "records", "seconds", "records/s", "export time ÷ this time"], rows),
        "",
        f"ListRecords oai_dc pages: first {pages[0] * 1000:.0f} ms, median {statistics.median(middle) * 1000:.0f} ms, "
        f"last full page {middle[-1] * 1000:.0f} ms ({len(pages)} pages).",
        f"Budget: full export ≥ {BUDGET:,} records/s; export_records ran at {exported / export_seconds:,.0f}/s.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
