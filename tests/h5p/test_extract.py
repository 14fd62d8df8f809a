"""Extraction writes exactly the validated files, streamed, to a folder or a storage, and nothing on failure."""
import io
import zipfile

import pytest
from django.core.files.storage import FileSystemStorage

from h5p.package import InvalidPackage, extract_to, read_package
from tests.h5p.builders import FIXTURES, build


def test_a_fixture_package_is_extracted_byte_for_byte(tmp_path):
    package = read_package(FIXTURES / "interactive-video.h5p")
    target = tmp_path / "played" / "iv"
    written = extract_to(package, target)
    assert sorted(written) == sorted(entry.name for entry in package.entries)
    with zipfile.ZipFile(FIXTURES / "interactive-video.h5p") as archive:
        for name in ("h5p.json", "content/content.json", "H5P.Column-1.12/library.json",
                     "content/images/background-5e7f2e5a09de1.png"):
            assert (target / name).read_bytes() == archive.read(name)
    on_disk = {str(p.relative_to(target)) for p in target.rglob("*") if p.is_file()}
    assert on_disk == set(written)
    assert not [p for p in tmp_path.joinpath("played").iterdir() if p.name.startswith(".h5p-")]


def test_skipped_files_are_not_written(tmp_path):
    path = build(tmp_path / "mac.h5p", raw=[("__MACOSX/._h5p.json", b"\0"), ("content/.DS_Store", b"\0"),
                                            ("notes.txt", b"top-level file")])
    target = tmp_path / "out"
    extract_to(read_package(path), target)
    assert not (target / "__MACOSX").exists() and not (target / "content" / ".DS_Store").exists()
    assert not (target / "notes.txt").exists()
    assert (target / "content" / "content.json").exists()


def test_an_existing_folder_with_files_is_never_overwritten(tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("của người khác")
    with pytest.raises(FileExistsError):
        extract_to(read_package(FIXTURES / "greeting-card.h5p"), target)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_a_package_changed_after_validation_leaves_nothing_behind(tmp_path):
    path = build(tmp_path / "p.h5p")
    package = read_package(path)
    build(path, {"content/content.json": {"text": "đã bị sửa sau khi kiểm tra"}})
    target = tmp_path / "out"
    with pytest.raises(InvalidPackage) as refused:
        extract_to(package, target)
    assert refused.value.problems[0].entry == "content/content.json"
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["p.h5p"]


def test_extraction_to_a_storage_under_a_prefix(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "media")
    data = (FIXTURES / "greeting-card.h5p").read_bytes()
    package = read_package(io.BytesIO(data))
    written = extract_to(package, storage, prefix="h5p/abc123/")
    assert "h5p/abc123/h5p.json" in written
    assert "h5p/abc123/content/earth.jpg" in written
    with storage.open("h5p/abc123/content/earth.jpg") as stored:
        assert stored.read() == zipfile.ZipFile(io.BytesIO(data)).read("content/earth.jpg")
    assert len(written) == len(package.entries)


def test_a_storage_name_already_taken_rolls_back_what_was_saved(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "media")
    storage.save("h5p/x/content/content.json", io.BytesIO(b"{}"))
    package = read_package(build(tmp_path / "p.h5p"))
    with pytest.raises(FileExistsError):
        extract_to(package, storage, prefix="h5p/x")
    files = sorted(str(p.relative_to(tmp_path / "media")) for p in (tmp_path / "media").rglob("*") if p.is_file())
    assert files == ["h5p/x/content/content.json"]
