"""The size limits a package must stay within, read from settings (H5P_MAX_* in docs/h5p.md)."""
from dataclasses import dataclass

from django.conf import settings

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps applied while a package is read; the uncompressed total is counted on the bytes really read."""

    max_entries: int = 5000
    max_uncompressed_bytes: int = 1024 * MIB
    max_compression_ratio: int = 100
    # Small files may compress very well (a JSON file of repeated keys); a ratio only marks a bomb
    # once the file is big enough to hurt, so it is checked from this size up.
    ratio_floor_bytes: int = 1 * MIB
    # JSON and SVG files are held in memory to be parsed; larger ones are refused.
    max_parsed_bytes: int = 32 * MIB

    @classmethod
    def from_settings(cls):
        return cls(
            max_entries=settings.H5P_MAX_ENTRIES,
            max_uncompressed_bytes=settings.H5P_MAX_UNCOMPRESSED_BYTES,
            max_compression_ratio=settings.H5P_MAX_COMPRESSION_RATIO,
        )
