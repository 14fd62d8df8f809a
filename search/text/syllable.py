"""Vietnamese syllable structure: split a word into onset, vowels, final and tone, check it, spell it canonically.

Canonical tone placement follows the 2018 general-education spelling rules (Quyết định
1989/QĐ-BGDĐT, article 8): the tone mark sits on the main vowel, so the open rhymes
oa, oe, uy are written "hoà", "khoẻ", "thuỷ" (not "hòa", "khỏe", "thủy"); ia, ua, ưa keep
it on the first letter ("mía", "mùa", "lửa"); iê, yê, uô, ươ, uơ on the second ("biển",
"được", "thuở"). Flip `TONE_ON_MAIN_VOWEL` to get the older "hòa/thủy" placement instead:
search only needs both spellings to normalise to the same string.
"""
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TONE_ON_MAIN_VOWEL = True

ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"  # sắc huyền hỏi ngã nặng
TONE_MARKS = frozenset((ACUTE, GRAVE, HOOK, TILDE, DOT))
SHAPE_MARKS = frozenset(("\u0302", "\u0306", "\u031b"))  # circumflex â ê ô, breve ă, horn ơ ư

VOWELS = frozenset("aăâeêioôơuưy")
LETTERS = VOWELS | frozenset("bcdđghklmnpqrstvx")
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "kh", "ph", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
STOP_CODAS = frozenset(("c", "ch", "p", "t"))
_FRONT = frozenset("eêiy")

# vowel group -> the finals it takes ("-" = none, an open syllable)
_RHYME_TABLE = """
a: - c ch m n ng nh p t | ă: c m n ng p t | â: c m n ng p t | e: - c m n ng p t
ê: - ch m n nh p t | i: - ch m n nh p t | o: - c m n ng p t | ô: - c m n ng p t
ơ: - m n p t | u: - c m n ng p t | ư: - c m n ng t | y: -
ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ: -
iê: c m n ng p t | yê: m n t | oa: - c ch m n ng nh p t | oă: c m n ng t | oe: - n t
oo: c ng | uâ: n ng t | uê: - ch nh | uô: c m n ng t | ươ: c m n ng p t | uy: - ch n nh t
iêu yêu oai oay oeo uây uôi ươi ươu uya uyu: - | uyê: n t
"""


def _parse_table(table):
    rhymes = {}
    for part in table.replace("\n", "|").split("|"):
        if part.strip():
            groups, finals = part.split(":")
            for group in groups.split():
                rhymes[group] = frozenset("" if f == "-" else f for f in finals.split())
    return rhymes


RHYMES = _parse_table(_RHYME_TABLE)


@dataclass(frozen=True)
class Syllable:
    """One written syllable without its tone mark, plus the tone ("" for level tone)."""

    onset: str
    vowels: str
    final: str
    tone: str = ""

    @property
    def letters(self):
        return self.onset + self.vowels + self.final

    @property
    def group(self):
        """The vowel group as the rhyme table knows it ("giếng" is gi + iê + ng, written without the i)."""
        return "i" + self.vowels if self.onset == "gi" and self.vowels[0] == "ê" else self.vowels

    def has_known_rhyme(self):
        return self.final in RHYMES.get(self.group, ())

    def is_valid(self):
        """Spelling rules (c/k/q, g/gh, ng/ngh, gi, iê/yê) and tone rule (-c -ch -p -t take only sắc or nặng)."""
        group = self.group
        if not self.has_known_rhyme():
            return False
        if self.final in STOP_CODAS and self.tone not in (ACUTE, DOT):
            return False
        first = self.vowels[0]
        onset = self.onset
        if onset in ("c", "k") and (first in _FRONT) != (onset == "k"):
            return False
        if onset in ("gh", "ngh") and first not in "eêi":
            return False
        if (onset == "g" and first in "eê") or (onset == "ng" and first in "eêi"):
            return False
        if onset == "qu" and first in "uo":
            return False
        if group == "uơ" and onset not in ("h", "th", "kh"):
            return False  # only "huơ", "thuở", "khuơ"
        if group.startswith("iê") and onset in ("", "qu"):
            return False
        if group.startswith("yê") and onset not in ("", "qu"):
            return False
        return True

    def spell(self):
        """The syllable with its tone mark on the canonical vowel (see the module docstring)."""
        if not self.tone:
            return self.letters
        i = tone_position(self.vowels, self.final)
        marked = unicodedata.normalize("NFC", self.vowels[i] + self.tone)
        return self.onset + self.vowels[:i] + marked + self.vowels[i + 1:] + self.final


def tone_position(vowels, final):
    """Index in `vowels` of the letter that carries the tone mark."""
    shaped = [i for i, ch in enumerate(vowels) if ch in "ăâêôơư"]
    if shaped:
        return shaped[-1]  # ươ, uơ, iê, uô ... -> the second; ưa, ưu -> ư
    if final or len(vowels) == 1:
        return len(vowels) - 1
    if len(vowels) == 3:
        return 1  # oai, oay, oeo, uyu
    if TONE_ON_MAIN_VOWEL and vowels in ("oa", "oe", "uy"):
        return 1
    return 0


def split_tone(word):
    """(word without its tone mark, tone mark or ""); None when the word carries two tone marks."""
    tone = ""
    letters = []
    for ch in word:
        decomposed = unicodedata.normalize("NFD", ch)
        marks = [m for m in decomposed if m in TONE_MARKS]
        if marks:
            if tone or len(marks) > 1:
                return None
            tone = marks[0]
            ch = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONE_MARKS))
        letters.append(ch)
    return "".join(letters), tone


def parse_letters(letters, tone=""):
    """A Syllable from toneless lower-case letters, or None when they do not split as onset + vowels + final."""
    if not letters or any(ch not in LETTERS for ch in letters):
        return None
    if letters[:2] in ("qu", "gi") and len(letters) > 2 and letters[2] in VOWELS:
        onset = letters[:2]
    else:
        onset = next((o for o in _ONSETS if letters.startswith(o)), "")
    rest = letters[len(onset):]
    end = 0
    while end < len(rest) and rest[end] in VOWELS:
        end += 1
    if not end:
        return None
    return Syllable(onset, rest[:end], rest[end:], tone)


@lru_cache(maxsize=65536)
def parse_syllable(word):
    """Syllable for one NFC lower-case word if it has Vietnamese syllable structure, else None (tone not checked)."""
    split = split_tone(word)
    if split is None:
        return None
    syllable = parse_letters(*split)
    return syllable if syllable is not None and syllable.has_known_rhyme() else None


def is_valid_syllable(word):
    """True when `word` (NFC, lower case) is a well-formed Vietnamese syllable, tone rules included."""
    syllable = parse_syllable(word)
    return syllable is not None and syllable.is_valid()


@lru_cache(maxsize=65536)
def canonical_word(word):
    """`word` with its tone mark moved to the canonical vowel; other words come back unchanged."""
    if word.isascii():
        return word
    syllable = parse_syllable(word)
    if syllable is None or not syllable.tone:
        return word
    return syllable.spell()
