"""Configures the test run once: database access helpers and common catalogue fixtures."""
import pytest

from tests.factories import CentreFactory, make_member


@pytest.fixture
def centre(db):
    return CentreFactory(title="Trung tâm GDTX Ba Vì")


@pytest.fixture
def other_centre(db):
    return CentreFactory(title="Trung tâm học tập cộng đồng xã Tản Lĩnh", centre_type="tthtcd")


@pytest.fixture
def teacher(centre):
    return make_member(centre, "teacher", username="giaovien")


@pytest.fixture
def moderator(centre):
    return make_member(centre, "moderator", username="kiemduyet")


@pytest.fixture
def other_teacher(other_centre):
    return make_member(other_centre, "teacher", username="giaovien2")
