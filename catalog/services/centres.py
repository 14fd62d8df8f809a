"""Creating centres and their groups, page permissions, document collection and review workflow."""
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Workflow, WorkflowPage
from wagtail.models import GroupApprovalTask, WorkflowTask

from core.errors import PermissionRefused, ValidationFailed
from core.text import slugify_vi

from ..models import CentrePage, HomePage

TEACHER, MODERATOR = "teacher", "moderator"
TEACHER_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


def _home():
    home = HomePage.objects.first()
    if home is None:
        raise ValidationFailed(_("The site has no home page yet; an administrator must set up the database first."), code="no_home_page")
    return home


@transaction.atomic
def create_centre(*, title, centre_type, province, district=None, slug=None, user=None, **fields):
    """Create and publish a centre page with its groups, permissions and workflow."""
    if user is not None and not user.is_superuser:
        raise PermissionRefused(_("Only administrators can create centres."))
    if district is not None and district.province_id != province.pk:
        raise ValidationFailed(_("The district does not belong to the chosen province."), field="district")
    centre = CentrePage(
        title=title, slug=slug or slugify_vi(title), centre_type=centre_type,
        province=province, district=district, **fields,
    )
    home = _home()
    if home.get_children().filter(slug=centre.slug).exists():
        raise ValidationFailed(_("A centre with the web address (slug) “%(slug)s” already exists."), params={"slug": centre.slug},
                               code="duplicate_slug", field="slug")
    centre.full_clean(exclude=["path", "depth"])
    home.add_child(instance=centre)
    centre.save_revision(user=user).publish(user=user)
    setup_centre(centre)
    return centre


def _grant_page(group, page, codenames):
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection(group, collection, app_label, codenames):
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


@transaction.atomic
def setup_centre(centre):
    """Make sure a centre has its teachers and moderators groups, permissions and workflow (idempotent)."""
    centre = CentrePage.objects.select_for_update().get(pk=centre.pk)
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    if centre.teachers_group is None:
        centre.teachers_group, _created = Group.objects.get_or_create(name=f"Giáo viên · {centre.title} #{centre.pk}")
    if centre.moderators_group is None:
        centre.moderators_group, _created = Group.objects.get_or_create(name=f"Kiểm duyệt · {centre.title} #{centre.pk}")
    CentrePage.objects.filter(pk=centre.pk).update(
        teachers_group=centre.teachers_group, moderators_group=centre.moderators_group,
    )
    teachers, moderators = centre.teachers_group, centre.moderators_group
    for group in (teachers, moderators):
        group.permissions.add(admin_access)
    _grant_page(teachers, centre, TEACHER_PAGE_PERMISSIONS)
    _grant_page(moderators, centre, MODERATOR_PAGE_PERMISSIONS)

    root_collection = Collection.get_first_root_node()
    collection = root_collection.get_children().filter(name=centre.title).first()
    if collection is None:
        collection = root_collection.add_child(name=centre.title)
    for group in (teachers, moderators):
        _grant_collection(group, collection, "wagtaildocs", DOCUMENT_PERMISSIONS)
        _grant_collection(group, collection, "wagtailimages", IMAGE_PERMISSIONS)

    if not WorkflowPage.objects.filter(page=centre).exists():
        workflow = Workflow.objects.create(name=f"Duyệt học liệu · {centre.title} #{centre.pk}")
        task = GroupApprovalTask.objects.create(name=f"Kiểm duyệt viên · {centre.title}")
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=centre)
    return centre


def add_member(centre, user, role=TEACHER):
    """Put `user` in the centre's teachers or moderators group."""
    centre = setup_centre(centre) if centre.teachers_group_id is None else centre
    if role == TEACHER:
        user.groups.add(centre.teachers_group)
    elif role == MODERATOR:
        user.groups.add(centre.moderators_group)
    else:
        raise ValidationFailed(_("Unknown role “%(role)s”."), params={"role": role}, code="unknown_role")
    return user


def centres_for_user(user):
    """Centres where `user` teaches or moderates."""
    if not user.is_authenticated:
        return CentrePage.objects.none()
    group_ids = list(user.groups.values_list("pk", flat=True))
    return CentrePage.objects.filter(teachers_group__in=group_ids) | CentrePage.objects.filter(moderators_group__in=group_ids)


def member_role(centre, user):
    """'moderator', 'teacher' or None for `user` at `centre`."""
    group_ids = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
    if centre.moderators_group_id in group_ids:
        return MODERATOR
    if centre.teachers_group_id in group_ids:
        return TEACHER
    return None
