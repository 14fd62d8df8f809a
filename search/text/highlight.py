"""Marking query terms in stored text, ignoring diacritics but keeping the text's own characters, HTML-escaped."""
import html
import re
import unicodedata
from functools import lru_cache

from core.text import fold_ascii

from .normalize import tokenize

_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@lru_cache(maxsize=8192)
def _fold_char(ch):
    if ch in _INVISIBLE or unicodedata.combining(ch):
        return ""
    return fold_ascii(ch.lower())


def _folded_with_positions(text):
    """The folded text and, for each of its characters, the index of the character it came from."""
    chars, positions = [], []
    for i, ch in enumerate(text):
        for folded in _fold_char(ch):
            chars.append(folded)
            positions.append(i)
    return "".join(chars), positions


def _pattern(terms):
    """One regex for all terms (folded, whole words, any punctuation or space between words), longest first."""
    alternatives = {}
    for term in terms or ():
        words = [fold_ascii(token) for token in tokenize(term)]
        if words:
            alternatives[r"[\W_]+".join(map(re.escape, words))] = len(" ".join(words))
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=lambda alt: (-alternatives[alt], alt))
    return re.compile(r"(?<![^\W_])(?:" + "|".join(ordered) + r")(?![^\W_])")


def _spans(text, pattern):
    """(start, end) in `text` of each match, combining marks after the last letter included."""
    folded, positions = _folded_with_positions(text)
    for match in pattern.finditer(folded):
        start, end = positions[match.start()], positions[match.end() - 1] + 1
        while end < len(text) and (unicodedata.combining(text[end]) or text[end] in _INVISIBLE):
            end += 1
        yield start, end


def highlight(text, terms, start="<mark>", end="</mark>"):
    """`text` HTML-escaped with every occurrence of each term wrapped in start/end ("xoa mu chu" marks "Xóa mù chữ")."""
    text = "" if text is None else str(text)
    pattern = _pattern(terms)
    if pattern is None:
        return html.escape(text)
    out, last = [], 0
    for span_start, span_end in _spans(text, pattern):
        out.append(html.escape(text[last:span_start]))
        out.append(start + html.escape(text[span_start:span_end]) + end)
        last = span_end
    out.append(html.escape(text[last:]))
    return "".join(out)


def excerpt(text, terms, length=200, start="<mark>", end="</mark>"):
    """About `length` characters of plain text around the first match (or from the start), cut between
    words with "…", highlighted."""
    plain = " ".join(str(text or "").split())
    if len(plain) <= length:
        return highlight(plain, terms, start, end)
    pattern = _pattern(terms)
    first = next(_spans(plain, pattern), None) if pattern else None
    match_start, match_end = first or (0, 0)
    left = max(0, match_start - length // 4)
    right = min(len(plain), max(left + length, match_end))
    left = max(0, min(left, right - length, match_start))
    if left > 0 and not plain[left - 1].isspace():
        space = plain.find(" ", left, match_start)
        left = space + 1 if space >= 0 else left
    if right < len(plain) and not plain[right].isspace():
        space = plain.rfind(" ", max(left, match_end), right)
        right = space if space > left else right
    window = plain[left:right].strip()
    return ("…" if left > 0 else "") + highlight(window, terms, start, end) + ("…" if right < len(plain) else "")
