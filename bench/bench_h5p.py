"""Measures H5P validation and extraction of the fixture packages against a plain zipfile extractall.

    python -m bench.bench_h5p [--repeat 15] [--fixtures tests/data/h5p]

For each package, the median over --repeat runs of

1. `read_package` (every check: headers, streamed read with CRCs, JSON, libraries, libmagic, SVG),
2. `read_package` + `extract_to` a fresh temporary folder (what an upload does),
3. the baseline: `zipfile.ZipFile(path).extractall(folder)`, which checks nothing but CRCs,

and the peak Python memory (tracemalloc) of step 2. Prints a Markdown table with the ratio of
step 2 to the baseline.
"""
import argparse
import os
import shutil
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

import django

from .common import ROOT, git_revision, machine_summary, markdown_table


def timed(function, repeat):
    """Median seconds of `repeat` calls of function() (each gets a fresh scratch folder)."""
    times = []
    for _ in range(repeat):
        scratch = Path(tempfile.mkdtemp(prefix="bench-h5p-"))
        try:
            start = time.perf_counter()
            function(scratch / "out")
            times.append(time.perf_counter() - start)
        finally:
            shutil.rmtree(scratch)
    return statistics.median(times)


def peak_memory(function):
    scratch = Path(tempfile.mkdtemp(prefix="bench-h5p-"))
    try:
        tracemalloc.start()
        function(scratch / "out")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        shutil.rmtree(scratch)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--fixtures", type=Path, default=ROOT / "tests" / "data" / "h5p")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oer_hub.settings.dev")
    django.setup()
    from h5p.package import extract_to, read_package

    def full(path):
        return lambda out: extract_to(read_package(path), out)

    rows = []
    for path in sorted(args.fixtures.glob("*.h5p")):
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
        validate_s = timed(lambda out, p=path: read_package(p), args.repeat)
        both_s = timed(full(path), args.repeat)
        baseline_s = timed(lambda out, p=path: zipfile.ZipFile(p).extractall(out), args.repeat)
        rows.append([
            path.name, len(infos), f"{sum(i.file_size for i in infos) / 1e6:.1f}",
            f"{validate_s * 1000:.0f}", f"{both_s * 1000:.0f}", f"{baseline_s * 1000:.0f}",
            f"{both_s / baseline_s:.2f}", f"{peak_memory(full(path)) / 1e6:.1f}",
        ])
    print(f"commit {git_revision()}; {machine_summary()}; median of {args.repeat} runs\n")
    print(markdown_table(
        ["package", "files", "unpacked MB", "validate ms", "validate + extract ms", "extractall ms (baseline)",
         "ratio to baseline", "peak MB (tracemalloc)"], rows))


if __name__ == "__main__":
    main()
