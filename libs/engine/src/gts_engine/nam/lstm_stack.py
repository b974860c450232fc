"""Fixed-size scratch arrays on the stack of a numba-compiled function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from llvmlite import ir  # type: ignore[import-untyped]
from numba.core import cgutils as _cgutils
from numba.core import types
from numba.extending import intrinsic

cgutils: Any = _cgutils


@intrinsic
def _stack_floats(typingctx: Any, size: Any) -> Any:  # pragma: no cover - numba typing
    """A float32 array of a compile-time constant length on the calling function's stack.

    LLVM knows such memory aliases no argument, so loops over it vectorise without
    run-time overlap checks and small ones stay in registers. Valid until the caller
    returns; uninitialised.
    """
    if not isinstance(size, types.IntegerLiteral):
        return None
    length = size.literal_value
    array_type = types.Array(types.float32, 1, "C")

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        intp = context.get_value_type(types.intp)
        data = cgutils.alloca_once(builder, ir.FloatType(), size=ir.Constant(intp, length))
        array = context.make_array(array_type)(context, builder)
        context.populate_array(
            array,
            data=data,
            shape=cgutils.pack_array(builder, [ir.Constant(intp, length)]),
            strides=cgutils.pack_array(builder, [ir.Constant(intp, 4)]),
            itemsize=ir.Constant(intp, 4),
            meminfo=None,
        )
        return array._getvalue()

    return array_type(size), codegen


stack_floats = cast(Callable[[int], npt.NDArray[np.float32]], _stack_floats)
