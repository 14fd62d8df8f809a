"""Typo tolerance: is a word one edit away from another, and which index words could the user have meant."""
from functools import lru_cache

from .normalize import fold, normalize

MIN_LENGTH = 5


def edit_distance_at_most_one(a, b):
    """True when one insertion, deletion, substitution or swap of two neighbouring letters turns a into b."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    if a[i + 1:] == b[i + 1:]:
        return True
    return a[i:i + 2] == b[i:i + 2][::-1] and a[i + 2:] == b[i + 2:]


@lru_cache(maxsize=100_000)
def _folded(word):
    return fold(word)


def suggest_corrections(word, vocabulary, min_length=MIN_LENGTH):
    """Words of `vocabulary` within one edit of `word`, compared folded; most frequent first when
    `vocabulary` maps word -> count (then closest, then alphabetical). Words shorter than
    `min_length` letters get no suggestions; the word itself (same normalised spelling) is left out."""
    target = _folded(word or "")
    if len(target) < min_length:
        return []
    typed = normalize(word)
    counts = vocabulary if isinstance(vocabulary, dict) else None
    found = []
    for candidate in vocabulary:
        folded = _folded(candidate)
        if abs(len(folded) - len(target)) <= 1 and edit_distance_at_most_one(folded, target):
            if candidate != typed and normalize(candidate) != typed:
                count = counts.get(candidate, 0) if counts is not None else 0
                found.append((-count, folded != target, candidate))
    return [candidate for *_, candidate in sorted(found)]
