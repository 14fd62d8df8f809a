"""Site-wide template tags: site name, links to the home page's browse routes, navigation, query strings."""
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Site

from ..models import HomePage

register = template.Library()

# Routes of HomePage (RoutablePageMixin) shown in the main navigation, in order.
NAV_ROUTES = (
    ("browse_resources", lambda: _("Materials")),
    ("browse_courses", lambda: _("Courses")),
    ("browse_centres", lambda: _("Centres")),
)
# Query parameters that select a page of results; dropped whenever a filter changes.
PAGE_PARAM = "trang"


@register.simple_tag
def site_name():
    """The hub's name from settings; needs neither a request nor the database (used by 500.html)."""
    return settings.WAGTAIL_SITE_NAME


def home_page(request):
    """The HomePage serving this request's site, looked up once per request."""
    if request is None:
        return None
    if not hasattr(request, "_oer_home_page"):
        site = Site.find_for_request(request)
        home = HomePage.objects.filter(pk=site.root_page_id).first() if site else None
        request._oer_home_page = home or HomePage.objects.live().first()
    return request._oer_home_page


def route_url(request, name):
    home = home_page(request)
    if home is None:
        return "/"
    base = home.get_url(request=request) or "/"
    if not base.endswith("/"):
        base += "/"
    return base + home.reverse_subpage(name)


@register.simple_tag(takes_context=True)
def home_url(context):
    """URL of the site's home page ("/" when there is none yet)."""
    home = home_page(context.get("request"))
    return (home.get_url(request=context.get("request")) if home else None) or "/"


@register.simple_tag(takes_context=True)
def browse_url(context, name, **params):
    """URL of a browse route (`browse_resources`, `browse_courses`, `browse_centres`) with optional filters.

    Filter names contain hyphens (chu-de), which template keyword arguments cannot, so
    pass them as `topic=`, `type=`, `licence=`, `language=`.
    """
    url = route_url(context.get("request"), name)
    names = {"topic": "chu-de", "type": "loai", "licence": "giay-phep", "language": "ngon-ngu"}
    query = [(names.get(key, key), value) for key, value in params.items() if value]
    if query:
        url += "?" + urlencode(query)
    return url


@register.simple_tag(takes_context=True)
def site_nav(context):
    """Main navigation entries: url, label, and whether the current page is in that section."""
    request = context.get("request")
    path = request.path if request is not None else ""
    entries = []
    for name, label in NAV_ROUTES:
        url = route_url(request, name)
        entries.append({"url": url, "label": label(), "current": bool(path) and path.startswith(url)})
    return entries


@register.simple_tag(takes_context=True)
def query_without(context, *keys):
    """The current query string without `keys` (and without the page number), for "remove filter" links."""
    request = context.get("request")
    if request is None:
        return "?"
    params = request.GET.copy()
    for key in (*keys, PAGE_PARAM):
        params.pop(key, None)
    return f"?{params.urlencode()}"
