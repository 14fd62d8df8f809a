"""Hostile and broken packages are refused, naming the file inside the package and the rule it broke."""
import io
import json
import struct
import zipfile

import pytest
from django.utils import translation

from h5p.package import InvalidPackage, Limits, read_package, validate
from h5p.package.archive import Budget, read_entry
from h5p.package.problems import Fatal
from tests.h5p.builders import FIXTURES, PNG, build, h5p_json, library_json


def codes(problems):
    return {(p.code, p.entry) for p in problems}


# --- the archive ------------------------------------------------------------------------------


def test_not_a_zip_empty_and_truncated_files_are_refused(tmp_path):
    text = tmp_path / "notes.h5p"
    text.write_text("<html><script>alert(1)</script></html>")
    empty = tmp_path / "empty.h5p"
    empty.write_bytes(b"")
    truncated = tmp_path / "cut.h5p"
    truncated.write_bytes((FIXTURES / "true-false.h5p").read_bytes()[:300_000])
    assert codes(validate(text)) == {("h5p.not_zip", "")}
    assert codes(validate(empty)) == {("h5p.empty", "")}
    assert codes(validate(truncated)) == {("h5p.not_zip", "")}


def test_an_encrypted_package_is_refused(tmp_path):
    path = build(tmp_path / "locked.h5p", raw=[("content/secret.txt", b"xxxxxxxxxxxx")])
    # zipfile cannot write ZipCrypto; readers go by the "encrypted" bit of the general purpose flags.
    path.write_bytes(patch_headers(path.read_bytes(), "content/secret.txt", 6, 8, 0x1, fmt="<H"))
    assert codes(validate(path)) == {("h5p.encrypted", "content/secret.txt")}


def test_damaged_data_fails_its_crc_check(tmp_path):
    path = build(tmp_path / "ok.h5p", raw=[(zipfile.ZipInfo("content/story.txt"), "Ngày xửa ngày xưa " * 50)])
    data = bytearray(path.read_bytes())
    at = data.index(b"Ng\xc3\xa0y x")  # ZipInfo() defaults to stored: the text is in the file as it is
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    [problem] = validate(path)
    assert (problem.code, problem.entry) == ("h5p.corrupt", "content/story.txt")
    assert "CRC" in problem.params["reason"]


@pytest.mark.parametrize("name, reason", [
    ("../evil.json", "parent folder (..)"),
    ("content/../../etc/cron.d/x.txt", "parent folder (..)"),
    ("/etc/passwd.txt", "absolute path"),
    ("content\\..\\..\\evil.txt", "backslash"),
    ("C:/Windows/evil.txt", "drive letter"),
    ("content//double.txt", "empty or current-folder segment"),
])
def test_zip_slip_names_are_refused(tmp_path, name, reason):
    problems = validate(build(tmp_path / "slip.h5p", raw=[(name, b"x")]))
    assert [(p.code, p.entry, p.params["reason"]) for p in problems] == [("h5p.zip_slip", name, reason)]


def test_a_symbolic_link_is_refused(tmp_path):
    link = zipfile.ZipInfo("content/link.txt")
    link.create_system = 3
    link.external_attr = (0o120777 << 16)  # S_IFLNK | rwxrwxrwx
    problems = validate(build(tmp_path / "link.h5p", raw=[(link, b"/etc/passwd")]))
    assert codes(problems) == {("h5p.symlink", "content/link.txt")}


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_duplicate_names_are_refused_also_when_only_letter_case_differs(tmp_path):
    path = build(tmp_path / "dup.h5p", raw=[("content/Anh.png", PNG), ("content/anh.png", PNG),
                                            ("content/content.json", b"{}")])
    assert codes(validate(path)) == {("h5p.duplicate_entry", "content/anh.png"),
                                     ("h5p.duplicate_entry", "content/content.json")}


# --- limits and zip bombs -----------------------------------------------------------------------


def test_a_highly_compressed_entry_is_refused_as_a_zip_bomb(tmp_path):
    path = build(tmp_path / "bomb.h5p", raw=[("content/zeros.txt", b"\0" * (5 * 1024 * 1024))])
    [problem] = validate(path)
    assert (problem.code, problem.entry) == ("h5p.zip_bomb", "content/zeros.txt")
    assert problem.params["ratio"] > 100


def patch_headers(data, name, local_field, central_field, value, fmt="<I"):
    """Overwrite one field of `name`'s local header and its central-directory record (offsets per APPNOTE)."""
    data, encoded = bytearray(data), name.encode()
    for signature, name_at, field in ((b"PK\x03\x04", 30, local_field), (b"PK\x01\x02", 46, central_field)):
        at = data.index(signature)
        while data[at + name_at:at + name_at + len(encoded)] != encoded:
            at = data.index(signature, at + 4)
        struct.pack_into(fmt, data, at + field, value)
    return bytes(data)


def test_a_bomb_whose_header_lies_about_its_size_is_caught_while_reading(tmp_path):
    path = build(tmp_path / "liar.h5p", raw=[("content/zeros.txt", b"\0" * (5 * 1024 * 1024))])
    path.write_bytes(patch_headers(path.read_bytes(), "content/zeros.txt", 22, 24, 1000))  # uncompressed size
    # The headers now look harmless (1000 bytes), so only the read can tell: no more than the
    # claimed size is ever unpacked, and what was unpacked no longer matches the CRC.
    assert zipfile.ZipFile(path).getinfo("content/zeros.txt").file_size == 1000
    [problem] = validate(path)
    assert (problem.code, problem.entry) == ("h5p.corrupt", "content/zeros.txt")


def test_the_size_limit_counts_the_bytes_really_read_not_the_header():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content/a.txt", b"a" * 50_000)
    with zipfile.ZipFile(data) as archive:
        info = archive.getinfo("content/a.txt")
        with pytest.raises(Fatal) as stopped:
            read_entry(archive, info, Budget(left=10_000), Limits(max_uncompressed_bytes=10_000))
    assert stopped.value.problem.code == "h5p.too_large"


def test_limits_come_from_settings(settings, make_h5p):
    settings.H5P_MAX_ENTRIES = 4
    assert codes(validate(make_h5p())) == {("h5p.too_many_entries", "")}
    settings.H5P_MAX_ENTRIES = 5000
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 100
    assert codes(validate(make_h5p())) == {("h5p.too_large", "")}
    settings.H5P_MAX_UNCOMPRESSED_BYTES = 10**9
    settings.H5P_MAX_COMPRESSION_RATIO = 2
    problems = validate(make_h5p(raw=[("content/poem.txt", "Trăm năm trong cõi người ta " * 60_000)]))
    assert codes(problems) == {("h5p.zip_bomb", "content/poem.txt")}


def test_json_and_svg_too_big_to_parse_are_refused_by_name(make_h5p):
    path = make_h5p({"content/content.json": {"text": "dài " * 400}}, raw=[("content/big.svg", SVG.format(" " * 1500))])
    problems = validate(path, limits=Limits(max_parsed_bytes=1000))
    assert codes(problems) == {("h5p.file_too_large_to_check", "content/content.json"),
                               ("h5p.file_too_large_to_check", "content/big.svg")}
    with translation.override("en"):
        assert problems[0].message.startswith("This file is larger than the 1000\xa0byte")


def test_the_fixture_packages_pass_well_inside_the_default_limits():
    limits = Limits.from_settings()
    info = zipfile.ZipFile(FIXTURES / "interactive-video.h5p").infolist()
    assert len(info) * 5 < limits.max_entries
    assert sum(i.file_size for i in info) * 100 < limits.max_uncompressed_bytes


# --- file types --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "content/shell.php", "content/page.html", "content/setup.exe", "content/script.js",
    "content/README", "H5P.Demo-1.0/backdoor.php", "H5P.Demo-1.0/page.HTML",
])
def test_files_outside_the_h5p_whitelist_are_refused(make_h5p, name):
    problems = validate(make_h5p(raw=[(name, b"hello")]))
    assert codes(problems) == {("h5p.file_type_not_allowed", name)}
    assert "png" in problems[0].params["allowed"]


def test_allowed_extensions_are_case_insensitive_and_js_is_allowed_in_libraries(make_h5p):
    path = make_h5p(raw=[("content/images/ANH.PNG", PNG), ("H5P.Demo-1.0/extra.js", "var x;")])
    assert validate(path) == []


def test_dot_files_and_macos_folders_are_ignored_not_refused(make_h5p, tmp_path):
    path = make_h5p(raw=[(".DS_Store", b"\0\0\0\1Bud1"), ("__MACOSX/content/._content.json", b"\0\5\26\7"),
                         ("content/.hidden.php", b"<?php"), ("H5P.Demo-1.0/_notes.exe", b"MZ")])
    package = read_package(path)
    assert set(package.skipped) == {".DS_Store", "__MACOSX/content/._content.json", "content/.hidden.php",
                                    "H5P.Demo-1.0/_notes.exe"}
    assert not {entry.name for entry in package.entries} & set(package.skipped)


@pytest.mark.parametrize("name, data, detected", [
    ("content/images/photo.png", b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>", "text/html"),
    ("content/images/photo.jpg", PNG, "image/png"),
    ("content/notes.txt", b"<html><body><script src=//evil.example/x.js></script></body></html>", "text/html"),
    ("content/audio/bai-hat.mp3", b"\x7fELF\x02\x01\x01\0" + b"\0" * 8 + b"\x02\0\x3e\0\x01\0\0\0" + b"\0" * 200,
     "application/x-executable"),
    ("content/video/bai-giang.mp4", b"MZ\x90\x00\x03" + b"\0" * 200, "application/x-dosexec"),
    ("content/data.csv", b"<?php system($_GET[1]); ?>", "text/x-php"),
    ("content/tai-lieu.pdf", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
])
def test_polyglot_content_is_refused_by_its_real_type(make_h5p, name, data, detected):
    [problem] = validate(make_h5p(raw=[(name, data)]))
    assert (problem.code, problem.entry) == ("h5p.content_mismatch", name)
    assert problem.params["detected"].startswith(detected)


def test_real_images_pass_the_content_check(make_h5p):
    assert validate(make_h5p(raw=[("content/images/a.png", PNG)])) == []


# --- SVG ---------------------------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize("body, rule", [
    ("<script>alert(1)</script>", "<script>"),
    ('<rect width="5" height="5" onclick="alert(1)"/>', "onclick= event handler"),
    ("<foreignObject><body xmlns='http://www.w3.org/1999/xhtml'>x</body></foreignObject>", "<foreignobject>"),
    ('<image xlink:href="https://tracker.example/p.png"/>', "href= external reference"),
    ('<a href="java&#x09;script:alert(1)"><text>x</text></a>', "href=javascript:"),
    ('<use href="data:image/svg+xml;base64,PHN2Zz4="/>', "href= external reference"),
    ("<style>@import url(https://evil.example/x.css);</style>", "<style> loading a URL"),
    ('<set attributeName="href" to="https://evil.example"/>', "<set> changing a link"),
])
def test_svg_with_active_content_is_refused_naming_the_rule(make_h5p, body, rule):
    [problem] = validate(make_h5p(raw=[("content/images/hinh.svg", SVG.format(body))]))
    assert (problem.code, problem.entry) == ("h5p.unsafe_svg", "content/images/hinh.svg")
    assert problem.params["reason"] == rule


def test_svg_entity_expansion_is_refused(make_h5p):
    laughs = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><svg>&b;</svg>'
    [problem] = validate(make_h5p(raw=[("content/lol.svg", laughs)]))
    assert (problem.code, problem.params["reason"]) == ("h5p.unsafe_svg", "entity declarations")


def test_a_passive_svg_is_accepted(make_h5p):
    body = ('<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/>'
            '<use xlink:href="#g"/><style>rect { fill: red; }</style>')
    assert validate(make_h5p(raw=[("content/images/ok.svg", SVG.format(body))])) == []


# --- h5p.json and content ----------------------------------------------------------------------


def test_h5p_json_and_content_json_must_exist(make_h5p):
    assert codes(validate(make_h5p({"h5p.json": None}))) == {("h5p.missing_h5p_json", "h5p.json")}
    assert codes(validate(make_h5p({"content/content.json": None}))) == {
        ("h5p.missing_content", "content/content.json")}


@pytest.mark.parametrize("name", ["h5p.json", "content/content.json", "H5P.Demo-1.0/library.json"])
@pytest.mark.parametrize("text, reason", [
    ('{"title": "x",', "Expecting"),
    ("[1, 2]", "not a JSON object"),
    ("null", "not a JSON object"),
    ('{"w": NaN}', "NaN is not allowed"),
    (b'{"title": "\xff"}', "not UTF-8 text"),
])
def test_broken_json_is_refused(make_h5p, name, text, reason):
    problems = validate(make_h5p({name: text}))
    [problem] = [p for p in problems if p.code == "h5p.invalid_json"]
    assert problem.entry == name and reason in problem.params["reason"]


def test_a_byte_order_mark_is_tolerated(make_h5p):
    data = h5p_json()
    assert validate(make_h5p({"h5p.json": "\ufeff" + json.dumps(data)})) == []


@pytest.mark.parametrize("field", ["title", "language", "mainLibrary", "preloadedDependencies", "embedTypes"])
def test_each_required_h5p_json_field_is_required(make_h5p, field):
    problems = validate(make_h5p({"h5p.json": h5p_json(**{field: None})}))
    assert ("h5p.missing_property", "h5p.json") in codes(problems)
    assert any(p.params.get("property") == field for p in problems)


@pytest.mark.parametrize("changes, field", [
    ({"embedTypes": "div"}, "embedTypes"),
    ({"embedTypes": ["popup"]}, "embedTypes"),
    ({"language": "vi_VN!"}, "language"),
    ({"title": "x" * 256}, "title"),
    ({"title": 5.5}, "title"),
    ({"license": "MIT"}, "license"),
    ({"licenseVersion": "5.0"}, "licenseVersion"),
    ({"source": "ftp://example.org"}, "source"),
    ({"yearsFrom": "năm 2020"}, "yearsFrom"),
    ({"defaultLanguage": "tiếng Việt"}, "defaultLanguage"),
    ({"authors": [{"name": "An", "role": "Tác giả"}]}, "authors[0].role"),
    ({"authors": "An"}, "authors"),
    ({"changes": [{"date": "2024-01-01", "author": "An", "log": "sửa"}]}, "changes[0].date"),
    ({"preloadedDependencies": [{"machineName": "H5P.Demo", "majorVersion": "one", "minorVersion": "0"}]},
     "preloadedDependencies[0].majorVersion"),
])
def test_h5p_json_fields_are_type_checked_like_h5p_core(make_h5p, changes, field):
    problems = validate(make_h5p({"h5p.json": h5p_json(**changes)}))
    assert [(p.code, p.entry, p.params["property"]) for p in problems if p.code == "h5p.invalid_property"] == [
        ("h5p.invalid_property", "h5p.json", field)]


def test_optional_metadata_in_h5p_core_format_is_accepted(make_h5p):
    data = h5p_json(yearsFrom="2023", yearsTo=2024, source="https://gdtx.edu.vn/bai-1", defaultLanguage="vi",
                    licenseExtras="Dùng cho lớp học cộng đồng", authors=[],
                    changes=[{"date": "23-11-24 09:30:00", "author": "Hoa", "log": "Thêm câu hỏi"}])
    assert validate(make_h5p({"h5p.json": data})) == []


# --- libraries and dependencies ----------------------------------------------------------------


def test_a_library_folder_must_match_its_library_json(make_h5p):
    files = {name.replace("H5P.Demo-1.0", "H5P.Demo-2.0"): content
             for name, content in [("H5P.Demo-1.0/library.json", library_json()), ("H5P.Demo-1.0/demo.js", "x"),
                                   ("H5P.Demo-1.0/styles/demo.css", "x")]}
    problems = validate(make_h5p({**files, "H5P.Demo-1.0/library.json": None, "H5P.Demo-1.0/demo.js": None,
                                  "H5P.Demo-1.0/styles/demo.css": None}))
    mismatch = [p for p in problems if p.code == "h5p.library_name_mismatch"]
    assert [(p.entry, p.params["expected"]) for p in mismatch] == [("H5P.Demo-2.0/library.json", "H5P.Demo-1.0")]


def test_a_folder_named_after_the_machine_name_alone_is_accepted_as_by_h5p_core(make_h5p):
    moved = {"H5P.Demo/library.json": library_json(), "H5P.Demo/demo.js": "x", "H5P.Demo/styles/demo.css": "x",
             "H5P.Demo-1.0/library.json": None, "H5P.Demo-1.0/demo.js": None, "H5P.Demo-1.0/styles/demo.css": None}
    assert read_package(make_h5p(moved)).main_library.folder == "H5P.Demo"


def test_library_folder_rules(make_h5p):
    problems = validate(make_h5p(raw=[("H5P.Extra-1.0/extra.js", "x"), ("Bad name!-1.0/a.js", "x")]))
    assert codes(problems) == {("h5p.missing_library_json", "H5P.Extra-1.0/library.json"),
                               ("h5p.invalid_library_name", "Bad name!-1.0/")}


@pytest.mark.parametrize("field", ["title", "machineName", "majorVersion", "minorVersion", "patchVersion", "runnable"])
def test_each_required_library_json_field_is_required(make_h5p, field):
    data = {k: v for k, v in library_json().items() if k != field}
    problems = validate(make_h5p({"H5P.Demo-1.0/library.json": data}))
    assert ("h5p.missing_property", "H5P.Demo-1.0/library.json") in codes(problems)


def test_library_json_values_are_checked(make_h5p):
    data = library_json(runnable=True, preloadedJs=[{"path": "demo.exe"}])
    problems = validate(make_h5p({"H5P.Demo-1.0/library.json": data}))
    assert sorted(p.params["property"] for p in problems) == ["preloadedJs[0].path", "runnable"]


def test_every_file_a_library_lists_must_be_in_the_package(make_h5p):
    problems = validate(make_h5p({"H5P.Demo-1.0/styles/demo.css": None}))
    assert [(p.code, p.entry, p.params["path"]) for p in problems] == [
        ("h5p.missing_library_file", "H5P.Demo-1.0/library.json", "styles/demo.css")]


def test_a_listed_file_may_not_climb_out_of_its_library(make_h5p):
    data = library_json(preloadedJs=[{"path": "../H5P.Other-1.0/x.js"}])
    problems = validate(make_h5p({"H5P.Demo-1.0/library.json": data}, raw=[("H5P.Other-1.0/x.js", "x")]))
    assert ("h5p.zip_slip", "H5P.Demo-1.0/library.json") in codes(problems)


def test_a_missing_dependency_is_refused_naming_the_file_that_needs_it(make_h5p):
    deps = [{"machineName": "H5P.Demo", "majorVersion": "1", "minorVersion": "0"},
            {"machineName": "FontAwesome", "majorVersion": "4", "minorVersion": "5"}]
    problems = validate(make_h5p({"h5p.json": h5p_json(preloadedDependencies=deps)}))
    assert [(p.code, p.entry, str(p.params["library"])) for p in problems] == [
        ("h5p.missing_library", "h5p.json", "FontAwesome 4.5")]


def test_a_library_dependency_needs_the_same_major_minor_version(make_h5p):
    data = library_json(preloadedDependencies=[{"machineName": "H5P.Question", "majorVersion": 1, "minorVersion": 4}],
                        dynamicDependencies=[{"machineName": "H5P.Image", "majorVersion": 1, "minorVersion": 1}])
    other = {"title": "Q", "machineName": "H5P.Question", "majorVersion": 1, "minorVersion": 3,
             "patchVersion": 0, "runnable": 0}
    problems = validate(make_h5p({"H5P.Demo-1.0/library.json": data, "H5P.Question-1.3/library.json": other}))
    assert [(p.code, p.entry, str(p.params["library"])) for p in problems] == [
        ("h5p.missing_library", "H5P.Demo-1.0/library.json", "H5P.Question 1.4"),
        ("h5p.missing_library", "H5P.Demo-1.0/library.json", "H5P.Image 1.1")]


def test_editor_dependencies_are_not_needed_to_play(make_h5p):
    data = library_json(editorDependencies=[{"machineName": "H5PEditor.Wizard", "majorVersion": 1, "minorVersion": 2}])
    assert validate(make_h5p({"H5P.Demo-1.0/library.json": data})) == []


def test_the_main_library_must_be_preloaded(make_h5p):
    problems = validate(make_h5p({"h5p.json": h5p_json(mainLibrary="H5P.Other")}))
    assert codes(problems) == {("h5p.main_library_not_preloaded", "h5p.json")}


def test_language_files_and_semantics_must_be_valid(make_h5p):
    problems = validate(make_h5p(raw=[("H5P.Demo-1.0/language/vi.json", '{"semantics": []}'),
                                      ("H5P.Demo-1.0/language/tiếng việt.json", "{}"),
                                      ("H5P.Demo-1.0/semantics.json", "[{")]))
    assert codes(problems) == {("h5p.invalid_language_file", "H5P.Demo-1.0/language/tiếng việt.json"),
                               ("h5p.invalid_json", "H5P.Demo-1.0/semantics.json")}


# --- reporting ---------------------------------------------------------------------------------


def test_all_problems_are_collected_in_one_pass(make_h5p):
    problems = validate(make_h5p({"content/content.json": None, "H5P.Demo-1.0/demo.js": None},
                                 raw=[("content/run.exe", b"MZ"), ("../escape.txt", b"x")]))
    assert codes(problems) == {
        ("h5p.zip_slip", "../escape.txt"), ("h5p.file_type_not_allowed", "content/run.exe"),
        ("h5p.missing_content", "content/content.json"), ("h5p.missing_library_file", "H5P.Demo-1.0/library.json"),
    }


def test_read_package_raises_with_every_problem_and_a_readable_message(make_h5p):
    path = make_h5p({"content/content.json": None}, raw=[("content/run.exe", b"MZ")])
    with pytest.raises(InvalidPackage) as refused:
        read_package(path)
    error = refused.value
    assert error.code == "h5p.file_type_not_allowed"
    assert len(error.problems) == 2
    with translation.override("en"):
        assert str(error).startswith("Files of this type are not allowed in H5P packages.")
        assert "(content/run.exe)" in str(error) and "(and 1 more problem)" in str(error)
