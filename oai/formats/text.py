"""Text for XML elements: HTML reduced to plain text, and characters XML 1.0 cannot carry removed."""
import html
import re

from django.utils.html import strip_tags

# C0 controls other than tab, newline and carriage return, lone surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BLOCK_END = re.compile(r"(?i)(<br\s*/?>|</(p|div|li|h[1-6]|blockquote|tr)>|<hr\s*/?>)")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def xml_text(value):
    """`value` as a string an XML 1.0 document can hold (the serializer escapes <, & and quotes)."""
    return _NOT_XML.sub("", str(value))


def plain_text(markup):
    """Plain text of an HTML fragment: tags dropped, entities decoded, one line per paragraph."""
    text = html.unescape(strip_tags(_BLOCK_END.sub(lambda m: m.group(0) + "\n", markup or "")))
    lines = _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()
    return xml_text(lines)
