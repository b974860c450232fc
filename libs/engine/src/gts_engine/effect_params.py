"""Built-in effect parameters, shared with the shootouts service: they live in `gts_chains`."""

from gts_chains.effect_params import EFFECTS, EffectParamError, ParamSpec, validate_effect

__all__ = ["EFFECTS", "EffectParamError", "ParamSpec", "validate_effect"]
