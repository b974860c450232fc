"""Signal-chain rules shared by shootouts and render: block grammar and effect parameters."""

from gts_chains.effect_params import EFFECTS, EffectParamError, ParamSpec, validate_effect
from gts_chains.grammar import (
    BLOCK_KINDS,
    GRAMMAR_EXPLANATIONS,
    BlockKind,
    ChainGrammarError,
    GrammarCode,
    check_chain_order,
    next_block_kinds,
)

__all__ = [
    "BLOCK_KINDS",
    "EFFECTS",
    "GRAMMAR_EXPLANATIONS",
    "BlockKind",
    "ChainGrammarError",
    "EffectParamError",
    "GrammarCode",
    "ParamSpec",
    "check_chain_order",
    "next_block_kinds",
    "validate_effect",
]
