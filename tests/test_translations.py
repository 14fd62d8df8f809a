"""Every string of the project's own templates, forms and messages has a Vietnamese translation."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ["catalog", "core", "oer_hub", "search", "api", "h5p", "lti", "oai", "interop", "reports"]
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

pytestmark = pytest.mark.gettext


def _run(*args, cwd=ROOT):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def fresh_po(tmp_path_factory):
    """Extract messages from a copy of the source tree, merged with the committed translations."""
    work = tmp_path_factory.mktemp("i18n")
    for name in SOURCE_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(ROOT / "locale", work / "locale")
    shutil.copy(ROOT / "manage.py", work / "manage.py")
    _run(sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-obsolete", "--no-location",
         "--settings=oer_hub.settings.test", cwd=work)
    return work / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_no_string_is_left_untranslated(fresh_po):
    untranslated = _run("msgattrib", "--untranslated", "--no-obsolete", str(fresh_po))
    fuzzy = _run("msgattrib", "--only-fuzzy", "--no-obsolete", str(fresh_po))
    missing = [line for line in untranslated.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
    assert not missing, "Untranslated strings (run `make messages` and translate them):\n" + "\n".join(missing)
    assert "msgid " not in fuzzy.replace('msgid ""', ""), "Fuzzy translations need review:\n" + fuzzy


def test_compiled_catalogue_matches_the_po_file(tmp_path):
    compiled = tmp_path / "django.mo"
    _run("msgfmt", "--check", "-o", str(compiled), str(PO))
    assert _run("msgunfmt", str(compiled)) == _run("msgunfmt", str(MO)), "Run `make messages` to recompile django.mo"
