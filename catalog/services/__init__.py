"""Every write to the catalogue goes through these functions: admin, API, importers, LTI and tests.

Each checks permissions, validates, writes and records an outbox event in one
transaction, and raises a `core.errors.DomainError` the caller can show as is.
"""
from .centres import add_member, centres_for_user, create_centre, member_role, setup_centre  # noqa: F401
from .bulk import bulk_create_resources  # noqa: F401
from .collections import create_collection  # noqa: F401
from .events import record_change  # noqa: F401
from .remix import remix_resource  # noqa: F401
from .resources import (  # noqa: F401
    create_course,
    create_resource,
    delete_page,
    update_course,
    update_resource,
)
from .workflow import approve, publish, reject, submit_for_review, unpublish  # noqa: F401
