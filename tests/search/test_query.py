"""Search parameters are validated with clear messages before any backend sees them."""
import pytest
from django.http import QueryDict
from django.utils.translation import override

from core.errors import ValidationFailed
from search.query import SearchQuery


def refused(params):
    with override("en"):
        with pytest.raises(ValidationFailed) as info:
            SearchQuery.from_params(params)
        return info.value.code, str(info.value)


def test_filters_from_repeated_and_comma_separated_parameters():
    query = SearchQuery.from_params(QueryDict("q=  xoa   mu chu &type=video&type=audio,video&language=vi"))
    assert query.text == "xoa mu chu"
    assert query.filters == {"type": ("video", "audio"), "language": ("vi",)}
    assert (query.sort, query.page, query.page_size) == ("relevance", 1, 20)


def test_unknown_filter_is_refused_naming_the_allowed_ones():
    code, message = refused({"q": "a", "colour": "red"})
    assert code == "unknown_filter"
    assert "colour" in message and "topic" in message and "licence" in message


@pytest.mark.parametrize("params, code", [
    ({"page": "0"}, "invalid_paging"),
    ({"page": "abc"}, "invalid_paging"),
    ({"page_size": "101"}, "invalid_paging"),
    ({"sort": "price"}, "invalid_sort"),
    ({"remix": "maybe"}, "invalid_filter"),
    ({"q": "x" * 201}, "query_too_long"),
])
def test_bad_values_are_refused(params, code):
    assert refused(params)[0] == code


def test_boolean_facets_accept_vietnamese_and_english_words():
    assert SearchQuery.from_params({"remix": "có"}).filters == {"remix": ("true",)}
    assert SearchQuery.from_params({"h5p": "false"}).filters == {"h5p": ("false",)}


def test_vietnamese_message_by_default():
    with pytest.raises(ValidationFailed) as info:
        SearchQuery.from_params({"colour": "red"})
    with override("vi"):
        assert "colour" in str(info.value) and "Unknown filter" not in str(info.value)
