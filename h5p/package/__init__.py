"""Pure H5P package validation and reading (no database, no storage of its own); see docs/h5p.md."""
from .extract import extract_to
from .limits import Limits
from .model import Dependency, Entry, H5PPackage, Library
from .problems import InvalidPackage, Problem
from .reader import read_package, validate

__all__ = [
    "Dependency", "Entry", "H5PPackage", "InvalidPackage", "Library", "Limits", "Problem",
    "extract_to", "read_package", "validate",
]
