"""Regular expressions that skip the positions where they cannot match.

Python's engine tries a pattern at every position of the text. A pattern
that opens on optional parts or on a long alternation (a lunar mark, a year,
spaces; forty outcome verbs) pays for every branch at every position, and the
rules run such patterns over whole pages. :func:`compile_guarded` puts a
lookahead of the characters a match can open on in front of the pattern,
``(?=[…])``: the engine then passes over nearly every position in one test.

The opening characters are read from the parsed pattern itself, so they follow
the vocabulary when it changes; a pattern whose opening cannot be bounded (it
can match nothing, or open on any character) is compiled as it is.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parser's opcodes: the one place the parse tree is read
from re import _parser

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_CATEGORY = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}


class _Unbounded(Exception):
    """The pattern may open on any character: no guard helps."""


def compile_guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, behind a lookahead of the characters a match opens on.

    The guarded pattern finds exactly the matches of the plain one (the lookahead
    is zero-width and admits every opening character)."""
    if _GLOBAL_FLAGS.match(pattern):
        return re.compile(pattern, flags)  # inline flags must stay at the very start
    parsed = _parser.parse(pattern, flags)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return re.compile(pattern, flags)  # a letter's other case; a comment that would swallow the wrapper
    try:
        opening, empty = _opening(parsed.data)
    except _Unbounded:
        return re.compile(pattern, flags)
    if empty or not opening:
        return re.compile(pattern, flags)
    return re.compile(f"(?=[{''.join(sorted(opening))}])(?:{pattern})", flags)


def _opening(items) -> tuple[set[str], bool]:
    """(class members a match of ``items`` can open on, whether ``items`` can match nothing)."""
    members: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: what follows opens the match
        if op is sre.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise _Unbounded  # "(?i:…)": a letter stands for its other case too
            found, empty = _opening(av[-1])
        elif op is sre.ATOMIC_GROUP:
            found, empty = _opening(av)
        elif op is sre.BRANCH:
            found, empty = set(), False
            for branch in av[1]:
                branch_found, branch_empty = _opening(branch)
                found |= branch_found
                empty = empty or branch_empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            found, empty = _opening(av[2])
            empty = empty or av[0] == 0
        elif op is sre.LITERAL:
            found, empty = {re.escape(chr(av))}, False
        elif op is sre.IN:
            found, empty = _class_members(av), False
        else:  # any character, a negated literal, a back-reference: unbounded
            raise _Unbounded
        members |= found
        if not empty:
            return members, False
    return members, True


def _class_members(items) -> set[str]:
    members: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            members.add(re.escape(chr(av)))
        elif op is sre.RANGE:
            members.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORY:
            members.add(_CATEGORY[av])
        else:  # a negated class or category: nearly every character
            raise _Unbounded
    return members
