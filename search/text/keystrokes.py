"""Reading Vietnamese typed as raw Telex or VNI keystrokes ("xoas mu chuwx", "xo1a mu2 chu74") back into words.

A word is decoded only when it carries input-method keys and the result is a well-formed
Vietnamese syllable; plain words ("lan", "tin", "hoa", "internet") are never touched.
Ambiguities resolved here on purpose:

- a Telex tone key may come at the end ("toans"), before the final ("toasn") or between the
  vowels ("tosan"); but "s" right before a final -t/-p is read as English ("test", "list",
  "cost"), and a tone key followed only by "e" as an English silent e ("rose", "more");
- English words that would decode to a real-looking syllable and are common in course
  titles ("is", "of", "bus", "this", "how"...) are listed in `_ENGLISH` and left alone;
  others still decode ("cats" -> "cát"): the decoded text is only an extra phrase to search;
- in VNI, "a" followed by digits (A1, A2 language levels, A4 paper) is not read as "á", "à", "ả".
"""
import re

from .normalize import normalize
from .syllable import ACUTE, DOT, GRAVE, HOOK, TILDE, VOWELS, parse_letters, parse_syllable

_TELEX_TONES = {"s": ACUTE, "f": GRAVE, "r": HOOK, "x": TILDE, "j": DOT}
_VNI_TONES = {"1": ACUTE, "2": GRAVE, "3": HOOK, "4": TILDE, "5": DOT}
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"o": "ơ", "u": "ư"}
_BREVE = {"a": "ă"}
_HORN_OR_BREVE = {"a": "ă", "o": "ơ", "u": "ư"}  # what a late Telex "w" may apply to
_ENGLISH = frozenset("""
as is us of if or its has his this thus was does how now two her per sir see seen low row won
bus gas box tax ox wax yes w
""".split())
_ASCII_WORD = re.compile(r"[a-z]+")
_VNI_WORD = re.compile(r"[a-z][a-z0-9]*")
_RUN = re.compile(r"[^\W_]+")


class _Typed:
    """Letters typed so far with the marks already applied, the tone, and modifiers still to place."""

    def __init__(self):
        self.letters = []
        self.tone = ""
        self.late = []        # modifier tables typed away from the vowel they belong to
        self.seen_vowel = False

    def add(self, ch):
        self.letters.append(ch)
        self.seen_vowel = self.seen_vowel or ch in VOWELS

    def set_tone(self, tone):
        if self.tone or not self.seen_vowel:
            return False
        self.tone = tone
        return True

    def vowels_typed(self):
        """The letters after the onset (the i of "gi" and the u of "qu" belong to the onset)."""
        letters = self.letters
        start = 2 if letters[:2] in (["g", "i"], ["q", "u"]) and len(letters) > 2 else 0
        while start < len(letters) and letters[start] not in VOWELS:
            start += 1
        return letters[start:]

    def modify_last(self, table):
        """Apply a shape mark to the letter just typed (ươ for "uo" with a horn); False if it does not fit."""
        last = self.letters[-1] if self.letters else ""
        if table is _HORN and self.letters[-2:] in (["u", "o"], ["ư", "o"]):
            self.letters[-2:] = ["ư", "ơ"]
        elif last in table:
            self.letters[-1] = table[last]
        else:
            return False
        return True

    def candidates(self):
        """Possible spellings, most likely first, once late modifiers are placed on the vowels."""
        spellings = ["".join(self.letters)]
        for table in self.late:
            spellings = [s for spelling in spellings for s in _place(spelling, table)]
        out = []
        for spelling in spellings:
            spelling = spelling.replace("ưo", "ươ")
            out.append(spelling)
            if "ươ" in spelling:
                out.append(spelling.replace("ươ", "uơ"))  # "thuở", "huơ"
        return out

    def result(self, original):
        for spelling in self.candidates():
            syllable = parse_letters(spelling, self.tone)
            if syllable is not None and syllable.is_valid():
                word = syllable.spell()
                return word if word != original else None
        return None


def _place(spelling, table):
    """Every way to put a late modifier on one vowel of `spelling` (the uo pair first for a horn)."""
    options = []
    if table in (_HORN, _HORN_OR_BREVE) and "uo" in spelling:
        options.append(spelling.replace("uo", "ươ", 1))
    for i, ch in enumerate(spelling):
        if ch in table:
            options.append(spelling[:i] + table[ch] + spelling[i + 1:])
    return options


def _is_plain_syllable(word):
    """A word already spelled as a Vietnamese syllable is left alone; "oo" is the exception, read as
    Telex ô ("khoong" -> "không"), so the rare "xoong", "boong" also get a decoded alternative."""
    return "oo" not in word and parse_syllable(word) is not None


def decode_telex(word):
    """The syllable a Telex typist meant ("dduwowngf" -> "đường"), or None if `word` is not Telex."""
    word = (word or "").lower()
    if not _ASCII_WORD.fullmatch(word) or len(word) > 12 or word in _ENGLISH or _is_plain_syllable(word):
        return None
    typed = _Typed()
    for i, ch in enumerate(word):
        if ch in _TELEX_TONES and typed.seen_vowel:
            after = word[i + 1:]
            if not typed.set_tone(_TELEX_TONES[ch]) or (ch == "s" and after in ("t", "p")) or after == "e":
                return None
        elif ch == "d" and typed.letters == ["d"]:
            typed.letters[0] = "đ"
        elif ch in _CIRCUMFLEX and typed.letters[-1:] == [ch]:
            typed.letters[-1] = _CIRCUMFLEX[ch]
        elif ch == "w":
            if typed.letters[-1:] and typed.letters[-1] in "ăơư":
                return None  # "ww" undoes the mark in Telex: not something people search with
            vowels = typed.vowels_typed()
            two_vowels = len(vowels) > 1 and vowels[-1] in VOWELS and vowels[-2] in VOWELS
            if two_vowels and typed.letters[-2:] not in (["u", "o"], ["ư", "o"]):
                typed.late.append(_HORN_OR_BREVE)  # "muaw" -> "mưa", "hoawcj" -> "hoặc": placed on the valid vowel
            elif not typed.modify_last(_HORN) and not typed.modify_last(_BREVE):
                if typed.seen_vowel:
                    typed.late.append(_HORN_OR_BREVE)  # "duongw" -> "dương"
                else:
                    typed.add("ư")  # "w" on its own is ư: "nhwngx" -> "những"
        else:
            typed.add(ch)
    return typed.result(word)


def decode_vni(word):
    """The syllable a VNI typist meant ("d9u7o7ng2" -> "đường"), or None if `word` is not VNI."""
    word = (word or "").lower()
    if not _VNI_WORD.fullmatch(word) or word.isalpha() or len(word) > 12 or re.fullmatch(r"a\d+", word):
        return None
    typed = _Typed()
    for ch in word:
        if ch in _VNI_TONES:
            if not typed.set_tone(_VNI_TONES[ch]):
                return None
        elif ch in "678":
            table = {"6": _CIRCUMFLEX, "7": _HORN, "8": _BREVE}[ch]
            if not typed.modify_last(table):
                if not typed.seen_vowel:
                    return None
                typed.late.append(table)
        elif ch == "9":
            if typed.letters[:1] != ["d"]:
                return None
            typed.letters[0] = "đ"
        elif ch == "0":
            return None  # 0 removes marks: part of a number ("lop10", "iso9001"), not a syllable
        else:
            typed.add(ch)
    return typed.result(word)


def decode_word(word):
    """Telex or VNI decoding of one word (VNI when it contains digits); None when nothing changes."""
    return decode_vni(word) if any(ch.isdigit() for ch in word) else decode_telex(word)


def decode_query(text):
    """The query with each Telex/VNI-typed word decoded, or None when no word changed."""
    changed = False

    def replace(match):
        nonlocal changed
        run = match.group()
        decoded = decode_word(run) if run.isascii() else None
        changed = changed or decoded is not None
        return decoded or run

    decoded = _RUN.sub(replace, normalize(text))
    return decoded if changed else None
