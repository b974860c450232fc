"""`gts bench render --nam-core PATH`: NAM Core's render tool side by side with `gts nam`.

The tests stand a small script in for the third-party C++ binary: it takes NAM Core's
command line (`render [--slim S] MODEL INPUT OUTPUT`), records how it was called and copies
the input to the output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from gts_cli.main import build_parser
from gts_cli.nam_core_bench import SideBySideRow, cpu_model, format_side_by_side

FAKE_RENDER = """#!{python}
import json, os, shutil, sys
args = sys.argv[1:]
slim = None
if args[0] == "--slim":
    slim, args = args[1], args[2:]
model, source, output = args
with open({log!r}, "a") as log:
    threads = {{k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}}
    log.write(json.dumps({{"slim": slim, "model": model, "threads": threads}}) + "\\n")
{body}
"""
COPY = "shutil.copyfile(source, output)"


def _gts(*argv: str) -> int:
    args = build_parser().parse_args(list(argv))
    code: int = args.run(args)
    return code


def _fake_render(folder: Path, body: str = COPY) -> tuple[Path, Path]:
    log = folder / "calls.jsonl"
    script = folder / "render"
    script.write_text(FAKE_RENDER.format(python=sys.executable, log=str(log), body=body))
    script.chmod(0o755)
    return script, log


def _bench(binary: Path, nam_seconds: str = "0.5") -> int:
    return _gts(
        "bench", "render", "--seconds", "0.2", "--repeat", "1", "--kinds", "nano",
        "--nam-seconds", nam_seconds, "--nam-core", str(binary),
    )  # fmt: skip


def test_side_by_side_times_each_model_through_both_programs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary, log = _fake_render(tmp_path)
    assert _bench(binary) == 0
    out = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("NAM Core side by side"))
    assert str(binary) in out[start]
    assert "over a 0.5 s synthesized DI" in out[start]
    assert out[start + 1].startswith(f"CPU: {cpu_model()}; BLAS: ")
    heading = ["model", "NAM", "Core", "x", "gts", "nam", "x", "gts/core", "max", "diff"]
    assert out[start + 2].split() == heading
    rows = out[start + 3 :]
    assert [row[:13].strip() for row in rows] == ["A1 standard", "A2 full", "A2 lite", "LSTM"]
    for row in rows:
        # both wall times and factors, then the ratio (the arithmetic: the test below)
        figures = row.split()[-6:-1]
        assert [f[-1] for f in figures] == ["s", "x", "s", "x", "x"]
        assert all(float(f[:-1]) > 0 for f in figures)
        # the stand-in copies its input, so the outputs differ by a finite amount
        assert 0 < float(row.split()[-1]) < float("inf")
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert [call["slim"] for call in calls] == [None, "1.0", "0.0", None]
    assert [Path(call["model"]).name for call in calls] == [
        "a1.nam", "a2.nam", "a2.nam", "lstm.nam"
    ]  # fmt: skip
    assert all(call["threads"] == {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
               for call in calls)  # fmt: skip


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("print('Failed to load model', file=sys.stderr); sys.exit(1)", "Failed to load model"),
        ("pass", "exit status 0, no output file"),
    ],
)
def test_a_failing_binary_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, reason: str
) -> None:
    binary, _ = _fake_render(tmp_path, body)
    assert _bench(binary) == 1
    err = capsys.readouterr().err.strip().splitlines()
    failed = f"NAM Core: {binary.resolve()} failed on A1 standard: {reason}"
    assert err == [f"gts bench render: {failed}"]


def test_a_model_nam_core_cannot_run_gets_a_row_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refuse_lstm = (
        "if model.endswith('lstm.nam'):\n"
        "    print('No config parser registered for architecture: LSTM', file=sys.stderr)\n"
        "    sys.exit(1)\n" + COPY
    )
    binary, _ = _fake_render(tmp_path, refuse_lstm)
    assert _bench(binary) == 0
    out = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("NAM Core side by side"))
    rows = out[start + 3 :]
    assert [row[:13].strip() for row in rows] == ["A1 standard", "A2 full", "A2 lite", "LSTM"]
    assert all(0 < float(row.split()[-1]) < float("inf") for row in rows[:3])
    lstm = rows[3].split("(", 1)
    assert lstm[0].split()[1:3] == ["-", "-"]
    assert lstm[0].split()[3].endswith("s")
    why = "No config parser registered for architecture: LSTM"
    assert lstm[1] == f"NAM Core: {binary.resolve()} failed on LSTM: {why})"


def test_a_missing_or_non_executable_binary_is_refused_before_measuring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _bench(tmp_path / "nowhere") == 2
    assert capsys.readouterr() == (
        "",
        f"gts bench render: --nam-core: {tmp_path / 'nowhere'} is not a file\n",
    )
    plain = tmp_path / "render"
    plain.write_text("not a program")
    assert _bench(plain) == 2
    assert capsys.readouterr().err == f"gts bench render: --nam-core: {plain} is not executable\n"
    binary, _ = _fake_render(tmp_path)
    assert _bench(binary, nam_seconds="0") == 2
    assert "--nam-core needs --nam-seconds > 0" in capsys.readouterr().err


def test_table_rows_carry_both_factors_and_their_ratio() -> None:
    rows = [SideBySideRow("A1 standard", nam_core=8.0, gts=2.0, max_difference=2e-6)]
    lines = format_side_by_side(rows, 120.0, 3, Path("/x/render"), 2, "BLAS: openblas")
    assert lines[0].startswith("NAM Core side by side: /x/render (1 thread) vs gts nam (2 workers)")
    assert "120 s synthesized DI" in lines[0]
    assert "best of 3" in lines[0]
    assert lines[1].endswith("; BLAS: openblas")
    row = ["A1", "standard", "8.00s", "15.0x", "2.00s", "60.0x", "4.00x", "2.0e-06"]
    assert lines[3].split() == row


def test_cpu_model_reads_the_model_name(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 9R14\n")
    assert cpu_model(info) == "AMD EPYC 9R14"
    assert cpu_model(tmp_path / "absent")


def test_without_nam_core_no_side_by_side_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    code = _gts(
        "bench", "render", "--seconds", "0.2", "--repeat", "1", "--kinds", "nano",
        "--nam-seconds", "0",
    )  # fmt: skip
    assert code == 0
    assert "NAM Core" not in capsys.readouterr().out
