"""The fixed pseudo-random samples of the index that broad searches count facets and rank in.

A document belongs to sample level L (1…MAX_LEVEL) when a multiplicative hash of its id falls
in the lowest 1/2**L of the 32-bit range, so level L+1 is a subset of level L and each holds
about 1/2**L of the catalogue, whatever order documents were added in. PostgreSQL stores the
levels as lexemes in the vector (index-assisted); SQLite tests the same formula in SQL.

A search first counts in the smallest sample (1/64). When that estimates at most EXACT_LIMIT
matches, counts, total and ranking are exact; otherwise they come from the smallest level that
still holds about SAMPLE_TARGET matches, scaled by 2**L and flagged `approximate` (see
search/README.md, "Broad searches").
"""
import math

MAX_LEVEL = 6          # 1/64 of the catalogue
EXACT_LIMIT = 2_000    # estimated matches up to which everything is exact
SAMPLE_TARGET = 1_000  # matches a sample should hold for counts and ranking to be representative
_MULTIPLIER = 2_654_435_761  # Knuth's multiplicative hash constant (2**32 / golden ratio)
_RANGE = 2 ** 32


def _hash(document_id):
    return (int(document_id) * _MULTIPLIER) % _RANGE


def levels(document_id):
    """The sample levels a document belongs to (1 is half the catalogue; each next level half of that)."""
    value = _hash(document_id)
    return [level for level in range(1, MAX_LEVEL + 1) if value < _RANGE >> level]


def condition(column, level):
    """SQL (and params) true when the document id in `column` is in sample `level` (any SQL dialect).

    The low 32 bits are taken with `&`, not `%`: a literal `%` in SQL that also has `%s`
    parameters breaks Django's query logging (DEBUG) on SQLite.
    """
    return f"(({column} * {_MULTIPLIER}) & {_RANGE - 1}) < %s", [_RANGE >> level]


def choose(probe_count, exact_limit=EXACT_LIMIT, target=SAMPLE_TARGET):
    """The level to count in, given how many documents the MAX_LEVEL sample counted: 0 means exact."""
    estimate = probe_count * 2 ** MAX_LEVEL
    if estimate <= exact_limit:
        return 0
    if probe_count >= target / 2:
        return MAX_LEVEL
    return max(1, min(MAX_LEVEL, int(math.log2(estimate / target))))


def page_level(level, sampled_total, wanted):
    """The sample level to rank a page in: the counting level when its sample holds the page, else the
    smallest larger sample expected to hold it twice over (0: every match, exact)."""
    if sampled_total >= wanted:
        return level
    estimate = sampled_total
    while level:
        level, estimate = level - 1, estimate * 2
        if estimate >= 2 * wanted:
            return level
    return 0
