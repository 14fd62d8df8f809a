"""Generates realistic Vietnamese learning resources as AMB JSON Lines, deterministic per seed, for benchmarks.

    python -m bench.corpus --count 100000 --seed 1 --out /tmp/corpus.jsonl [--centres slug1,slug2]

Records follow `docs/metadata.md` and use only the URIs of `catalog/data/vocabularies.json`,
so `manage.py import_resources FILE --publish` takes every one after `load_demo`. Texts are
assembled from the vocabulary of `DOMAIN.md` (programmes, subjects, life skills, language
levels, places, audiences, action verbs, numbers); content words are drawn with Zipf-like
frequencies, abbreviations (XMC, KNS, TTHTCĐ, CNTT, BDTX, ...) stand in for their expansion
in some texts, and about 5% of records lost their diacritics, as scanned documents do.

The generator streams (one chunk of 1,000 records in memory at a time). Lines are
assembled as UTF-8 bytes from pre-serialised, pre-checked JSON fragments, which is what makes
it fast: nothing is escaped or encoded per record.
"""
import argparse
import random
import sys
import unicodedata
from datetime import date, timedelta
from json.encoder import encode_basestring as _js  # C implementation: escapes, keeps UTF-8 as is

from tqdm import tqdm

from . import common as W
from .common import VOCAB_BASE, demo_centres, load_vocabularies

ID_BASE = "https://oerhub.edu.vn/bench/resource/"
FILE_BASE = "https://hoclieu.example.edu.vn/"
CHUNK = 1000  # records per random stream: record n depends only on the seed and n
UNACCENTED_SHARE = 0.05
ABBREVIATED_SHARE = 0.3
CONTEXT_VI = b'["https://w3id.org/kim/amb/context.jsonld",{"@language":"vi"}]'
CONTEXT_EN = b'["https://w3id.org/kim/amb/context.jsonld",{"@language":"en"}]'
ID_BASE_BYTES = ID_BASE.encode("ascii")
FILE_BASE_BYTES = FILE_BASE.encode("ascii")
BILINGUAL = " (song ngữ Việt – ".encode()
BILINGUAL_KEYWORD = "song ngữ".encode()
TIENG = "tiếng ".encode()
EXPLAINED = "Có phần thuyết minh bằng tiếng ".encode()
FOR_PEOPLE = " cho bà con ".encode()


class Zipf:
    """Draws items with probability ∝ 1/rank^s through a lookup table (one random call per draw)."""

    BITS = 13

    def __init__(self, items, s=1.05):
        size = 1 << self.BITS
        weights = [1 / (rank ** s) for rank in range(1, len(items) + 1)]
        total = sum(weights)
        counts = [max(1, round(weight / total * size)) for weight in weights]
        counts[0] += size - sum(counts)  # the commonest item absorbs the rounding
        self.table = [item for item, count in zip(items, counts) for _ in range(count)]
        self.items = items

    def draw(self, bits):
        return self.table[bits(self.BITS)]


def _fold_table():
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0xC0, 0x2000):
        base = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(code) and base.isascii():
            table[code] = base
    return table


_FOLD = _fold_table()


def fold(text):
    """Drops Vietnamese diacritics (đ → d), as scanned documents lose them; text is NFC."""
    return text.translate(_FOLD)


def _fold_bytes(data):
    return data.decode("utf-8").translate(_FOLD).encode("utf-8")


def _weighted(pairs):
    """A list in which each item appears `weight` times, for uniform picking."""
    return [item for item, weight in pairs for _ in range(weight)]


def _b(text):
    """UTF-8 bytes of a word-list entry, checked to need no escaping inside a JSON string.

    Records are assembled from such pieces as bytes, which is what makes the generator fast:
    nothing is escaped or encoded per record.
    """
    if '"' in text or "\\" in text or any(ord(ch) < 0x20 for ch in text):
        raise ValueError(f"bench word list entry needs JSON escaping: {text!r}")
    return text.encode("utf-8")


def _json(text):
    """A JSON string literal (quoted, escaped) as UTF-8 bytes."""
    return _js(text).encode("utf-8")


def _forms(text):
    """(expanded, abbreviated) forms of a text with [ABBR] marks, as bytes."""
    return tuple(_b(form) for form in W.forms(text))


def _capitalised(forms):
    return tuple(form[:1].upper() + form[1:] for form in (f.decode("utf-8") for f in forms))


class Vocabulary:
    """Pre-serialised JSON fragments (bytes) for every vocabulary value, keyed by slug or code."""

    def __init__(self, data):
        self.topics, self.parent, self.topic_en = {}, {}, {}

        def walk(items, parent):
            for item in items:
                self.topics[item["slug"]] = b'{"id":' + _json(f"{VOCAB_BASE}topic/{item['slug']}") + b"}"
                self.parent[item["slug"]] = parent
                self.topic_en[item["slug"]] = item["name_en"]
                walk(item.get("children", []), item["slug"])

        walk(data["topics"], None)
        self.types = {t["slug"]: b'[{"id":' + _json(t["hcrt_uri"]) + b"}]" for t in data["resource_types"]}
        self.audiences = {a["slug"]: b'{"id":' + _json(a["uri"]) + b"}" for a in data["audiences"]}
        self.levels = {level["slug"]: b'{"id":' + _json(level["uri"]) + b"}" for level in data["levels"]}
        self.languages = {lang["code"]: lang for lang in data["languages"]}
        self.licences = {lic["slug"]: b'{"id":' + _json(lic["url"]) + b"}" for lic in data["licences"]}
        self.remixable = {lic["slug"] for lic in data["licences"] if lic.get("allows_derivatives", True)}
        self.share_alike = {lic["slug"] for lic in data["licences"] if lic.get("share_alike")}
        self.provinces = {p["code"]: p for p in data["provinces"]}

    def language_name(self, code):
        """'Tày' for tyz: the Vietnamese name without 'Tiếng' and without the bracketed variant."""
        name = self.languages[code]["name"]
        return name.removeprefix("Tiếng ").split(" (")[0]


class Centre:
    """A centre records can name: its `sourceOrganization` fragment, places and minority languages."""

    def __init__(self, slug, info, vocab):
        if not slug or not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in slug):
            raise ValueError(f"not a centre slug: {slug!r}")
        info = info or {}
        self.slug, self.title = slug, info.get("title", "")
        self.slug_bytes = slug.encode("ascii")
        self.source_org = (b'[{"type":"Organization","id":' + _json(f"{VOCAB_BASE}centre/{slug}")
                           + (b',"name":' + _json(self.title) if self.title else b"") + b"}]")
        # Escaped here: centre titles come from a data file, not from the checked word lists.
        title = _json(self.title)
        self.affiliation = b',"affiliation":{"type":"Organization","name":' + title + b"}" if self.title else b""
        self.organisation = b'{"type":"Organization","name":' + title + b"}" if self.title else b""
        province = vocab.provinces.get(info.get("province", ""))
        places = list(W.GENERAL_PLACES)
        if province:
            name = province["name"]
            if not name.startswith("Thành phố"):
                name = ("thành phố " if province["code"] in W.CITY_PROVINCES else "tỉnh ") + name
            places += [name] * 3 + province["districts"] * 2
        self.places = [_b(p) for p in places]
        minority = W.MINORITY_BY_PROVINCE.get(info.get("province"), W.MINORITY_CODES)
        self.minority = [code for code in minority if code in vocab.languages] or ["tyz"]
        self.english_heavy = info.get("centre_type") in ("university", "nnth")
        made_by = self.title or "trung tâm"
        # Context sentences with this centre's places, in both forms (expansions, abbreviations).
        self.context = [[], []]
        for sentence in W.CONTEXT_SENTENCES:
            for place in (places if "{place}" in sentence[0] else places[:1]):
                for form in (0, 1):
                    self.context[form].append(_b(sentence[form].format(place=place, centre=made_by)))


class Theme:
    """One topic with the words, levels, audiences and resource types that go with it."""

    def __init__(self, row, vocab):
        topic, weight, levels, audiences, types, subjects, keywords = row
        if topic not in vocab.topics:
            raise ValueError(f"unknown topic {topic!r} in bench.common.THEMES")
        self.topic, self.weight = topic, weight
        self.stem = topic.encode("ascii")
        self.parent = vocab.parent[topic]
        self.topic_json = vocab.topics[topic]
        self.parent_json = vocab.topics[self.parent] if self.parent else None
        self.levels = [vocab.levels[s] for s in levels.split()]
        self.audiences = [vocab.audiences[s] for s in audiences.split()]
        self.types = _weighted((slug, len(types.split()) - i) for i, slug in enumerate(types.split()))
        # Each subject: (expanded, abbreviated, Expanded, Abbreviated) for titles that start with it.
        self.subjects = []
        for subject in subjects.split("|"):
            forms = _forms(subject)
            self.subjects.append(forms + tuple(_b(c) for c in _capitalised(forms)))
        self.keywords = [_forms(k) for k in keywords.split("|")]
        self.english = topic in W.ENGLISH_TOPICS
        self.japanese = topic == "tieng-nhat-thuc-hanh"
        self.topic_en = vocab.topic_en[topic]


class Generator:
    """Builds records from a seeded `random.Random`; `chunk()` gives the lines of one chunk of ids."""

    def __init__(self, seed=1, centres=None):
        self.vocab = vocab = Vocabulary(load_vocabularies())
        known = {c["slug"]: c for c in demo_centres()}
        self.centres = [Centre(slug, known.get(slug), vocab) for slug in (centres or list(known))]
        self.english_centres = [c for c in self.centres if c.english_heavy] or self.centres
        self.themes = [Theme(row, vocab) for row in W.THEMES]
        self.theme_table = _weighted((t, t.weight) for t in self.themes)
        self.licences = _weighted((slug, weight) for slug, weight in W.LICENCE_WEIGHTS if slug in vocab.licences)
        self.language_names = {code: _b(vocab.language_name(code)) for code in vocab.languages}
        self.seed = seed
        self.rng = random.Random(seed)
        rand = self.rng.random

        # Plain functions kept on the instance (no bound-method call): they run ~30 times a record.
        def pick(seq):
            return seq[int(rand() * len(seq))]

        def number(low, high):
            return low + int(rand() * (high - low + 1))

        self.pick, self.number = pick, number
        self.objects = Zipf([_forms(o) for o in W.OBJECTS], s=1.0)
        self.kinds = {rtype: [_b(k) for k in kinds] for rtype, kinds in W.KINDS.items()}
        self.audience_phrases = [_forms(p) for p in W.AUDIENCE_PHRASE_TEXTS]
        # The openings of first sentences ("giúp người lớn ôn tập"), in both forms.
        self.openings = [[_b(f"{verb} {W.forms(audience)[form]} {action}") for verb in W.INTRO_VERBS
                          for audience in W.AUDIENCE_PHRASE_TEXTS for action in W.ACTION_VERBS] for form in (0, 1)]
        # "Gồm 24 câu hỏi, kèm đáp án." for every count and ending, by resource type.
        self.sizes = {rtype: [_b(sentence.format(n=n) + tail) for n in range(low, high + 1) for tail in W.NUMBER_TAILS]
                      for rtype, (sentence, (low, high)) in W.UNITS.items()}
        self.leads = [_b(lead) for lead in W.CONTENT_LEADS]
        self.parts = [_b(part) for part in W.PARTS]
        self.english_sentences = [_b(s) for s in W.ENGLISH_SENTENCES]
        self.communities = [_b(c) for c in W.COMMUNITIES]
        self.openings_body = [_b(o) for o in W.BODY_OPENINGS]
        self.tips = [_forms(t) for t in W.TIP_TEXTS]
        self.items = [_b(f"<li>Phần {i}: ") for i in range(0, 8)]
        self.people = self._people()
        self.dates = [_b((date(2018, 1, 1) + timedelta(days=d)).isoformat()) for d in range(0, 2738)]
        self.recent = []  # (id bytes, licence slug) of a few earlier remixable records, for isBasedOn
        self.organisations = [b'{"type":"Organization","name":"' + _b(o) + b'"}' for o in W.ORGANISATIONS]
        self.outside = [b'[{"id":' + _json(i) + b',"name":' + _json(n) + b',"license":{"id":' + _json(lic)
                        + b'},"creator":[{"type":"Organization","name":' + _json(c) + b"}]}]"
                        for i, n, lic, c in W.OUTSIDE_SOURCES]
        self.files = {rtype: [(b"." + _b(ext), b'","encodingFormat":"' + _b(mime) + b'","contentSize":"', low, high)
                              for ext, mime, low, high in choices] for rtype, choices in W.FILES.items()}

    @staticmethod
    def _people(size=4096):
        """JSON openings of Person creators (b'{"type":"Person","name":"…"'), family names Zipf-distributed.

        The same for every seed: a staff list the records draw their authors from.
        """
        rng = random.Random("oerhub-bench-people")
        families = Zipf(W.FAMILY_NAMES, s=1.3)
        people = []
        for _ in range(size):
            if rng.random() < 0.03:
                name = rng.choice(W.EDE_NAMES)
            elif rng.random() < 0.6:
                name = f"{families.draw(rng.getrandbits)} {rng.choice(W.MIDDLE_F)} {rng.choice(W.GIVEN_F)}"
            else:
                name = f"{families.draw(rng.getrandbits)} {rng.choice(W.MIDDLE_M)} {rng.choice(W.GIVEN_M)}"
            people.append(b'{"type":"Person","name":"' + _b(name) + b'"')
        return people

    def chunk(self, index, first, last):
        """UTF-8 lines (bytes, no line break) for ids first..last, all in chunk `index`.

        Each chunk has its own random stream, seeded from the seed and the chunk number.
        """
        # A string seed is hashed with SHA-512, so the stream is the same in every process and run.
        self.rng.seed(f"oerhub-bench:{self.seed}:{index}")
        self.recent.clear()
        lines = []
        for n in range(index * CHUNK + 1, last + 1):
            line = self.line(n)
            if n >= first:
                lines.append(line)
        return lines

    def content_words(self, k, form):
        """`k` different content words drawn with Zipf frequencies (abbreviated when `form` is 1)."""
        table, bits, words = self.objects.table, self.rng.getrandbits, []
        while len(words) < k:
            word = table[bits(Zipf.BITS)][form]
            if word not in words:
                words.append(word)
        return words

    # --- the parts of a record --------------------------------------------------------------------
    def creators(self, centre, nb):
        rand, pick = self.rng.random, self.pick
        r = rand()
        count = 1 if r < 0.6 else (2 if r < 0.9 else 3)
        items = []
        for i in range(count):
            r = rand()
            if r < 0.04:
                items.append(centre.organisation or pick(self.organisations))
            elif r < 0.08:
                items.append(pick(self.organisations))
            else:
                item = pick(self.people)
                if r > 0.95:
                    n = int(nb)
                    item += b',"id":"https://orcid.org/0000-000%d-%04d-%04d"' % (i + 1, n % 10000, (n * 7919) % 10000)
                if r < 0.38:
                    item += centre.affiliation
                items.append(item + b"}")
        return b",".join(items)

    def languages(self, theme, centre):
        r = self.rng.random()
        if theme.japanese:
            return ["vi", "ja"] if r < 0.7 else ["vi"]
        if theme.english:
            return ["en"] if r < 0.12 else (["vi", "en"] if r < 0.45 else ["vi"])
        if centre.english_heavy:
            return ["en"] if r < 0.05 else (["vi", "en"] if r < 0.15 else ["vi"])
        if r < 0.01:
            return ["en"]
        if r < 0.04:
            return ["vi", "en"]
        if r < 0.10:
            return ["vi", self.pick(centre.minority)]
        return ["vi"]

    def vietnamese_texts(self, theme, centre, rtype, second):
        """Title, description, HTML body (or b"") and keywords, as UTF-8 bytes."""
        pick, rand, number = self.pick, self.rng.random, self.number
        a = 1 if rand() < ABBREVIATED_SHARE else 0  # abbreviations or their expansions in the title
        kind = pick(self.kinds[rtype])
        subject_forms = pick(theme.subjects)
        subject = subject_forms[a]
        style = rand()
        if style < 0.22:
            title = kind + b": " + subject
        elif style < 0.40:
            title = kind + b" " + subject + b" cho " + pick(self.audience_phrases)[a]
        elif style < 0.52:
            title = kind + b" " + subject + " – ".encode() + pick(centre.places)
        elif style < 0.64:
            title = b"B\xc3\xa0i %d: %s" % (number(1, 30), subject)  # "Bài N: …"
        elif style < 0.74:
            title = b"%s %s (%s %d)" % (kind, subject, pick(self.parts), number(1, 12))
        elif style < 0.82:
            title = "Chủ đề ".encode() + b"%d. %s" % (number(1, 15), subject_forms[2 + a])
        elif style < 0.90:
            title = subject_forms[2 + a] + " năm ".encode() + b"%d" % number(2019, 2025)
        else:
            title = kind + b" " + subject
        if second and rand() < 0.6:
            title += BILINGUAL + self.language_names[second] + b")"

        b = 1 if rand() < ABBREVIATED_SHARE else 0  # chosen again for the description
        about = (subject_forms if rand() < 0.75 else pick(theme.subjects))[b]
        sentences = [kind + b" " + pick(self.openings[b]) + b" " + about + b"."]
        if rand() < 0.8:
            sentences.append(pick(self.sizes[rtype]))
        if rand() < 0.7:
            sentences.append(pick(centre.context[b]))
        if rand() < 0.6:
            o1, o2, o3 = self.content_words(3, b)
            sentences.append(pick(self.leads) + b" " + o1 + b", " + o2 + " và ".encode() + o3 + b".")
        if second == "en":
            sentences.append(pick(self.english_sentences))
        elif second:
            sentences.append(EXPLAINED + self.language_names[second] + FOR_PEOPLE + pick(self.communities) + b".")
        description = b" ".join(sentences)

        body = b""
        if rand() < 0.35:
            words = self.content_words(number(2, 5), b)
            items = b"".join(self.items[i] + word + b".</li>" for i, word in enumerate(words, start=1))
            body = b"<p>" + pick(self.openings_body) + b"</p><ul>" + items + b"</ul><p>" + pick(self.tips)[b] + b"</p>"

        keywords = [pick(theme.keywords)[0], pick(theme.keywords)[0]]
        r = rand()
        if r < 0.5:
            keywords.append(pick(theme.keywords)[1])
        if r < 0.2 or r > 0.8:
            keywords.append(self.objects.table[self.rng.getrandbits(Zipf.BITS)][0])
        if 0.4 < r < 0.55:
            keywords.append(pick(centre.places))
        if second and second != "en":
            keywords += [BILINGUAL_KEYWORD, TIENG + self.language_names[second], b"DTTS"]
        return title, description, body, keywords

    def english_texts(self, theme, rtype):
        pick, kind = self.pick, W.KINDS_EN[rtype]
        topic = theme.topic_en
        title = pick(W.EN_TITLES).format(kind=kind, kind_lower=kind.lower(), topic=topic, n=self.number(1, 12))
        description = f"An open {kind.lower()} on {topic} for {pick(W.EN_AUDIENCES)}. {pick(W.EN_SENTENCES)}"
        return _b(title), _b(description), b"", [_b(topic), _b(kind.lower()), b"open educational resources"]

    def encoding(self, nb, centre, rtype, stem):
        """The inside of the `encoding` list (files by URL), or b"" for a type without files."""
        choices = self.files.get(rtype)
        if not choices:
            return b""
        items = []
        for i in range(1 if self.rng.random() < 0.8 else 2):
            ext, middle, low, high = self.pick(choices)
            name = stem + b"-" + nb + (b"-%d" % (i + 1) if i else b"") + ext
            items.append(b'{"type":"MediaObject","contentUrl":"' + FILE_BASE_BYTES + centre.slug_bytes + b"/bench-"
                         + nb + b"/" + name + b'","name":"' + name + middle + b"%d" % self.number(low, high) + b'"}')
        return b",".join(items)

    def based_on(self, licence):
        """An earlier bench record (linked remix) or an outside source (kept as given), or b""."""
        r = self.rng.random()
        if r < 0.03 and self.recent:
            source, source_licence = self.pick(self.recent)
            if source_licence in self.vocab.share_alike:
                licence = source_licence  # share-alike: the remix keeps the source's licence
            return b'[{"id":"' + source + b'"}]', licence
        if r < 0.045:
            return self.pick(self.outside), licence
        return b"", licence

    def line(self, n):
        """Record number `n` (its id ends in /n) as one UTF-8 JSON line without the line break."""
        rand, pick = self.rng.random, self.pick
        nb = b"%d" % n
        theme = pick(self.theme_table)
        centre = pick(self.centres)
        languages = self.languages(theme, centre)
        english = languages == ["en"]
        if english and rand() < 0.7:
            centre = pick(self.english_centres)
        rtype = pick(theme.types)
        if english:
            title, description, body, keywords = self.english_texts(theme, rtype)
        else:
            second = languages[1] if len(languages) > 1 else None
            title, description, body, keywords = self.vietnamese_texts(theme, centre, rtype, second)
            if rand() < UNACCENTED_SHARE:
                title, description, body = _fold_bytes(title), _fold_bytes(description), _fold_bytes(body)
                keywords = [_fold_bytes(k) for k in keywords]

        topics = theme.topic_json
        if rand() < 0.12:
            other = pick(self.themes)
            if other is not theme:
                topics += b"," + other.topic_json
        if theme.parent_json and rand() < 0.3:
            topics += b"," + theme.parent_json
        audiences = theme.audiences[0] if rand() < 0.6 else pick(theme.audiences)
        if rand() < 0.35:
            extra = pick(theme.audiences)
            if extra != audiences:
                audiences += b"," + extra
        levels = pick(theme.levels)
        if rand() < 0.2:
            extra = pick(theme.levels)
            if extra != levels:
                levels += b"," + extra
        licence = pick(self.licences)
        based_on, licence = self.based_on(licence)
        ident = ID_BASE_BYTES + nb
        if licence in self.vocab.remixable and rand() < 0.2:
            self.recent.append((ident, licence))
            if len(self.recent) > 64:
                del self.recent[0]

        parts = [b'{"@context":', CONTEXT_EN if english else CONTEXT_VI, b',"id":"', ident,
                 b'","type":["LearningResource"],"name":"', title, b'","description":"', description]
        if body:
            parts += [b'","text":"', body]
        parts += [b'","keywords":["', b'","'.join(dict.fromkeys(keywords)), b'"],"inLanguage":["',
                  '","'.join(languages).encode("ascii"), b'"],"license":', self.vocab.licences[licence],
                  b',"learningResourceType":', self.vocab.types[rtype], b',"about":[', topics,
                  b'],"audience":[', audiences, b'],"educationalLevel":[', levels,
                  b'],"creator":[', self.creators(centre, nb), b'],"dateCreated":"', pick(self.dates), b'"']
        if based_on:
            parts += [b',"isBasedOn":', based_on]
        parts += [b',"sourceOrganization":', centre.source_org]
        if rtype == "lien-ket" or (rtype in W.LINKED_TYPES and rand() < 0.3):
            parts += [b',"url":"', FILE_BASE_BYTES, b"xem/", centre.slug_bytes, b"/", nb, b'"']
        if rand() < 0.75:
            files = self.encoding(nb, centre, rtype, theme.stem)
            if files:
                parts += [b',"encoding":[', files, b"]"]
        parts.append(b"}")
        return b"".join(parts)


def _chunks(count, first):
    """(chunk index, first id, last id) covering ids first .. first+count-1."""
    n, last = first, first + count - 1
    while n <= last:
        index = (n - 1) // CHUNK
        end = min(last, (index + 1) * CHUNK)
        yield index, n, end
        n = end + 1


def generate(count, seed=1, centres=None, first=1):
    """Yields `count` JSON lines (str, no line breaks) for ids first, first+1, ...; same seed, same lines.

    Record n depends only on the seed and n, so 500 records are the first 500 of 20,000.
    """
    generator = Generator(seed, centres)
    for index, lo, hi in _chunks(count, first):
        for line in generator.chunk(index, lo, hi):
            yield line.decode("utf-8")


def write_corpus(out, count, seed=1, centres=None, progress=False, first=1):
    """Writes `count` records (ids first, first+1, ...) to the text stream `out`; returns the number written.

    One chunk of 1,000 lines is in memory at a time; its bytes go straight to the stream's
    binary buffer when it has one.
    """
    generator = Generator(seed, centres)
    batches = (b"\n".join(generator.chunk(*task)) + b"\n" for task in _chunks(count, first))
    binary = getattr(out, "buffer", None)
    if binary is not None:
        out.flush()
    with tqdm(total=count, disable=not progress, file=sys.stderr, unit=" records", unit_scale=True) as bar:
        for data in batches:
            if binary is not None:
                binary.write(data)
            else:
                out.write(data.decode("utf-8"))
            if progress:
                bar.update(data.count(b"\n"))
    return count


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of records (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same file")
    parser.add_argument("--out", required=True, help="output file (JSON Lines), or - for standard output")
    parser.add_argument("--centres", default="",
                        help="comma-separated centre slugs (default: the demo centres of load_demo)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    centres = [s.strip() for s in args.centres.split(",") if s.strip()] or None
    progress = not args.no_progress and sys.stderr.isatty()
    if args.out == "-":
        write_corpus(sys.stdout, args.count, args.seed, centres, progress)
    else:
        with open(args.out, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
            write_corpus(out, args.count, args.seed, centres, progress)
    return 0


if __name__ == "__main__":
    sys.exit(main())
