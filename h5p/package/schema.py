"""The rules h5p.json and library.json must follow, after H5P core's H5PValidator schemas.

H5P core (h5p-php-library, h5p.classes.php, `H5PValidator::$h5pRequired`, `$h5pOptional`,
`$libraryRequired`, `$libraryOptional`) checks each property against a pattern, a list of allowed
options, or a list of objects whose properties are all required. The same rules are written here,
with three deliberate differences: lengths count characters rather than bytes (a Vietnamese title
of 255 letters is fine), an empty list is accepted for an optional list (`"authors": []`), and
h5p.json's `defaultLanguage` (written by newer editors, unchecked by core) must look like a
language code.
"""
import re
from dataclasses import dataclass

from .problems import Problem

MACHINE_NAME = re.compile(r"[\w\-.]{1,255}", re.ASCII)
VERSION = re.compile(r"[0-9]{1,5}")
LANGUAGE = re.compile(r"[-a-zA-Z]{1,10}")
LINE_255 = re.compile(r".{1,255}")
TEXT_5000 = re.compile(r".{1,5000}", re.S)
ZERO_ONE = re.compile(r"[01]")
SIZE = re.compile(r"[0-9]{1,4}")
# H5P's `((\\|/)?[a-z_\-\s0-9\.]+)+\.js` without the nested repetition (same strings, no backtracking blow-up).
JS_PATH = re.compile(r"[\\/]?[a-z_\-\s0-9.]+(?:[\\/][a-z_\-\s0-9.]+)*\.js", re.I)
CSS_PATH = re.compile(r"[\\/]?[a-z_\-\s0-9.]+(?:[\\/][a-z_\-\s0-9.]+)*\.css", re.I)


@dataclass(frozen=True)
class Objects:
    """A list of objects (or one object) each having every listed property."""

    properties: dict


@dataclass(frozen=True)
class Options:
    """A list whose every value is one of `allowed`."""

    allowed: tuple


def _dependencies():
    return Objects({"machineName": MACHINE_NAME, "majorVersion": VERSION, "minorVersion": VERSION})


H5P_REQUIRED = {
    "title": LINE_255,
    "language": LANGUAGE,
    "preloadedDependencies": _dependencies(),
    "mainLibrary": re.compile(r"[$a-z_][0-9a-z_.$]{1,254}", re.I),
    "embedTypes": Options(("iframe", "div")),
}
H5P_OPTIONAL = {
    "contentType": LINE_255,
    "dynamicDependencies": _dependencies(),
    "author": LINE_255,
    "authors": Objects({"name": LINE_255, "role": re.compile(r"\w+")}),
    "source": re.compile(r"https?://.+"),
    "license": re.compile(
        r"CC BY|CC BY-SA|CC BY-ND|CC BY-NC|CC BY-NC-SA|CC BY-NC-ND|CC0 1\.0|GNU GPL|PD|ODC PDDL|CC PDM|U|C"),
    "licenseVersion": re.compile(r"1\.0|2\.0|2\.5|3\.0|4\.0"),
    "licenseExtras": TEXT_5000,
    "yearsFrom": re.compile(r"[0-9]{1,4}"),
    "yearsTo": re.compile(r"[0-9]{1,4}"),
    "changes": Objects({
        "date": re.compile(r"[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{1,2}:[0-9]{2}:[0-9]{2}"),
        "author": LINE_255,
        "log": TEXT_5000,
    }),
    "authorComments": TEXT_5000,
    "w": SIZE,
    "h": SIZE,
    "metaKeywords": re.compile(r".+"),
    "metaDescription": re.compile(r".+"),
    "defaultLanguage": LANGUAGE,
}

LIBRARY_REQUIRED = {
    "title": LINE_255,
    "majorVersion": VERSION,
    "minorVersion": VERSION,
    "patchVersion": VERSION,
    "machineName": MACHINE_NAME,
    "runnable": ZERO_ONE,
}
LIBRARY_OPTIONAL = {
    "author": LINE_255,
    "license": re.compile(
        r"cc-by|cc-by-sa|cc-by-nd|cc-by-nc|cc-by-nc-sa|cc-by-nc-nd|pd|cr|MIT|GPL1|GPL2|GPL3|MPL|MPL2"),
    "description": re.compile(r".+"),
    "metadataSettings": Objects({"disable": ZERO_ONE, "disableExtraTitleField": ZERO_ONE}),
    "dynamicDependencies": _dependencies(),
    "preloadedDependencies": _dependencies(),
    "editorDependencies": _dependencies(),
    "preloadedJs": Objects({"path": JS_PATH}),
    "preloadedCss": Objects({"path": CSS_PATH}),
    "dropLibraryCss": Objects({"machineName": MACHINE_NAME}),
    "w": SIZE,
    "h": SIZE,
    "embedTypes": Options(("iframe", "div")),
    "fullscreen": ZERO_ONE,
    "coreApi": Objects({"majorVersion": VERSION, "minorVersion": VERSION}),
}


def check(data, entry, required, optional):
    """Problems of a decoded h5p.json or library.json (a dict) against the rules above."""
    problems = []
    for name, rule in required.items():
        if name not in data or data[name] is None:
            problems.append(Problem("h5p.missing_property", entry, {"property": name}))
        else:
            problems += _check_value(data[name], rule, entry, name, required=True)
    for name, rule in optional.items():
        if name in data:
            problems += _check_value(data[name], rule, entry, name, required=False)
    return problems


def _check_value(value, rule, entry, name, required):
    if isinstance(rule, re.Pattern):
        # Like H5P: a string or an integer matching the pattern (JSON true/false or 1.5 are refused).
        ok = isinstance(value, (str, int)) and not isinstance(value, bool) and rule.fullmatch(str(value))
        return [] if ok else [Problem("h5p.invalid_property", entry, {"property": name})]
    if isinstance(rule, Options):
        ok = isinstance(value, list) and value and all(v in rule.allowed for v in value)
        return [] if ok else [Problem("h5p.invalid_property", entry, {"property": name})]
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or (required and not value):
        return [Problem("h5p.invalid_property", entry, {"property": name})]
    problems = []
    for index, item in enumerate(value):
        label = f"{name}[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem("h5p.invalid_property", entry, {"property": label}))
            continue
        for sub, sub_rule in rule.properties.items():
            if sub not in item or item[sub] is None:
                problems.append(Problem("h5p.missing_property", entry, {"property": f"{label}.{sub}"}))
            else:
                problems += _check_value(item[sub], sub_rule, entry, f"{label}.{sub}", required=True)
    return problems
