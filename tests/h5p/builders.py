"""Small H5P packages built with zipfile for the tests (valid, or broken on purpose), and the real fixtures."""
import json
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "h5p"  # copies of ../shared/fixtures/h5p, see its README.md

# The smallest valid package: one runnable library with a script and a style sheet.
BASE_FILES = {
    "h5p.json": {
        "title": "Bài tập kéo thả: Chữ cái tiếng Việt",
        "language": "vi",
        "mainLibrary": "H5P.Demo",
        "embedTypes": ["div"],
        "license": "CC BY-SA",
        "licenseVersion": "4.0",
        "authors": [{"name": "Nguyễn Thị Hoa", "role": "Author"}],
        "preloadedDependencies": [{"machineName": "H5P.Demo", "majorVersion": "1", "minorVersion": "0"}],
    },
    "content/content.json": {"text": "Xin chào"},
    "H5P.Demo-1.0/library.json": {
        "title": "Demo", "machineName": "H5P.Demo", "majorVersion": 1, "minorVersion": 0,
        "patchVersion": 3, "runnable": 1,
        "preloadedJs": [{"path": "demo.js"}], "preloadedCss": [{"path": "styles/demo.css"}],
    },
    "H5P.Demo-1.0/demo.js": "H5P.Demo = function () {};",
    "H5P.Demo-1.0/styles/demo.css": ".h5p-demo { color: #333; }",
}

# A real 1×1 PNG (signature, IHDR, IDAT, IEND).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def encode(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    return value.encode("utf-8") if isinstance(value, str) else value


def library_json(**changes):
    return {**BASE_FILES["H5P.Demo-1.0/library.json"], **changes}


def h5p_json(**changes):
    data = {**BASE_FILES["h5p.json"], **changes}
    return {key: value for key, value in data.items() if value is not None}


def build(path, changes=None, raw=()):
    """Write BASE_FILES with `changes` applied ({name: content, or None to leave out}) and `raw` entries appended."""
    files = {**BASE_FILES, **(changes or {})}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, content in files.items():
            if content is not None:
                archive.writestr(entry, encode(content))
        for entry, content in raw:
            archive.writestr(entry, encode(content))
    return path
