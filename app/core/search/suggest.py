"""“Did you mean”: a nearby spelling, from the search index's own words, when a search
found nothing (``did_you_mean(ws, "scraf") -> "scarf"``).

Only words the index holds are offered, and only one that finds something in the
same scope as the search (the whole workspace, or the one case): each suggestion is
checked with :func:`app.core.search.query.search` before it is offered, so a word
from another case is never shown to someone searching this one.

Speed: no text is scanned and the whole vocabulary is never read. For each typed
word the index does not know, the spellings one edit away (a letter dropped, added,
changed, or two swapped: "scraf" -> "scarf") are looked up in the index's vocabulary
as exact terms, a few hundred seeks. On SQLite the vocabulary is FTS5's own
(``fts5vocab`` tables in the connection's ``temp`` schema, nothing is written to the
workspace) and the words sharing the typed word's first three letters are read too,
for spellings two edits away ("megafone" -> "megaphone"). On PostgreSQL each spelling
is a GIN lookup of the ``search_vector`` columns. Candidates are ranked with
rapidfuzz by edit distance (optimal string alignment: a swap is one edit), then by
how many records hold them.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from app.core.search.schema import BY_KIND, KINDS, Source
from app.core.search.terms import Term, parse_query
from app.core.storage.workspace import Workspace

MIN_WORD = 3  # shorter words have too many neighbours to guess from
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
RANGE_LIMIT = 400  # words read that share the first letters
TRIED = 3  # suggestions checked against the search before giving up
CHUNK = 500  # words per lookup statement


def did_you_mean(
    ws: Workspace,
    query: str,
    case_id: int | None = None,
    kinds: Iterable[str] | None = None,
) -> str | None:
    """A query that finds something where ``query`` found nothing, made of the index's
    own words, or None. Never raises (a suggestion is a courtesy, not a result)."""
    from app.core.search.query import search

    terms = parse_query(query)
    if not terms:
        return None
    sources = [BY_KIND[kind] for kind in (KINDS if kinds is None else kinds) if kind in BY_KIND]
    try:
        with _vocabulary(ws, sources) as vocabulary:
            options = _corrections(vocabulary, terms)
    except Exception:  # noqa: BLE001 - e.g. a database without the vocabulary module
        return None
    for suggestion in options[:TRIED]:
        if search(ws, suggestion, case_id=case_id, limit=1, kinds=kinds):
            return suggestion
    return None


def fold(word: str) -> str:
    """A word as the index keeps it: lower case, accents removed."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def near_spellings(word: str) -> set[str]:
    """Every spelling one edit away: a letter dropped, added or changed, two swapped."""
    letters = ALPHABET + "".join(sorted(set(word) - set(ALPHABET)))
    found: set[str] = set()
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            found.add(head + tail[1:])
            found.update(head + ch + tail[1:] for ch in letters)
        if len(tail) > 1:
            found.add(head + tail[1] + tail[0] + tail[2:])
        found.update(head + ch + tail for ch in letters)
    found.discard(word)
    return {w for w in found if w}


def _corrections(vocabulary: _Vocabulary, terms: Sequence[Term]) -> list[str]:
    """Queries with each unknown word replaced, the likeliest first."""
    words = [
        (fold(token), term.prefix and i == len(term.tokens) - 1)
        for term in terms
        for i, token in enumerate(term.tokens)
    ]
    choices: list[list[str]] = []
    changed = False
    for word, prefix in words:
        if len(word) < MIN_WORD or word.isdigit() or vocabulary.knows(word, prefix):
            choices.append([word])
            continue
        ranked = _ranked(word, prefix, vocabulary.near(word))
        if not ranked:
            return []  # a word with no neighbour: no query would find anything
        choices.append(ranked[:TRIED])
        changed = True
    if not changed:
        return []
    # The best spelling of every word, then the second best of each word in turn.
    best = [options[0] for options in choices]
    queries = [best]
    for position, options in enumerate(choices):
        for other in options[1:2]:
            queries.append([*best[:position], other, *best[position + 1 :]])
    return [_as_query(terms, chosen) for chosen in queries]


def _ranked(word: str, prefix: bool, counts: dict[str, int]) -> list[str]:
    """The candidates close enough to ``word``: fewest edits, then most records."""
    if not counts:
        return []
    # Loaded on the first suggestion, not with the search panel.
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    limit = 1 if len(word) < 5 else 2
    scored: dict[str, int] = {}
    for candidate, distance, _key in process.extract(
        word, list(counts), scorer=OSA.distance, score_cutoff=limit, limit=None
    ):
        scored[candidate] = int(distance)
    if prefix and len(word) >= 4:
        # The word being typed: "megahp" is the start of "megaphone", misspelt.
        for candidate in counts:
            start = OSA.distance(word, candidate[: len(word)], score_cutoff=1)
            if start <= 1 and candidate not in scored:
                scored[candidate] = start + 1
    return sorted(scored, key=lambda c: (scored[c], -counts[c], c))


def _as_query(terms: Sequence[Term], words: list[str]) -> str:
    """The terms written back with the chosen words; phrases keep their quotes."""
    out, at = [], 0
    for term in terms:
        chosen = words[at : at + len(term.tokens)]
        at += len(term.tokens)
        out.append(f'"{" ".join(chosen)}"' if len(chosen) > 1 else chosen[0])
    return " ".join(out)


# --------------------------------------------------------------------------- vocabularies


class _Vocabulary:
    """The index's words: whether it knows one, and the counts of words near one."""

    def knows(self, word: str, prefix: bool) -> bool:
        raise NotImplementedError

    def near(self, word: str) -> dict[str, int]:
        raise NotImplementedError


@contextlib.contextmanager
def _vocabulary(ws: Workspace, sources: Sequence[Source]) -> Iterator[_Vocabulary]:
    engine = ws.engine
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            yield _SqliteVocabulary(raw.driver_connection, sources)
        finally:
            raw.close()
    else:
        with engine.connect() as connection:
            yield _PgVocabulary(connection, sources)


class _SqliteVocabulary(_Vocabulary):
    """FTS5's vocabulary of each searched table, as ``fts5vocab`` tables in ``temp``
    (per connection: a pooled connection keeps them for the next suggestion)."""

    def __init__(self, connection: Any, sources: Sequence[Source]) -> None:
        self.cursor = connection.cursor()
        self.tables = []
        for source in sources:
            table = f"temp.casefile_vocab_{source.table}"
            self.cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}"
                f" USING fts5vocab(main, '{source.fts}', 'row')"
            )
            self.tables.append(table)

    def knows(self, word: str, prefix: bool) -> bool:
        for table in self.tables:
            if prefix:
                sql = f"SELECT 1 FROM {table} WHERE term >= ?1 AND term < ?1 || char(1114111)"
            else:
                sql = f"SELECT 1 FROM {table} WHERE term = ?1"
            if self.cursor.execute(sql + " LIMIT 1", (word,)).fetchone():
                return True
        return False

    def near(self, word: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        spellings = sorted(near_spellings(word))
        start = word[:3]
        for table in self.tables:
            for chunk in _chunks(spellings):
                marks = ", ".join("?" * len(chunk))
                rows = self.cursor.execute(
                    f"SELECT term, doc FROM {table} WHERE term IN ({marks})", chunk
                )
                _add(counts, rows)
            if len(word) >= 5:
                rows = self.cursor.execute(
                    f"SELECT term, doc FROM {table} WHERE term >= ?1 AND term < ?1 ||"
                    f" char(1114111) LIMIT {RANGE_LIMIT}",
                    (start,),
                )
                _add(counts, rows)
        counts.pop(word, None)
        return counts


class _PgVocabulary(_Vocabulary):
    """Each spelling looked up in every searched table's ``search_vector`` (GIN)."""

    def __init__(self, connection: Any, sources: Sequence[Source]) -> None:
        self.connection = connection
        counted = " + ".join(
            f"(SELECT count(*) FROM {s.table} t WHERE t.search_vector @@ CAST(v.q AS tsquery))"
            for s in sources
        )
        self.sql = (
            f"SELECT v.w, {counted or '0'} AS n"
            " FROM unnest(CAST(%(w)s AS text[]), CAST(%(q)s AS text[])) AS v(w, q)"
        )

    def _counts(self, words: Sequence[str], prefix: bool = False) -> dict[str, int]:
        counts: dict[str, int] = {}
        for chunk in _chunks(list(words)):
            lexemes = ["'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in chunk]
            if prefix:
                lexemes = [lexeme + ":*" for lexeme in lexemes]
            rows = self.connection.exec_driver_sql(self.sql, {"w": chunk, "q": lexemes})
            _add(counts, rows)
        return counts

    def knows(self, word: str, prefix: bool) -> bool:
        return bool(self._counts([word], prefix))

    def near(self, word: str) -> dict[str, int]:
        return self._counts(sorted(near_spellings(word)))


def _chunks(words: list[str]) -> Iterator[list[str]]:
    for at in range(0, len(words), CHUNK):
        yield words[at : at + CHUNK]


def _add(counts: dict[str, int], rows: Iterable[Any]) -> None:
    for term, count in rows:
        if count:
            counts[term] = counts.get(term, 0) + int(count)
