"""Start-up checks name the misconfigured variable and how to fix it."""
from django.core.checks import run_checks

from core.text import fold_ascii, slugify_vi


def ids(**_):
    return {message.id for message in run_checks()}


def test_valid_configuration_has_no_errors(settings):
    assert not {i for i in ids() if i.startswith("oerhub.")}


def test_unknown_search_backend_is_reported(settings):
    settings.SEARCH_BACKEND = "solr"
    messages = [m for m in run_checks() if m.id == "oerhub.E001"]
    assert messages and "database, elasticsearch" in messages[0].hint


def test_elasticsearch_without_url_is_reported(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = ""
    assert "oerhub.E002" in ids()


def test_relative_site_base_url_is_reported(settings):
    settings.SITE_BASE_URL = "hoclieu.example.vn"
    assert "oerhub.E003" in ids()


def test_vietnamese_folding_maps_d_with_stroke():
    assert fold_ascii("Đồng bào dân tộc thiểu số") == "Dong bao dan toc thieu so"
    assert slugify_vi("Xóa mù chữ – mức độ 1!") == "xoa-mu-chu-muc-do-1"
    assert slugify_vi("!!!") == "tai-lieu"
