"""Issuing, listing and revoking API keys, with who may do it; every entry point (admin, commands, tests) calls these.

- A **centre key** is issued by a moderator of that centre (or an administrator) and must
  act as a teacher or moderator of the same centre.
- A **partner key** is issued by staff or an administrator; when it writes it must act as a
  member of the partner's centre (`Partner.centre`).

The raw key is returned once by `create_key` and never stored; only its digest is kept.
"""
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import CentrePage
from catalog.services import member_role
from catalog.services.centres import MODERATOR
from core.errors import Conflict, NotFound, PermissionRefused, ValidationFailed

from .models import ApiKey, Partner, Scope
from .models.keys import digest

SCOPES = tuple(Scope.values)


def parse_scopes(value):
    """Scopes from a list or a comma-separated string; refuses unknown ones and an empty set."""
    items = value.split(",") if isinstance(value, str) else list(value or [])
    scopes = list(dict.fromkeys(str(item).strip().lower() for item in items if str(item).strip()))
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise ValidationFailed(_("Unknown scope “%(scope)s”; use read, sync or write."),
                               params={"scope": unknown[0]}, field="scopes", code="unknown_scope")
    if not scopes:
        raise ValidationFailed(_("Give the key at least one scope: read, sync or write."),
                               field="scopes", code="required")
    return scopes


def may_manage(user, owner):
    """Whether `user` may issue and revoke keys of `owner` (a Partner or a CentrePage)."""
    if user is None:
        return True  # trusted callers: management commands run by operators
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if isinstance(owner, Partner):
        return user.is_staff
    return member_role(_centre_of(owner), user) == MODERATOR


def _centre_of(owner):
    """The owner's centre, read afresh (its groups may have been set up since the object was loaded)."""
    centre = owner.centre if isinstance(owner, Partner) else owner
    return CentrePage.objects.get(pk=centre.pk) if centre is not None else None


def _check_acting_user(owner, acts_as):
    if acts_as is None:
        return
    if not acts_as.is_active:
        raise ValidationFailed(_("The account “%(user)s” is disabled."), params={"user": acts_as.get_username()},
                               field="user", code="inactive_user")
    centre = _centre_of(owner)
    if centre is None:
        raise ValidationFailed(
            _("The partner “%(partner)s” has no centre, so its keys cannot act as anyone. Set its centre first."),
            params={"partner": owner}, field="user", code="no_centre")
    if member_role(centre, acts_as) is None:
        raise ValidationFailed(
            _("“%(user)s” is not a teacher or moderator of “%(centre)s”; a key can only act as a member of it."),
            params={"user": acts_as.get_username(), "centre": centre.title}, field="user", code="not_a_member")


@transaction.atomic
def create_key(*, owner, name, scopes, acts_as=None, expires_at=None, user=None):
    """Issue a key for `owner` (Partner or CentrePage); returns (saved key, raw key shown once).

    `user` is who asks (None for operators' commands); `acts_as` is the account the key
    writes as (needed for the write scope to be useful).
    """
    if not isinstance(owner, (Partner, CentrePage)):
        raise ValidationFailed(_("A key belongs to a partner or a centre."), code="no_owner")
    if not may_manage(user, owner):
        raise PermissionRefused(_("Only administrators may issue partner keys, and only a centre's moderators "
                                  "may issue that centre's keys."))
    if isinstance(owner, Partner) and not owner.is_active:
        raise ValidationFailed(_("The partner “%(partner)s” is inactive."), params={"partner": owner},
                               code="inactive_partner")
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Give the key a name saying what it is for."), field="name", code="required")
    if len(name) > ApiKey._meta.get_field("name").max_length:
        raise ValidationFailed(_("The name is too long (at most 100 characters)."), field="name", code="invalid")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed(_("The expiry date is in the past."), field="expires_at", code="invalid")
    scopes = parse_scopes(scopes)
    _check_acting_user(owner, acts_as)
    owner_field = "partner" if isinstance(owner, Partner) else "centre"
    key, raw = ApiKey.generate(name=name, scopes=scopes, user=acts_as, expires_at=expires_at,
                               **{owner_field: owner})
    key.save()
    return key, raw


@transaction.atomic
def revoke_key(key, *, user=None):
    """Revoke `key` now; its next request gets 401. Revoking twice is refused with `already_revoked`."""
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if not may_manage(user, key.owner):
        raise PermissionRefused(_("You may not revoke this key."))
    if key.revoked_at is not None:
        raise Conflict(_("This key was already revoked."), code="already_revoked")
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    return key


def keys_for(user):
    """Keys `user` may see and manage: all for administrators, partner keys for staff, their centres' keys for moderators."""
    keys = ApiKey.objects.select_related("partner", "centre", "user")
    if user.is_superuser:
        return keys
    visible = Q(centre__in=CentrePage.objects.filter(moderators_group__in=user.groups.values("pk")))
    if user.is_staff:
        visible |= Q(partner__isnull=False)
    return keys.filter(visible)


def find_key(value):
    """A key by its prefix or by the whole raw key (as operators paste it); raises NotFound."""
    parts = (value or "").strip().split("_")
    prefix = parts[1] if len(parts) >= 2 and parts[0] == "oerhub" else (value or "").strip()
    key = ApiKey.objects.filter(prefix=prefix).first()
    if key is None:
        raise NotFound(_("No API key with the prefix “%(prefix)s”."), params={"prefix": prefix}, code="unknown_key")
    return key


# DEMO ONLY. A fixed, publicly known key so the curl examples of docs/partners.md work against
# `make run`. `load_demo` makes it only where it makes the demo accounts (DEBUG, or
# --with-demo-users); never in migrations. Anyone who reads the docs knows it: revoke it
# (`manage.py revoke_api_key demo`) on any server others can reach.
DEMO_KEY = "oerhub_demo_demo-key-for-local-testing-only"
DEMO_PARTNER_SLUG = "dai-hoc-ninh-kieu"


@transaction.atomic
def ensure_demo_partner(centre, acts_as):
    """The demo partner (the demo university, kept in `centre`) and its demo key; returns (partner, created)."""
    partner, created = Partner.objects.get_or_create(
        slug=DEMO_PARTNER_SLUG,
        defaults={"name": centre.title, "centre": centre, "website": "https://ninhkieu.example.edu.vn/",
                  "contact_email": "api@ninhkieu.example.edu.vn"})
    prefix = DEMO_KEY.split("_")[1]
    if not ApiKey.objects.filter(prefix=prefix).exists():
        ApiKey.objects.create(name="DEMO — khóa công khai, chỉ dùng thử trên máy cá nhân", prefix=prefix,
                              hashed_key=digest(DEMO_KEY), scopes=list(SCOPES), partner=partner, user=acts_as)
        created = True
    return partner, created
