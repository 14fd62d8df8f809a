"""Language-neutral text helpers: Vietnamese-aware ASCII folding for slugs and keys."""
import re
import unicodedata

_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold_ascii(text: str) -> str:
    """Drop diacritics, mapping đ/Đ (a letter of its own, not d + mark) to d/D."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify_vi(text: str, max_length: int = 80) -> str:
    """A URL slug from Vietnamese text: 'Xóa mù chữ mức độ 1' -> 'xoa-mu-chu-muc-do-1'."""
    ascii_text = fold_ascii(text).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:max_length].rstrip("-") or "tai-lieu"
