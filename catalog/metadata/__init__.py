"""The AMB metadata mapping: one place that turns resources and courses into AMB records and back.

WARNING: partners depend on this schema. Universities, LMSs and smart classrooms
harvest these records (export, REST API, OAI-PMH derives Dublin Core from them)
and push records in the same shape (import). Renaming a key, changing a URI or
dropping a field breaks their sync silently. Add fields only; change anything else
only with a versioned format, a note in docs/metadata.md and a word to partners.
The round-trip tests in tests/catalog/ guard the shape.
"""
from .common import (  # noqa: F401
    AMB_CONTEXT_URL,
    COMPLETION_CRITERIA_IRI,
    COURSE_CONTEXT,
    HCRT_COURSE,
    RESOURCE_CONTEXT,
    clean_html,
    format_duration,
    licence_key,
    parse_duration,
    uri_key,
)
from .lookups import Lookups  # noqa: F401
from .reader import ParsedRecord, from_amb, record_kind  # noqa: F401
from .writer import (  # noqa: F401
    COURSE,
    EXPORT_ONLY,
    RESOURCE,
    amb_from_values,
    centre_of,
    page_kind,
    page_values,
    to_amb,
)
