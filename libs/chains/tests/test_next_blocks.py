from __future__ import annotations

import pytest

from gts_chains import (
    GRAMMAR_EXPLANATIONS,
    ChainGrammarError,
    GrammarCode,
    check_chain_order,
    next_block_kinds,
)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ([], ["effect", "pedal", "amp", "amp-cab"]),
        (["effect", "effect"], ["effect", "pedal", "amp", "amp-cab"]),
        (["pedal", "effect", "pedal"], ["effect", "pedal", "amp", "amp-cab"]),
        (["pedal", "amp"], ["effect", "ir"]),
        (["pedal", "amp-cab"], ["effect"]),
        (["amp"], ["effect", "ir"]),
        (["effect", "amp", "effect"], ["effect", "ir"]),
        (["amp", "ir"], ["effect"]),
        (["amp-cab"], ["effect"]),
    ],
)
def test_next_block_kinds_follow_the_grammar(prefix: list[str], expected: list[str]) -> None:
    assert next_block_kinds(prefix) == expected


@pytest.mark.parametrize(
    ("prefix", "code"),
    [
        (["ir"], GrammarCode.INVALID_ORDER),
        (["amp", "amp"], GrammarCode.MULTIPLE_AMPS),
        (["amp", "ir", "ir"], GrammarCode.MULTIPLE_IRS),
        (["amp-cab", "ir"], GrammarCode.IR_FORBIDDEN),
        (["fuzz"], GrammarCode.INVALID_ORDER),
        (["amp", "pedal"], GrammarCode.PEDAL_AFTER_AMP),
        (["amp-cab", "effect", "pedal"], GrammarCode.PEDAL_AFTER_AMP),
    ],
)
def test_next_block_kinds_refuse_a_dead_prefix(prefix: list[str], code: GrammarCode) -> None:
    with pytest.raises(ChainGrammarError) as caught:
        next_block_kinds(prefix)
    assert caught.value.code == code


def test_every_suggested_completion_is_a_valid_chain() -> None:
    # walking the helper's suggestions to an end must always reach a valid chain
    chains: list[list[str]] = [[]]
    for _ in range(5):
        chains = [[*c, k] for c in chains for k in next_block_kinds(c)]
    codes: list[GrammarCode | None] = []
    for chain in chains:
        try:
            check_chain_order(chain)
            codes.append(None)
        except ChainGrammarError as error:
            codes.append(error.code)
    # an unfinished chain may lack its amp or IR, but is never wrong in any other way
    assert set(codes) <= {None, GrammarCode.NO_AMP, GrammarCode.IR_REQUIRED}
    assert None in codes


@pytest.mark.parametrize(
    "kinds",
    [
        ["pedal", "amp", "ir"],
        ["pedal", "pedal", "pedal", "amp", "ir", "effect"],
        ["effect", "pedal", "effect", "pedal", "amp-cab", "effect"],
        ["pedal", "amp", "effect", "ir"],
    ],
)
def test_pedal_captures_before_the_amp_make_a_valid_chain(kinds: list[str]) -> None:
    check_chain_order(kinds)


@pytest.mark.parametrize(
    ("kinds", "code", "index"),
    [
        (["amp", "pedal", "ir"], GrammarCode.PEDAL_AFTER_AMP, 1),
        (["amp", "ir", "pedal"], GrammarCode.PEDAL_AFTER_AMP, 2),
        (["pedal", "amp-cab", "effect", "pedal"], GrammarCode.PEDAL_AFTER_AMP, 3),
        (["pedal", "pedal"], GrammarCode.NO_AMP, None),
        (["pedal", "amp"], GrammarCode.IR_REQUIRED, 1),
    ],
)
def test_pedal_captures_break_the_grammar_where_they_should(
    kinds: list[str], code: GrammarCode, index: int | None
) -> None:
    with pytest.raises(ChainGrammarError) as caught:
        check_chain_order(kinds, "Drive into amp")
    assert (caught.value.code, caught.value.index) == (code, index)
    if code == GrammarCode.PEDAL_AFTER_AMP:
        assert "before the amp" in caught.value.message


def test_every_code_is_explained() -> None:
    assert set(GRAMMAR_EXPLANATIONS) == set(GrammarCode)
