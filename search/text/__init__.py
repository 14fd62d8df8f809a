"""Vietnamese text for search: normalising, folding, Telex/VNI decoding, abbreviations, highlighting, typos.

Pure Python (standard library only); both search backends call `query_forms` for a query and
`normalize`/`fold`/`tokenize` for indexed text, so the two always agree.
"""
from .glossary import Glossary, GlossaryEntry, default_glossary, expand_abbreviations, load_glossary
from .highlight import excerpt, highlight
from .keystrokes import decode_query, decode_telex, decode_vni
from .normalize import fold, has_diacritics, normalize, tokenize
from .query import QueryForms, query_forms, spelling_variants
from .syllable import TONE_ON_MAIN_VOWEL, Syllable, is_valid_syllable, parse_syllable
from .typos import edit_distance_at_most_one, suggest_corrections

__all__ = [
    "Glossary", "GlossaryEntry", "QueryForms", "Syllable", "TONE_ON_MAIN_VOWEL",
    "decode_query", "decode_telex", "decode_vni", "default_glossary", "edit_distance_at_most_one",
    "excerpt", "expand_abbreviations", "fold", "has_diacritics", "highlight", "is_valid_syllable",
    "load_glossary", "normalize", "parse_syllable", "query_forms", "spelling_variants",
    "suggest_corrections", "tokenize",
]
