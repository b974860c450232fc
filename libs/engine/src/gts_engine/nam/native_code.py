"""numba-compiled C functions kept on disk as object code and loaded without numba.

Importing numba and starting its compiler costs a process about 0.3 s, a third of a 120 s
`gts nam` LSTM run, although its cache holds the kernel ready-made. Here a kernel compiled
once (by numba, as a C-callable `cfunc`) is saved as its object code; a later process
links that object into memory with llvmlite (which numba itself uses, 20 ms to start) and
calls it through ctypes. The code that runs is the same object either way: the process
that compiles it loads the saved object too.

The key of a saved object names everything its code depends on: the sources it was
compiled from, numba's and llvmlite's versions, Python's, and the CPU's name and features
(a cache carried to another CPU is compiled anew). The object's references outside itself
are numba's error paths (its GIL and exception helpers, the Python C API): kernels compiled
with `error_model="numpy"` and no bounds checks never take them, so the helpers are linked
to `abort` and the C API to Python's own. A cache that cannot be written only costs the
next process the compile.
"""

from __future__ import annotations

import ctypes
import hashlib
import importlib.util
import json
import os
import platform
import re
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import llvmlite  # type: ignore[import-untyped]
import llvmlite.binding as llvm  # type: ignore[import-untyped]

from gts_engine.whole_files import written_whole

_lock = threading.Lock()
# One MCJIT engine per linked object, kept for the process's life: kernels of different
# shapes define functions of the same (numba-mangled) names, which must not meet.
_linked: dict[str, Any] = {}


@dataclass(frozen=True)
class NativeObject:
    """A compiled kernel: its object code, the C entry point's symbol, and the symbols
    the object refers to outside itself."""

    code: bytes
    symbol: str
    external: tuple[str, ...]


def cache_dir() -> Path:
    """Where objects are kept: numba's cache folder when one is set, else this package's
    `__pycache__` (as numba's own cache)."""
    configured = os.environ.get("NUMBA_CACHE_DIR")
    return Path(configured) if configured else Path(__file__).parent / "__pycache__"


def object_key(name: str, sources: Iterable[Path], shape: str) -> str:
    """A digest of everything the object code of `name` for `shape` depends on."""
    digest = hashlib.sha256()
    _start_llvm()
    numba_spec = importlib.util.find_spec("numba")
    numba_version = Path(numba_spec.origin or "").with_name("_version.py") if numba_spec else None
    parts: list[bytes] = [name.encode(), shape.encode(), sys.version.encode()]
    parts += [platform.machine().encode(), llvmlite.__version__.encode()]
    parts += [llvm.get_host_cpu_name().encode(), llvm.get_host_cpu_features().flatten().encode()]
    for path in (*sources, *([numba_version] if numba_version else [])):
        parts.append(path.read_bytes())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little") + part)
    return digest.hexdigest()[:32]


def object_of(compiled: Any) -> NativeObject:
    """The object code of a `numba.cfunc`, its entry's symbol and the symbols it needs."""
    library: Any = compiled._library
    _name, _kind, (code, _bitcode) = library.serialize_using_object_code()
    external = re.findall(r"^declare [^@]*@([\w.$]+)\(", library.get_llvm_str(), re.MULTILINE)
    return NativeObject(code=code, symbol=compiled.native_name, external=tuple(external))


def native_function(
    key: str, compile_object: Callable[[], NativeObject], signature: type[Any]
) -> Any:
    """The C function saved under `key` (compiled by `compile_object` and saved when it is
    not), as a ctypes function of `signature` (a `ctypes.CFUNCTYPE`: the GIL is released
    while it runs)."""
    with _lock:
        native = _read(key)
        if native is None:
            native = compile_object()
            _write(key, native)
        return signature(_link(key, native))


def _start_llvm() -> None:
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()


def _paths(key: str) -> tuple[Path, Path]:
    folder = cache_dir()
    return folder / f"gts-native-{key}.o", folder / f"gts-native-{key}.json"


def _read(key: str) -> NativeObject | None:
    code_path, facts_path = _paths(key)
    try:
        facts = json.loads(facts_path.read_text())
        code = code_path.read_bytes()
    except (OSError, ValueError):
        return None
    if hashlib.sha256(code).hexdigest() != facts.get("sha256"):
        return None  # torn or altered: compiled again
    return NativeObject(code, str(facts["symbol"]), tuple(facts["external"]))


def _write(key: str, native: NativeObject) -> None:
    code_path, facts_path = _paths(key)
    facts = {
        "symbol": native.symbol,
        "external": list(native.external),
        "sha256": hashlib.sha256(native.code).hexdigest(),
    }
    try:
        code_path.parent.mkdir(parents=True, exist_ok=True)
        _replace(code_path, native.code)
        _replace(facts_path, json.dumps(facts).encode())
    except OSError:
        return  # read-only: the next process compiles again


def _replace(path: Path, data: bytes) -> None:
    with written_whole(path) as out:
        out.write(data)


def _link(key: str, native: NativeObject) -> int:
    """Link `native` into this process (once per key) and return its entry's address."""
    _start_llvm()
    linker = _linked.get(key)
    if linker is None:
        for symbol in native.external:
            if llvm.address_of_symbol(symbol) is None:
                llvm.add_symbol(symbol, _stand_in(symbol))
        machine = llvm.Target.from_default_triple().create_target_machine()
        linker = llvm.create_mcjit_compiler(llvm.parse_assembly(""), machine)
        linker.add_object_file(llvm.ObjectFileRef.from_data(native.code))
        linker.finalize_object()
        _linked[key] = linker
    address = int(linker.get_function_address(native.symbol))
    if address == 0:
        raise RuntimeError(f"{native.symbol} is missing from its object")
    return address


def _stand_in(symbol: str) -> int:
    """The address for an external symbol: Python's C API function, else `abort`."""
    if symbol.startswith(("Py", "_Py")):
        target = getattr(ctypes.pythonapi, symbol, None)
        if target is not None:
            return int(ctypes.cast(target, ctypes.c_void_p).value or 0)
    return int(ctypes.cast(ctypes.CDLL(None).abort, ctypes.c_void_p).value or 0)
