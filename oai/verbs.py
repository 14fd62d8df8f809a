"""The six OAI-PMH verbs: each takes checked arguments and returns its response element, or raises OaiError."""
from dataclasses import replace
from functools import cached_property

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from lxml import etree

from catalog.queries import public_url

from . import records, tokens
from .arguments import RESUMPTION_TOKEN, SECONDS, date_range, datestamp
from .errors import BAD_RESUMPTION_TOKEN, OaiError, no_records
from .formats import FORMATS, get_format
from .formats.base import RecordSource
from .responses import header, record, resumption_token, sub, tag
from .sets import TopicTree, all_sets, centre_spec, membership


class Repository:
    """What one request needs to know about the repository, read at most once."""

    def __init__(self, base_url):
        self.base_url = base_url

    @cached_property
    def topics(self):
        return TopicTree()

    def set_specs(self, item):
        if item.deleted:
            return []
        topics = sorted((self.topics.by_pk[pk] for pk in item.topic_ids if pk in self.topics.by_pk),
                        key=self.topics.position)
        specs = [self.topics.spec(topic) for topic in topics]
        return specs + ([centre_spec(item.centre)] if item.centre is not None else [])

    def metadata(self, item, metadata_format):
        if item.deleted:
            return None
        return metadata_format.write(RecordSource(item.amb, public_url(item.page), self.topics))


def identify(repo, arguments):
    node = etree.Element(tag("Identify"))
    sub(node, "repositoryName", settings.WAGTAIL_SITE_NAME)
    sub(node, "baseURL", repo.base_url)
    sub(node, "protocolVersion", "2.0")
    sub(node, "adminEmail", settings.OAI_ADMIN_EMAIL)
    sub(node, "earliestDatestamp", datestamp(records.earliest_datestamp() or timezone.now()))
    sub(node, "deletedRecord", "persistent")
    sub(node, "granularity", SECONDS)
    sub(node, "compression", "gzip")
    oai_identifier = "http://www.openarchives.org/OAI/2.0/oai-identifier"
    description = etree.SubElement(sub(node, "description"), f"{{{oai_identifier}}}oai-identifier",
                                   nsmap={None: oai_identifier})
    description.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
                    f"{oai_identifier} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd")
    for name, value in (("scheme", "oai"), ("repositoryIdentifier", settings.OAI_REPOSITORY_ID),
                        ("delimiter", ":"), ("sampleIdentifier", records.sample_identifier())):
        etree.SubElement(description, f"{{{oai_identifier}}}{name}").text = value
    return node


def list_metadata_formats(repo, arguments):
    if "identifier" in arguments:
        records.find(*records.parse_identifier(arguments["identifier"]), with_metadata=False)
    node = etree.Element(tag("ListMetadataFormats"))
    for metadata_format in FORMATS.values():
        entry = sub(node, "metadataFormat")
        sub(entry, "metadataPrefix", metadata_format.prefix)
        sub(entry, "schema", metadata_format.schema)
        sub(entry, "metadataNamespace", metadata_format.namespace)
    return node


def list_sets(repo, arguments):
    if RESUMPTION_TOKEN in arguments:
        # Every set fits in one response, so this repository never hands out a ListSets token.
        raise OaiError(_("This resumptionToken is not valid."), code=BAD_RESUMPTION_TOKEN)
    node = etree.Element(tag("ListSets"))
    for spec, name in all_sets(repo.topics):
        entry = sub(node, "set")
        sub(entry, "setSpec", spec)
        sub(entry, "setName", name)
    return node


def get_record(repo, arguments):
    metadata_format = get_format(arguments["metadataPrefix"])
    item = records.find(*records.parse_identifier(arguments["identifier"]))
    node = etree.Element(tag("GetRecord"))
    record(node, item, repo.set_specs(item), repo.metadata(item, metadata_format))
    return node


def _open(verb, arguments, repo):
    if RESUMPTION_TOKEN in arguments:
        position = tokens.decode(arguments[RESUMPTION_TOKEN], verb)
        try:
            set_filter = membership(position.set_spec, repo.topics)
        except OaiError:
            raise OaiError(_("The set of this list no longer exists; start the list again."),
                           code=BAD_RESUMPTION_TOKEN) from None
        events = records.latest_events(position.snapshot, date_range(position.arguments()), set_filter)
        return get_format(position.metadata_prefix), events, position
    metadata_format = get_format(arguments["metadataPrefix"])
    dates = date_range(arguments)
    set_filter = membership(arguments.get("set"), repo.topics)
    top = records.snapshot()
    events = records.latest_events(top, dates, set_filter)
    total = 0 if dates.is_empty() else events.count()
    if total == 0:
        raise no_records()
    position = tokens.ListPosition(
        verb=verb, metadata_prefix=metadata_format.prefix, set_spec=arguments.get("set"),
        from_=arguments.get("from"), until=arguments.get("until"), snapshot=top, after=0, cursor=0,
        complete_list_size=total,
    )
    return metadata_format, events, position


def _list(verb, repo, arguments, *, with_metadata):
    metadata_format, events, position = _open(verb, arguments, repo)
    size = settings.OAI_PAGE_SIZE
    rows = records.events_after(events, position.after, size + 1)
    more, rows = len(rows) > size, rows[:size]
    if not rows:
        raise no_records()
    node = etree.Element(tag(verb))
    for item in records.items_for(rows, with_metadata=with_metadata):
        if with_metadata:
            record(node, item, repo.set_specs(item), repo.metadata(item, metadata_format))
        else:
            header(node, item, repo.set_specs(item))
    if more or RESUMPTION_TOKEN in arguments:
        token, expires = "", None
        if more:
            token = tokens.encode(replace(position, after=rows[-1][0], cursor=position.cursor + len(rows)))
            expires = tokens.expiration_date()
        resumption_token(node, token, position.complete_list_size, position.cursor, expires)
    return node


def list_identifiers(repo, arguments):
    return _list("ListIdentifiers", repo, arguments, with_metadata=False)


def list_records(repo, arguments):
    return _list("ListRecords", repo, arguments, with_metadata=True)


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
    "GetRecord": get_record,
}
