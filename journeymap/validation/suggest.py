"""Did-you-mean hints for misspelt keys, ids and choices."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from journeymap.translation import Msg


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The most similar choice, if any is similar enough to be a likely typo."""
    options = list(dict.fromkeys(choices))
    folded = {c.casefold(): c for c in options}
    if word.casefold() in folded:
        return folded[word.casefold()]
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str], listing: bool = True) -> str | None:
    """A hint: "did you mean 'x'?" or, failing that, the list of valid choices."""
    options = sorted(dict.fromkeys(choices))
    match = closest(word, options)
    if match is not None:
        return Msg("did you mean '%(match)s'?", match=match)
    if listing and options:
        shown = ", ".join(options[:12]) + (", ..." if len(options) > 12 else "")
        return Msg("expected one of: %(choices)s", choices=shown)
    return None
