"""Reading an OAI-PMH request: the verb, its legal arguments, and the from/until datestamps.

Every rule of spec section 3 that can be checked without the catalogue is checked here, so
the verbs only ever see a complete, well-formed set of arguments.
"""
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .errors import BAD_ARGUMENT, BAD_VERB, OaiError

RESUMPTION_TOKEN = "resumptionToken"
LIST_ARGUMENTS = {"required": ("metadataPrefix",), "optional": ("from", "until", "set"), "exclusive": RESUMPTION_TOKEN}

# verb -> required arguments, optional arguments, the exclusive argument (allowed only alone)
VERBS = {
    "Identify": {"required": (), "optional": (), "exclusive": None},
    "ListMetadataFormats": {"required": (), "optional": ("identifier",), "exclusive": None},
    "ListSets": {"required": (), "optional": (), "exclusive": RESUMPTION_TOKEN},
    "ListIdentifiers": LIST_ARGUMENTS,
    "ListRecords": LIST_ARGUMENTS,
    "GetRecord": {"required": ("identifier", "metadataPrefix"), "optional": (), "exclusive": None},
}

DAY = "YYYY-MM-DD"
SECONDS = "YYYY-MM-DDThh:mm:ssZ"
_FORMATS = {DAY: (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
            SECONDS: (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"), "%Y-%m-%dT%H:%M:%SZ")}


def bad_argument(message, **params):
    return OaiError(message, code=BAD_ARGUMENT, params=params)


def parse_request(params):
    """(verb, {argument: value}) from a QueryDict; raises OaiError (badVerb, badArgument)."""
    verbs = params.getlist("verb")
    if not verbs:
        raise OaiError(_("The verb argument is missing."), code=BAD_VERB)
    if len(verbs) > 1:
        raise OaiError(_("The verb argument is repeated."), code=BAD_VERB)
    verb = verbs[0]
    if verb not in VERBS:
        raise OaiError(_("%(verb)s is not an OAI-PMH verb."), code=BAD_VERB, params={"verb": verb})
    rules = VERBS[verb]
    arguments = {}
    for name in params:
        if name == "verb":
            continue
        values = params.getlist(name)
        if len(values) > 1:
            raise bad_argument(_("The argument %(name)s is repeated."), name=name)
        if name not in rules["required"] + rules["optional"] + ((rules["exclusive"],) if rules["exclusive"] else ()):
            raise bad_argument(_("%(verb)s does not take the argument %(name)s."), verb=verb, name=name)
        if not values[0].strip():
            raise bad_argument(_("The argument %(name)s is empty."), name=name)
        arguments[name] = values[0]
    exclusive = rules["exclusive"]
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise bad_argument(_("%(name)s must be the only argument besides the verb."), name=exclusive)
        return verb, arguments
    missing = [name for name in rules["required"] if name not in arguments]
    if missing:
        raise bad_argument(_("%(verb)s needs the argument %(name)s."), verb=verb, name=missing[0])
    return verb, arguments


@dataclass(frozen=True)
class DateRange:
    """Half-open range [start, end) of change times in UTC; either end may be open (None)."""

    start: dt.datetime | None = None
    end: dt.datetime | None = None

    def is_empty(self):
        return self.start is not None and self.end is not None and self.start >= self.end


def _parse_datestamp(name, value):
    for granularity, (pattern, fmt) in _FORMATS.items():
        if pattern.match(value):
            try:
                moment = dt.datetime.strptime(value, fmt).replace(tzinfo=dt.timezone.utc)
            except ValueError:
                break
            return granularity, moment
    raise bad_argument(_("%(name)s=%(value)s is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ)."),
                       name=name, value=value)


def date_range(arguments):
    """The DateRange of `from` and `until`, both inclusive at their granularity (spec 3.3.1)."""
    start = end = None
    granularities = set()
    if "from" in arguments:
        granularity, start = _parse_datestamp("from", arguments["from"])
        granularities.add(granularity)
    if "until" in arguments:
        granularity, until = _parse_datestamp("until", arguments["until"])
        granularities.add(granularity)
        # until=2024-05-01 includes the whole day; until=...T10:00:00Z includes that second.
        end = until + (dt.timedelta(days=1) if granularity == DAY else dt.timedelta(seconds=1))
    if len(granularities) > 1:
        raise bad_argument(_("from and until must have the same granularity."))
    if start is not None and end is not None and start >= end:
        raise bad_argument(_("from must not be later than until."))
    return DateRange(start, end)


def datestamp(moment):
    """A UTC datestamp at the repository's granularity (seconds), as headers and responseDate carry it."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
