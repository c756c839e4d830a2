"""Free-text search over the stored search vectors.

The visitor's query is parsed here, with web-search syntax: words are ANDed,
"quoted phrases" must appear in order, a leading minus excludes a word or
phrase, and ``or`` (or ``eller``) between two terms accepts either. Words are
cut down to letters and digits and stemmed by PostgreSQL's own Swedish and
English stemmers (``ts_lexize``), and the two ``tsquery`` values are built
from those lexemes alone, so no input can make ``to_tsquery`` fail.

Swedish stemming is shallow ("inkubatorerna" and "inkubator" stem to
different lexemes) and Swedish writes compounds as one word, so every stem of
four letters or more is matched as a prefix, together with the stem of the
stem. The last word typed is also matched as a prefix of itself, so "medici"
finds "medicinteknik".
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import Greatest

MAX_QUERY_LENGTH = 200
MAX_WORDS = 16
MIN_PREFIX_LENGTH = 4
OR_WORDS = {"or", "eller"}

_WORD_RE = re.compile(r"\w+", re.UNICODE)
_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass
class Term:
    words: list[str]
    negated: bool = False


@dataclass
class ParsedQuery:
    """Terms in OR-groups: ``groups = [[a, b], [c]]`` means (a AND b) OR c."""

    groups: list[list[Term]] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        seen = []
        for group in self.groups:
            for term in group:
                for word in term.words:
                    if word not in seen:
                        seen.append(word)
        return seen

    def __bool__(self) -> bool:
        return bool(self.words)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text.replace("_", " "))]


def parse_query(raw: str) -> ParsedQuery:
    text = (raw or "")[:MAX_QUERY_LENGTH]
    groups: list[list[Term]] = [[]]
    pending_or = False
    word_count = 0
    for match in _TOKEN_RE.finditer(text):
        minus, phrase, bare = match.groups()
        if bare is not None:
            if bare.lower() in OR_WORDS and groups[-1]:
                pending_or = True
                continue
            negated = bare.startswith("-") and len(bare) > 1
            words = _words(bare[1:] if negated else bare)
        else:
            negated = bool(minus)
            words = _words(phrase)
        words = words[: MAX_WORDS - word_count]
        if not words:
            continue
        word_count += len(words)
        if pending_or:
            groups.append([])
            pending_or = False
        groups[-1].append(Term(words=words, negated=negated))
        if word_count >= MAX_WORDS:
            break
    return ParsedQuery(groups=[g for g in groups if g])


@dataclass(frozen=True)
class Lexemes:
    swedish: tuple[str, ...]
    english: tuple[str, ...]


def lexemes_for(words: list[str]) -> dict[str, Lexemes]:
    """Stem each word with PostgreSQL's stemmers, in one round trip.

    Swedish gets the stem and the stem of the stem; stop words get nothing.
    """
    if not words:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT w,
                   ts_lexize('swedish_stem', w),
                   ts_lexize('swedish_stem', (ts_lexize('swedish_stem', w))[1]),
                   ts_lexize('english_stem', w)
            FROM unnest(%s::text[]) AS w
            """,
            [words],
        )
        rows = cursor.fetchall()
    result = {}
    for word, sv1, sv2, en1 in rows:
        swedish = tuple(dict.fromkeys([*(sv1 or []), *(sv2 or [])]))
        result[word] = Lexemes(swedish=swedish, english=tuple(en1 or []))
    return result


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _lexeme_alternatives(stems: tuple[str, ...], raw: str | None) -> str | None:
    options = []
    for stem in stems:
        options.append(_quote(stem) + (":*" if len(stem) >= MIN_PREFIX_LENGTH else ""))
    if raw is not None and raw not in stems:
        options.append(_quote(raw) + ":*")
    options = list(dict.fromkeys(options))
    if not options:
        return None
    return options[0] if len(options) == 1 else "(" + " | ".join(options) + ")"


def _term_text(term: Term, lexemes: dict[str, Lexemes], language: str, last_word: str | None):
    """One word, or a phrase whose words must follow each other.

    A stop word inside a phrase keeps its position in the stored text, so the
    distance operator skips it: "advice for the companies" is advice <3> companies.
    """
    text = ""
    gap = 1
    for word in term.words:
        lex = lexemes.get(word)
        stems = (lex.swedish if language == "sv" else lex.english) if lex else ()
        is_last = word == last_word and len(term.words) == 1
        alt = _lexeme_alternatives(stems, word if is_last else None) if stems or is_last else None
        if not alt:
            if text:
                gap += 1  # a stop word in this language
            continue
        if not text:
            text = alt
        else:
            text += (" <-> " if gap == 1 else f" <{gap}> ") + alt
        gap = 1
    if not text:
        return None
    return f"({text})" if "<" in text else text


def build_tsquery(
    parsed: ParsedQuery, lexemes: dict[str, Lexemes], language: str, *, negated: bool = False
) -> str:
    """The tsquery text for one language, or '' when nothing searchable remains.

    With ``negated=False``: the wanted terms, (a & b) | c. With ``negated=True``:
    the excluded terms ORed, for the caller to exclude in both languages at once –
    otherwise a word missing from one language's text would slip past the exclusion.
    """
    last_word = None
    for group in parsed.groups:
        for term in group:
            if not term.negated and len(term.words) == 1:
                last_word = term.words[0]
    if negated:
        texts = [
            _term_text(term, lexemes, language, None)
            for group in parsed.groups
            for term in group
            if term.negated
        ]
        return " | ".join(t for t in texts if t)
    group_texts = []
    for group in parsed.groups:
        term_texts = [
            _term_text(term, lexemes, language, last_word) for term in group if not term.negated
        ]
        term_texts = [t for t in term_texts if t]
        if term_texts:
            group_texts.append(" & ".join(term_texts))
    if len(group_texts) <= 1:
        return "".join(group_texts)
    return " | ".join(f"({text})" for text in group_texts)


def ts_query(text: str) -> SearchQuery:
    """A tsquery from :func:`build_tsquery`; 'simple' keeps the lexemes exactly as stemmed."""
    return SearchQuery(text, config="simple", search_type="raw")


@dataclass(frozen=True)
class SearchFilter:
    condition: Q
    rank: object


def search_filter(raw: str) -> SearchFilter | None:
    """The WHERE condition and rank expression for a visitor's query, or None for no search.

    Both stored vectors are searched whatever the page language: a visitor may
    type Swedish on the English site and the other way round.
    """
    parsed = parse_query(raw)
    if not parsed:
        return None
    lexemes = lexemes_for(parsed.words)
    wanted = {lang: build_tsquery(parsed, lexemes, lang) for lang in ("sv", "en")}
    excluded = {lang: build_tsquery(parsed, lexemes, lang, negated=True) for lang in ("sv", "en")}
    condition = Q()
    ranks = []
    for lang, text in wanted.items():
        if text:
            condition |= Q(**{f"search_{lang}": ts_query(text)})
            ranks.append(SearchRank(F(f"search_{lang}"), ts_query(text)))
    for lang, text in excluded.items():
        if text:
            condition &= ~Q(**{f"search_{lang}": ts_query(text)})
    if not condition:
        return None
    if not ranks:
        rank = Value(0.0, output_field=FloatField())
    else:
        rank = ranks[0] if len(ranks) == 1 else Greatest(*ranks)
    return SearchFilter(condition=condition, rank=rank)
