"""Shared by the benchmarks: project paths, vocabularies, demo centres, result tables and the Vietnamese word lists."""
import json
import os
import platform
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY_FILE = ROOT / "catalog" / "data" / "vocabularies.json"
DEMO_CENTRES_FILE = ROOT / "catalog" / "data" / "demo" / "centres.json"
# The default OER_VOCAB_BASE_URI; generated records name topics and centres under it.
VOCAB_BASE = "https://oerhub.edu.vn/vocab/"


def load_vocabularies():
    """The vocabularies the hub seeds (`catalog/data/vocabularies.json`), as a dict."""
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


def demo_centres():
    """The demo centres as a list of dicts (`slug`, `title`, `province`, `district`, ...)."""
    return json.loads(DEMO_CENTRES_FILE.read_text(encoding="utf-8"))["centres"]


def markdown_table(header, rows):
    """A GitHub Markdown table; numbers are right-aligned."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [len(cells) > 1 and all(_is_number(row[i]) for row in cells[1:] if row[i]) for i in range(len(header))]

    def line(row):
        return "| " + " | ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(row, widths, numeric)) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if num else ("-" * (w + 2)) for w, num in zip(widths, numeric)) + "|"
    return "\n".join([line(cells[0]), rule] + [line(row) for row in cells[1:]])


def _is_number(text):
    try:
        float(text.replace(",", "").removeprefix("≥ ").rstrip("×x%"))
    except ValueError:
        return False
    return True


def machine_summary():
    """One line describing the machine: CPUs, memory, Python and the OS, for result tables."""
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            kb = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} CPUs{memory}, Python {platform.python_version()}, {system}"


def git_revision():
    """What is being measured: $BENCH_REVISION if set, else the commit ("-dirty" with local changes)."""
    if os.environ.get("BENCH_REVISION"):
        return os.environ["BENCH_REVISION"]
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True,
                             timeout=5, check=False)
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"


class Timer:
    """A context manager measuring wall-clock seconds with `time.perf_counter`."""

    def __enter__(self):
        self.started = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started
        return False


# ---- Vietnamese words the corpus (and, later, search queries) draw from ------------------------
# Written for this project from the vocabulary of DOMAIN.md. "[XMC]" marks an abbreviation:
# `forms()` gives each text twice, with the expansion and with the abbreviation.

ABBREVIATIONS = {
    "XMC": "xóa mù chữ", "KNS": "kỹ năng sống", "GDKNS": "giáo dục kỹ năng sống",
    "TTHTCĐ": "trung tâm học tập cộng đồng", "CNTT": "công nghệ thông tin", "BDTX": "bồi dưỡng thường xuyên",
    "GDTX": "giáo dục thường xuyên", "GDTTSKBC": "giáo dục tiếp tục sau khi biết chữ", "HTSĐ": "học tập suốt đời",
    "XHHT": "xã hội học tập", "DTTS": "dân tộc thiểu số", "THCS": "trung học cơ sở", "THPT": "trung học phổ thông",
    "NNTH": "ngoại ngữ, tin học", "GV": "giáo viên", "HV": "học viên", "CBQL": "cán bộ quản lý",
    "BCV": "báo cáo viên", "CTV": "cộng tác viên", "PCGD": "phổ cập giáo dục", "GDNN": "giáo dục nghề nghiệp",
    "GDPT": "giáo dục phổ thông", "UBND": "ủy ban nhân dân", "CSVC": "cơ sở vật chất",
    "GDĐT": "giáo dục và đào tạo", "CTMTQG": "chương trình mục tiêu quốc gia",
    "STEM": "STEM",  # kept as is: users type STEM either way
}


def forms(text):
    """(text with expansions, text with abbreviations) for a text with [ABBR] marks."""
    expanded, abbreviated, rest = [], [], text
    while "[" in rest:
        before, _, after = rest.partition("[")
        abbr, _, rest = after.partition("]")
        expanded += [before, ABBREVIATIONS[abbr]]
        abbreviated += [before, abbr]
    return "".join(expanded) + rest, "".join(abbreviated) + rest


_SCHOOL_TYPES = ("bai-giang-dien-tu ngan-hang-cau-hoi de-thi ke-hoach-bai-day phieu-bai-tap video "
                 "sach-giao-khoa-dien-tu mo-phong tuong-tac tai-lieu-tham-khao")
_ADULT_TYPES = "video tai-lieu bai-giang-dien-tu hinh-anh phieu-bai-tap am-thanh tuong-tac tai-lieu-tham-khao lien-ket"
_FARM_TYPES = "video tai-lieu bai-giang-dien-tu hinh-anh am-thanh tai-lieu-tham-khao lien-ket mo-phong"
_LANG_TYPES = ("bai-giang-dien-tu am-thanh video tuong-tac phieu-bai-tap de-thi ngan-hang-cau-hoi "
               "sach-giao-khoa-dien-tu lien-ket")
_TEACHER_TYPES = "tai-lieu bai-giang-dien-tu ke-hoach-bai-day video tai-lieu-tham-khao lien-ket"

# (topic slug, weight, levels, audiences, resource types (commonest first), subjects, keywords)
THEMES = [
    ("xmc-muc-do-1", 6, "xmc-1", "hoc-vien giao-vien cong-dong",
     "bai-giang-dien-tu phieu-bai-tap hinh-anh video tai-lieu tuong-tac am-thanh",
     ("làm quen với chữ cái|tập đọc vần đơn giản|tập viết chữ thường|đọc và viết số từ 0 đến 100|"
      "phép cộng, trừ trong phạm vi 100|ghép vần và đánh vần|tập viết tên mình và tên người thân|"
      "đọc biển báo quanh làng|lớp [XMC] mức độ 1"),
     ("[XMC]|chữ cái|học vần|tập viết|người lớn|đánh vần|[XMC] mức độ 1")),
    ("xmc-muc-do-2", 4, "xmc-2", "hoc-vien giao-vien cong-dong",
     "bai-giang-dien-tu phieu-bai-tap tai-lieu video de-thi tuong-tac",
     ("đọc hiểu văn bản ngắn|viết đoạn văn kể việc gia đình|giải toán có lời văn|đo độ dài, khối lượng và thời gian|"
      "tính tiền khi đi chợ|viết đơn xin việc|đọc hiểu giấy tờ hành chính|lớp [XMC] mức độ 2"),
     ("[XMC]|đọc hiểu|tập làm văn|toán thực tế|người lớn|[XMC] mức độ 2")),
    ("sau-biet-chu", 3, "nguoi-lon xmc-2", "hoc-vien cong-dong giao-vien",
     "tai-lieu video am-thanh phieu-bai-tap hinh-anh",
     ("chống tái mù chữ|đọc báo và tin tức địa phương|ghi chép sổ thu chi gia đình|viết thư cho người thân|"
      "đọc truyện cổ tích|[GDTTSKBC] cho người mới biết chữ"),
     ("[GDTTSKBC]|sau biết chữ|tái mù chữ|đọc sách|người lớn")),
    ("xmcn-ngoai-ngu", 2, "nguoi-lon bac-1", "hoc-vien cong-dong nguoi-lao-dong", _LANG_TYPES,
     ("giao tiếp tiếng Anh khi đi du lịch|từ vựng tiếng Anh nơi làm việc|đọc nhãn hàng hóa bằng tiếng Anh|"
      "chào hỏi và giới thiệu bản thân"),
     ("xóa mù chức năng|ngoại ngữ|tiếng Anh|giao tiếp")),
    ("xmcn-tin-hoc", 4, "nguoi-lon", "hoc-vien cong-dong nguoi-lao-dong phu-huynh", _ADULT_TYPES,
     ("sử dụng điện thoại thông minh|tạo và bảo mật tài khoản mạng xã hội|dịch vụ công trực tuyến|"
      "thanh toán không dùng tiền mặt|nhận biết tin giả trên mạng|ứng dụng [CNTT] trong đời sống|gửi thư điện tử|"
      "tìm kiếm thông tin trên Internet"),
     ("xóa mù chức năng|kỹ năng số|[CNTT]|điện thoại thông minh|chuyển đổi số")),
    ("xmcn-phap-luat", 3, "nguoi-lon", "cong-dong hoc-vien bao-cao-vien", _ADULT_TYPES,
     ("Luật Giao thông đường bộ|quyền và nghĩa vụ của công dân|phòng chống bạo lực gia đình|thủ tục đăng ký khai sinh|"
      "Luật Hôn nhân và gia đình|phòng chống mua bán người|quyền sử dụng đất"),
     ("pháp luật|tuyên truyền pháp luật|quyền công dân|[UBND] xã")),
    ("xmcn-suc-khoe", 3, "nguoi-lon", "cong-dong phu-huynh hoc-vien", _ADULT_TYPES,
     ("chăm sóc sức khỏe sinh sản|dinh dưỡng cho trẻ dưới 5 tuổi|phòng chống sốt xuất huyết|vệ sinh an toàn thực phẩm|"
      "sơ cứu ban đầu|phòng chống tác hại của thuốc lá|sức khỏe người cao tuổi"),
     ("sức khỏe|y tế cộng đồng|dinh dưỡng|phòng bệnh")),
    ("xmcn-tai-chinh", 3, "nguoi-lon", "cong-dong nguoi-lao-dong hoc-vien", _ADULT_TYPES,
     ("quản lý chi tiêu gia đình|vay vốn ngân hàng chính sách|tiết kiệm và lập ngân sách|phòng tránh tín dụng đen|"
      "sử dụng ví điện tử an toàn|bảo hiểm y tế và bảo hiểm xã hội"),
     ("tài chính|tiết kiệm|ngân hàng|ví điện tử")),
    ("xmcn-thong-tin", 2, "nguoi-lon", "cong-dong hoc-vien", _ADULT_TYPES,
     ("tìm kiếm và đánh giá thông tin|nhận diện tin giả|khai thác thông tin thời tiết, giá cả|"
      "tra cứu thông tin việc làm"),
     ("thông tin|tin giả|việc làm|Internet")),
    ("xmcn-moi-truong", 3, "nguoi-lon thcs", "cong-dong hoc-vien phu-huynh", _ADULT_TYPES,
     ("phân loại rác thải tại nguồn|ứng phó với biến đổi khí hậu|sử dụng nước sạch tiết kiệm|"
      "phòng chống thiên tai, lũ lụt|giảm rác thải nhựa"),
     ("môi trường|rác thải|biến đổi khí hậu|nước sạch")),
    ("xmcn-truyen-thong", 2, "nguoi-lon", "cong-dong hoc-vien phu-huynh", _ADULT_TYPES,
     ("sử dụng mạng xã hội an toàn|kỹ năng xem và đọc tin tức|bảo vệ trẻ em trên môi trường mạng|"
      "làm video ngắn giới thiệu sản phẩm"),
     ("truyền thông|mạng xã hội|an toàn trên mạng")),
    ("nghe-ngan-han", 4, "so-cap-nghe nguoi-lon", "hoc-vien nguoi-lao-dong", _FARM_TYPES,
     ("kỹ thuật may công nghiệp|sửa chữa xe máy|điện dân dụng|nấu ăn và kinh doanh ăn uống|làm bánh|"
      "chăm sóc da và làm tóc|hàn điện cơ bản|lái máy nông nghiệp|nghiệp vụ bán hàng"),
     ("học nghề|nghề ngắn hạn|[GDNN]|việc làm|sơ cấp nghề")),
    ("nghe-truyen-thong", 2, "so-cap-nghe nguoi-lon", "hoc-vien nguoi-lao-dong cong-dong", _FARM_TYPES,
     ("dệt thổ cẩm|đan lát mây tre|làm gốm thủ công|thêu tay truyền thống|làm nón lá|chế biến chè|"
      "làm bánh truyền thống"),
     ("nghề truyền thống|làng nghề|thủ công|[DTTS]")),
    ("cap-nhat-kien-thuc", 2, "nguoi-lon", "hoc-vien nguoi-lao-dong can-bo-quan-ly", _ADULT_TYPES,
     ("kỹ năng làm việc nhóm|khởi nghiệp quy mô hộ gia đình|bán hàng qua mạng|an toàn lao động|"
      "kỹ năng giao tiếp với khách hàng"),
     ("bồi dưỡng ngắn hạn|cập nhật kiến thức|khởi nghiệp")),
    ("cgcn-nong-nghiep", 3, "nguoi-lon so-cap-nghe", "nguoi-lao-dong cong-dong hoc-vien", _FARM_TYPES,
     ("trồng cà phê bền vững|chăm sóc hồ tiêu|kỹ thuật trồng rau an toàn|canh tác lúa giảm phát thải|"
      "tưới nhỏ giọt tiết kiệm nước|ghép cải tạo cây ăn quả|sản xuất phân hữu cơ vi sinh|trồng nấm"),
     ("chuyển giao công nghệ|nông nghiệp|nông dân|trồng trọt|khuyến nông")),
    ("cgcn-chan-nuoi", 3, "nguoi-lon so-cap-nghe", "nguoi-lao-dong cong-dong", _FARM_TYPES,
     ("nuôi gà thả vườn|phòng bệnh cho lợn|chăn nuôi bò sinh sản|làm chuồng trại hợp vệ sinh|"
      "ủ thức ăn xanh cho trâu bò|nuôi ong lấy mật"),
     ("chăn nuôi|thú y|nông dân|chuyển giao công nghệ")),
    ("cgcn-thuy-san", 2, "nguoi-lon so-cap-nghe", "nguoi-lao-dong cong-dong", _FARM_TYPES,
     ("nuôi tôm thẻ chân trắng|nuôi cá lồng trên sông|nuôi cá rô đồng|quản lý môi trường ao nuôi|nuôi lươn không bùn"),
     ("thủy sản|nuôi trồng thủy sản|nông dân")),
    ("ky-nang-song", 5, "nguoi-lon thcs thpt", "hoc-vien phu-huynh cong-dong giao-vien",
     "video bai-giang-dien-tu tai-lieu tuong-tac hinh-anh ke-hoach-bai-day phieu-bai-tap am-thanh",
     ("kỹ năng giao tiếp|kỹ năng quản lý thời gian|phòng chống đuối nước|ứng phó với bắt nạt học đường|"
      "kỹ năng thuyết trình|kiểm soát cảm xúc|định hướng nghề nghiệp|kỹ năng thoát hiểm khi có cháy|"
      "[KNS] cho thanh thiếu niên|[GDKNS] qua trải nghiệm"),
     ("[KNS]|kỹ năng sống|thanh niên|trải nghiệm|[GDKNS]")),
    ("ngoai-ngu-bac-1", 2, "bac-1", "hoc-vien", _LANG_TYPES,
     ("tiếng Anh bậc 1: chào hỏi và giới thiệu|số đếm, ngày tháng và thời gian|gia đình và nghề nghiệp|"
      "mua sắm và hỏi giá"),
     ("tiếng Anh|bậc 1|A1|khung năng lực ngoại ngữ 6 bậc|[NNTH]")),
    ("ngoai-ngu-bac-2", 2, "bac-2", "hoc-vien", _LANG_TYPES,
     ("tiếng Anh bậc 2: đặt lịch hẹn|hỏi và chỉ đường|kể về kỳ nghỉ|viết email ngắn"),
     ("tiếng Anh|bậc 2|A2|khung năng lực ngoại ngữ 6 bậc")),
    ("ngoai-ngu-bac-3", 2, "bac-3", "hoc-vien giao-vien", _LANG_TYPES,
     ("luyện thi tiếng Anh bậc 3 (B1)|đọc hiểu bài báo ngắn|viết thư trang trọng|kỹ năng nghe hội thoại"),
     ("tiếng Anh|bậc 3|B1|luyện thi")),
    ("ngoai-ngu-bac-4", 1, "bac-4", "hoc-vien giao-vien", _LANG_TYPES,
     ("luyện thi bậc 4 (B2): kỹ năng viết luận|thuyết trình bằng tiếng Anh|nghe giảng bài bằng tiếng Anh"),
     ("tiếng Anh|bậc 4|B2")),
    ("ngoai-ngu-bac-5", 1, "bac-5", "hoc-vien giao-vien", _LANG_TYPES,
     ("tiếng Anh học thuật bậc 5 (C1)|viết báo cáo nghiên cứu|tranh luận và phản biện"),
     ("tiếng Anh|bậc 5|C1|học thuật")),
    ("ngoai-ngu-bac-6", 1, "bac-6", "giao-vien hoc-vien", _LANG_TYPES,
     ("tiếng Anh bậc 6 (C2): dịch thuật chuyên sâu|phân tích văn bản văn học tiếng Anh"),
     ("tiếng Anh|bậc 6|C2|dịch thuật")),
    ("tieng-anh-thuc-hanh", 3, "bac-1 bac-2 nguoi-lon", "hoc-vien nguoi-lao-dong", _LANG_TYPES,
     ("tiếng Anh giao tiếp cho lễ tân khách sạn|tiếng Anh cho hướng dẫn viên du lịch|tiếng Anh cho người bán hàng|"
      "phát âm tiếng Anh cơ bản"),
     ("tiếng Anh thực hành|giao tiếp|du lịch|[NNTH]")),
    ("tieng-nhat-thuc-hanh", 2, "bac-1 bac-2 nguoi-lon", "hoc-vien nguoi-lao-dong", _LANG_TYPES,
     ("tiếng Nhật cho thực tập sinh|bảng chữ Hiragana và Katakana|tiếng Nhật giao tiếp nơi làm việc|"
      "chuẩn bị phỏng vấn đi làm việc tại Nhật Bản"),
     ("tiếng Nhật|thực tập sinh|xuất khẩu lao động|[NNTH]")),
    ("tin-hoc", 4, "nguoi-lon so-cap-nghe thpt", "hoc-vien nguoi-lao-dong giao-vien",
     "bai-giang-dien-tu video phieu-bai-tap tuong-tac de-thi mo-phong tai-lieu lien-ket",
     ("tin học văn phòng cơ bản|soạn thảo văn bản với Word|bảng tính Excel|trình chiếu PowerPoint|"
      "sử dụng Internet và thư điện tử|an toàn thông tin cá nhân|ứng dụng [CNTT] cơ bản|kỹ năng số cho người cao tuổi"),
     ("tin học|[CNTT]|tin học văn phòng|[NNTH]|kỹ năng số")),
    ("mon-toan", 5, "thcs thpt", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("hàm số bậc hai|phương trình lượng giác|hình học không gian|xác suất và thống kê|đạo hàm và ứng dụng|"
      "hệ phương trình bậc nhất hai ẩn|tam giác đồng dạng|toán lớp 9 [GDTX]|toán 12 chương trình [GDTX] cấp [THPT]"),
     ("toán|[GDTX]|[THPT]|[THCS]|ôn tập")),
    ("mon-ngu-van", 4, "thcs thpt", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("truyện ngắn Vợ nhặt|bài thơ Tây Tiến|nghị luận xã hội|đọc hiểu văn bản thông tin|tiếng Việt lớp 7|"
      "kỹ năng viết bài văn nghị luận|Truyện Kiều của Nguyễn Du"),
     ("ngữ văn|văn học|[GDTX]|[THPT]|đọc hiểu")),
    ("mon-tieng-anh", 3, "thcs thpt", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("tiếng Anh lớp 10 [GDTX]|ngữ pháp thì hiện tại hoàn thành|từ vựng chủ đề môi trường|đọc hiểu tiếng Anh lớp 12"),
     ("tiếng Anh|[GDTX]|[THPT]|ngữ pháp")),
    ("mon-vat-ly", 2, "thpt thcs", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("dao động điều hòa|dòng điện xoay chiều|định luật Ôm|sóng cơ và sóng âm|chuyển động thẳng biến đổi đều"),
     ("vật lý|thí nghiệm|[THPT]")),
    ("mon-hoa-hoc", 2, "thpt thcs", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("bảng tuần hoàn các nguyên tố hóa học|phản ứng oxi hóa – khử|hóa học hữu cơ lớp 11|kim loại kiềm và kiềm thổ"),
     ("hóa học|thí nghiệm|[THPT]")),
    ("mon-sinh-hoc", 2, "thpt thcs", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("di truyền học Menđen|tế bào và quá trình phân bào|sinh thái học quần thể|tiến hóa"),
     ("sinh học|[THPT]|di truyền")),
    ("mon-lich-su", 2, "thpt thcs", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("Cách mạng tháng Tám năm 1945|chiến dịch Điện Biên Phủ|lịch sử Việt Nam 1945–1954|"
      "Đông Nam Á sau Chiến tranh thế giới thứ hai|lịch sử địa phương"),
     ("lịch sử|[THPT]|lịch sử Việt Nam")),
    ("mon-dia-ly", 2, "thpt thcs", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("địa lý các vùng kinh tế|vùng Tây Nguyên|Đồng bằng sông Cửu Long|dân số và lao động Việt Nam"),
     ("địa lý|[THPT]|bản đồ")),
    ("mon-gdkt-pl", 1, "thpt", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("pháp luật và đời sống|thị trường và cơ chế thị trường|quyền bình đẳng của công dân"),
     ("giáo dục kinh tế và pháp luật|[THPT]")),
    ("mon-tin-hoc", 1, "thpt thcs", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("lập trình Python cơ bản|thuật toán sắp xếp|cơ sở dữ liệu|mạng máy tính và Internet"),
     ("tin học|lập trình|[THPT]")),
    ("chuyen-de", 1, "thpt", "hoc-vien giao-vien", _SCHOOL_TYPES,
     ("chuyên đề học tập Toán 11|chuyên đề Ngữ văn 12|chuyên đề lịch sử địa phương"),
     ("chuyên đề học tập|[GDPT] 2018")),
    ("stem", 2, "thcs thpt", "hoc-vien giao-vien",
     "ke-hoach-bai-day video bai-giang-dien-tu mo-phong tai-lieu phieu-bai-tap",
     ("[STEM]: chế tạo máy lọc nước|[STEM]: nhà kính mini|[STEM]: xe chạy bằng năng lượng mặt trời|"
      "[STEM] với vật liệu tái chế"),
     ("[STEM]|giáo dục [STEM]|trải nghiệm|[THCS]")),
    ("on-thi", 3, "thpt", "hoc-vien giao-vien",
     "de-thi ngan-hang-cau-hoi bai-giang-dien-tu phieu-bai-tap video tai-lieu-tham-khao",
     ("ôn thi tốt nghiệp [THPT] môn Toán|ôn thi tốt nghiệp môn Ngữ văn|ôn thi môn Lịch sử|"
      "đề minh họa thi tốt nghiệp [THPT]|ôn tập học kỳ I lớp 12"),
     ("ôn thi|tốt nghiệp [THPT]|đề thi|[GDTX]")),
    ("boi-duong-thuong-xuyen", 3, "giao-vien", "giao-vien can-bo-quan-ly bao-cao-vien", _TEACHER_TYPES,
     ("[BDTX] cho [GV] [GDTX]|dạy học phát triển năng lực|đánh giá học viên theo hướng tích cực|"
      "ứng dụng [CNTT] trong dạy học|thiết kế bài giảng điện tử|chuyển đổi số trong trung tâm [GDTX]|"
      "tư vấn tâm lý cho học viên|quản lý lớp học người lớn"),
     ("[BDTX]|bồi dưỡng giáo viên|[GV]|[CBQL]|chuyển đổi số")),
    ("giao-duc-dac-biet", 1, "giao-vien nguoi-lon", "giao-vien hoc-vien phu-huynh", _TEACHER_TYPES,
     ("dạy học cho người khiếm thị|giáo dục hòa nhập cho người khuyết tật|ngôn ngữ ký hiệu cơ bản"),
     ("giáo dục đặc biệt|hòa nhập|người khuyết tật")),
    ("ngay-sach", 1, "nguoi-lon", "cong-dong hoc-vien phu-huynh", "video hinh-anh tai-lieu lien-ket",
     ("Ngày Sách và Văn hóa đọc Việt Nam 21/4|cuộc thi đại sứ văn hóa đọc|giới thiệu sách hay"),
     ("văn hóa đọc|ngày sách|21/4|đọc sách")),
    ("tu-sach-cung-hoc", 1, "nguoi-lon", "cong-dong hoc-vien can-bo-quan-ly", "tai-lieu hinh-anh video lien-ket",
     ("tủ sách cùng học tại [TTHTCĐ]|xây dựng tủ sách gia đình|tủ sách cho thôn bản vùng cao"),
     ("tủ sách cùng học|[TTHTCĐ]|TT HTCĐ|văn hóa đọc")),
    ("hoc-tap-suot-doi", 2, "nguoi-lon", "cong-dong can-bo-quan-ly hoc-vien",
     "tai-lieu video hinh-anh bai-giang-dien-tu lien-ket",
     ("Tuần lễ hưởng ứng [HTSĐ]|xây dựng [XHHT]|mô hình gia đình học tập, dòng họ học tập|công dân học tập|"
      "hoạt động của [TTHTCĐ]"),
     ("[HTSĐ]|[XHHT]|[TTHTCĐ]|THTCĐ|học tập suốt đời|[PCGD]")),
]
# Topics whose materials are often in English or bilingual.
ENGLISH_TOPICS = {"xmcn-ngoai-ngu", "ngoai-ngu-bac-1", "ngoai-ngu-bac-2", "ngoai-ngu-bac-3", "ngoai-ngu-bac-4",
                  "ngoai-ngu-bac-5", "ngoai-ngu-bac-6", "tieng-anh-thuc-hanh", "mon-tieng-anh"}
# Minority languages by province code (vocabularies.json "provinces"); others draw from all.
MINORITY_BY_PROVINCE = {"20": ["tyz", "nut", "hnj"], "11": ["blt", "tmp", "hnj", "blu"], "66": ["rad", "jra", "bdq"],
                        "01": ["mtq"], "38": ["mtq", "tmp"], "92": ["km"], "94": ["km"], "46": ["cja", "bdq"],
                        "48": ["cjm", "cja"], "79": ["km", "cjm"]}
MINORITY_CODES = ["tyz", "tmp", "blt", "mtq", "hnj", "blu", "nut", "cja", "cjm", "rad", "jra", "bdq", "km"]
COMMUNITIES = ["các dân tộc thiểu số", "vùng cao", "các thôn bản", "các buôn làng", "vùng biên giới", "các phum sóc"]
GENERAL_PLACES = ["vùng cao", "miền núi phía Bắc", "Tây Nguyên", "Đồng bằng sông Cửu Long", "vùng biên giới",
                  "thôn bản xa trung tâm", "khu công nghiệp", "vùng ven biển", "nông thôn"]
# Licence slug and weight: every family, 4.0 most often, 3.0 rarer.
LICENCE_WEIGHTS = [("cc-by-sa-4.0", 30), ("cc-by-4.0", 22), ("cc-by-nc-sa-4.0", 12), ("cc-by-nc-4.0", 8),
                   ("cc0-1.0", 6), ("pdm-1.0", 2), ("cc-by-nd-4.0", 3), ("cc-by-nc-nd-4.0", 3), ("cc-by-3.0", 3),
                   ("cc-by-sa-3.0", 3), ("cc-by-nc-3.0", 2), ("cc-by-nc-sa-3.0", 2), ("cc-by-nd-3.0", 1),
                   ("cc-by-nc-nd-3.0", 1)]

# Content words, commonest first: the corpus draws them with Zipf frequencies.
OBJECTS = ("kiến thức cơ bản|ví dụ minh họa|bài tập thực hành|câu hỏi ôn tập|tình huống thực tế|hình ảnh minh họa|"
           "gia đình|cộng đồng|sức khỏe|an toàn|kỹ năng|việc làm|thu nhập|điện thoại thông minh|sơ đồ tư duy|"
           "phiếu đánh giá|trò chơi học tập|thảo luận nhóm|đóng vai|bài kiểm tra ngắn|từ vựng|ngữ pháp|phát âm|"
           "đọc hiểu|viết đoạn văn|giải toán|đo lường|tính toán|bảng biểu|biểu đồ|số liệu thống kê|bản đồ|"
           "thí nghiệm|mô hình|quy trình|kỹ thuật|giống cây trồng|vật nuôi|phân bón|thức ăn chăn nuôi|"
           "phòng bệnh|vệ sinh|nước sạch|rác thải|biến đổi khí hậu|thiên tai|pháp luật|quyền và nghĩa vụ|"
           "thủ tục hành chính|dịch vụ công trực tuyến|ngân hàng|tiết kiệm|chi tiêu|vay vốn|bảo hiểm|"
           "mạng xã hội|tin giả|thư điện tử|mật khẩu|Internet|máy tính|phần mềm|[CNTT]|trang tính|"
           "văn bản|bài trình chiếu|video ngắn|bài hát|câu chuyện|truyện cổ tích|ca dao, tục ngữ|"
           "lịch sử địa phương|văn hóa dân tộc|lễ hội|làng nghề|thổ cẩm|sản phẩm OCOP|du lịch cộng đồng|"
           "khởi nghiệp|bán hàng|khách hàng|giao tiếp|thuyết trình|làm việc nhóm|quản lý thời gian|"
           "cảm xúc|tự tin|định hướng nghề nghiệp|phòng chống đuối nước|an toàn giao thông|sơ cứu|"
           "dinh dưỡng|trẻ em|người cao tuổi|phụ nữ|thanh niên|nông dân|công nhân|[HV] lớn tuổi|"
           "đồng bào [DTTS]|[GV] chủ nhiệm|[CBQL]|[BCV]|[CTV]|[UBND] xã|hội khuyến học|chi hội phụ nữ|"
           "lớp học buổi tối|học trực tuyến|học kết hợp|lớp học thông minh|tự học|học nhóm|"
           "trung tâm [GDTX]|[TTHTCĐ]|thư viện|tủ sách|nhà văn hóa|[CSVC]|chuyển đổi số|"
           "năng lực số|kỹ năng số|trí tuệ nhân tạo|trợ lý ảo|đánh giá năng lực|chứng chỉ|"
           "ôn thi|đề cương|đáp án|thang điểm|rubric|kế hoạch học tập|nhật ký học tập|"
           "hàm số|phương trình|hình học|xác suất|thơ|truyện ngắn|nghị luận|chính tả|tập viết|"
           "chữ cái|vần|âm tiết|dấu thanh|số đếm|phép cộng|phép trừ|phép nhân|phép chia|đơn vị đo|"
           "tiền Việt Nam|lịch|đồng hồ|thời tiết|mùa vụ|lúa|cà phê|hồ tiêu|chè|rau sạch|gà|lợn|bò|cá|tôm|"
           "ong mật|nấm|cây ăn quả|tưới tiêu|máy nông nghiệp|an toàn lao động|điện dân dụng|may mặc|"
           "nấu ăn|làm bánh|sửa chữa|hàn|mây tre đan|gốm|nón lá|Hiragana|Katakana|hội thoại|email|"
           "phỏng vấn|hồ sơ xin việc|hợp đồng lao động|xuất khẩu lao động|thực tập sinh|[PCGD]|[XHHT]|"
           "[HTSĐ]|gia đình học tập|dòng họ học tập|công dân học tập|[CTMTQG]|[GDPT] 2018").split("|")

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
                "Ngô", "Dương", "Lý", "Đinh", "Mai", "Trịnh", "Đào", "Cao", "Lương", "Hà", "Lò", "Vi", "Nông",
                "Triệu", "Lường", "Thạch", "Sơn", "Giàng", "Sùng", "Quách", "Lục", "Mã", "Kim", "Danh", "Y", "Bế"]
MIDDLE_M = ["Văn", "Minh", "Đức", "Hữu", "Quang", "Thanh", "Công", "Ngọc", "Xuân", "Quốc", "Văn", "Tiến", "Hoàng"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Thùy", "Hồng", "Mai", "Phương", "Thị Ngọc"]
GIVEN_M = ("Hùng Dũng Nam Tuấn Hải Long Khoa Quang Bình Phong Cường Thắng Sơn Tùng Đạt Hiếu Trung Kiên Lâm Phúc "
           "Toàn Chiến Mạnh Định Huy Khánh Thành Vinh Tài Lợi").split()
GIVEN_F = ("Lan Hương Hoa Mai Linh Trang Thảo Ngọc Hà Nhung Thu Hạnh Yến Hằng Dung Vân Huyền Phương Tâm Nga "
           "Loan Oanh Hân Châu Ngân Quyên Thư Vy Diệp Xuân").split()
EDE_NAMES = ["H'Nhi Niê", "H'Hen Êban", "Y Bih Ayun", "Y Khuê Mlô", "H'Lan Byă", "Ksor H'Phin", "Rơ Châm Thị Hoa",
             "Thạch Thị Sô Phal", "Danh Sơn", "Giàng A Páo", "Sùng Thị Mỷ", "Lò Văn Pằn"]
ORGANISATIONS = ["Tổ chuyên môn Toán – Tin", "Tổ chuyên môn Ngữ văn", "Tổ Ngoại ngữ", "Tổ Kỹ năng sống",
                 "Tổ Khoa học tự nhiên", "Tổ Dạy nghề", "Hội Khuyến học xã", "Hội Liên hiệp Phụ nữ huyện",
                 "Trạm Khuyến nông huyện", "Phòng Giáo dục và Đào tạo huyện", "Nhóm tình nguyện Học liệu mở",
                 "Ban Quản lý TTHTCĐ xã"]

# Words naming each kind of material, by resource type slug, and what its size is counted in.
KINDS = {
    "bai-giang-dien-tu": ["Bài giảng", "Bài giảng điện tử", "Slide bài giảng"],
    "video": ["Video", "Video bài giảng", "Phim tư liệu"],
    "am-thanh": ["Bài nghe", "Audio", "Chương trình phát thanh"],
    "tai-lieu": ["Tài liệu", "Tài liệu học tập", "Sổ tay"],
    "sach-giao-khoa-dien-tu": ["Sách điện tử", "Giáo trình điện tử", "Sách giáo khoa điện tử"],
    "tuong-tac": ["Bài tập tương tác", "Trò chơi học tập", "Học liệu tương tác H5P"],
    "mo-phong": ["Mô phỏng", "Phần mềm mô phỏng", "Thí nghiệm ảo"],
    "ngan-hang-cau-hoi": ["Ngân hàng câu hỏi", "Bộ câu hỏi trắc nghiệm", "Câu hỏi ôn tập"],
    "de-thi": ["Đề kiểm tra", "Đề thi thử", "Đề ôn tập"],
    "ke-hoach-bai-day": ["Kế hoạch bài dạy", "Giáo án", "Kế hoạch dạy học"],
    "hinh-anh": ["Tranh", "Bộ tranh", "Áp phích", "Infographic"],
    "tai-lieu-tham-khao": ["Tài liệu tham khảo", "Cẩm nang", "Tài liệu đọc thêm"],
    "phieu-bai-tap": ["Phiếu bài tập", "Phiếu học tập", "Bài tập"],
    "lien-ket": ["Trang web", "Liên kết", "Kho bài học trực tuyến"],
}
KINDS_EN = {"bai-giang-dien-tu": "Lecture slides", "video": "Video", "am-thanh": "Audio lesson",
            "tai-lieu": "Handout", "sach-giao-khoa-dien-tu": "E-textbook", "tuong-tac": "Interactive exercise",
            "mo-phong": "Simulation", "ngan-hang-cau-hoi": "Question bank", "de-thi": "Practice test",
            "ke-hoach-bai-day": "Lesson plan", "hinh-anh": "Poster set", "tai-lieu-tham-khao": "Reference guide",
            "phieu-bai-tap": "Worksheet", "lien-ket": "Web resource"}
UNITS = {"bai-giang-dien-tu": ("Gồm {n} trang chiếu", (8, 60)), "video": ("Thời lượng {n} phút", (3, 45)),
         "am-thanh": ("Gồm {n} bài nghe", (3, 30)), "tai-lieu": ("Gồm {n} trang", (4, 120)),
         "sach-giao-khoa-dien-tu": ("Gồm {n} bài học", (10, 40)), "tuong-tac": ("Gồm {n} câu hỏi tương tác", (5, 40)),
         "mo-phong": ("Gồm {n} thí nghiệm", (2, 12)), "ngan-hang-cau-hoi": ("Gồm {n} câu hỏi", (30, 500)),
         "de-thi": ("Gồm {n} câu", (10, 50)), "ke-hoach-bai-day": ("Dạy trong {n} tiết", (1, 6)),
         "hinh-anh": ("Gồm {n} tranh", (4, 40)), "tai-lieu-tham-khao": ("Gồm {n} trang", (10, 300)),
         "phieu-bai-tap": ("Gồm {n} bài tập", (3, 20)), "lien-ket": ("Gồm {n} bài học trực tuyến", (5, 60))}
NUMBER_TAILS = [".", ", kèm đáp án.", ", có hướng dẫn chi tiết.", ", phù hợp với người mới bắt đầu.",
                ", in được trên khổ A4.", ", dùng được khi không có mạng.", ", chia thành 3 mức độ."]
PARTS = ["tập", "phần", "bài", "chủ đề", "tuần"]
AUDIENCE_PHRASE_TEXTS = (
    "người lớn", "người cao tuổi", "phụ nữ [DTTS]", "thanh niên công nhân", "nông dân", "[HV] [GDTX]",
    "[GV] [THCS]", "đồng bào [DTTS]", "[HV] lớp [XMC]", "người lao động đi làm việc ở nước ngoài",
    "hội viên phụ nữ", "cán bộ xã", "thanh thiếu niên", "phụ huynh", "[HV]", "[GV] [GDTX]", "[CBQL] trung tâm",
    "[BCV] và [CTV]", "người dân ở [TTHTCĐ]", "học sinh [THPT]")
INTRO_VERBS = ["giúp", "hướng dẫn", "hỗ trợ", "dành cho", "giúp"]
ACTION_VERBS = ["nắm vững", "làm quen với", "ôn tập", "luyện tập", "thực hành", "tìm hiểu", "vận dụng",
                "củng cố kiến thức về", "rèn luyện", "khám phá", "ghi nhớ", "tự học", "thảo luận về", "áp dụng"]
CONTEXT_SENTENCES = [forms(s) for s in (
    "Dùng cho lớp học ở [TTHTCĐ] tại {place}.", "Phù hợp với lớp học buổi tối ở {place}.",
    "Có thể học trên điện thoại khi mạng yếu.", "Tài liệu do tổ chuyên môn của {centre} biên soạn.",
    "Đã dạy thử tại {place} năm học 2023–2024.", "[GV] có thể in ra hoặc chiếu trên ti vi của lớp.",
    "Biên soạn theo Chương trình [GDPT] 2018, phù hợp với [HV] [GDTX].",
    "Dùng trong Tuần lễ hưởng ứng [HTSĐ] tại {place}.", "Phối hợp với [UBND] xã tổ chức lớp học tại {place}.",
    "Dành cho lớp [XMC] và lớp [GDTTSKBC] ở {place}.")]
CONTENT_LEADS = ["Nội dung chính:", "Bài học gồm:", "Các phần:", "Tập trung vào", "Có"]
BODY_OPENINGS = ["Cách sử dụng:", "Hướng dẫn cho giáo viên:", "Cấu trúc tài liệu:", "Tiến trình bài học:"]
TIP_TEXTS = (
    "Nên dạy chậm, mỗi buổi không quá hai nội dung.", "[GV] nên cho [HV] thảo luận nhóm trước khi làm bài.",
    "Có thể dùng ở [TTHTCĐ] chỉ có một máy tính.", "Cuối bài có câu hỏi tự đánh giá.",
    "Phụ lục có đáp án và thang điểm.")
ENGLISH_SENTENCES = ["Phần tiếng Anh có phiên âm và bản dịch.", "Có phụ đề tiếng Việt và tiếng Anh.",
                     "Thuật ngữ được giải thích bằng cả hai thứ tiếng."]
EN_TITLES = ["{kind}: {topic}", "{kind} on {topic} (part {n})", "{topic} for adult learners",
             "Open {kind_lower}: {topic}", "{topic}: unit {n}"]
EN_AUDIENCES = ["adult learners", "continuing-education teachers", "community learning centres",
                "university students", "teachers in training"]
EN_SENTENCES = ["It includes exercises with answers and can be used for self-study.",
                "Slides, notes and a short quiz are included.", "Shared by a partner university under an open licence.",
                "Suitable for blended and online classes."]
# File kinds by resource type: (extension, media type, smallest and largest size in bytes).
_PDF = ("pdf", "application/pdf", 80_000, 30_000_000)
_DOCX = ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 20_000, 5_000_000)
_XLSX = ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 20_000, 3_000_000)
_PPTX = ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", 500_000, 60_000_000)
FILES = {
    "bai-giang-dien-tu": [_PPTX, _PDF],
    "video": [("mp4", "video/mp4", 5_000_000, 900_000_000)],
    "am-thanh": [("mp3", "audio/mpeg", 500_000, 40_000_000)],
    "tai-lieu": [_PDF, _DOCX],
    "sach-giao-khoa-dien-tu": [_PDF, ("epub", "application/epub+zip", 300_000, 50_000_000)],
    "tuong-tac": [("h5p", "application/zip", 50_000, 20_000_000)],
    "mo-phong": [("zip", "application/zip", 100_000, 80_000_000)],
    "ngan-hang-cau-hoi": [_XLSX, _DOCX],
    "de-thi": [_DOCX, _PDF],
    "ke-hoach-bai-day": [_DOCX, _PDF],
    "hinh-anh": [("jpg", "image/jpeg", 100_000, 8_000_000), ("png", "image/png", 100_000, 8_000_000), _PDF],
    "tai-lieu-tham-khao": [_PDF],
    "phieu-bai-tap": [_PDF, _DOCX],
}
LINKED_TYPES = {"video", "mo-phong", "tuong-tac", "am-thanh"}
# Outside sources an adaptation names (kept as given by the importer): id, title, licence, creator.
OUTSIDE_SOURCES = [
    ("https://kho-khac.example.org/oer/77", "Bảng chữ cái tiếng Việt", "https://creativecommons.org/licenses/by/4.0/",
     "Nhà xuất bản Giáo dục mở"),
    ("https://open-courses.example.org/lifelong-learning/12", "Learning throughout life",
     "https://creativecommons.org/licenses/by-sa/3.0/", "Open Learning Network"),
    ("https://hoclieu-chung.example.gov.vn/item/2041", "Sổ tay kỹ năng số cho người dân",
     "https://creativecommons.org/licenses/by-sa/4.0/", "Kho học liệu dùng chung"),
]
# Provinces that are cities under the central government ("thành phố Hà Nội", not "tỉnh").
CITY_PROVINCES = {"01", "79", "48", "92", "46", "31"}
