"""Large imports: a batch costs the same queries whatever its size, and each line stays all-or-nothing."""
import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from catalog import importing
from catalog.models import OutboxEvent, ResourcePage
from search.backends import get_search_backend
from tests.catalog.test_import import amb, run

FILE = "https://doitac.example.edu.vn/files/bai-{n}.pdf"


def records(centres, first, count):
    """Varied publishable records: two centres, new and repeated keywords, two authors, a file, some remixes."""
    out = []
    for n in range(first, first + count):
        extra = {}
        if n % 10 == 5:  # based on the record just before it, which is in the same batch
            extra["isBasedOn"] = [{"id": f"urn:lo:{n - 1}", "name": "Bản gốc"}]
        out.append(amb(centres[n % 2], f"urn:lo:{n}", name=f"Kỹ thuật trồng lúa, bài {n}",
                       keywords=["lúa", f"mùa vụ {n % 7}", f"từ khóa riêng {n}"],
                       creator=[{"type": "Person", "name": f"Tác giả {n % 5}"},
                                {"type": "Person", "name": "Phạm Văn Hùng"}],
                       encoding=[{"contentUrl": FILE.format(n=n), "encodingFormat": "application/pdf"}],
                       **extra))
    return out


def queries_for(django_capture_on_commit_callbacks, *batch):
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        report = run(*batch, publish=True)  # the outbox drain (search indexing) runs on commit, as in production
    assert report.created == len(batch) and not report.rejected
    statements = [query["sql"] for query in queries.captured_queries]
    inserts = [sql for sql in statements if sql.startswith("INSERT")]
    return len(statements) - len(inserts), len(inserts)


def test_a_batch_costs_the_same_queries_for_50_or_200_records(centre, other_centre, monkeypatch,
                                                              django_capture_on_commit_callbacks):
    monkeypatch.setattr(importing, "BATCH_SECONDS", 3600)  # one batch each, however slow the machine
    queries_for(django_capture_on_commit_callbacks, *records([centre, other_centre], 0, 10))  # warm the caches
    small = queries_for(django_capture_on_commit_callbacks, *records([centre, other_centre], 100, 50))
    large = queries_for(django_capture_on_commit_callbacks, *records([centre, other_centre], 1000, 200))
    # The same statements; only Django's multi-row INSERTs of pages, revisions and events are cut into
    # more statements as rows grow (999 values each on SQLite), still a handful for 200 records.
    assert large[0] == small[0], (small, large)
    assert large[1] <= small[1] + 8, (small, large)
    assert sum(large) < 200 / 2  # a few dozen statements for the whole batch, not several per record
    assert ResourcePage.objects.live().count() == 260
    assert get_search_backend().count() == 260 and not OutboxEvent.objects.exists()
    remix = ResourcePage.objects.get(source_id="urn:lo:1005")
    assert remix.based_on == ResourcePage.objects.get(source_id="urn:lo:1004")
    page = ResourcePage.objects.get(source_id="urn:lo:1010")
    assert sorted(t.name for t in page.keywords.all()) == ["lúa", "mùa vụ 2", "từ khóa riêng 1010"]
    assert [a.name for a in page.authors.all()] == ["Tác giả 0", "Phạm Văn Hùng"]
    assert [f.content_url for f in page.files.all()] == [FILE.format(n=1010)]


def test_slugs_skip_those_taken_in_the_centre_as_one_by_one_creation_does(centre):
    run(amb(centre, "urn:a"), amb(centre, "urn:b"), amb(centre, "urn:c"))
    ResourcePage.objects.get(source_id="urn:b").delete()  # frees trong-lua-theo-mua-vu-2
    run(amb(centre, "urn:d"), amb(centre, "urn:e"), amb(centre, "urn:f", name="Khác hẳn"))
    slugs = dict(ResourcePage.objects.values_list("source_id", "slug"))
    assert slugs == {"urn:a": "trong-lua-theo-mua-vu", "urn:c": "trong-lua-theo-mua-vu-3",
                     "urn:d": "trong-lua-theo-mua-vu-2", "urn:e": "trong-lua-theo-mua-vu-4", "urn:f": "khac-han"}


def test_a_database_error_on_the_fast_path_redoes_the_batch_with_a_savepoint_per_line(centre, monkeypatch):
    real = importing.prepare_resource

    def failing(centre, data, **options):
        if data["title"] == "Hỏng":
            raise DatabaseError("ổ đĩa đầy")
        return real(centre, data, **options)

    monkeypatch.setattr(importing, "prepare_resource", failing)
    report = run(amb(centre, "urn:1"), amb(centre, "urn:2", name="Hỏng"), amb(centre, "urn:3"), details=True)
    assert (report.created, report.rejected) == (2, 1)
    assert [(r["line"], r["status"]) for r in report.results] == [(1, "created"), (2, "rejected"), (3, "created")]
    assert report.results[1]["code"] == "database_error" and "ổ đĩa đầy" in report.results[1]["reason"]
    assert sorted(ResourcePage.objects.values_list("source_id", flat=True)) == ["urn:1", "urn:3"]


@pytest.mark.parametrize("repeat", ["same id twice", "course after resource"])
def test_records_that_need_the_pending_ones_written_first_still_see_them(centre, repeat):
    from tests.catalog.test_import import course_amb

    second = (amb(centre, "urn:x", name="Tên mới") if repeat == "same id twice"
              else course_amb(centre, "urn:khoa", lessons=["urn:x"]))
    report = run(amb(centre, "urn:x"), second, publish=True)
    assert report.rejected == 0 and report.created == (1 if repeat == "same id twice" else 2)
    if repeat == "same id twice":
        assert report.updated == 1 and ResourcePage.objects.get(source_id="urn:x").title == "Tên mới"


def test_records_imported_for_a_user_carry_their_name_in_the_history(centre, moderator):
    from wagtail.models import PageLogEntry

    run(amb(centre, "urn:cua-toi"), publish=True, user=moderator)
    page = ResourcePage.objects.get(source_id="urn:cua-toi")
    assert page.owner == moderator and page.latest_revision.user == moderator
    assert sorted(PageLogEntry.objects.filter(page=page).values_list("action", "user")) == [
        ("wagtail.create", moderator.pk), ("wagtail.publish", moderator.pk)]
