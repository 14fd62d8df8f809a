"""The real H5P packages validate, and what a teacher's upload form would prefill is read right."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from h5p.package import read_package, validate
from tests.h5p.builders import FIXTURES

EXPECTED = {
    "true-false.h5p": ("Hello World", "H5P.TrueFalse", 1, 6, 10),
    "drag-text.h5p": ("Drag the Words", "H5P.DragText", 1, 8, 11),
    "greeting-card.h5p": ("Greeting card 1", "H5P.GreetingCard1", 1, 0, 1),
    "interactive-video.h5p": ("https://www.youtube.com/watch?v=mOwNaUQQJxo", "H5P.Column", 1, 12, 27),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_fixture_package_is_valid_and_its_metadata_is_read(name):
    title, main, major, minor, library_count = EXPECTED[name]
    assert validate(FIXTURES / name) == []
    package = read_package(FIXTURES / name)
    assert package.title == title
    assert (package.main_library.machine_name, package.main_library.major, package.main_library.minor) == (
        main, major, minor)
    assert package.main_library.runnable
    assert len(package.libraries) == library_count
    assert package.language == "und"
    assert package.licence == "U"
    assert isinstance(package.content_json, dict) and package.content_json


def test_library_details_come_from_library_json():
    package = read_package(FIXTURES / "true-false.h5p")
    libraries = {lib.machine_name: lib for lib in package.libraries}
    true_false = libraries["H5P.TrueFalse"]
    assert true_false.folder == "H5P.TrueFalse-1.6"
    assert any(path.endswith(".js") for path in true_false.preloaded_js)
    assert "H5P.Question" in {dep.machine_name for dep in true_false.preloaded_dependencies}
    # Editor widgets ship in the package but are not needed to play it.
    assert "H5PEditor.ShowWhen" in libraries


def test_entries_list_every_kept_file_with_its_size_and_skip_what_h5p_skips():
    package = read_package(FIXTURES / "true-false.h5p")
    names = {entry.name for entry in package.entries}
    assert "h5p.json" in names and "content/content.json" in names
    assert all(not name.endswith("/") for name in names)
    # A stray file at the top level is not part of an H5P package; H5P core does not unpack it either.
    assert package.skipped == ["H5P_CONTENT_HERE.txt"]
    assert package.size == sum(entry.size for entry in package.entries) > 1_000_000


def test_metadata_of_a_hub_package(make_h5p):
    package = read_package(make_h5p())
    assert package.title == "Bài tập kéo thả: Chữ cái tiếng Việt"
    assert package.language == "vi"
    assert (package.licence, package.licence_version) == ("CC BY-SA", "4.0")
    assert package.authors == [{"name": "Nguyễn Thị Hoa", "role": "Author"}]
    assert package.content_json == {"text": "Xin chào"}
    assert str(package.main_library) == "H5P.Demo 1.0.3"


def test_an_upload_or_any_binary_file_object_is_read_like_a_path():
    data = (FIXTURES / "greeting-card.h5p").read_bytes()
    assert read_package(io.BytesIO(data)).title == "Greeting card 1"
    upload = SimpleUploadedFile("thiep.h5p", data, content_type="application/zip")
    assert read_package(upload).main_library.machine_name == "H5P.GreetingCard1"
