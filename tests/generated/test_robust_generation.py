"""`generate` and `check` give the same bytes wherever and however they run: from other folders,
with caches filled elsewhere, under other hash seeds, side by side, killed, or half-swapped."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.emit.lock import output_lock
from generator.emit.write import read_tree
from generator.paths import GENERATED_DIR, SPECS_DIR
from tests.conftest import ROOT

CALLSPEC = [sys.executable, "-m", "generator.cli"]


def _cli(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CALLSPEC, *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **env}, timeout=300)


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    shutil.copytree(SPECS_DIR, tmp_path / "specs")
    shutil.copytree(GENERATED_DIR, tmp_path / "generated",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _folders(copy: Path) -> list[str]:
    return ["--specs", str(copy / "specs"), "--out", str(copy / "generated")]


def test_same_bytes_from_another_folder_another_cache_and_other_hash_seeds(tmp_path: Path) -> None:
    away, cache = tmp_path / "elsewhere", tmp_path / "cache"
    away.mkdir()
    absolute = ["--specs", str(SPECS_DIR), "--out", str(GENERATED_DIR)]
    run = _cli("check", *absolute, cwd=away, CALLSPEC_CACHE_DIR=str(cache), PYTHONHASHSEED="1")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr
    # The cache filled over there, used from the project root under another seed.
    run = _cli("check", CALLSPEC_CACHE_DIR=str(cache), PYTHONHASHSEED="2")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr
    out = tmp_path / "out"
    run = _cli("generate", "--specs", str(SPECS_DIR), "--out", str(out), "--no-cache",
               cwd=away, PYTHONHASHSEED="3")
    assert run.returncode == 0, run.stderr
    assert read_tree(out) == read_tree(GENERATED_DIR)


def test_concurrent_generations_are_serialised(project_copy: Path) -> None:
    (project_copy / "specs" / "yeastar.yaml").unlink()  # both runs must remove its package
    runs = [subprocess.Popen([*CALLSPEC, "generate", *_folders(project_copy), "--no-cache"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [(run.wait(timeout=300), run.stderr.read() if run.stderr else "") for run in runs]
    assert [code for code, _ in results] == [0, 0], results
    check = _cli("check", *_folders(project_copy), "--no-cache")
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr
    assert not (project_copy / "generated" / "yeastar").exists()


def test_a_run_that_cannot_get_the_lock_says_so(project_copy: Path) -> None:
    target = project_copy / "generated"
    with output_lock(target, timeout=1):
        run = _cli("generate", *_folders(project_copy), "--lock-timeout", "0.3")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"is locked by another callspec run (pid {os.getpid()})" in run.stderr


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found |= {int(child) for child in text.split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_workers_end_with_a_killed_generate(project_copy: Path) -> None:
    run = subprocess.Popen([*CALLSPEC, "generate", *_folders(project_copy), "--no-cache",
                            "--jobs", "2"], cwd=ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
        workers = _children(run.pid)
        time.sleep(0.05)
    if len(workers) < 2:
        run.wait(timeout=300)
        pytest.skip("generate finished before its workers could be seen")
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)]
    check = _cli("check", *_folders(project_copy))  # a killed run leaves the old tree whole
    assert check.returncode == 0, check.stderr


def test_a_half_swapped_tree_is_named_by_check_and_recovered_by_generate(
    project_copy: Path,
) -> None:
    target = project_copy / "generated"
    before = read_tree(target)
    target.rename(project_copy / ".generated.previous")  # cut between the two renames
    check = _cli("check", *_folders(project_copy))
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert "generated/ is missing but .generated.previous exists" in check.stderr
    assert "run `callspec generate` to recover" in check.stderr
    assert check.stdout == ""  # no diff of 28 files
    generate = _cli("generate", *_folders(project_copy))
    assert generate.returncode == 0 and "recovered" in generate.stdout
    assert read_tree(target) == before
    assert not (project_copy / ".generated.previous").exists()
