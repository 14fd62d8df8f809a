"""Sync correctness: a partner that follows the change feed ends with exactly the published catalogue.

Random sequences of creates, edits (published and draft-only), unpublishes, republishes and
deletes, with a consumer polling the feed over HTTP in between. At the end, replaying from
the beginning, and resuming from every cursor the consumer saw along the way (with the copy
it had then), must give the same objects with the same records as the catalogue itself.
"""
import random

import pytest
from wagtail.models import PageViewRestriction

from api.changes import centre_record, collection_record
from catalog import services
from catalog.metadata import to_amb
from catalog.models import CentrePage, CollectionPage, CoursePage, ResourcePage
from search.outbox import drain
from tests.factories import course_data, resource_data

URL = "/api/v1/changes/"


class Mirror:
    """What a partner keeps: {(type, id): record}, updated from the feed."""

    def __init__(self, client, cursor=None, objects=None):
        self.client, self.cursor, self.objects = client, cursor, dict(objects or {})

    def poll(self, limit):
        params = {"limit": limit, **({"since": self.cursor} if self.cursor else {})}
        response = self.client.get(URL, params)
        assert response.status_code == 200, response.content
        body = response.json()
        for item in body["results"]:
            key = (item["type"], item["id"])
            if item["action"] == "upsert":
                assert item["record"] is not None
                self.objects[key] = item["record"]
            else:
                assert item["record"] is None
                self.objects.pop(key, None)
        self.cursor = body["next_cursor"]
        return body["has_more"]

    def catch_up(self, limit=7):
        while self.poll(limit):
            pass
        return self.objects


def published_catalogue():
    """The catalogue as the site shows it, in the feed's terms (records made by catalog.metadata)."""
    expected = {("resource", p.pk): to_amb(p) for p in ResourcePage.objects.live().public()}
    expected.update({("course", p.pk): to_amb(p) for p in CoursePage.objects.live().public()})
    expected.update({("centre", p.pk): centre_record(p) for p in CentrePage.objects.live().public()})
    for page in CollectionPage.objects.live().public():
        ids = dict(ResourcePage.objects.live().values_list("pk", "source_id"))
        ids.update(CoursePage.objects.live().values_list("pk", "source_id"))
        expected[("collection", page.pk)] = collection_record(page, ids)
    return expected


class Editor:
    """Makes random changes through catalog.services, as moderators and importers do."""

    def __init__(self, rng, centre, moderator):
        self.rng, self.centre, self.moderator = rng, centre, moderator
        # Lessons of courses point at this resource, which is never deleted.
        self.anchor = services.create_resource(moderator, centre, resource_data(title="Bài neo"), publish=True)
        self.pages = []
        self.counter = 0

    def title(self):
        self.counter += 1
        return f"Tài liệu {self.counter} {self.rng.choice(['toán', 'tiếng Việt', 'tin học', 'kỹ năng sống'])}"

    def fresh(self, page):
        return page.__class__.objects.filter(pk=page.pk).first()

    def step(self):
        rng, live = self.rng, [p for p in map(self.fresh, self.pages) if p is not None]
        self.pages = live
        choice = rng.choice(["create", "create", "course", "edit", "edit", "draft", "unpublish", "publish", "delete"])
        if choice in ("create", "course") or not live:
            publish = rng.random() < 0.7
            if choice == "course":
                page = services.create_course(self.moderator, self.centre,
                                              course_data([self.anchor], title=self.title()), publish=publish)
            else:
                page = services.create_resource(self.moderator, self.centre, resource_data(title=self.title()),
                                                publish=publish)
            self.pages.append(page)
            return
        page = rng.choice(live)
        update = services.update_course if isinstance(page, CoursePage) else services.update_resource
        if choice == "edit":
            update(self.moderator, page, {"title": self.title(), "summary": f"Tóm tắt {rng.random()}"}, publish=True)
        elif choice == "draft":
            update(self.moderator, page, {"title": "Nháp " + self.title()})
        elif choice == "unpublish" and page.live:
            services.unpublish(self.moderator, page)
        elif choice == "publish" and not page.live:
            services.publish(self.moderator, page)
        elif choice == "delete":
            services.delete_page(self.moderator, page)
            self.pages.remove(page)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_following_the_feed_converges_on_the_published_catalogue(client, centre, moderator, seed):
    rng = random.Random(seed)
    editor = Editor(rng, centre, moderator)
    partner = Mirror(client)
    saved = []  # (cursor, copy) the partner had at some moment, to resume from later
    for _ in range(30):
        editor.step()
        if rng.random() < 0.4:
            partner.poll(limit=rng.randint(1, 5))
            saved.append((partner.cursor, dict(partner.objects)))
    collection_items = [p for p in map(editor.fresh, editor.pages) if p is not None and p.live][:3]
    services.create_collection(moderator, centre, title="Tủ sách", items=collection_items, publish=True)
    for _ in range(5):
        editor.step()

    expected = published_catalogue()
    assert any(key[0] == "resource" for key in expected) and any(key[0] == "course" for key in expected)
    assert partner.catch_up() == expected
    assert Mirror(client).catch_up(limit=rng.randint(1, 50)) == expected
    assert saved, "the partner polled at least once along the way"
    for cursor, objects in saved:
        assert Mirror(client, cursor, objects).catch_up(limit=rng.randint(1, 9)) == expected


def test_a_course_record_follows_the_deletion_of_one_of_its_lessons(client, centre, moderator):
    lesson = services.create_resource(moderator, centre, resource_data(title="Bài học sẽ xóa"), publish=True)
    services.create_course(moderator, centre, course_data([lesson]), publish=True)
    partner = Mirror(client)
    partner.catch_up()
    services.delete_page(moderator, lesson)
    assert partner.catch_up() == published_catalogue()


def test_a_collection_and_a_remix_follow_the_renaming_of_their_source(client, centre, moderator):
    source = services.create_resource(moderator, centre, resource_data(title="Bài gốc"), publish=True)
    services.publish(moderator, services.remix_resource(moderator, source, centre=centre))
    services.create_collection(moderator, centre, title="Bộ sưu tập", items=[source], publish=True)
    partner = Mirror(client)
    partner.catch_up()
    services.update_resource(moderator, source, resource_data(title="Bài gốc (sửa)"), publish=True)
    assert partner.catch_up() == published_catalogue()


def _publish_centre(centre, **changes):
    centre = CentrePage.objects.get(pk=centre.pk)
    for name, value in changes.items():
        setattr(centre, name, value)
    centre.save_revision().publish()
    return centre


@pytest.mark.parametrize("changes", [{"title": "Trung tâm GDNN-GDTX Ba Vì"}, {"slug": "gdtx-ba-vi-moi"}])
def test_the_records_of_a_centres_pages_follow_its_renaming(client, centre, moderator, changes):
    lesson = services.create_resource(moderator, centre, resource_data(title="Bài 1"), publish=True)
    services.create_course(moderator, centre, course_data([lesson], title="Khóa học"), publish=True)
    partner = Mirror(client)
    partner.catch_up()
    _publish_centre(centre, **changes)
    mirrored = partner.catch_up()
    assert mirrored == published_catalogue()
    record = mirrored[("resource", lesson.pk)]
    if "title" in changes:
        assert record["sourceOrganization"][0]["name"] == changes["title"]
    else:
        assert changes["slug"] in record["sourceOrganization"][0]["id"]
        assert changes["slug"] in ResourcePage.objects.get(pk=lesson.pk).url


def test_republishing_a_centre_unchanged_does_not_resend_its_pages(client, centre, moderator):
    services.create_resource(moderator, centre, resource_data(title="Bài 1"), publish=True)
    _publish_centre(centre, title="Tên nháp")  # a draft rename, then published: pages re-sent once
    partner = Mirror(client)
    partner.catch_up()
    draft = CentrePage.objects.get(pk=centre.pk)
    draft.address = "Thị trấn Tây Đằng"  # not shown in the pages' records
    draft.save_revision()
    draft.save_revision().publish()
    body = client.get("/api/v1/changes/", {"since": partner.cursor}).json()
    assert [item["type"] for item in body["results"]] == ["centre"]


def test_making_a_centre_private_withdraws_its_pages_and_lifting_it_restores_them(client, centre, publish):
    lesson = publish(title="Bài riêng")
    partner = Mirror(client)
    partner.catch_up()

    def found():
        drain()
        return [hit["id"] for hit in client.get("/api/v1/search/", {"q": "bài riêng"}).json()["results"]]

    assert found() == [lesson.pk]
    restriction = PageViewRestriction.objects.create(page=centre, restriction_type=PageViewRestriction.LOGIN)
    mirrored = partner.catch_up()
    assert ("resource", lesson.pk) not in mirrored and ("centre", centre.pk) not in mirrored
    assert mirrored == published_catalogue()
    assert found() == []

    restriction.delete()
    mirrored = partner.catch_up()
    assert mirrored[("resource", lesson.pk)]["name"] == "Bài riêng"
    assert mirrored == published_catalogue()
    assert found() == [lesson.pk]
