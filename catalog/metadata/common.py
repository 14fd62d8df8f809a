"""Pieces of the AMB mapping shared by both directions: context, URI keys, durations and HTML cleaning."""
import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import nh3

AMB_CONTEXT_URL = "https://w3id.org/kim/amb/context.jsonld"
# Project extension for courses; partners read this IRI, so it never follows OER_VOCAB_BASE_URI.
COMPLETION_CRITERIA_IRI = "https://oerhub.edu.vn/vocab/completionCriteria"
RESOURCE_CONTEXT = [AMB_CONTEXT_URL, {"@language": "vi"}]
COURSE_CONTEXT = [AMB_CONTEXT_URL, {"@language": "vi", "completionCriteria": COMPLETION_CRITERIA_IRI}]
RESOURCE_TYPES = ["LearningResource"]
COURSE_TYPES = ["LearningResource", "Course"]
HCRT_COURSE = {
    "id": "https://w3id.org/kim/hcrt/course",
    "prefLabel": {"vi": "Khóa học", "en": "Course"},
}

# What a body may keep: roughly the rich-text features of the page editor.
HTML_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "a", "ol", "ul", "li", "hr", "blockquote"}


@functools.lru_cache(maxsize=8)
def _cleaner(base_url):
    options = {"tags": HTML_TAGS, "attributes": {"a": {"href"}}, "url_schemes": {"http", "https", "mailto"},
               "link_rel": None}
    if base_url:
        options["url_relative"] = ("rewrite_with_base", base_url.rstrip("/") + "/")
    return nh3.Cleaner(**options)


_SCHEME = re.compile(r"^https?://(www\.)?", re.IGNORECASE)
_LICENCE_SUFFIX = re.compile(r"/(deed(\.[a-z0-9_-]+)?|legalcode(\.[a-z0-9_-]+)?)$")
_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+(?:[.,]\d+)?)W)?(?:(?P<days>\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:[.,]\d+)?)H)?(?:(?P<minutes>\d+(?:[.,]\d+)?)M)?(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?$",
    re.IGNORECASE,
)
_UNIT_HOURS = {"weeks": Decimal(168), "days": Decimal(24), "hours": Decimal(1), "minutes": Decimal(1) / 60,
               "seconds": Decimal(1) / 3600}


def uri_key(value):
    """A lookup key under which http/https, `www.`, case and a trailing slash do not matter."""
    return _SCHEME.sub("", value.strip()).rstrip("/").lower()


def licence_key(value):
    """Like `uri_key`, also ignoring Creative Commons `deed.xx` and `legalcode` suffixes."""
    key = uri_key(value)
    return _LICENCE_SUFFIX.sub("", key).rstrip("/")


def clean_html(html, base_url=None):
    """Sanitised HTML for a body: allowed tags only, no scripts, no event handlers.

    With `base_url`, relative links (to the hub's pages and documents) become absolute.
    """
    return _cleaner(base_url or None).clean(html or "").strip()


def parse_duration(value):
    """Hours (one decimal) from an ISO 8601 duration such as PT1H30M, or from a number of hours.

    Returns None when the value cannot be read.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        hours = Decimal(str(value))
    elif isinstance(value, str):
        match = _DURATION.match(value.strip())
        if match is None or not any(match.groupdict().values()) or value.strip().upper().endswith("T"):
            return None
        hours = sum(
            (Decimal(amount.replace(",", ".")) * _UNIT_HOURS[unit]
             for unit, amount in match.groupdict().items() if amount),
            Decimal(0),
        )
    else:
        return None
    if hours < 0:
        return None
    try:
        return hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None


def format_duration(hours):
    """ISO 8601 duration for a number of hours: 12 -> PT12H, 1.5 -> PT1H30M, 0.5 -> PT30M."""
    minutes = int((Decimal(str(hours)) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    whole, rest = divmod(minutes, 60)
    if rest == 0:
        return f"PT{whole}H"
    return f"PT{whole}H{rest}M" if whole else f"PT{rest}M"
