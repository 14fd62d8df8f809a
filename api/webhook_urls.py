"""Which webhook URLs the hub will call: http(s) only, and never a private, loopback or link-local address.

Without that check a partner could make the hub's servers POST to the hub's own database,
cache or cloud metadata service (server-side request forgery). The address is checked when
the URL is registered and again at every delivery, and the delivery connects to the very
address that was checked. `WEBHOOK_ALLOW_PRIVATE_HOSTS` (tests, a closed network) lifts the
address rule, never the scheme rule.
"""
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationFailed

SCHEMES = {"http": 80, "https": 443}
MAX_URL_LENGTH = 1000


class UnsafeWebhookUrl(ValidationFailed):
    code = "invalid_webhook_url"


@dataclass
class Target:
    scheme: str
    hostname: str
    port: int
    address: str
    path: str
    host_header: str


def _refuse(message, **params):
    raise UnsafeWebhookUrl(message, params=params, field="url")


def _parts(url):
    if not isinstance(url, str) or not url or len(url) > MAX_URL_LENGTH:
        _refuse(_("Give the webhook's full address, up to %(max)s characters."), max=MAX_URL_LENGTH)
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        _refuse(_("The webhook address is not a valid URL."))
    if parts.scheme not in SCHEMES or not parts.hostname:
        _refuse(_("The webhook address must start with http:// or https:// and name a host."))
    if parts.username or parts.password:
        _refuse(_("Put no user name or password in the webhook address; check the signature instead."))
    return parts, port or SCHEMES[parts.scheme]


def _addresses(hostname, port):
    try:
        infos = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        _refuse(_("The host %(host)s of the webhook address cannot be found."), host=hostname)
    # IPv4 first: most receivers listen there, and the order is then the same on every machine.
    addresses = sorted({info[4][0] for info in infos}, key=lambda a: (":" in a, a))
    if not settings.WEBHOOK_ALLOW_PRIVATE_HOSTS:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                _refuse(_("The webhook address points at a private or local network (%(address)s); "
                          "use an address reachable on the Internet."), address=address)
    return addresses


def check_url(url):
    """Refuse (UnsafeWebhookUrl, a 400) a URL the hub must not call; returns it unchanged otherwise."""
    parts, port = _parts(url)
    _addresses(parts.hostname, port)
    return url


def resolve_for_sending(url):
    """Where to connect for `url`: its checked address, port, path and Host header."""
    parts, port = _parts(url)
    address = _addresses(parts.hostname, port)[0]
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    if ":" in parts.hostname:
        host_header = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
    return Target(parts.scheme, parts.hostname, port, address, path, host_header)
