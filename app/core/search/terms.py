"""What a person typed, as search terms, and those terms as database query text.

People type words, not query syntax. :func:`parse_query` turns whatever was typed
into terms; :func:`fts5_query` (SQLite) and :func:`tsquery` (PostgreSQL) quote every
term before it reaches the database, so quotes, apostrophes, hyphens, colons,
``AND``/``OR``/``NOT``, ``*`` and unbalanced quotes are plain text and a search never
raises because of them. The last word is a prefix (``megaph`` finds *megaphone*). A
balanced ``"quoted phrase"`` matches those words in that order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MAX_TERMS = 16
MAX_TOKEN = 64


@dataclass(frozen=True)
class Term:
    """Words that must appear together (one typed word such as O'Brien, or a quoted
    phrase); ``prefix`` lets the last one be the start of a longer word."""

    tokens: tuple[str, ...]
    prefix: bool


_TOKEN = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


def parse_query(query: str) -> list[Term]:
    """The terms in what a person typed. Letters and digits make words; everything
    else separates them. Quotes make a phrase only when they are balanced."""
    if not isinstance(query, str):
        return []
    if query.isascii() and query.isalnum():  # one plain word: most keystrokes
        token = query[:MAX_TOKEN].casefold()
        return [Term((token,), len(token) > 1)]
    query = unicodedata.normalize("NFKC", query[:2000]).translate(_QUOTES)
    parts = query.split('"')
    balanced = len(parts) % 2 == 1
    found: list[tuple[tuple[str, ...], bool]] = []  # (tokens, may be a prefix)
    for index, part in enumerate(parts):
        if balanced and index % 2 == 1:
            tokens = _tokens(part)
            if tokens:
                found.append((tokens, False))
            continue
        for word in part.split():
            tokens = _tokens(word)
            if tokens:
                # "a*" would merge the postings of every word starting with a.
                found.append((tokens, len(tokens[-1]) > 1))
    found = found[:MAX_TERMS]
    # Only the word being typed is a prefix: the ones before it are finished, and
    # a prefix costs a merge of every matching word's postings.
    last = len(found) - 1
    return [Term(tokens, prefix and i == last) for i, (tokens, prefix) in enumerate(found)]


def _tokens(chunk: str) -> tuple[str, ...]:
    return tuple(token[:MAX_TOKEN].casefold() for token in _TOKEN.findall(chunk))


def fts5_query(terms: Iterable[Term]) -> str:
    """An FTS5 MATCH expression in which every term is a quoted string (AND-ed)."""
    out = []
    for term in terms:
        body = " ".join([token.replace('"', '""') for token in term.tokens])
        out.append(f'"{body}"*' if term.prefix else f'"{body}"')
    return " ".join(out)


def fts5_match(query: str) -> str:
    """``fts5_query(parse_query(query))``, with a shortcut for one plain word, the
    most common keystroke (building the Term costs as much as the rest)."""
    if isinstance(query, str) and query.isascii() and query.isalnum():
        token = query[:MAX_TOKEN].casefold()
        return f'"{token}"*' if len(token) > 1 else f'"{token}"'
    return fts5_query(parse_query(query))


def tsquery(terms: Iterable[Term]) -> str:
    """A ``to_tsquery`` input in which every word is a quoted lexeme (``'megaph':*``)."""
    out = []
    for term in terms:
        words = [
            "'" + token.replace("\\", "\\\\").replace("'", "''") + "'" for token in term.tokens
        ]
        if term.prefix:
            words[-1] += ":*"
        out.append("(" + " <-> ".join(words) + ")")
    return " & ".join(out)
