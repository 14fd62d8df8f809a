"""The OAI-PMH response envelope and the header and record elements, built with lxml."""
from django.utils import timezone
from lxml import etree

from .arguments import datestamp
from .formats.base import XSI, element, schema_location

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"


def tag(name):
    return f"{{{OAI}}}{name}"


def sub(parent, name, text=None, **attributes):
    return element(parent, tag(name), text, **attributes)


def envelope(base_url, verb=None, arguments=None):
    """The <OAI-PMH> root with responseDate and the request echoed (the base URL only when `verb` is None)."""
    root = etree.Element(tag("OAI-PMH"), nsmap={None: OAI, "xsi": XSI})
    schema_location(root, OAI, OAI_SCHEMA)
    sub(root, "responseDate", datestamp(timezone.now()))
    request = sub(root, "request", base_url)
    if verb is not None:
        request.set("verb", verb)
        for name, value in (arguments or {}).items():
            request.set(name, value)
    return root


def error(root, exc):
    sub(root, "error", str(exc), code=exc.code)


def header(parent, item, set_specs=()):
    node = sub(parent, "header")
    if item.deleted:
        node.set("status", "deleted")
    sub(node, "identifier", item.identifier)
    sub(node, "datestamp", datestamp(item.datestamp))
    for spec in set_specs:
        sub(node, "setSpec", spec)
    return node


def record(parent, item, set_specs, metadata):
    """A <record>: the header, and the metadata unless the record is deleted."""
    node = sub(parent, "record")
    header(node, item, set_specs)
    if metadata is not None:
        sub(node, "metadata").append(metadata)
    return node


def resumption_token(parent, token, complete_list_size, cursor, expires=None):
    attributes = {"completeListSize": str(complete_list_size), "cursor": str(cursor)}
    if expires is not None:
        attributes["expirationDate"] = datestamp(expires)
    return sub(parent, "resumptionToken", token, **attributes)


def serialise(root):
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
