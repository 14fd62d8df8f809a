"""What a validated H5P package holds: its metadata from h5p.json, its libraries and its files."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dependency:
    """A reference to a library by machine name and major.minor version (H5P matches exactly these)."""

    machine_name: str
    major: int
    minor: int

    def __str__(self):
        return f"{self.machine_name} {self.major}.{self.minor}"

    @property
    def key(self):
        return (self.machine_name, self.major, self.minor)


@dataclass(frozen=True)
class Entry:
    """A file of the package that is kept when it is extracted; sizes are the ones really read."""

    name: str
    size: int
    compressed_size: int
    crc: int


@dataclass
class Library:
    """One library folder with what its library.json says."""

    folder: str
    machine_name: str
    major: int
    minor: int
    patch: int
    title: str
    runnable: bool
    preloaded_js: list = field(default_factory=list)
    preloaded_css: list = field(default_factory=list)
    preloaded_dependencies: list = field(default_factory=list)
    dynamic_dependencies: list = field(default_factory=list)
    editor_dependencies: list = field(default_factory=list)
    data: dict = field(default_factory=dict, repr=False)

    @property
    def dependency(self):
        return Dependency(self.machine_name, self.major, self.minor)

    def __str__(self):
        return f"{self.machine_name} {self.major}.{self.minor}.{self.patch}"


@dataclass
class H5PPackage:
    """A package that passed every check. Licence values are H5P's own codes; mapping them is the caller's job."""

    h5p_json: dict = field(repr=False)
    content_json: dict = field(repr=False)
    libraries: list
    entries: list = field(repr=False)
    skipped: list = field(default_factory=list, repr=False)
    source: object = field(default=None, repr=False)

    @property
    def title(self):
        return self.h5p_json["title"]

    @property
    def language(self):
        return self.h5p_json["language"]

    @property
    def default_language(self):
        return self.h5p_json.get("defaultLanguage", "")

    @property
    def main_library(self):
        """The main library (a `Library`) as chosen by h5p.json's mainLibrary and preloadedDependencies."""
        name = self.h5p_json["mainLibrary"]
        return next(lib for lib in self.libraries if lib.machine_name == name and lib.dependency in self._preloaded)

    @property
    def _preloaded(self):
        return {Dependency(d["machineName"], int(d["majorVersion"]), int(d["minorVersion"]))
                for d in self.h5p_json["preloadedDependencies"]}

    @property
    def licence(self):
        """H5P's licence code ("CC BY-SA", "CC0 1.0", "U" for undisclosed, ...), or ""."""
        return self.h5p_json.get("license", "")

    @property
    def licence_version(self):
        return self.h5p_json.get("licenseVersion", "")

    @property
    def authors(self):
        """[{"name", "role"}] from h5p.json; the deprecated single `author` string counts as an Author."""
        authors = [dict(a) for a in self.h5p_json.get("authors", [])]
        if not authors and self.h5p_json.get("author"):
            authors = [{"name": self.h5p_json["author"], "role": "Author"}]
        return authors

    @property
    def size(self):
        """Total bytes of the files that extraction writes."""
        return sum(entry.size for entry in self.entries)
