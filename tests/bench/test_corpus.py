"""The benchmark corpus: deterministic per seed, complete, only known vocabulary, realistic text, importable."""
import collections
import io
import json
import math
import re

import pytest
from django.core.management import call_command

from bench import corpus
from bench.common import demo_centres
from catalog.importing import import_records
from catalog.models import ResourcePage
from tests.factories.amb import known_uris

VOCAB = "https://oerhub.edu.vn/vocab/"
REQUIRED = ("@context", "id", "type", "name", "description", "keywords", "inLanguage", "license",
            "learningResourceType", "about", "audience", "educationalLevel", "creator", "dateCreated",
            "sourceOrganization")
VIETNAMESE_MARKS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
# An abbreviation users type, and its expansion; both must occur in titles.
ABBREVIATIONS = {"XMC": "xóa mù chữ", "KNS": "kỹ năng sống", "TTHTCĐ": "trung tâm học tập cộng đồng",
                 "CNTT": "công nghệ thông tin", "BDTX": "bồi dưỡng thường xuyên"}


@pytest.fixture(scope="module")
def records():
    return [json.loads(line) for line in corpus.generate(4000, seed=11)]


def _vietnamese(record):
    return record["inLanguage"] != ["en"]


def _has_marks(text):
    return bool(VIETNAMESE_MARKS & set(text.lower()))


# ---- determinism ---------------------------------------------------------------------------------

def test_same_seed_same_records_other_seed_other_records():
    first = list(corpus.generate(300, seed=7))
    assert first == list(corpus.generate(300, seed=7))
    assert first != list(corpus.generate(300, seed=8))


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one():
    assert list(corpus.generate(40, seed=3)) == list(corpus.generate(1100, seed=3))[:40]
    assert list(corpus.generate(5, seed=3, first=998)) == list(corpus.generate(1002, seed=3))[997:]


def test_written_file_holds_the_generated_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        assert corpus.write_corpus(out, 1500, seed=5) == 1500
    text = io.StringIO()  # a stream without a binary buffer gets the same text
    corpus.write_corpus(text, 1500, seed=5)
    assert path.read_text(encoding="utf-8") == text.getvalue()
    assert text.getvalue().splitlines() == list(corpus.generate(1500, seed=5))


def test_command_line_writes_the_records(tmp_path):
    path = tmp_path / "corpus.jsonl"
    assert corpus.main(["--count", "25", "--seed", "4", "--out", str(path)]) == 0
    assert path.read_text(encoding="utf-8").splitlines() == list(corpus.generate(25, seed=4))


# ---- completeness and vocabulary -------------------------------------------------------------------

def test_every_record_is_complete_and_uses_only_known_vocabulary(records):
    known = known_uris()
    centres = {f"{VOCAB}centre/{c['slug']}" for c in demo_centres()}
    for record in records:
        assert all(record.get(field) for field in REQUIRED), record["id"]
        assert record["type"] == ["LearningResource"]
        for field in ("about", "audience", "educationalLevel", "learningResourceType"):
            assert {item["id"] for item in record[field]} <= known[field], (record["id"], field)
        assert record["license"]["id"] in known["license"]
        assert set(record["inLanguage"]) <= known["inLanguage"]
        assert [org["id"] for org in record["sourceOrganization"]][0] in centres
        assert 1 <= len(record["creator"]) <= 3
        assert len(record["name"]) <= 255 and all(len(k) <= 100 for k in record["keywords"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["dateCreated"])
        for item in record.get("encoding", []):
            assert item["contentUrl"].startswith("https://") and item["contentSize"].isdigit()


def test_ids_are_unique_and_sources_come_earlier(records):
    ids = [r["id"] for r in records]
    assert ids == [f"https://oerhub.edu.vn/bench/resource/{n}" for n in range(1, len(records) + 1)]
    position = {ident: i for i, ident in enumerate(ids)}
    linked = [r for r in records if r.get("isBasedOn") and r["isBasedOn"][0]["id"] in position]
    assert linked, "some records remix an earlier record"
    assert all(position[r["isBasedOn"][0]["id"]] < position[r["id"]] for r in linked)


def test_centres_option_limits_the_centres():
    lines = list(corpus.generate(200, seed=2, centres=["tthtcd-tan-linh", "trung-tam-moi"]))
    orgs = {json.dumps(json.loads(line)["sourceOrganization"], ensure_ascii=False) for line in lines}
    assert orgs == {
        '[{"type": "Organization", "id": "https://oerhub.edu.vn/vocab/centre/tthtcd-tan-linh", '
        '"name": "Trung tâm học tập cộng đồng xã Tản Lĩnh"}]',
        '[{"type": "Organization", "id": "https://oerhub.edu.vn/vocab/centre/trung-tam-moi"}]',
    }


# ---- realistic variety -------------------------------------------------------------------------------

def test_about_five_percent_of_vietnamese_texts_lost_their_diacritics(records):
    vietnamese = [r for r in records if _vietnamese(r)]
    unaccented = [r for r in vietnamese if not _has_marks(r["name"] + r["description"])]
    assert 0.03 <= len(unaccented) / len(vietnamese) <= 0.08
    assert all(not _has_marks(" ".join(r["keywords"])) for r in unaccented)


def test_titles_use_abbreviations_and_their_expansions(records):
    titles = [r["name"] for r in records]
    for abbreviation, expansion in ABBREVIATIONS.items():
        assert any(re.search(rf"\b{abbreviation}\b", t) for t in titles), abbreviation
        assert any(expansion in t.lower() for t in titles), expansion


def test_languages_licences_types_and_topics_vary(records):
    known = known_uris()
    languages = collections.Counter(tuple(r["inLanguage"]) for r in records)
    assert languages[("vi",)] / len(records) > 0.7
    assert languages[("en",)] and languages[("vi", "en")]
    minority = {lang for r in records for lang in r["inLanguage"][1:] if lang not in ("en", "ja")}
    assert len(minority) >= 5
    assert {r["license"]["id"] for r in records} == known["license"]
    assert {r["learningResourceType"][0]["id"] for r in records} == known["learningResourceType"] - {
        "https://w3id.org/kim/hcrt/course"}
    topic_counts = collections.Counter(len(r["about"]) for r in records)
    assert set(topic_counts) == {1, 2, 3}
    assert len({t["id"] for r in records for t in r["about"]}) >= 50
    names = {c["name"] for r in records for c in r["creator"]}
    assert any(name.startswith("Nguyễn ") for name in names) and len(names) > 1000


def test_description_words_follow_a_zipf_like_curve(records):
    descriptions = [r["description"].lower() for r in records if _vietnamese(r)]
    words = collections.Counter(w for text in descriptions for w in re.findall(r"\w+", text))
    frequencies = [count for _word, count in words.most_common()]
    assert len(frequencies) > 800
    xs = [math.log(rank) for rank in range(10, 500)]
    ys = [math.log(frequencies[rank - 1]) for rank in range(10, 500)]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
    assert -2.5 < slope < -0.7


# ---- importable --------------------------------------------------------------------------------------

def test_a_generated_file_imports_without_rejections_and_again_unchanged(db):
    call_command("load_demo", "--no-progress", stdout=io.StringIO())
    lines = list(corpus.generate(30, seed=1))
    report = import_records(lines, publish=True)
    assert report.rejections == []
    assert report.created == 30
    pages = ResourcePage.objects.filter(source_id__startswith="https://oerhub.edu.vn/bench/resource/")
    assert pages.count() == pages.filter(live=True).count() == 30
    again = import_records(lines, publish=True)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 30, 0)
