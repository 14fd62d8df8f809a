"""The Vietnamese text layer: normalising, folding, Telex/VNI, abbreviations, highlighting and typo helpers."""
import re
import unicodedata

import pytest

from search.text import (
    QueryForms, decode_query, decode_telex, decode_vni, edit_distance_at_most_one, excerpt,
    expand_abbreviations, fold, has_diacritics, highlight, is_valid_syllable, load_glossary, normalize,
    query_forms, suggest_corrections, tokenize,
)

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731 - text as macOS sends it


# -- normalize -------------------------------------------------------------------------------------

@pytest.mark.parametrize("one, other", [
    ("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("hóa học", "hoá học"), ("qúy", "quý"),
    ("tòan", "toàn"), ("ngừơi", "người"), ("thủơ", "thuở"), ("Ủy ban", "uỷ ban"), ("khủyu", "khuỷu"),
    ("hoài", "hòai"), ("HÒA BÌNH", "hoà bình"), (NFD("Xóa mù chữ"), "xóa mù chữ"),
    (NFD("Nguyễn Thị Thủy"), "nguyễn thị thuỷ"), ("a\u0301\u0302y", "ấy"), ("ô\u0301ng", "ống"),
    ("u\u031b\u0301", "ứ"), ("ĐỒNG BÀO", "đồng bào"), ("  Xóa \t mù\nchữ\u00a0 ", "xoá mù chữ"),
    ("xo\u00adá mù\u200b chữ", "xoá mù chữ"),
])
def test_spellings_of_one_text_normalize_equal(one, other):
    assert normalize(one) == normalize(other)


def test_tone_goes_on_the_main_vowel_as_in_the_2018_curriculum():
    assert normalize("Hòa nhạc, quý hóa, thủy thủ, mạnh khỏe") == "hoà nhạc, quý hoá, thuỷ thủ, mạnh khoẻ"
    assert normalize("mía mùa lửa biển thuyền nhuộm được thuở") == "mía mùa lửa biển thuyền nhuộm được thuở"
    assert normalize("Đà Nẵng") == "đà nẵng"


def test_normalize_is_idempotent_and_leaves_other_words_alone():
    text = "Café naïve São Paulo, H'Mông 4.0 — STEM"
    assert normalize(normalize(text)) == normalize(text) == "café naïve são paulo, h'mông 4.0 — stem"
    assert normalize("") == "" and normalize(None) == ""


# -- fold, tokenize --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, folded", [
    ("Đồng bào dân tộc thiểu số", "dong bao dan toc thieu so"), ("ĐẠI HỌC", "dai hoc"),
    (NFD("Ưu tiên hướng dẫn"), "uu tien huong dan"), ("Xoá mù chữ", "xoa mu chu"), ("TTHTCĐ", "tthtcd"),
    ("Ngày Sách và Văn hóa đọc", "ngay sach va van hoa doc"),
])
def test_fold_removes_every_diacritic_and_maps_d_with_stroke(text, folded):
    assert fold(text) == folded
    assert fold(text).isascii()


def test_has_diacritics_counts_d_with_stroke():
    assert has_diacritics("tthtcđ") and has_diacritics("Xóa") and not has_diacritics("xoa mu chu")


@pytest.mark.parametrize("text, tokens", [
    ("Tiếng Anh bậc 1 (A1), chuyển đổi số 4.0; H'Mông",
     ["tiếng", "anh", "bậc", "1", "a1", "chuyển", "đổi", "số", "4.0", "hmông"]),
    ("GD&ĐT e-learning", ["gd", "đt", "e", "learning"]),
    ("Học phí 1.000.000 đồng, năm 2020.", ["học", "phí", "1.000.000", "đồng", "năm", "2020"]),
    (NFD("Hòa nhập"), ["hoà", "nhập"]),
    ("...", []),
])
def test_tokenize_keeps_letters_digits_and_decimals(text, tokens):
    assert tokenize(text) == tokens


# -- syllables, Telex and VNI ----------------------------------------------------------------------

@pytest.mark.parametrize("word", ["ăn", "yên", "giếng", "gì", "khuỷu", "quốc", "thuở", "xoong", "kỹ", "nghiệp", "học"])
def test_well_formed_syllables(word):
    assert is_valid_syllable(normalize(word))


@pytest.mark.parametrize("word", [
    "ce", "ka", "ghá", "nge", "hôc", "hổc", "ă", "iên", "tyên", "quu", "tuơ", "stem", "internet", "mw",
])
def test_ill_formed_syllables(word):
    assert not is_valid_syllable(word)


# syllable, Telex keystrokes, VNI keystrokes (hand-typed, tone key at the end)
SYLLABLES = """
xóa xoas xoa1 | mù muf mu2 | chữ chuwx chu74 | đồng ddoongf d9o6ng2 | người nguwowif ngu7o7i2
tiếng tieengs tie6ng1 | việt vieetj vie6t5 | học hocj hoc5 | đường dduwowngf d9u7o7ng2 | toán toans toan1
giáo giaos giao1 | dục ducj duc5 | thường thuwowngf thu7o7ng2 | xuyên xuyeen xuye6n | tâm taam ta6m
cộng coongj co6ng5 | kỹ kyx ky4 | năng nawng na8ng | sống soongs so6ng1 | quý quys quy1
quốc quoocs quo6c1 | gì gif gi2 | giữ giuwx giu74 | giường giuwowngf giu7o7ng2 | thuở thuowr thuo73
khỏe khoer khoe3 | hòa hoaf hoa2 | thủy thuyr thuy3 | ở owr o73 | ừ wf u72
ăn awn a8n | ắt awts a8t1 | ê ee e6 | ấy aays a6y1 | đẹp ddepj d9ep5
bạn banj ban5 | những nhuwngx nhu7ng4 | mười muwowif mu7o7i2 | rượu ruwowuj ru7o7u5 | chuyện chuyeenj chuye6n5
khuỷu khuyur khuyu3 | hoạch hoachj hoach5 | huỳnh huynhf huynh2 | ngoài ngoaif ngoai2 | xoáy xoays xoay1
khuấy khuaays khua6y1 | nguyễn nguyeenx nguye6n4 | trường truwowngf tru7o7ng2 | lớp lowps lo7p1 | chữa chuwax chu7a4
mưa muwa mu7a | cửa cuwar cu7a3 | đầu ddaauf d9a6u2 | sáu saus sau1 | bảy bayr bay3
chín chins chin1 | một mootj mo6t5 | bốn boons bo6n1 | năm nawm na8m | sách sachs sach1
nghề ngheef nghe62 | nghiệp nghieepj nghie6p5 | kiểm kieemr kie6m3 | thiểu thieeur thie6u3 | số soos so61
dân daan da6n | tộc toocj to6c5 | phổ phoor pho63 | cập caapj ca6p5 | suốt suoots suo6t1
đời ddowif d9o7i2 | xã xax xa4 | hội hooij ho6i5 | thông thoong tho6ng | tuần tuaanf tua6n2
luật luaatj lua6t5 | yêu yeeu ye6u | yến yeens ye6n1 | uống uoongs uo6ng1 | ước uwowcs u7o7c1
hoặc hoawcj hoa8c5 | xoăn xoawn xoa8n | quyết quyeets quye6t1 | giếng gieengs gie6ng1 | gửi guwir gu7i3
cưới cuwowis cu7o7i1 | ngủ ngur ngu3 | lửa luwar lu7a3 | hươu huwowu hu7o7u | khoét khoets khoet1
ngoẻo ngoeor ngoeo3 | tuyết tuyeets tuye6t1 | bệnh beenhj be6nh5 | ếch eechs e6ch1 | ổn oonr o6n3
vậy vaayj va6y5 | ý ys y1 | ủy uyr uy3 | đi ddi d9i | để ddeer d9e63
của cuar cua3 | và vaf va2 | là laf la2 | có cos co1 | được dduwowcj d9u7o7c5
trẻ trer tre3 | đình ddinhf d9inh2 | phương phuwowng phu7o7ng | pháp phaps phap1 | văn vawn va8n
hóa hoas hoa1 | tự tuwj tu75 | nhiên nhieen nhie6n | quản quanr quan3 | lý lys ly1
cơ cow co7 | sở sowr so73 | vật vaatj va6t5 | chất chaats cha6t1 | ngữ nguwx ngu74
ngoại ngoaij ngoai5 | biết bieets bie6t1 | tiếp tieeps tie6p1 | đào ddaof d9ao2 | bậc baacj ba6c5
mức muwcs mu7c1 | độ ddooj d9o65 | tạo taoj tao5 | viên vieen vie6n | tục tucj tuc5
"""
ROWS = [row.split() for row in SYLLABLES.replace("\n", "|").split("|") if row.strip()]


def test_the_keystroke_table_is_large_enough():
    assert len(ROWS) >= 100
    tones = {unicodedata.normalize("NFD", word)[-1] for word, *_ in ROWS}
    assert {"\u0301", "\u0300", "\u0309", "\u0303", "\u0323"} <= tones


@pytest.mark.parametrize("word, telex, vni", ROWS)
def test_telex_decodes_to_the_syllable(word, telex, vni):
    assert decode_telex(telex) == normalize(word)


@pytest.mark.parametrize("word, telex, vni", ROWS)
def test_vni_decodes_to_the_syllable(word, telex, vni):
    assert decode_vni(vni) == normalize(word)


@pytest.mark.parametrize("typed, word", [
    ("tosan", "toán"), ("xosa", "xóa"), ("toasn", "toán"), ("hojc", "học"), ("vieejt", "việt"),
    ("mufa", "mùa"), ("thuwowfng", "thường"), ("duongw", "dương"), ("nguoiwf", "người"), ("muaw", "mưa"),
    ("nhwngx", "những"), ("tw", "tư"), ("uwowcs", "ước"), ("XOAS", "xóa"), ("khoong", "không"),
])
def test_telex_with_keys_typed_in_the_middle_or_late(typed, word):
    assert decode_telex(typed) == normalize(word)


@pytest.mark.parametrize("typed, word", [
    ("xo1a", "xóa"), ("ho5c", "học"), ("vie65t", "việt"), ("ngu7o72i", "người"), ("d9o62ng", "đồng"),
    ("to1an", "toán"), ("duong7", "dương"), ("nguoi72", "người"), ("u7o7c1", "ước"), ("d9uong72", "đường"),
])
def test_vni_with_keys_typed_in_the_middle_or_late(typed, word):
    assert decode_vni(typed) == normalize(word)


ORDINARY_WORDS = """
mu hoc lan tin hoa xoa chu muc do ky nang song giao duc thuong xuyen trung tam cong dong tieng anh
viet nam toan van sinh ai it internet email video stem online zalo facebook test youtube
google word excel powerpoint wifi ok web code data robot covid virus laptop usb ielts toeic smartphone
chat app game english skills teams quiz canva moodle scorm unesco steam lesson master basic music list
best cost is of as this how yes bus
""".split()


@pytest.mark.parametrize("word", ORDINARY_WORDS)
def test_ordinary_words_are_not_mangled(word):
    assert decode_telex(word) is None
    assert decode_vni(word) is None


@pytest.mark.parametrize("word", """
a1 a2 b1 b2 c1 c2 a4 mp3 mp4 h5p 4g covid19 k12 2018 u23 lop10 iso9001 html5 g7 web2 ipv6 f0
""".split())
def test_codes_with_digits_are_not_read_as_vni(word):
    assert decode_vni(word) is None
    assert decode_telex(word) is None


def test_decode_query_word_by_word():
    assert decode_query("xoas mu chuwx") == "xoá mu chữ"
    assert decode_query("xo1a mu2 chu74") == "xoá mù chữ"
    assert decode_query("XOAS, MU CHUWX!") == "xoá, mu chữ!"
    assert decode_query("hocj tieengs Anh A1") == "học tiếng anh a1"
    assert decode_query("Tiếng Anh bậc 1") is None
    assert decode_query("tin hoc lop 10 internet") is None
    assert decode_query("") is None


# -- abbreviations ---------------------------------------------------------------------------------

# Every row of the DOMAIN.md table, with the variants it lists.
DOMAIN_ROWS = [
    ("GDTX", "giáo dục thường xuyên"), ("GDNN", "giáo dục nghề nghiệp"),
    ("TTHTCĐ", "trung tâm học tập cộng đồng"), ("XMC", "xóa mù chữ"),
    ("GDTTSKBC", "giáo dục tiếp tục sau khi biết chữ"), ("PCGD", "phổ cập giáo dục"),
    ("HTSĐ", "học tập suốt đời"), ("XHHT", "xã hội học tập"), ("KNS", "kỹ năng sống"),
    ("GDKNS", "giáo dục kỹ năng sống"), ("NNTH", "ngoại ngữ tin học"), ("CNTT", "công nghệ thông tin"),
    ("DTTS", "dân tộc thiểu số"), ("CSVC", "cơ sở vật chất"), ("CBQL", "cán bộ quản lý"),
    ("GV", "giáo viên"), ("HV", "học viên"), ("BCV", "báo cáo viên"), ("CTV", "cộng tác viên"),
    ("BDTX", "bồi dưỡng thường xuyên"), ("CTMTQG", "chương trình mục tiêu quốc gia"),
    ("GDPT", "giáo dục phổ thông"), ("THCS", "trung học cơ sở"), ("THPT", "trung học phổ thông"),
    ("GDĐT", "giáo dục và đào tạo"), ("UBND", "ủy ban nhân dân"),
    ("STEM", "khoa học công nghệ kỹ thuật toán"),
]


@pytest.mark.parametrize("abbreviation, expansion", DOMAIN_ROWS)
def test_every_domain_abbreviation_expands_and_back(abbreviation, expansion):
    assert normalize(expansion) in expand_abbreviations(abbreviation)
    assert normalize(abbreviation) in expand_abbreviations(expansion)
    assert normalize(abbreviation) in expand_abbreviations(fold(expansion))


@pytest.mark.parametrize("typed", ["tthtcd", "TTHTCĐ", "TT HTCĐ", "THTCĐ", "Tthtcđ", "tt htcd"])
def test_community_learning_centre_variants(typed):
    assert expand_abbreviations(typed)[0] == "trung tâm học tập cộng đồng"


@pytest.mark.parametrize("typed, expansion", [
    ("htsd", "học tập suốt đời"), ("kns", "kỹ năng sống"), ("kns", "kĩ năng sống"),
    ("gdkns", "giáo dục kỹ năng sống"), ("gv", "giáo viên"), ("hv", "học viên"), ("GD&ĐT", "giáo dục và đào tạo"),
])
def test_abbreviation_variants(typed, expansion):
    assert normalize(expansion) in expand_abbreviations(typed)


def test_abbreviations_match_whole_tokens_inside_a_query():
    assert expand_abbreviations("tài liệu XMC mức độ 1") == ["tài liệu xoá mù chữ mức độ 1"]
    assert "tthtcđ xã tản lĩnh" in expand_abbreviations("Trung tâm học tập cộng đồng xã Tản Lĩnh")
    assert "giáo viên trung học cơ sở" in expand_abbreviations("gv thcs")
    assert expand_abbreviations("hvac gvx") == []
    assert expand_abbreviations("ky nang song")[:1] == ["kỹ năng sống"]  # diacritics restored first


def test_admin_pairs_extend_the_glossary_both_ways():
    glossary = load_glossary(extra=[("TTGDTX", "Trung tâm giáo dục thường xuyên"), ("GV", "giảng viên")])
    assert "trung tâm giáo dục thường xuyên" in expand_abbreviations("ttgdtx", glossary)
    assert "ttgdtx" in expand_abbreviations("trung tam giao duc thuong xuyen", glossary)
    assert {"giáo viên", "giảng viên"} <= set(expand_abbreviations("GV", glossary))
    assert expand_abbreviations("ttgdtx") == []  # the default glossary is unchanged
    with pytest.raises(ValueError, match="abbreviation and an expansion"):
        load_glossary(extra=[("XYZ", "  ")])


# -- query_forms -----------------------------------------------------------------------------------

def test_query_forms_unaccented():
    forms = query_forms("xoa mu chu")
    assert isinstance(forms, QueryForms)
    assert (forms.original, forms.folded, forms.has_diacritics) == ("xoa mu chu", "xoa mu chu", False)
    assert forms.telex is None
    assert forms.all_phrases() == ["xoa mu chu", "xoá mù chữ", "xmc"]


def test_query_forms_abbreviation_with_words():
    forms = query_forms("XMC muc do 1")
    assert forms.original == "xmc muc do 1"
    assert forms.all_phrases() == ["xmc muc do 1", "xoá mù chữ muc do 1", "xoa mu chu muc do 1"]


def test_query_forms_life_skills():
    phrases = query_forms("ky nang song").all_phrases()
    assert phrases[0] == "ky nang song"
    assert {"kỹ năng sống", "kĩ năng sống", "kns", "ki nang song"} <= set(phrases)


def test_query_forms_telex():
    forms = query_forms("xoas mu chuwx")
    assert forms.telex == "xoá mu chữ"
    assert forms.all_phrases()[:2] == ["xoas mu chuwx", "xoá mu chữ"]
    assert {"xoá mù chữ", "xoa mu chu", "xmc"} <= set(forms.all_phrases())


def test_query_forms_abbreviation_with_d_stroke():
    forms = query_forms("tthtcđ")
    assert (forms.original, forms.folded, forms.has_diacritics) == ("tthtcđ", "tthtcd", True)
    assert forms.all_phrases()[:2] == ["tthtcđ", "trung tâm học tập cộng đồng"]
    assert "trung tam hoc tap cong dong" in forms.expansions


def test_query_forms_accented_text_keeps_accents_first():
    forms = query_forms("Tiếng Anh bậc 1")
    assert (forms.original, forms.folded, forms.has_diacritics) == ("tiếng anh bậc 1", "tieng anh bac 1", True)
    assert forms.telex is None
    phrases = forms.all_phrases()
    assert phrases[0] == "tiếng anh bậc 1"
    assert phrases.index("tiếng anh a1") < phrases.index("tieng anh bac 1")
    assert len(phrases) == len(set(phrases))


def test_query_forms_empty():
    assert query_forms("   ").all_phrases() == []


# -- highlight, excerpt ----------------------------------------------------------------------------

def test_highlight_matches_without_diacritics_and_keeps_the_text():
    assert highlight("Xóa mù chữ mức độ 1", ["xoa mu chu"]) == "<mark>Xóa mù chữ</mark> mức độ 1"
    assert highlight("Đồng bào DTTS", ["dong bao", "dtts"]) == "<mark>Đồng bào</mark> <mark>DTTS</mark>"
    assert highlight("hòa nhập", ["hoà nhập"], "[", "]") == "[hòa nhập]"
    assert highlight(NFD("Nguyễn Văn"), ["nguyen"]) == "<mark>" + NFD("Nguyễn") + "</mark> " + NFD("Văn")


def test_highlight_escapes_html():
    text = "<script>alert('x')</script> Tin học & <b>CNTT</b>"
    marked = highlight(text, ["tin hoc", "<script>"])
    assert "<script" not in marked and "<b>" not in marked
    assert "<mark>Tin học</mark> &amp; &lt;b&gt;CNTT&lt;/b&gt;" in marked
    assert highlight("a < b", []) == "a &lt; b"


def test_highlight_longest_first_whole_words_no_nesting():
    marked = highlight("Trung tâm học tập cộng đồng; học tập suốt đời", ["học tập", "trung tâm học tập cộng đồng"])
    assert marked == "<mark>Trung tâm học tập cộng đồng</mark>; <mark>học tập</mark> suốt đời"
    assert highlight("Xoay vòng", ["xoa"]) == "Xoay vòng"


def test_excerpt_is_a_highlighted_window_cut_between_words():
    filler = "Lorem ipsum dolor sit amet consectetur. " * 12
    text = filler + "Chương trình xóa mù chữ mức độ 1 cho <đồng bào>. " + filler
    window = excerpt(text, ["xoa mu chu"], length=80)
    assert window.startswith("…") and window.endswith("…")
    assert "<mark>xóa mù chữ</mark>" in window and "&lt;đồng bào&gt;" in window
    plain = re.sub(r"</?mark>", "", window).strip("…").replace("&lt;", "<").replace("&gt;", ">")
    assert f" {plain} " in f" {' '.join(text.split())} "  # whole words only
    assert len(plain) <= 80


def test_excerpt_without_match_starts_at_the_beginning():
    text = "Tài liệu tham khảo " * 30
    window = excerpt(text, ["không có"], length=50)
    assert window.startswith("Tài liệu") and window.endswith("…")
    assert excerpt("Ngắn <gọn>", ["gon"]) == "Ngắn &lt;<mark>gọn</mark>&gt;"


# -- typos -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, close", [
    ("doanh", "doanhh", True), ("kinh", "kinh", True), ("tieng", "tiemg", True), ("hcoj", "hocj", True),
    ("", "a", True), ("doanh", "danhh", False), ("kinh", "kinhxx", False), ("abcd", "badc", False),
])
def test_edit_distance_at_most_one(a, b, close):
    assert edit_distance_at_most_one(a, b) is close
    assert edit_distance_at_most_one(b, a) is close


def test_suggest_corrections_compares_folded_and_ranks_by_frequency():
    vocabulary = {"doanh": 5, "doành": 9, "doanhs": 1, "kinh": 30, "dianh": 2, "xa": 99}
    assert suggest_corrections("doanhh", vocabulary) == ["doành", "doanh", "doanhs"]
    assert suggest_corrections("tieng", ["tiếng", "tiến", "tieng", "tiền", "tiếp"]) == ["tiếng", "tiến", "tiền"]
    assert suggest_corrections("doan", vocabulary) == []  # under five letters: no guessing
