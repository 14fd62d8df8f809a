"""Measures the catalogue API's list and detail latency beside a bare Django view doing one comparable query.

    python -m bench.bench_api --count 10000 [--database postgres://postgres@127.0.0.1:5432/oerhub_bench_api]
                              [--requests 200] [--skip-load] [--keep]

Makes a fresh database (a temporary SQLite file, or the PostgreSQL database named by
`--database`, dropped and created again; its name must contain "bench"), migrates it, runs
`load_demo`, writes N records with `bench.corpus` (seed 1) and imports them published with the
bulk path. Then, in one process and interleaved so the machine's noise hits all alike, it
times through Django's test client (the whole middleware stack, JSON rendering included):

- `GET /api/v1/resources/?page_size=20` at a random cursor position (list), as JSON and as
  AMB JSON-LD, and with two facet filters (`topic` with its subtopics, `type`);
- `GET /api/v1/resources/{id}/` for a random public resource (detail), JSON and JSON-LD;
- a 304: the detail again with the `If-None-Match` it just received;
- the baselines: bare Django views returning `JsonResponse` of one query each, the same page
  of 20 (id, title, summary, licence slug) after the same cursor position, and one resource's
  row by id. They are what a hand-written endpoint with no relations, paging links,
  validation or conditional headers would cost.

It prints p50/p95 per request kind and the ratio to its baseline.
"""
import argparse
import random
import sys
import time
import types
from base64 import b64encode
from urllib.parse import quote

from .common import Timer, git_revision, machine_summary, markdown_table
from .scratch import parse_catalogue_args, pg_version, run_in_scratch_database, say, set_up_catalogue

PAGE = 20


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.bench_api", description=__doc__.split("\n")[0])
    return parse_catalogue_args(parser, argv, skip_load=True, extra=lambda p: p.add_argument(
        "--requests", type=int, default=200, help="requests of each kind (default 200)"))


def main(argv=None):
    args = parse_args(argv)
    return run_in_scratch_database(args, "oerhub-bench-api-", run, recreate=not args.skip_load,
                                   extra_env={"ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
                                              # One client sends thousands of requests: measure, don't throttle.
                                              "API_THROTTLE_IP_RATE": "off", "API_THROTTLE_KEY_RATE": "off"})


def load(args, corpus_path):
    from catalog.importing import import_file

    set_up_catalogue(args, corpus_path)
    say(f"import of {args.count:,} records (bulk path, publish=True)…")
    with Timer() as t:
        import_file(corpus_path, publish=True, progress=True)
    return f"import {args.count:,} records {t.seconds:.0f} s"


def baseline_urls():
    """A URL module: the project's URLs plus two bare views (one query each, JsonResponse)."""
    from django.http import JsonResponse
    from django.urls import include, path

    from catalog.models import ResourcePage

    fields = ("id", "title", "summary", "licence__slug")

    def bare_list(request):
        after = int(request.GET.get("after", 0))
        rows = list(ResourcePage.objects.live().filter(pk__gt=after).order_by("pk").values(*fields)[:PAGE])
        return JsonResponse({"results": rows})

    def bare_detail(request, pk):
        return JsonResponse(ResourcePage.objects.live().filter(pk=pk).values(*fields).first() or {})

    module = types.ModuleType("bench_api_urls")
    module.urlpatterns = [
        path("bare/list/", bare_list),
        path("bare/<int:pk>/", bare_detail),
        path("", include("oer_hub.urls")),
    ]
    sys.modules[module.__name__] = module
    return module.__name__


def percentile(values, share):
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def run(args, corpus_path, where):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from catalog.queries import public_resources

    note = "reused database (--skip-load)" if args.skip_load else load(args, corpus_path)
    ids = list(public_resources().order_by("pk").values_list("pk", flat=True))
    say(f"{len(ids):,} published resources")
    rng = random.Random(args.seed)
    client = Client()
    samples = {}

    def timed(kind, url, expect=200, **headers):
        started = time.perf_counter()
        response = client.get(url, **headers)
        ms = (time.perf_counter() - started) * 1000
        if response.status_code != expect:
            raise SystemExit(f"GET {url}: {response.status_code} {response.content[:300]!r}")
        samples.setdefault(kind, []).append(ms)
        return response

    def cursor_after(pk):
        # What a `next` link carries after the page ending at `pk` (DRF's cursor: base64 of "p=<position>").
        return quote(b64encode(f"p={pk}".encode()).decode())

    ld = {"HTTP_ACCEPT": "application/ld+json"}
    with override_settings(ROOT_URLCONF=baseline_urls()):
        for url in ("/bare/list/", f"/bare/{ids[0]}/", "/api/v1/resources/", f"/api/v1/resources/{ids[0]}/"):
            client.get(url)  # warm up: imports, URL resolver, site root paths
        for _ in range(args.requests):
            after = ids[rng.randrange(len(ids) - PAGE)]
            pk = ids[rng.randrange(len(ids))]
            cursor = cursor_after(after)
            timed("list: bare view", f"/bare/list/?after={after}")
            timed("list: API JSON", f"/api/v1/resources/?page_size={PAGE}&cursor={cursor}")
            timed("list: API JSON-LD", f"/api/v1/resources/?page_size={PAGE}&cursor={cursor}", **ld)
            timed("list: API JSON, topic+type", f"/api/v1/resources/?page_size={PAGE}&topic=xoa-mu-chu"
                                                f"&type=bai-giang-dien-tu&cursor={cursor}")
            timed("detail: bare view", f"/bare/{pk}/")
            etag = timed("detail: API JSON", f"/api/v1/resources/{pk}/")["ETag"]
            timed("detail: API JSON-LD", f"/api/v1/resources/{pk}/", **ld)
            timed("detail: API 304", f"/api/v1/resources/{pk}/", expect=304, HTTP_IF_NONE_MATCH=etag)

    vendor = f"{where} {connection.Database.sqlite_version if where == 'SQLite' else pg_version(connection)}"
    rows = []
    for kind, values in samples.items():
        base = samples["list: bare view" if kind.startswith("list") else "detail: bare view"]
        rows.append((kind, len(values), f"{percentile(values, 0.5):.1f}", f"{percentile(values, 0.95):.1f}",
                     f"{percentile(values, 0.5) / percentile(base, 0.5):.2f}×",
                     f"{percentile(values, 0.95) / percentile(base, 0.95):.2f}×"))
    return "\n".join([
        f"API benchmark: {len(ids):,} published resources ({args.count:,} generated, seed {args.seed}, plus the "
        f"demo), {vendor}, settings {args.settings}, commit {git_revision()}",
        f"Machine: {machine_summary()}",
        f"Setup: {note}; {args.requests} requests of each kind, interleaved; page size {PAGE}; times in ms per "
        "request through Django's test client (middleware, rendering).",
        "",
        markdown_table(["request", "n", "p50 ms", "p95 ms", "÷ bare (p50)", "÷ bare (p95)"], rows),
    ])


if __name__ == "__main__":
    sys.exit(main())
