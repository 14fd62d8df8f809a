"""Validating and reading an H5P package in one pass, the way H5P core's H5PValidator judges it.

`validate(source)` lists every problem; `read_package(source)` returns an `H5PPackage` or raises
`InvalidPackage` with all of them. A refusal the rest cannot be checked after (not a ZIP, damaged,
encrypted, over a limit) stops the pass; everything else is collected. docs/h5p.md lists the rules.
"""
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat

from . import files, schema
from .archive import Budget, open_archive, read_entry, survey
from .limits import Limits
from .model import Dependency, Entry, H5PPackage, Library
from .problems import Fatal, InvalidPackage, Problem

LIBRARY_FOLDER_VERSION = re.compile(r"(.+)-([0-9]{1,5})\.([0-9]{1,5})")
LANGUAGE_FILE = re.compile(r"-?[a-z]+(?:-[a-z]+){0,6}\.json", re.I)


def validate(source, limits=None):
    """Every problem of the package at `source` (a path or a seekable binary file); [] when it is valid."""
    return _inspect(source, limits or Limits.from_settings())[0]


def read_package(source, limits=None):
    """The validated package at `source`; raises InvalidPackage naming each file and rule broken."""
    problems, package = _inspect(source, limits or Limits.from_settings())
    if problems:
        raise InvalidPackage(problems)
    return package


@dataclass
class _Item:
    """An entry to be read, with its role: "h5p" (h5p.json), "content" or a library folder name."""

    info: object
    role: str
    read: object = None


def _inspect(source, limits):
    problems = []
    try:
        with open_archive(source) as archive:
            infos = archive.infolist()
            found, bad = survey(infos, limits)
            problems += found
            items, skipped = _classify([i for i in infos if id(i) not in bad], problems)
            budget = Budget(limits.max_uncompressed_bytes)
            for item in items:
                keep = _is_parsed(item) or files.extension(item.info.filename) == "svg"
                item.read = read_entry(archive, item.info, budget, limits, keep=keep)
    except Fatal as stop:
        return problems + [stop.problem], None
    checker = _Checker(items, limits)
    problems += checker.check()
    if problems:
        return problems, None
    entries = [Entry(i.info.filename, i.read.size, i.info.compress_size, i.info.CRC) for i in items]
    package = H5PPackage(checker.h5p_json, checker.content_json, checker.libraries, entries, skipped, source)
    return [], package


def _classify(infos, problems):
    """Entries to read (with their role), and the names skipped as H5P core skips them."""
    items, skipped = [], []
    for info in infos:
        name = info.filename
        segments = name.split("/")
        if name.endswith("/"):
            continue
        if any(segment[:1] in (".", "_") for segment in segments):
            skipped.append(name)  # H5P ignores files and folders starting with . or _ (.DS_Store, __MACOSX)
            continue
        if len(segments) == 1:
            if name == "h5p.json":
                items.append(_Item(info, "h5p"))
            else:
                skipped.append(name)  # H5P extracts only h5p.json, content/ and library folders
            continue
        role = "content" if segments[0] == "content" else segments[0]
        allowed = files.CONTENT_EXTENSIONS if role == "content" else files.LIBRARY_EXTENSIONS
        if files.extension(name) not in allowed:
            problems.append(Problem("h5p.file_type_not_allowed", name, {"allowed": ", ".join(sorted(allowed))}))
            continue
        items.append(_Item(info, role))
    return items, skipped


def _is_parsed(item):
    name = item.info.filename
    if item.role == "h5p" or name == "content/content.json":
        return True
    rest = name.split("/", 1)[1]
    return item.role != "content" and (rest in ("library.json", "semantics.json") or rest.startswith("language/"))


class _Checker:
    """The checks that need the whole package read: JSON files, libraries, dependencies, file contents."""

    def __init__(self, items, limits):
        self.by_name = {item.info.filename: item for item in items}
        self.items = items
        self.limits = limits
        self.problems = []
        self.h5p_json = self.content_json = None
        self.libraries = []

    def check(self):
        self.h5p_json = self._json("h5p.json", "h5p.missing_h5p_json")
        if self.h5p_json is not None:
            self.problems += schema.check(self.h5p_json, "h5p.json", schema.H5P_REQUIRED, schema.H5P_OPTIONAL)
        self.content_json = self._json("content/content.json", "h5p.missing_content")
        folders = defaultdict(list)
        for item in self.items:
            self._check_file(item)
            if item.role not in ("h5p", "content"):
                folders[item.role].append(item)
        provided = set()
        for folder, items in sorted(folders.items()):
            provided |= self._check_library(folder, items)
        if self.h5p_json is not None and not any(p.code in ("h5p.missing_property", "h5p.invalid_property")
                                                 and p.entry == "h5p.json" for p in self.problems):
            self._check_dependencies(provided)
        return self.problems

    def _json(self, name, missing_code, want_object=True):
        """The decoded JSON in `name` (an object unless told), or None after recording why it cannot be had."""
        item = self.by_name.get(name)
        if item is None:
            if missing_code:
                self.problems.append(Problem(missing_code, name))
            return None
        if item.read.too_big_to_keep:
            self._too_big_to_check(name)
            return None
        try:
            # utf-8-sig: a byte-order mark is tolerated; NaN and Infinity are not JSON (PHP refuses them too).
            data = json.loads(item.read.data.decode("utf-8-sig"), parse_constant=_refuse_constant)
        except (UnicodeDecodeError, ValueError) as exc:
            self.problems.append(Problem("h5p.invalid_json", name, {"reason": _json_reason(exc)}))
            return None
        if data is None or (want_object and not isinstance(data, dict)):
            self.problems.append(Problem("h5p.invalid_json", name, {"reason": "not a JSON object"}))
            return None
        return data

    def _check_file(self, item):
        name, read = item.info.filename, item.read
        ext = files.extension(name)
        if ext == "svg":
            if read.too_big_to_keep:
                self._too_big_to_check(name)
            elif reason := files.svg_problem(read.data):
                self.problems.append(Problem("h5p.unsafe_svg", name, {"reason": reason}))
        elif item.role == "content" and (detected := files.content_type_problem(ext, read.head)):
            self.problems.append(Problem("h5p.content_mismatch", name, {"detected": detected, "extension": ext}))

    def _too_big_to_check(self, name):
        limit = filesizeformat(self.limits.max_parsed_bytes)
        self.problems.append(Problem("h5p.file_too_large_to_check", name, {"limit": limit}))

    def _check_library(self, folder, items):
        """Check one library folder; returns the dependency keys it provides (also when broken, against cascades)."""
        guess = LIBRARY_FOLDER_VERSION.fullmatch(folder)
        provided = {(guess[1], int(guess[2]), int(guess[3]))} if guess else set()
        if not schema.MACHINE_NAME.fullmatch(folder):
            self.problems.append(Problem("h5p.invalid_library_name", folder + "/", {"folder": folder}))
            return provided
        entry = f"{folder}/library.json"
        if entry not in self.by_name:
            self.problems.append(Problem("h5p.missing_library_json", entry, {"folder": folder}))
            return provided
        data = self._json(entry, None)
        if data is None:
            return provided
        found = schema.check(data, entry, schema.LIBRARY_REQUIRED, schema.LIBRARY_OPTIONAL)
        self.problems += found
        if found:
            return provided
        library = _library(folder, data)
        expected = f"{library.machine_name}-{data['majorVersion']}.{data['minorVersion']}"
        if folder not in (library.machine_name, expected):
            self.problems.append(Problem("h5p.library_name_mismatch", entry,
                                         {"expected": expected, "machine_name": library.machine_name}))
            return provided
        if any(other.dependency == library.dependency for other in self.libraries):
            self.problems.append(Problem("h5p.duplicate_library", entry, {"library": library.dependency}))
            return provided
        self._check_library_files(library, items, entry)
        self.libraries.append(library)
        return provided | {library.dependency.key}

    def _check_library_files(self, library, items, entry):
        folder = library.folder
        if f"{folder}/semantics.json" in self.by_name:
            self._json(f"{folder}/semantics.json", None, want_object=False)  # a list of fields
        for item in items:
            rest = item.info.filename[len(folder) + 1:]
            if rest.startswith("language/"):
                if LANGUAGE_FILE.fullmatch(rest[len("language/"):]):
                    self._json(item.info.filename, None)
                else:
                    self.problems.append(Problem("h5p.invalid_language_file", item.info.filename))
        for path in library.preloaded_js + library.preloaded_css:
            clean = path.replace("\\", "/").lstrip("/")
            if ".." in clean.split("/"):
                self.problems.append(Problem("h5p.zip_slip", entry, {"reason": f"parent folder (..) in {path}"}))
            elif f"{folder}/{clean}" not in self.by_name:
                self.problems.append(Problem("h5p.missing_library_file", entry,
                                             {"library": library.dependency, "path": path}))

    def _check_dependencies(self, provided):
        """Each preloaded and dynamic dependency must be in the package, with the same major.minor.

        Editor dependencies are not checked: the hub plays content and never opens the H5P editor, so
        packages may leave editor widgets out (H5P core checks them because it installs the editor too).
        """
        main = self.h5p_json["mainLibrary"]
        preloaded = [_dependency(d) for d in self.h5p_json["preloadedDependencies"]]
        if not any(d.machine_name == main for d in preloaded):
            self.problems.append(Problem("h5p.main_library_not_preloaded", "h5p.json", {"library": main}))
        wanted = [("h5p.json", d) for d in preloaded + [_dependency(d) for d in
                                                      self.h5p_json.get("dynamicDependencies", [])]]
        for library in self.libraries:
            entry = f"{library.folder}/library.json"
            wanted += [(entry, d) for d in library.preloaded_dependencies + library.dynamic_dependencies]
        reported = set()
        for entry, dependency in wanted:
            if dependency.key not in provided and dependency.key not in reported:
                reported.add(dependency.key)
                self.problems.append(Problem("h5p.missing_library", entry, {"library": dependency}))


def _dependency(data):
    return Dependency(data["machineName"], int(data["majorVersion"]), int(data["minorVersion"]))


def _as_list(value):
    return [value] if isinstance(value, dict) else list(value or [])


def _library(folder, data):
    deps = {key: [_dependency(d) for d in _as_list(data.get(key))]
            for key in ("preloadedDependencies", "dynamicDependencies", "editorDependencies")}
    return Library(
        folder=folder, machine_name=data["machineName"], major=int(data["majorVersion"]),
        minor=int(data["minorVersion"]), patch=int(data["patchVersion"]), title=data["title"],
        runnable=str(data["runnable"]) == "1",
        preloaded_js=[p["path"] for p in _as_list(data.get("preloadedJs"))],
        preloaded_css=[p["path"] for p in _as_list(data.get("preloadedCss"))],
        preloaded_dependencies=deps["preloadedDependencies"], dynamic_dependencies=deps["dynamicDependencies"],
        editor_dependencies=deps["editorDependencies"], data=data,
    )


def _refuse_constant(name):
    raise ValueError(f"{name} is not allowed in JSON")


def _json_reason(exc):
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return str(exc)
