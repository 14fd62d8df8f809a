"""Stateless resumption tokens: the list request's arguments and its position, signed so they cannot be forged.

A token carries the verb, metadataPrefix, set, from and until of the first request, the
highest change id when the list began (`snapshot`: changes after it wait for the next
incremental harvest, so a list never repeats or skips a record however long the harvest
takes), the last change id returned (`after`), the cursor and the completeListSize. Nothing
is kept on the server; the signature carries its issue time, so a token expires after
`OAI_TOKEN_LIFETIME` seconds.
"""
import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .errors import BAD_RESUMPTION_TOKEN, OaiError

SALT = "oai.resumption-token"
VERSION = 1


@dataclass(frozen=True)
class ListPosition:
    verb: str
    metadata_prefix: str
    set_spec: str | None
    from_: str | None
    until: str | None
    snapshot: int
    after: int
    cursor: int
    complete_list_size: int

    def arguments(self):
        """The request arguments this list was started with."""
        arguments = {"metadataPrefix": self.metadata_prefix, "from": self.from_, "until": self.until,
                     "set": self.set_spec}
        return {name: value for name, value in arguments.items() if value is not None}


def lifetime():
    return settings.OAI_TOKEN_LIFETIME


def encode(position):
    return signing.dumps({"v": VERSION, **asdict(position)}, salt=SALT, compress=True)


def expiration_date():
    return timezone.now() + dt.timedelta(seconds=lifetime())


def decode(token, verb):
    """The ListPosition of `token`; raises badResumptionToken if it is forged, expired or for another verb."""
    try:
        data = signing.loads(token, salt=SALT, max_age=lifetime())
    except signing.SignatureExpired:
        raise OaiError(_("This resumptionToken has expired; start the list again."),
                       code=BAD_RESUMPTION_TOKEN) from None
    except signing.BadSignature:
        raise OaiError(_("This resumptionToken is not valid."), code=BAD_RESUMPTION_TOKEN) from None
    if not isinstance(data, dict) or data.pop("v", None) != VERSION or data.get("verb") != verb:
        raise OaiError(_("This resumptionToken is not valid."), code=BAD_RESUMPTION_TOKEN)
    try:
        return ListPosition(**data)
    except TypeError:
        raise OaiError(_("This resumptionToken is not valid."), code=BAD_RESUMPTION_TOKEN) from None
