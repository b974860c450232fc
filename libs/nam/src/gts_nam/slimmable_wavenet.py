"""SlimmableWaveNet: a NAM A2 WaveNet whose slimmable layer arrays also run at fewer channels.

A layer array with `"slimmable": {"method": "slice_channels_uniform", "kwargs":
{"allowed_channels": [...]}}` may run at any of its allowed channel counts (1..channels when
the list is missing). A slim value 0..1 picks one count per slimmable array, as NAM Core's
SlimmableWavenet does; the smaller model is the same WaveNet at those channels, and its
weights are the leading rows and columns of each full tensor (`slimmable_weights`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, replace
from typing import Any

from gts_nam.a2_config import A2WaveNet
from gts_nam.a2_layers import A2LayerArray
from gts_nam.cost import MAX_CHANNELS
from gts_nam.errors import NamFormatError
from gts_nam.fields import as_int, as_object, as_str, describe
from gts_nam.slimmable_weights import slimmed_weights

SLIM_METHOD = "slice_channels_uniform"

Channels = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SlimConfiguration:
    """The channels per layer array that slim values up to `max_value` select."""

    max_value: float
    channels: Channels


@dataclass(frozen=True, slots=True, eq=False)
class SlimmableWaveNet:
    """A WaveNet (`full`, the model at slim 1.0) and each array's allowed channel counts,
    ascending and ending at its channels; () for an array that is not slimmable."""

    full: A2WaveNet
    allowed: tuple[Channels, ...]
    _reduced: dict[Channels, A2WaveNet] = field(default_factory=dict, repr=False)

    def channels(self, slim: float | None = None) -> Channels:
        """The channels of each array at a slim value 0..1 (None: the full model).

        Each slimmable array takes allowed[min(floor(slim * n), n - 1)] of its n counts.
        """
        if slim is None:
            return tuple(a.channels for a in self.full.arrays)
        return tuple(
            allowed[min(math.floor(slim * len(allowed)), len(allowed) - 1)]
            if allowed
            else a.channels
            for a, allowed in zip(self.full.arrays, self.allowed, strict=True)
        )

    @property
    def breakpoints(self) -> tuple[float, ...]:
        """The slim values i/n (0 < i < n, for each slimmable array of n counts) where the
        channels may change, ascending, as NAM Core's GetSlimmableSizeBreakpoints."""
        found = {i / len(a) for a in self.allowed for i in range(1, len(a))}
        return tuple(sorted(found))

    def configurations(self) -> list[SlimConfiguration]:
        """Each distinct channel configuration, smallest first, with the largest slim value
        that selects it (the last at 1.0)."""
        candidates = sorted(
            {0.0, 1.0}
            | set(self.breakpoints)
            | {math.nextafter(b, math.inf) for b in self.breakpoints}
        )
        starts: list[tuple[float, Channels]] = []
        for value in candidates:
            channels = self.channels(value)
            if not starts or starts[-1][1] != channels:
                starts.append((value, channels))
        found = []
        for i, (_, channels) in enumerate(starts):
            top = 1.0
            if i + 1 < len(starts):
                top = math.nextafter(starts[i + 1][0], 0.0)
                while self.channels(top) != channels:  # a product that rounded down
                    top = math.nextafter(top, 0.0)
            found.append(SlimConfiguration(max_value=top, channels=channels))
        return found

    def select(self, slim: float | None = None) -> A2WaveNet:
        """The WaveNet that runs at a slim value 0..1 (None: the full model, NAM Core's
        default)."""
        return self.reduced(self.channels(slim))

    def reduced(self, channels: Channels) -> A2WaveNet:
        """The WaveNet at these channels per array (the full model itself at full channels).

        A smaller one has no loudness of its own: the file's is the full model's.
        """
        if channels == self.channels():
            return self.full
        model = self._reduced.get(channels)
        if model is None:
            arrays = reduced_arrays(self.full.arrays, channels)
            model = replace(
                self.full,
                arrays=arrays,
                weights=slimmed_weights(self.full, arrays),
                loudness=None,
            )
            self._reduced[channels] = model
        return model


def reduced_arrays(
    arrays: tuple[A2LayerArray, ...], channels: Channels
) -> tuple[A2LayerArray, ...]:
    """The layer arrays at these channels: the bottleneck scales when layer1x1 is active
    (else equals the channels), each array's input is the previous one's channels, and an
    intermediate array's head feeds the next array's channels."""
    last = len(arrays) - 1
    found = []
    for i, (array, c) in enumerate(zip(arrays, channels, strict=True)):
        bottleneck = max(1, array.bottleneck * c // array.channels) if array.layer1x1_active else c
        found.append(
            replace(
                array,
                input_size=array.input_size if i == 0 else channels[i - 1],
                channels=c,
                bottleneck=bottleneck,
                head_size=array.head_size if i == last else channels[i + 1],
            )
        )
    return tuple(found)


def slimmable_keys(config: dict[str, Any], path: str) -> tuple[Channels, ...] | None:
    """Each layer array's allowed channels from its `slimmable` key (() when it has none),
    or None when no array is slimmable (a plain WaveNet).

    A `slimmable` object without a method is ignored unless another array is slimmable, as
    NAM Core does; any other method is refused.
    """
    layers = config.get("layers")
    if not isinstance(layers, list):
        return None
    raw = [layer.get("slimmable") if isinstance(layer, dict) else None for layer in layers]
    methods = [_method(s, f"{path}layers[{i}].slimmable") for i, s in enumerate(raw)]
    if SLIM_METHOD not in methods:
        return None
    found: list[Channels] = []
    for i, (slimmable, method) in enumerate(zip(raw, methods, strict=True)):
        p = f"{path}layers[{i}]."
        if slimmable is None or slimmable is False:
            found.append(())
            continue
        if method != SLIM_METHOD:
            raise NamFormatError(
                f'{p}slimmable.method: missing, the supported one is "{SLIM_METHOD}"'
            )
        found.append(_allowed(as_object(slimmable, f"{p}slimmable"), layers[i], p))
    return tuple(found)


def _method(raw: object, field: str) -> str | None:
    if raw is None or raw is False:
        return None
    obj = as_object(raw, field)
    if "method" not in obj:
        return None
    method = as_str(obj["method"], f"{field}.method")
    if method != SLIM_METHOD:
        raise NamFormatError(
            f'{field}.method: "{method}" is not supported (supported: "{SLIM_METHOD}")'
        )
    return method


def _allowed(slimmable: dict[str, Any], layer: dict[str, Any], p: str) -> Channels:
    kwargs = slimmable.get("kwargs")
    raw = (
        None
        if kwargs is None
        else as_object(kwargs, f"{p}slimmable.kwargs").get("allowed_channels")
    )
    if raw is None:
        channels = as_int(layer.get("channels"), f"{p}channels", maximum=MAX_CHANNELS)
        return tuple(range(1, channels + 1))
    field_name = f"{p}slimmable.kwargs.allowed_channels"
    if not isinstance(raw, list) or not raw:
        raise NamFormatError(f"{field_name}: expected a non-empty list, got {describe(raw)}")
    allowed = tuple(
        as_int(c, f"{field_name}[{j}]", maximum=MAX_CHANNELS) for j, c in enumerate(raw)
    )
    if any(b <= a for a, b in itertools.pairwise(allowed)):
        raise NamFormatError(f"{field_name}: {list(allowed)} is not strictly ascending")
    return allowed


def make_slimmable(full: A2WaveNet, allowed: tuple[Channels, ...], path: str) -> SlimmableWaveNet:
    """The SlimmableWaveNet of a parsed WaveNet, refusing what NAM Core cannot slim: a
    post-stack head, a head kernel size over 1, grouped convolutions; every configuration
    must chain (checked here, before anything runs)."""
    from gts_nam.parse_a2 import _check_chaining

    if full.head is not None:
        raise NamFormatError(f"{path}head: a slimmable WaveNet cannot have a post-stack head")
    for i, (array, counts) in enumerate(zip(full.arrays, allowed, strict=True)):
        p = f"{path}layers[{i}]."
        if counts and counts[-1] != array.channels:
            raise NamFormatError(
                f"{p}slimmable.kwargs.allowed_channels: ends at {counts[-1]}, "
                f"the array has {array.channels} channels"
            )
        if array.head_kernel_size != 1:
            raise NamFormatError(
                f"{p}head.kernel_size: {array.head_kernel_size}, a slimmable WaveNet needs 1"
            )
        _refuse_groups(array, p)
        if len(counts) > 1:
            _refuse_prelu_slopes(array, p)
    model = SlimmableWaveNet(full=full, allowed=allowed)
    for configuration in model.configurations():
        arrays = reduced_arrays(full.arrays, configuration.channels)
        try:
            _check_chaining(arrays, full.condition_dsp, path)
        except NamFormatError as exc:
            raise NamFormatError(
                f"{path}layers: at {list(configuration.channels)} channels per array "
                f"(slim up to {configuration.max_value:.4g}) the arrays do not chain: {exc}"
            ) from None
    return model


def _refuse_groups(array: A2LayerArray, p: str) -> None:
    groups = {
        "groups_input": array.groups_input,
        "groups_input_mixin": array.groups_input_mixin,
        "layer1x1.groups": array.layer1x1_groups if array.layer1x1_active else 1,
        "head1x1.groups": array.head1x1_groups if array.head1x1_active else 1,
        **{f"{name}.groups": film.groups for name, film in array.films},
    }
    for name, value in groups.items():
        if value != 1:
            raise NamFormatError(f"{p}{name}: {value}, a slimmable WaveNet needs 1")


def _refuse_prelu_slopes(array: A2LayerArray, p: str) -> None:
    # NAM Core keeps every slope of a slimmed layer: with fewer channels than slopes its
    # result depends on the code path (a Debug build throws), so there is nothing to match
    for j, layer in enumerate(array.layers):
        for key, act in (
            ("activation", layer.activation),
            ("secondary_activation", layer.secondary),
        ):
            if len(act.negative_slopes) > 1:
                raise NamFormatError(
                    f"{p}{key}[{j}]: a PReLU with per-channel negative_slopes cannot be "
                    "slimmed (use one negative_slope)"
                )
