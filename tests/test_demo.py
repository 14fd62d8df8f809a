"""The Vietnamese demo catalogue: its data files, and what `load_demo` gives a visitor, a teacher and a moderator."""
import json
import shutil
import unicodedata
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils.translation import override
from django.test import TestCase
from wagtail.models import Page, Revision

from catalog import demo as demo_module
from catalog.demo import DEMO_DIR, DEMO_PASSWORD
from catalog.licences import family
from catalog.models import (
    CentrePage, CollectionPage, Licence, OutboxEvent, ResourcePage, ResourceType, Topic,
)
from catalog.queries import public_courses, public_resources
from catalog.vocabularies import load_data
from tests.factories.amb import known_uris

VOCAB_BASE = "https://oerhub.edu.vn/vocab/"
REQUIRED = ("@context", "id", "type", "name", "description", "license", "learningResourceType", "about",
            "inLanguage", "creator", "dateCreated", "sourceOrganization")
VIETNAMESE_MARKS = set("ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ")


def _records(name):
    with open(DEMO_DIR / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _vocabulary():
    known = known_uris()
    known["learningResourceType"] |= {"https://w3id.org/kim/hcrt/course"}  # course records
    return known


# ---- The data files alone (no database, no importer) ----

@pytest.mark.parametrize("name", ["resources.jsonl", "courses.jsonl", "drafts.jsonl"])
def test_every_record_is_complete_and_uses_only_seeded_vocabulary(name):
    vocabulary = _vocabulary()
    centre_data = json.loads((DEMO_DIR / "centres.json").read_text(encoding="utf-8"))["centres"]
    centres = {f"{VOCAB_BASE}centre/{c['slug']}" for c in centre_data}
    for number, record in enumerate(_records(name), start=1):
        missing = [key for key in REQUIRED if not record.get(key)]
        assert not missing, f"{name} line {number} lacks {missing}"
        assert 1 <= len(record["creator"]) <= 3
        assert "2021-01-01" <= record["dateCreated"] <= "2025-12-31"
        assert record["license"]["id"] in vocabulary["license"], (number, record["license"])
        assert set(record["inLanguage"]) <= vocabulary["inLanguage"], (number, record["inLanguage"])
        for key in ("about", "learningResourceType", "audience", "educationalLevel"):
            for item in record.get(key, []):
                assert item["id"] in vocabulary[key], f"{name} line {number}: unknown {key} {item['id']}"
        assert [org["id"] for org in record["sourceOrganization"]][0] in centres


def test_ids_are_unique_and_references_point_at_earlier_records():
    resources = _records("resources.jsonl")
    seen = set()
    for record in resources:
        assert record["id"].startswith("https://oerhub.edu.vn/demo/resource/")
        for source in record.get("isBasedOn", []):
            if source["id"].startswith("https://oerhub.edu.vn/"):
                assert source["id"] in seen, f"{record['id']} adapts a record that is not imported before it"
            else:
                assert source["name"] and source["license"]["id"] and source["creator"], "outside source needs TASL"
        assert record["id"] not in seen
        seen.add(record["id"])
    courses = _records("courses.jsonl")
    for course in courses:
        lessons = [lesson["id"] for module in course["hasPart"] for lesson in module["hasPart"]]
        assert 2 <= len(course["hasPart"]) <= 4 and set(lessons) <= seen, course["id"]
        assert course["timeRequired"].startswith("PT") and course["completionCriteria"]
    known = seen | {course["id"] for course in courses}
    for collection in json.loads((DEMO_DIR / "collections.json").read_text(encoding="utf-8")):
        assert set(collection["items"]) <= known, collection["title"]


def test_centres_sit_in_seeded_provinces_and_districts():
    provinces = {p["code"]: set(p["districts"]) for p in load_data()["provinces"]}
    centres = json.loads((DEMO_DIR / "centres.json").read_text(encoding="utf-8"))["centres"]
    assert len(centres) == 6
    for centre in centres:
        assert centre["district"] in provinces[centre["province"]], centre["title"]


def test_vietnamese_descriptions_keep_their_diacritics():
    for name in ("resources.jsonl", "courses.jsonl", "drafts.jsonl"):
        for record in _records(name):
            if record["@context"][1]["@language"] != "vi":
                continue
            text = unicodedata.normalize("NFC", record["name"] + record["description"]).lower()
            assert VIETNAMESE_MARKS & set(text), f"{record['id']} reads like Vietnamese without diacritics"


# ---- What load_demo gives users ----

def _root(topic):
    return (topic.ancestors() or [topic])[0]


class LoadedDemoTests(TestCase):
    """One load of the demo for the whole class (it takes several seconds); each test rolls back its own changes."""

    @classmethod
    def setUpTestData(cls):
        cls.output = StringIO()
        call_command("load_demo", "--with-demo-users", "--no-progress", stdout=cls.output, stderr=StringIO())
        cls.output = cls.output.getvalue()

    def test_published_resources_cover_every_topic_group_type_licence_family_and_several_languages(self):
        resources = list(public_resources().prefetch_related("topics__parent"))
        assert len(resources) >= 60
        roots = {_root(topic).slug for resource in resources for topic in resource.topics.all()}
        assert roots == set(Topic.objects.filter(parent=None).values_list("slug", flat=True))
        assert {r.resource_type_id for r in resources} == set(ResourceType.objects.values_list("pk", flat=True))
        assert {family(r.licence) for r in resources} == {family(lic) for lic in Licence.objects.all()}
        languages = {language.code for r in resources for language in r.languages.all()}
        assert {"vi", "en"} <= languages and len(languages) >= 4

    def test_resources_show_their_centre_files_and_links(self):
        resource = ResourcePage.objects.get(source_id="https://oerhub.edu.vn/demo/resource/xmc1-lam-quen-chu-cai-a-o-o")
        assert resource.centre.slug == "gdtx-lang-son"
        assert ResourcePage.objects.live().exclude(external_url="").count() >= 5
        page = self.client.get(resource.url)
        assert page.status_code == 200
        assert "bai-1-chu-a-o-o.pdf" in page.content.decode()

    def test_remixes_credit_their_sources(self):
        remixes = ResourcePage.objects.live().exclude(based_on=None)
        assert remixes.count() >= 3
        remix = remixes.first()
        assert remix.based_on.title in self.client.get(remix.url).content.decode()
        outside = ResourcePage.objects.live().exclude(based_on_record={}).get()
        assert "UNESCO" in outside.source_attribution().text

    def test_five_published_courses_whose_lessons_are_all_published_resources(self):
        courses = list(public_courses())
        assert len(courses) == 5
        public_ids = set(public_resources().values_list("pk", flat=True))
        for course in courses:
            lessons = course.lesson_resource_ids()
            assert len(course.modules) >= 2 and lessons, course.title
            assert set(lessons) <= public_ids, course.title
            assert self.client.get(course.url).status_code == 200
        warned = [c for c in courses if not c.licence_report().compatible]
        assert warned, "at least one course should show teachers a licence warning"
        assert len(warned) < len(courses)

    def test_six_centres_in_at_least_three_provinces(self):
        centres = CentrePage.objects.live().public()
        assert centres.count() == 6
        assert len({c.province_id for c in centres}) >= 3
        assert len({c.centre_type for c in centres}) >= 4

    def test_collections_are_published_with_every_item_visible(self):
        collections = list(CollectionPage.objects.live().public())
        assert len(collections) == 2
        for collection in collections:
            assert collection.items.count() >= 5
            assert len(collection.public_items()) == collection.items.count()
            assert self.client.get(collection.url).status_code == 200

    def test_demo_accounts_belong_to_their_centre_only(self):
        User = get_user_model()
        assert User.objects.get(username="admin").is_superuser
        assert "gv.langson" in self.output and DEMO_PASSWORD in self.output
        lang_son = CentrePage.objects.get(slug="gdtx-lang-son")
        krong_pac = CentrePage.objects.get(slug="gdnn-gdtx-krong-pac")
        teacher = User.objects.get(username="gv.langson")
        moderator = User.objects.get(username="kd.langson")
        assert teacher.groups.filter(pk=lang_son.teachers_group_id).exists()
        assert moderator.groups.filter(pk=lang_son.moderators_group_id).exists()
        own = ResourcePage.objects.live().descendant_of(lang_son).first()
        other = ResourcePage.objects.live().descendant_of(krong_pac).first()
        assert own.permissions_for_user(teacher).can_edit()
        assert not own.permissions_for_user(teacher).can_publish()
        assert own.permissions_for_user(moderator).can_publish()
        assert not other.permissions_for_user(teacher).can_edit()
        assert not other.permissions_for_user(moderator).can_edit()
        assert self.client.login(username="gv.langson", password=DEMO_PASSWORD)

    def test_two_drafts_wait_for_review_and_stay_hidden_from_visitors(self):
        drafts = ResourcePage.objects.filter(live=False)
        assert drafts.count() == 2
        for draft in drafts:
            assert draft.current_workflow_state is not None and draft.current_workflow_state.status == "in_progress"
            assert not public_resources().filter(pk=draft.pk).exists()
            assert self.client.get(f"/{draft.centre.slug}/{draft.slug}/").status_code == 404
        draft = drafts.get(source_id__endswith="xmc1-chu-cai-o-e-e")
        self.client.login(username="kd.langson", password=DEMO_PASSWORD)
        assert draft.title in self.client.get("/admin/").content.decode()

    def test_running_again_creates_nothing_and_says_so(self):
        counts = (Page.objects.count(), Revision.objects.count(), OutboxEvent.objects.count(),
                  get_user_model().objects.count())
        out = StringIO()
        with override("en"):
            call_command("load_demo", "--with-demo-users", "--no-progress", stdout=out, stderr=StringIO())
        assert (Page.objects.count(), Revision.objects.count(), OutboxEvent.objects.count(),
                get_user_model().objects.count()) == counts
        assert "Nothing changed" in out.getvalue()

    def test_without_debug_or_flag_demo_accounts_are_skipped(self):
        users = get_user_model().objects.count()
        out = StringIO()
        with override("en"):
            call_command("load_demo", "--no-progress", stdout=out, stderr=StringIO())
        assert "Demo accounts skipped" in out.getvalue()
        assert DEMO_PASSWORD not in out.getvalue()
        assert get_user_model().objects.count() == users

    def test_summary_tells_where_to_open_the_site(self):
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        assert f"{base}/" in self.output and f"{base}/admin/" in self.output
        # The command speaks Vietnamese by default (LANGUAGE_CODE), like the rest of the hub.
        assert "Đã nạp xong danh mục học liệu mẫu." in self.output


def test_a_refused_record_is_reported_and_the_command_fails(db, tmp_path):
    for name in ("centres.json", "drafts.jsonl"):
        shutil.copy(DEMO_DIR / name, tmp_path / name)
    good, bad = _records("resources.jsonl")[:2]
    bad["about"] = [{"id": f"{VOCAB_BASE}topic/khong-co-chu-de-nay"}]
    (tmp_path / "resources.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in (good, bad)) + "\n", encoding="utf-8")
    (tmp_path / "courses.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "collections.json").write_text("[]", encoding="utf-8")
    err = StringIO()
    refused = pytest.raises(CommandError, match="1 demo record was refused")
    with mock.patch.object(demo_module, "DEMO_DIR", tmp_path), override("en"), refused:
        call_command("load_demo", "--no-progress", stdout=StringIO(), stderr=err)
    assert "resources.jsonl line 2" in err.getvalue() and "khong-co-chu-de-nay" in err.getvalue()
    assert not CollectionPage.objects.exists()


def test_the_demo_cites_its_pages_at_the_address_it_is_served_on(db, settings):
    """Records, the change feed and OAI-PMH name pages by full URL: on the demo, ones a visitor can open."""
    from wagtail.models import Site

    from catalog.demo import align_default_site

    settings.SITE_BASE_URL = "http://127.0.0.1:8000"
    align_default_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert site.root_url == "http://127.0.0.1:8000"
