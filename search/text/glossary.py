"""The abbreviation glossary: domain abbreviations and their expansions, matched both ways whatever the diacritics.

The fixed vocabulary of shared/DOMAIN.md lives in search/data/abbreviations.json; admins add
pairs later and pass them to `load_glossary(extra=...)`. Phrases are matched as whole tokens
after folding, so "tthtcd", "TTHTCĐ" and "TT HTCĐ" are all found.
"""
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalize import fold, normalize, tokenize

GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "data" / "abbreviations.json"
MAX_PHRASES = 12


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept: its abbreviations and its expansions (normalised; usual spelling first)."""

    abbreviations: tuple
    expansions: tuple
    english: str = ""


def _words(phrase):
    return " ".join(tokenize(phrase))


def _key(phrase):
    return tuple(fold(token) for token in tokenize(phrase))


class Glossary:
    """Entries indexed by their folded tokens, for matching inside a query."""

    def __init__(self, entries):
        self.entries = tuple(entries)
        self._index = {}  # folded tokens -> [(entry, typed phrase is an abbreviation)]
        for entry in self.entries:
            for is_abbreviation, phrases in ((True, entry.abbreviations), (False, entry.expansions)):
                for phrase in phrases:
                    hits = self._index.setdefault(_key(phrase), [])
                    if (entry, is_abbreviation) not in hits:
                        hits.append((entry, is_abbreviation))
        self._longest = max(map(len, self._index), default=0)

    def __len__(self):
        return len(self.entries)

    def find(self, tokens):
        """Non-overlapping matches in a list of tokens, longest first from the left: (start, end, hits)."""
        folded = [fold(token) for token in tokens]
        matches, i = [], 0
        while i < len(folded):
            for n in range(min(self._longest, len(folded) - i), 0, -1):
                hits = self._index.get(tuple(folded[i:i + n]))
                if hits:
                    matches.append((i, i + n, hits))
                    i += n
                    break
            else:
                i += 1
        return matches

    def alternatives(self, typed, hits):
        """Other ways to write a matched phrase: expansions of an abbreviation, abbreviations of an
        expansion, and the glossary's own spellings of what was typed (diacritics restored, variants)."""
        key = _key(typed)
        phrases = []
        for entry, is_abbreviation in hits:
            same = entry.abbreviations if is_abbreviation else entry.expansions
            other = entry.expansions if is_abbreviation else entry.abbreviations
            same = sorted(same, key=lambda phrase: _key(phrase) != key)  # the typed one's usual spelling first
            phrases += list(other) + same if is_abbreviation else same + list(other)
        return [p for p in dict.fromkeys(map(_words, phrases)) if p != typed]


def _entries_from_file(path):
    with open(path, encoding="utf-8") as handle:
        rows = json.load(handle)["entries"]
    entries = []
    for number, row in enumerate(rows, start=1):
        abbreviations = tuple(normalize(a) for a in row.get("abbreviations", ()) if normalize(a))
        expansions = tuple(normalize(e) for e in row.get("expansions", ()) if normalize(e))
        if not abbreviations or not expansions:
            raise ValueError(f"{path}: entry {number} needs non-empty 'abbreviations' and 'expansions' lists.")
        entries.append(GlossaryEntry(abbreviations, expansions, row.get("en", "")))
    return tuple(entries)


@lru_cache(maxsize=4)
def _file_entries(path):
    return _entries_from_file(path)


def load_glossary(extra=()):
    """The domain glossary plus `extra` (abbreviation, expansion) pairs, such as those admins add."""
    entries = list(_file_entries(GLOSSARY_PATH))
    for pair in extra:
        abbreviation, expansion = pair
        abbreviation, expansion = normalize(abbreviation), normalize(expansion)
        if not tokenize(abbreviation) or not tokenize(expansion):
            raise ValueError(f"A glossary pair needs both an abbreviation and an expansion, got {tuple(pair)!r}.")
        entries.append(GlossaryEntry((abbreviation,), (expansion,)))
    return Glossary(entries)


@lru_cache(maxsize=1)
def default_glossary():
    """The glossary from search/data/abbreviations.json alone (loaded once)."""
    return load_glossary()


def expand_abbreviations(text, glossary=None):
    """Alternative phrasings of a query, each known abbreviation replaced by its expansions and each
    known expansion by its abbreviations ("xmc muc do 1" -> ["xoá mù chữ muc do 1"]); normalised, deduplicated."""
    glossary = default_glossary() if glossary is None else glossary
    tokens = tokenize(text)
    typed = " ".join(tokens)
    matches = glossary.find(tokens)
    phrases, firsts = [], []
    for start, end, hits in matches:
        alternatives = glossary.alternatives(" ".join(tokens[start:end]), hits)
        phrases += [" ".join(tokens[:start] + [alt] + tokens[end:]) for alt in alternatives]
        firsts.append((start, end, alternatives[0] if alternatives else " ".join(tokens[start:end])))
    if len(firsts) > 1:  # every match replaced at once: "gv thcs" -> "giáo viên trung học cơ sở"
        combined, last = [], 0
        for start, end, alternative in firsts:
            combined += tokens[last:start] + [alternative]
            last = end
        phrases.append(" ".join(combined + tokens[last:]))
    return [p for p in dict.fromkeys(phrases) if p != typed][:MAX_PHRASES]
