"""Fixtures of the H5P tests: a maker of small packages in the test's temporary folder."""
import pytest

from tests.h5p.builders import build


@pytest.fixture
def make_h5p(tmp_path):
    """make_h5p(changes={name: content or None to leave out}, raw=[(ZipInfo or name, bytes)]) -> path of a .h5p."""
    counter = iter(range(10_000))

    def make(changes=None, raw=(), name=None):
        return build(tmp_path / (name or f"package-{next(counter)}.h5p"), changes, raw)

    return make
