from __future__ import annotations

import pytest

from gts_engine.grammar import ChainGrammarError, GrammarCode, check_chain_order


@pytest.mark.parametrize(
    "kinds",
    [
        ["amp", "ir"],
        ["effect", "effect", "amp", "ir", "effect"],
        ["amp-cab"],
        ["effect", "amp-cab", "effect", "effect"],
        ["amp", "effect", "ir"],
    ],
)
def test_valid_chains_pass(kinds: list[str]) -> None:
    check_chain_order(kinds)


@pytest.mark.parametrize(
    ("kinds", "code", "index"),
    [
        ([], GrammarCode.NO_AMP, None),
        (["effect", "ir"], GrammarCode.NO_AMP, None),
        (["amp", "ir", "amp"], GrammarCode.MULTIPLE_AMPS, 2),
        (["amp-cab", "amp", "ir"], GrammarCode.MULTIPLE_AMPS, 1),
        (["amp"], GrammarCode.IR_REQUIRED, 0),
        (["effect", "amp", "effect"], GrammarCode.IR_REQUIRED, 1),
        (["amp-cab", "ir"], GrammarCode.IR_FORBIDDEN, 1),
        (["amp", "ir", "ir"], GrammarCode.MULTIPLE_IRS, 2),
        (["ir", "amp"], GrammarCode.INVALID_ORDER, 0),
        (["amp", "distortion", "ir"], GrammarCode.INVALID_ORDER, 1),
    ],
)
def test_grammar_violations_raise_their_code(
    kinds: list[str], code: GrammarCode, index: int | None
) -> None:
    with pytest.raises(ChainGrammarError) as caught:
        check_chain_order(kinds, "Marshall")
    assert caught.value.code is code
    assert caught.value.index == index
    assert caught.value.message.startswith("Marshall: ")


@pytest.mark.parametrize(
    "where",
    [
        "gts_engine.grammar:check_chain_order",
        "gts_engine.effect_params:validate_effect",
        "gts_engine.ir:validate_ir",
    ],
)
def test_shareable_rules_import_only_the_standard_library(where: str) -> None:
    import ast
    import importlib
    import sys
    from pathlib import Path

    module_name, name = where.split(":")
    # follow a re-export to the module that defines the function
    defining = getattr(importlib.import_module(module_name), name).__module__
    source = Path(importlib.import_module(defining).__file__ or "").read_text()
    imported = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}
