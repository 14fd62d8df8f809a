"""Writing a validated package's files to a directory or a Django storage, streamed, all or nothing."""
import os
import shutil
import tempfile
from pathlib import Path

from django.core.files import File

from .archive import CHUNK, READ_ERRORS, open_archive
from .problems import InvalidPackage, Problem


def extract_to(package, target, prefix=""):
    """Write every kept file of `package` (h5p.json, content/, libraries) and return the names written.

    `target` is a directory path, which must not exist yet or be empty (files are written to a
    temporary folder beside it and moved into place at the end), or a Django `Storage`, where
    names go under `prefix/`. On any failure nothing written is left behind. Each file is streamed
    from the archive again, and must still have the size and CRC seen when it was validated.
    """
    if isinstance(target, (str, os.PathLike)):
        return _to_directory(package, Path(target))
    return _to_storage(package, target, prefix.strip("/"))


def _entries(package):
    """(entry, open stream) for each kept file, refusing an archive that changed since validation."""
    with open_archive(package.source) as archive:
        for entry in package.entries:
            try:
                info = archive.getinfo(entry.name)
            except KeyError:
                info = None
            if info is None or info.CRC != entry.crc or info.file_size != entry.size:
                raise InvalidPackage([Problem("h5p.corrupt", entry.name, {"reason": "changed since validation"})])
            with archive.open(info) as stream:
                yield entry, _Checked(stream, entry.name)


class _Checked:
    """A read-only stream whose damaged-data errors (bad CRC, broken deflate) become InvalidPackage."""

    def __init__(self, stream, name):
        self.stream, self.name = stream, name

    def read(self, size=-1):
        try:
            return self.stream.read(size)
        except READ_ERRORS as exc:
            raise InvalidPackage([Problem("h5p.corrupt", self.name, {"reason": str(exc)})]) from None


def _to_directory(package, target):
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty")
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".h5p-", dir=target.parent))
    written = []
    try:
        root = scratch.resolve()
        for entry, stream in _entries(package):
            destination = (scratch / entry.name).resolve()
            if not destination.is_relative_to(root):  # the names were checked; this guards the check
                raise InvalidPackage([Problem("h5p.zip_slip", entry.name, {"reason": "outside the folder"})])
            destination.parent.mkdir(parents=True, exist_ok=True)
            with open(destination, "xb") as out:
                shutil.copyfileobj(stream, out, CHUNK)
            written.append(entry.name)
        if target.exists():
            target.rmdir()
        scratch.rename(target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return written


def _to_storage(package, storage, prefix):
    written = []
    try:
        for entry, stream in _entries(package):
            wanted = f"{prefix}/{entry.name}" if prefix else entry.name
            content = File(stream, name=entry.name.rsplit("/", 1)[-1])
            content.size = entry.size  # File would otherwise stat a path named like the entry
            saved = storage.save(wanted, content)
            written.append(saved)
            if saved != wanted:
                raise FileExistsError(f"{wanted} already exists in the storage")
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    return written
