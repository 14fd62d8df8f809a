"""`manage.py validate_h5p`: one verdict line per file (or per problem) and a failing exit status."""
import io

import pytest
from django.core.management import CommandError, call_command

from tests.h5p.builders import FIXTURES, build


def run(*args):
    out = io.StringIO()
    try:
        call_command("validate_h5p", *map(str, args), stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), ""


def test_every_fixture_is_ok_on_its_own_line():
    status, out, _ = run(*sorted(FIXTURES.glob("*.h5p")), "--language", "en")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 4
    assert all(line.startswith("OK ") for line in lines)
    assert f"OK {FIXTURES / 'drag-text.h5p'} (Drag the Words, H5P.DragText 1.8, 11 libraries, 1.9 MB)" in lines
    assert any("(Greeting card 1, H5P.GreetingCard1 1.0, 1 library, " in line for line in lines)


def test_an_invalid_package_gives_the_rule_and_the_entry_and_a_non_zero_status(tmp_path):
    bad = build(tmp_path / "bad.h5p", {"H5P.Demo-1.0/demo.js": None}, raw=[("content/shell.php", b"<?php")])
    status, out, summary = run(FIXTURES / "greeting-card.h5p", bad, tmp_path / "missing.h5p", "--language", "en")
    assert status == 1
    assert summary == "2 of 3 packages are invalid."
    lines = out.splitlines()
    assert lines[0].startswith("OK ")
    assert f"{bad}: Files of this type are not allowed in H5P packages." in lines[1]
    assert lines[1].endswith("(content/shell.php)")
    assert lines[2] == (f"{bad}: The library H5P.Demo 1.0 lists the file “demo.js”, which is not in the package. "
                        "(H5P.Demo-1.0/library.json)")
    assert lines[3] == f"{tmp_path / 'missing.h5p'}: no such file"


def test_messages_follow_the_chosen_language(tmp_path):
    text = tmp_path / "x.h5p"
    text.write_text("không phải zip")
    _, english, _ = run(text, "--language", "en")
    assert english.strip() == f"{text}: The file is not a readable ZIP archive, so it is not an H5P package."
    with pytest.raises(CommandError):
        call_command("validate_h5p", str(text), "--language", "fr")
