"""Opening an H5P file as a ZIP archive and reading its entries safely: names, types, sizes and CRCs.

Nothing here trusts the sizes written in the archive's headers: they are checked first (cheap
refusal of an honest bomb), then every entry is read as a stream and the bytes really produced
are counted against the limits, so a header that lies is caught too. zipfile checks each entry's
CRC-32 when its stream reaches the end.
"""
import contextlib
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat

from .files import SNIFF_BYTES
from .problems import Fatal, Problem

CHUNK = 64 * 1024
DRIVE = re.compile(r"[A-Za-z]:")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
SPECIAL_FILE_TYPES = {stat.S_IFLNK, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFIFO, stat.S_IFSOCK}
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError)


@contextlib.contextmanager
def open_archive(source):
    """A ZipFile over a path or a seekable binary file object (an upload); Fatal when it is not one."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            with open_archive(handle) as archive:
                yield archive
        return
    source.seek(0, os.SEEK_END)
    empty = source.tell() == 0
    source.seek(0)
    if empty:
        raise Fatal(Problem("h5p.empty"))
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Fatal(Problem("h5p.not_zip")) from None
    with archive:
        yield archive


def unsafe_reason(info):
    """Why an entry name could escape the folder it is extracted to, or None."""
    name = info.orig_filename
    if CONTROL.search(name):
        return "control character"
    if "\\" in name:
        return "backslash"
    if name.startswith("/"):
        return "absolute path"
    if DRIVE.match(name):
        return "drive letter"
    segments = name.rstrip("/").split("/")
    if ".." in segments:
        return "parent folder (..)"
    if "." in segments or "" in segments:
        return "empty or current-folder segment"
    return None


def is_special_file(info):
    """True for symbolic links and device, pipe or socket entries (Unix mode in the high 16 bits)."""
    return stat.S_IFMT(info.external_attr >> 16) in SPECIAL_FILE_TYPES


def survey(infos, limits):
    """Problems of the archive's directory; Fatal for too many entries, encryption or oversized headers."""
    if len(infos) > limits.max_entries:
        raise Fatal(Problem("h5p.too_many_entries", params={"count": len(infos), "limit": limits.max_entries}))
    problems, seen, bad = [], set(), set()
    total = compressed = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise Fatal(Problem("h5p.encrypted", info.filename))
        check_ratio(info.filename, info.file_size, info.compress_size, limits)
        total += info.file_size
        compressed += info.compress_size
        reason = unsafe_reason(info)
        key = unicodedata.normalize("NFC", info.filename.rstrip("/")).casefold()
        if reason:
            problems.append(Problem("h5p.zip_slip", info.orig_filename, {"reason": reason}))
        elif is_special_file(info):
            problems.append(Problem("h5p.symlink", info.filename))
        elif key in seen:
            problems.append(Problem("h5p.duplicate_entry", info.filename))
        else:
            seen.add(key)
            continue
        bad.add(id(info))
    if total > limits.max_uncompressed_bytes:
        raise Fatal(too_large(limits))
    check_ratio("", total, compressed, limits)
    return problems, bad


def too_large(limits):
    return Problem("h5p.too_large", params={"limit": filesizeformat(limits.max_uncompressed_bytes)})


def check_ratio(name, size, compressed, limits):
    if size >= limits.ratio_floor_bytes and size > limits.max_compression_ratio * max(compressed, 1):
        ratio = size // max(compressed, 1)
        raise Fatal(Problem("h5p.zip_bomb", name, {"ratio": ratio, "limit": limits.max_compression_ratio}))


@dataclass
class Budget:
    """Uncompressed bytes still allowed for the whole package; spent as bytes are really read."""

    left: int


@dataclass
class Read:
    """What reading one entry produced: its true size, its first bytes, and its whole data if asked."""

    size: int
    head: bytes
    data: bytes | None = None
    too_big_to_keep: bool = False


def read_entry(archive, info, budget, limits, keep=False):
    """Stream one entry through the caps; keep its bytes only when `keep` (JSON, SVG) and small enough."""
    size, head, kept = 0, b"", bytearray() if keep else None
    too_big = False
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                budget.left -= len(chunk)
                if budget.left < 0:
                    raise Fatal(too_large(limits))
                check_ratio(info.filename, size, info.compress_size, limits)
                if len(head) < SNIFF_BYTES:
                    head += chunk[:SNIFF_BYTES - len(head)]
                if kept is not None and not too_big:
                    too_big = len(kept) + len(chunk) > limits.max_parsed_bytes
                    if not too_big:
                        kept += chunk
    except READ_ERRORS as exc:
        raise Fatal(Problem("h5p.corrupt", info.filename, {"reason": str(exc) or type(exc).__name__})) from None
    data = bytes(kept) if kept is not None and not too_big else None
    return Read(size, head, data, too_big)
