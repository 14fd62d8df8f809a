"""The metadata formats this repository disseminates, by metadataPrefix; all derive from one AMB record.

`catalog.metadata.to_amb` is the single mapping of a page; each format here only re-expresses
that record, so Dublin Core, LOM, the REST API and exports never disagree.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..errors import CANNOT_DISSEMINATE_FORMAT, OaiError
from . import dc, lom


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    write: object  # (RecordSource) -> lxml element


FORMATS = {
    "oai_dc": MetadataFormat("oai_dc", dc.SCHEMA, dc.OAI_DC, dc.write),
    "lom": MetadataFormat("lom", lom.SCHEMA, lom.LOM, lom.write),
}


def get_format(prefix):
    try:
        return FORMATS[prefix]
    except KeyError:
        raise OaiError(_("The metadata format %(prefix)s is not disseminated here; ListMetadataFormats lists them."),
                       code=CANNOT_DISSEMINATE_FORMAT, params={"prefix": prefix}) from None
