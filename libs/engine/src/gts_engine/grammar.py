"""The signal-chain grammar, shared with the shootouts service: it lives in `gts_chains`."""

from gts_chains.grammar import (
    BLOCK_KINDS,
    BlockKind,
    ChainGrammarError,
    GrammarCode,
    check_chain_order,
)

__all__ = ["BLOCK_KINDS", "BlockKind", "ChainGrammarError", "GrammarCode", "check_chain_order"]
