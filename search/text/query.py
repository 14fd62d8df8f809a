"""Every phrasing of one search query that a backend should look for, most faithful first."""
import re
from dataclasses import dataclass, field

from .glossary import default_glossary, expand_abbreviations
from .keystrokes import decode_query
from .normalize import fold, normalize

MAX_EXPANSIONS = 16

# "kĩ/kỹ", "lí/lý", "mĩ/mỹ", "sĩ/sỹ", "tỉ/tỷ", "hi/hy", "qui/quy": both spellings are in use
# (the 2018 textbooks write i), so each query also looks for the other one.
_I_OR_Y = re.compile(r"(?<![^\W_])(h|k|l|m|s|t|qu)([iíìỉĩịyýỳỷỹỵ])(?![^\W_])")
_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
_TO_Y = str.maketrans("iíìỉĩị", "yýỳỷỹỵ")


def spelling_variants(phrase):
    """The phrase with every final i written y, and with every final y written i (when that changes it)."""
    variants = [_I_OR_Y.sub(lambda m: m.group(1) + m.group(2).translate(table), phrase) for table in (_TO_I, _TO_Y)]
    return [v for v in dict.fromkeys(variants) if v != phrase]


@dataclass(frozen=True)
class QueryForms:
    """A query as typed (normalised), folded, decoded from Telex/VNI, and its glossary/spelling alternatives."""

    original: str
    folded: str
    has_diacritics: bool
    telex: str | None = None
    expansions: list = field(default_factory=list)

    def all_phrases(self):
        """Distinct phrases to search, most faithful first: as typed, as decoded from Telex/VNI,
        alternatives that carry diacritics, then the folded forms (typed, decoded, alternatives)."""
        marked = [p for p in self.expansions if fold(p) != p]
        plain = [p for p in self.expansions if fold(p) == p]
        ordered = [self.original, self.telex, *marked, self.folded, fold(self.telex or ""), *plain]
        return [p for p in dict.fromkeys(ordered) if p]


def query_forms(text, glossary=None):
    """The QueryForms both search backends use for the text a user typed."""
    original = normalize(text)
    folded = fold(original)
    telex = decode_query(original)
    glossary = default_glossary() if glossary is None else glossary
    bases = [original] + ([telex] if telex else [])
    alternatives = [alt for base in bases for alt in expand_abbreviations(base, glossary)]
    alternatives += [v for phrase in bases + alternatives for v in spelling_variants(phrase)]
    alternatives += [fold(p) for p in alternatives]
    known = {original, folded, telex, fold(telex or "")}
    expansions = [p for p in dict.fromkeys(alternatives) if p not in known][:MAX_EXPANSIONS]
    return QueryForms(original, folded, original != folded, telex, expansions)
