"""Test data builders: users, centres, resources and courses made through catalog.services."""
from .catalog import (  # noqa: F401
    CentreFactory,
    UserFactory,
    course_data,
    make_member,
    resource_data,
    vocab,
)
