"""OAI-PMH error conditions: each becomes an `<error code="...">` element in an HTTP 200 response."""
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

BAD_ARGUMENT = "badArgument"
BAD_RESUMPTION_TOKEN = "badResumptionToken"
BAD_VERB = "badVerb"
CANNOT_DISSEMINATE_FORMAT = "cannotDisseminateFormat"
ID_DOES_NOT_EXIST = "idDoesNotExist"
NO_RECORDS_MATCH = "noRecordsMatch"
NO_METADATA_FORMATS = "noMetadataFormats"


class OaiError(DomainError):
    """A protocol error; `code` is one of the OAI-PMH 2.0 error codes above.

    The protocol answers errors with HTTP 200 and the code in the XML, never with a 4xx.
    """

    code = BAD_ARGUMENT
    status = 200

    @property
    def echoes_arguments(self):
        """After badVerb or badArgument the `<request>` element carries the base URL only (spec 3.2)."""
        return self.code not in (BAD_VERB, BAD_ARGUMENT)


def no_records():
    return OaiError(_("No records match the request (check from, until and set)."), code=NO_RECORDS_MATCH)
