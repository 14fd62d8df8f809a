"""Normalising and folding Vietnamese text so that every way of typing a word compares equal.

`normalize` keeps the diacritics (one canonical spelling per word); `fold` drops them,
mapping đ to d, for matching text typed without diacritics or scanned without them.
"""
import re
import unicodedata

from core.text import fold_ascii

from .syllable import SHAPE_MARKS, canonical_word

# Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, but they split words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_MARK_RUN = re.compile(r"[\u0300-\u036f]{2,}")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_LETTERS = re.compile(r"[^\W\d_]+")
# A decimal number ("4.0", "1,5", "1.000.000") is one token; so is a run of letters and
# digits ("a1", "mp3", "covid19"); apostrophes inside a word are dropped ("H'Mông" -> "hmông").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['’][^\W_]+)*")


def _compose(text):
    """NFC, with stray combining marks in any order put back on their letters (shape mark before tone)."""
    text = str(text).translate(_INVISIBLE)
    if _COMBINING.search(text):
        # NFD keeps the typed order of marks of the same class, so "a" + acute + circumflex
        # would not recompose to "ấ"; reorder each run so circumflex/breve/horn come first.
        text = _MARK_RUN.sub(
            lambda m: "".join(sorted(m.group(), key=lambda mark: mark not in SHAPE_MARKS)),
            unicodedata.normalize("NFD", text),
        )
    return unicodedata.normalize("NFC", text)


def _basic(text):
    return " ".join(_compose(text).lower().split())


def normalize(text):
    """NFC, lower case, single spaces, and tone marks in their canonical place ("Hòa" -> "hoà")."""
    if not text:
        return ""
    return _LETTERS.sub(lambda m: canonical_word(m.group()), _basic(text))


def fold(text):
    """`normalize` without any diacritic: "Đồng bào" -> "dong bao"."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", fold_ascii(_basic(text)))


def has_diacritics(text):
    """True when the text carries any Vietnamese diacritic (đ included)."""
    return fold(text) != _basic(text)


def tokenize(text):
    """Normalised word tokens: letters and digits, split on spaces and punctuation; decimals kept whole."""
    return [m.group().replace("'", "").replace("’", "") for m in _TOKEN.finditer(normalize(text))]
