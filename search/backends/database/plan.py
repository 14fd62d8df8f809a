"""What a text query asks the database to match and rank, independent of the SQL dialect.

`plan_for(text)` reads `search.text.query_forms`: every phrase form (as typed, Telex/VNI-decoded,
abbreviation expansions, spelling variants) folded into a group of tokens; a document matches
when it holds every token of at least one group. The last word is a prefix when it is the word
the user was typing. Forms that carry diacritics also give "exact" groups (only their marked
tokens), used to rank matches that keep the user's diacritics first.
"""
import string
from dataclasses import dataclass

from search.text import fold, query_forms, tokenize
from search.text.query import spelling_variants

from .documents import MAX_TOKEN_LENGTH, WORD_LENGTHS

MAX_CORRECTED_WORDS = 4
_ALPHABET = string.ascii_lowercase


@dataclass(frozen=True)
class Group:
    """Tokens that must all occur (in this order for a phrase match); `prefix`: the last one may be a prefix.

    `faithful`: the group is the text as typed or Telex/VNI-decoded (folded or not, either i/y
    spelling), not a glossary expansion; its phrase ranks above an expansion's in the same field."""

    tokens: tuple
    prefix: bool
    faithful: bool = True


@dataclass(frozen=True)
class Plan:
    """The matching and ranking inputs of one text query."""

    groups: tuple        # folded groups, any of which matches
    exact: tuple         # groups of marked (diacritic) tokens, for ranking only
    words: tuple         # the tokens as typed, normalised (a corrected query keeps them)
    typed: tuple         # the same, folded (suggestions complete these)
    phrases: tuple       # every phrase form, for highlighting

    @property
    def empty(self):
        return not self.groups

    @property
    def faithful_groups(self):
        """The groups of the text as typed or decoded, when some other group is an expansion (else None)."""
        faithful = tuple(g for g in self.groups if g.faithful)
        return faithful if faithful and len(faithful) < len(self.groups) else None


def _tokens(phrase):
    return tuple(t for t in tokenize(phrase) if len(t) <= MAX_TOKEN_LENGTH)


def plan_for(text):
    """The Plan for the text a user typed (an empty plan when it has no word at all)."""
    forms = query_forms(text)
    phrases = forms.all_phrases()
    typed_last = {tokens[-1] for tokens in (_tokens(forms.folded), _tokens(fold(forms.telex or ""))) if tokens}
    bases = [p for p in (forms.original, forms.telex) if p]
    faithful = {tuple(fold(t) for t in _tokens(p)) for p in bases + [v for b in bases for v in spelling_variants(b)]}
    groups, exact = {}, {}
    for phrase in phrases:
        tokens = _tokens(phrase)
        if not tokens:
            continue
        folded = tuple(fold(t) for t in tokens)
        prefix = folded[-1] in typed_last
        groups[folded] = groups.get(folded, False) or prefix
        marked = tuple(t for t in tokens if fold(t) != t)
        if marked:
            exact[marked] = exact.get(marked, False) or (prefix and marked[-1] == tokens[-1])
    words = _tokens(forms.original)
    return Plan(
        groups=tuple(Group(tokens, prefix, tokens in faithful) for tokens, prefix in groups.items()),
        exact=tuple(Group(tokens, prefix) for tokens, prefix in exact.items()),
        words=words,
        typed=tuple(fold(t) for t in words),
        phrases=tuple(phrases),
    )


def completes(title, typed):
    """True when the folded title has the typed tokens in a row, the last one as the start of a word."""
    words = [fold(t) for t in tokenize(title)]
    n = len(typed)
    if not n:
        return False
    for i in range(len(words) - n + 1):
        if list(words[i:i + n - 1]) == list(typed[:-1]) and words[i + n - 1].startswith(typed[-1]):
            return True
    return False


# -- typo correction -------------------------------------------------------------------------------

def correctable(typed):
    """Typed folded words long enough to correct (letters only), at most a few, with their positions."""
    found = [(i, t) for i, t in enumerate(typed) if t.isalpha() and len(t) >= 5 and len(t) in WORD_LENGTHS]
    return found[:MAX_CORRECTED_WORDS]


def neighbours(word):
    """Every string one deletion, swap, substitution or insertion away from `word` (the candidates to look up)."""
    letters = set(_ALPHABET) | set(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in letters}
    found |= {a + c + b for a, b in splits for c in letters}
    found.discard(word)
    return {w for w in found if len(w) in WORD_LENGTHS}
