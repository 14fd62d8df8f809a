"""Loading the Vietnamese demo catalogue (catalog/data/demo/) through the same services and importer as real data.

Every step is idempotent: centres, accounts, collections and review drafts are created
only when missing, and the import is an upsert keyed by each record's `id`, so
loading twice changes nothing. `load_demo` (the management command) prints what happened.
"""
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings

from . import services
from .importing import ImportReport, import_records
from .metadata import Lookups, from_amb
from .models import CentrePage, CollectionPage, CoursePage, District, HomePage, Province, ResourcePage, Topic
from .services.centres import MODERATOR, TEACHER

DEMO_DIR = Path(__file__).resolve().parent / "data" / "demo"
DEMO_PASSWORD = "hoclieu2025"
CENTRE_FIELDS = ("address", "website", "email", "description")


def read_json(name):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def read_lines(name):
    """Non-empty lines of a JSON Lines file in the demo directory."""
    with open(DEMO_DIR / name, encoding="utf-8") as handle:
        return [line for line in handle if line.strip()]


@dataclass
class Account:
    """One demo account as shown in the table `load_demo` prints."""

    username: str
    full_name: str
    role: str
    centre: str
    created: bool


@dataclass
class DemoReport:
    """What one run of `load_demo` created; zero everywhere means the demo was already loaded."""

    centres_created: int = 0
    accounts: list = field(default_factory=list)
    users_skipped: bool = False
    resources: ImportReport = field(default_factory=ImportReport)
    courses: ImportReport = field(default_factory=ImportReport)
    collections_created: int = 0
    drafts_created: int = 0

    @property
    def accounts_created(self):
        return sum(1 for account in self.accounts if account.created)

    @property
    def rejections(self):
        return [("resources.jsonl", *r) for r in self.resources.rejections] + \
               [("courses.jsonl", *r) for r in self.courses.rejections]

    @property
    def changed(self):
        imported = (self.resources.created + self.resources.updated + self.courses.created + self.courses.updated)
        return bool(self.centres_created or self.accounts_created or imported
                    or self.collections_created or self.drafts_created)


def ensure_centres():
    """Create the demo centres that are missing; returns ({slug: centre}, number created)."""
    home = HomePage.objects.first()
    centres, created = {}, 0
    for item in read_json("centres.json")["centres"]:
        centre = CentrePage.objects.child_of(home).filter(slug=item["slug"]).first() if home else None
        if centre is None:
            province = Province.objects.get(code=item["province"])
            district = District.objects.get(province=province, name=item["district"]) if item.get("district") else None
            centre = services.create_centre(
                title=item["title"], centre_type=item["centre_type"], province=province, district=district,
                slug=item["slug"], **{name: item.get(name, "") for name in CENTRE_FIELDS},
            )
            created += 1
        centres[item["slug"]] = centre
    return centres, created


def _ensure_user(spec, *, superuser=False):
    User = get_user_model()
    user = User.objects.filter(username=spec["username"]).first()
    if user is not None:
        return user, False
    # Vietnamese names read family name first, so the whole name goes in first_name and
    # get_full_name() shows it in the right order.
    fields = {"email": spec.get("email", ""), "first_name": spec["full_name"], "last_name": ""}
    if superuser:
        return User.objects.create_superuser(spec["username"], password=DEMO_PASSWORD, **fields), True
    return User.objects.create_user(spec["username"], password=DEMO_PASSWORD, **fields), True


@transaction.atomic
def ensure_accounts(centres):
    """The superuser `admin` and, per centre, a teacher and a moderator (created when missing)."""
    data = read_json("centres.json")
    admin, created = _ensure_user(data["admin"], superuser=True)
    accounts = [Account(admin.username, admin.get_full_name(), "admin", "", created)]
    for item in data["centres"]:
        centre = centres[item["slug"]]
        for role in (TEACHER, MODERATOR):
            user, created = _ensure_user(item[role])
            services.add_member(centre, user, role)  # adding to a group twice is harmless
            accounts.append(Account(user.username, user.get_full_name(), role, centre.title, created))
    return accounts


def import_catalogue(*, progress=False):
    """Import resources, then courses (their lessons point at resources), published; returns both reports."""
    resources = import_records(read_lines("resources.jsonl"), publish=True, progress=progress)
    courses = import_records(read_lines("courses.jsonl"), publish=True, progress=progress)
    return resources, courses


def _page_for(source_id):
    return (ResourcePage.objects.filter(source_id=source_id).first()
            or CoursePage.objects.filter(source_id=source_id).first())


def ensure_collections(centres, user=None):
    """Create the demo collections that are missing, published; returns the number created."""
    home = HomePage.objects.first()
    created = 0
    for item in read_json("collections.json"):
        parent = home if item["parent"] == "home" else centres[item["parent"]]
        if CollectionPage.objects.child_of(parent).filter(title=item["title"]).exists():
            continue
        items = [_page_for(source_id) for source_id in item["items"]]
        missing = [source_id for source_id, page in zip(item["items"], items) if page is None]
        if missing:
            raise LookupError(f"collections.json: unknown items {', '.join(missing)}")
        services.create_collection(
            user, parent, title=item["title"], summary=item.get("summary", ""), items=items,
            topics=Topic.objects.filter(slug__in=item.get("topics", [])), publish=True,
        )
        created += 1
    return created


def ensure_review_drafts(centres):
    """Drafts written by each centre's demo teacher and submitted for review, so moderators have work waiting."""
    User = get_user_model()
    people = {item["slug"]: item for item in read_json("centres.json")["centres"]}
    lookups, created = Lookups(), 0
    for line in read_lines("drafts.jsonl"):
        record = json.loads(line)
        if ResourcePage.objects.filter(source_id=record["id"]).exists():
            continue
        parsed = from_amb(record, lookups)
        centre = lookups.centre(parsed.centre_refs[0])
        teacher = User.objects.get(username=people[centre.slug][TEACHER]["username"])
        # Wagtail e-mails moderators on submission; for demo accounts that is only console noise.
        with transaction.atomic(), override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            page = services.create_resource(teacher, centre, parsed.data)
            services.submit_for_review(teacher, page)
        created += 1
    return created


def align_default_site():
    """Point the default Wagtail site, still at the seeded localhost:80, at SITE_BASE_URL.

    Records, feeds and OAI-PMH cite pages by their full URL; on a demo served at
    127.0.0.1:8000 those must be addresses a visitor can open.
    """
    from urllib.parse import urlsplit

    from django.conf import settings
    from wagtail.models import Site

    base = urlsplit(settings.SITE_BASE_URL)
    if not base.hostname:
        return
    port = base.port or (443 if base.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True, hostname="localhost", port=80).exclude(
        hostname=base.hostname, port=port).update(hostname=base.hostname, port=port)


def load_demo(*, with_users, progress=False):
    """Run every step in order and return a `DemoReport`; stops after the import if records were refused."""
    report = DemoReport()
    align_default_site()
    centres, report.centres_created = ensure_centres()
    if with_users:
        report.accounts = ensure_accounts(centres)
    else:
        report.users_skipped = True
    report.resources, report.courses = import_catalogue(progress=progress)
    if report.rejections:
        return report
    admin = get_user_model().objects.filter(username="admin", is_superuser=True).first() if with_users else None
    report.collections_created = ensure_collections(centres, admin)
    if with_users:
        report.drafts_created = ensure_review_drafts(centres)
    return report
