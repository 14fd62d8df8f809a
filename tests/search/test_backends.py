"""One behaviour suite, run against every search backend (see search/README.md for the contract)."""
from search.query import SearchQuery


def search(backend, text="", **params):
    params = {k: v for k, v in params.items() if v is not None}
    return backend.search(SearchQuery.from_params({"q": text, **params}))


def ids(backend, text="", **params):
    return search(backend, text, **params).ids


def facet(results, name):
    return {fv.value: fv.count for fv in results.facets[name]}


# -- Vietnamese matching ---------------------------------------------------------------------------

def test_unaccented_query_finds_accented_text(backend, doc):
    backend.index_many([doc(1, "Xóa mù chữ mức độ 1"), doc(2, "Tin học văn phòng")])
    assert ids(backend, "xoa mu chu") == [1]
    assert ids(backend, "XÓA MÙ CHỮ") == [1]


def test_d_with_stroke_folds_to_d(backend, doc):
    backend.index_many([doc(1, "Tài liệu cho đồng bào dân tộc thiểu số"), doc(2, "Dòng sông quê em")])
    assert ids(backend, "dong bao") == [1]
    assert ids(backend, "đồng bào") == [1]


def test_abbreviation_finds_expansion_and_back(backend, doc):
    backend.index_many([
        doc(1, "Giáo trình xóa mù chữ cho người lớn"),
        doc(2, "Hoạt động của TTHTCĐ xã Tản Lĩnh"),
        doc(3, "Sổ tay công nghệ thông tin"),
    ])
    assert ids(backend, "XMC") == [1]
    assert ids(backend, "trung tâm học tập cộng đồng") == [2]
    assert ids(backend, "tthtcd") == [2]
    assert ids(backend, "CNTT") == [3]


def test_telex_typed_without_input_method(backend, doc):
    backend.index_many([doc(1, "Xóa mù chữ mức độ 1"), doc(2, "Mù tạt và gia vị")])
    assert ids(backend, "xoas mu chuwx") == [1]


def test_last_word_matches_as_a_prefix(backend, doc):
    backend.index_many([doc(1, "Tin học cơ bản"), doc(2, "Tiếng Anh giao tiếp")])
    assert ids(backend, "tin ho") == [1]
    assert set(ids(backend, "ti")) == {1, 2}


def test_one_typo_in_a_long_word_is_forgiven(backend, doc):
    backend.index_many([doc(1, "Khởi sự kinh doanh nhỏ"), doc(2, "Nuôi cá lồng bè")])
    results = search(backend, "kinh doanhh")
    assert results.ids == [1]


def test_body_summary_keywords_and_authors_are_searched(backend, doc):
    backend.index_many([
        doc(1, "Bài một", summary="Phòng chống sạt lở đất"),
        doc(2, "Bài hai", body="<p>Hướng dẫn trồng cà phê</p>"),
        doc(3, "Bài ba", keywords=["an toàn giao thông"]),
        doc(4, "Bài bốn", authors=["Nguyễn Thị Lan"]),
    ])
    assert ids(backend, "sat lo") == [1]
    assert ids(backend, "ca phe") == [2]
    assert ids(backend, "giao thong") == [3]
    assert ids(backend, "nguyen thi lan") == [4]


def test_courses_are_searchable_and_filterable_by_kind(backend, doc):
    backend.index_many([doc(1, "Tin học cho người lớn"), doc(2, "Khóa học tin học cơ bản", kind="course")])
    assert set(ids(backend, "tin hoc")) == {1, 2}
    assert ids(backend, "tin hoc", kind="course") == [2]


# -- ranking ---------------------------------------------------------------------------------------

def test_phrase_in_title_ranks_above_scattered_words(backend, doc):
    backend.index_many([
        doc(1, "Sống khỏe mỗi ngày", body="Kỹ năng nấu ăn và một số bài tập cho người lớn tuổi sống vui", age_days=0),
        doc(2, "Kỹ năng sống cho thanh niên", age_days=30),
    ])
    assert ids(backend, "ky nang song") == [2, 1]


def test_title_ranks_above_body(backend, doc):
    backend.index_many([
        doc(1, "Bài học số 7", body="Làm quen với máy tính và bàn phím", age_days=0),
        doc(2, "Máy tính cho người mới", age_days=10),
    ])
    assert ids(backend, "may tinh") == [2, 1]


def test_typed_diacritics_rank_exact_matches_first(backend, doc):
    backend.index_many([doc(1, "Hoa sen và làng nghề", age_days=0), doc(2, "Hóa học lớp 10", age_days=5)])
    assert ids(backend, "hóa") == [2, 1]
    assert set(ids(backend, "hoa")) == {1, 2}
    assert ids(backend, "hoa sen")[0] == 1


def test_typed_or_decoded_phrase_ranks_above_an_abbreviation_expansion(backend, doc):
    backend.index_many([
        doc(1, "Tài liệu XMC cho người lớn", age_days=0),
        doc(2, "Xoa mu chu cho nguoi lon", age_days=5),  # a scan that lost its diacritics
        doc(3, "Xóa mù chữ cho người lớn", age_days=9),
        doc(4, "Kỹ năng sống cho thanh niên", age_days=0),
        doc(5, "Tài liệu KNS cho thanh niên", age_days=5),
    ])
    # Telex decodes to "xóa mù chữ": kept diacritics first, then the folded phrase, then its abbreviation
    assert ids(backend, "xoas mu chuwx") == [3, 2, 1]
    assert ids(backend, "xoa mu chu")[-1] == 1
    # the abbreviation as typed ranks above its expansion, newer though the expansion's title is
    assert ids(backend, "KNS") == [5, 4]


# -- filters and facets ----------------------------------------------------------------------------

def corpus(doc):
    return [
        doc(1, "Video kỹ năng sống", type=["video"], language=["vi"], licence=["cc-by-4.0"], topic=["ky-nang-song"]),
        doc(2, "Video tiếng Anh", type=["video"], language=["en", "vi"], licence=["cc-by-sa-4.0"],
            topic=["ngoai-ngu", "ngoai-ngu-bac-1"], level=["bac-1"], age_days=3),
        doc(3, "Tài liệu kỹ năng sống", type=["tai-lieu"], language=["vi"], licence=["cc-by-nd-4.0"], remix=False,
            topic=["ky-nang-song"], centre=["trung-tam-b"], province=["79"], age_days=6, h5p=True),
        doc(4, "Khóa học kỹ năng sống", kind="course", language=["vi"], topic=["ky-nang-song"], age_days=9),
    ]


def test_filters_and_across_facets_or_within_one(backend, doc):
    backend.index_many(corpus(doc))
    assert set(ids(backend, type="video")) == {1, 2}
    assert set(ids(backend, type="video", language="en")) == {2}
    assert set(ids(backend, type="video,tai-lieu")) == {1, 2, 3}
    assert set(ids(backend, **{"type": "tai-lieu", "language": "en"})) == set()
    assert set(ids(backend, "ky nang song", type="video")) == {1}


def test_topic_filter_matches_documents_carrying_the_topic(backend, doc):
    backend.index_many(corpus(doc))
    assert set(ids(backend, topic="ngoai-ngu")) == {2}
    assert set(ids(backend, topic="ky-nang-song")) == {1, 3, 4}


def test_boolean_facets(backend, doc):
    backend.index_many(corpus(doc))
    assert set(ids(backend, remix="false")) == {3}
    assert set(ids(backend, h5p="true")) == {3}
    assert set(ids(backend, centre="trung-tam-b", province="79")) == {3}


def test_every_facet_is_present_with_counts_and_labels(backend, doc):
    from search.schema import FACET_NAMES

    backend.index_many(corpus(doc))
    results = search(backend)
    assert list(results.facets) == list(FACET_NAMES)
    assert facet(results, "kind") == {"resource": 3, "course": 1}
    assert facet(results, "language") == {"vi": 4, "en": 1}
    assert facet(results, "remix") == {"true": 3, "false": 1}
    labels = {fv.value: fv.label for fv in results.facets["type"]}
    assert labels["video"] == "Video" and labels["tai-lieu"] == "Tài liệu văn bản"


def test_facet_counts_are_disjunctive(backend, doc):
    backend.index_many(corpus(doc))
    results = search(backend, type="video")
    # the type facet ignores its own filter, so the learner can widen the choice...
    assert facet(results, "type") == {"video": 2, "tai-lieu": 1}
    assert [fv.value for fv in results.facets["type"] if fv.selected] == ["video"]
    # ...while every other facet counts only videos
    assert facet(results, "language") == {"vi": 2, "en": 1}
    assert facet(results, "licence") == {"cc-by-4.0": 1, "cc-by-sa-4.0": 1}


def test_no_match_still_returns_every_facet(backend, doc):
    backend.index_many(corpus(doc))
    results = search(backend, "zzzzqqq")
    assert results.total == 0 and results.ids == []
    assert all(values == [] for values in results.facets.values())


# -- sorting, paging, suggestions ------------------------------------------------------------------

def test_sorting(backend, doc):
    backend.index_many([
        doc(1, "Bài A", age_days=10, popularity=5),
        doc(2, "Bài B", age_days=0, popularity=1),
        doc(3, "Bài C", age_days=5, popularity=9),
    ])
    assert ids(backend) == [2, 3, 1]
    assert ids(backend, sort="newest") == [2, 3, 1]
    assert ids(backend, sort="popular") == [3, 1, 2]
    assert ids(backend, "bai", sort="newest") == [2, 3, 1]


def test_paging_returns_the_page_and_the_total(backend, doc):
    backend.index_many([doc(i, f"Bài số {i}", age_days=i) for i in range(1, 8)])
    first = search(backend, "bai", page_size=3)
    second = search(backend, "bai", page_size=3, page=2)
    third = search(backend, "bai", page_size=3, page=3)
    assert (first.total, second.total) == (7, 7)
    assert first.ids == [1, 2, 3] and second.ids == [4, 5, 6] and third.ids == [7]
    assert search(backend, "bai", page_size=3, page=9).ids == []


def test_suggestions_complete_the_typed_word(backend, doc):
    backend.index_many([doc(1, "Xóa mù chữ mức độ 1"), doc(2, "Xây dựng tủ sách"), doc(3, "Tin học")])
    suggestions = search(backend, "xo").suggestions
    assert suggestions == ["Xóa mù chữ mức độ 1"]
    assert len(search(backend, "x").suggestions) <= 5


# -- index maintenance -----------------------------------------------------------------------------

def test_index_many_is_an_upsert_and_delete_removes(backend, doc):
    backend.index_many([doc(1, "Trồng lúa"), doc(2, "Nuôi gà")])
    backend.index_many([doc(1, "Trồng ngô")])
    assert backend.count() == 2
    assert ids(backend, "trong lua") == [] and ids(backend, "trong ngo") == [1]
    backend.delete([1, 999])
    assert backend.count() == 1 and ids(backend, "trong") == []


def test_rebuild_replaces_the_whole_index(backend, doc):
    backend.index_many([doc(1, "Trồng lúa"), doc(2, "Nuôi gà")])
    backend.rebuild(iter([doc(3, "Nuôi cá"), doc(4, "Trồng rau")]))
    assert backend.count() == 2
    assert ids(backend, "nuoi") == [3]
