"""Catalogue models, re-exported so callers import from `catalog.models`."""
from .centres import CentrePage, District, Province  # noqa: F401
from .events import ChangeEvent, OutboxEvent  # noqa: F401
from .files import ResourceFile  # noqa: F401
from .pages import (  # noqa: F401
    CollectionItem,
    CollectionPage,
    CoursePage,
    HomePage,
    ResourceAuthor,
    ResourcePage,
    ResourceTag,
)
from .taxonomy import (  # noqa: F401
    Audience,
    EducationalLevel,
    Language,
    Licence,
    ResourceType,
    Topic,
)
