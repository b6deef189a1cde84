"""CHANGELOG.md from a spec's git history: one entry per version, newest first, breaking first,
unchanged by commits; kept as committed where git has no history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.diff.changelog import changelog_body
from generator.diff.history import states, version_of
from generator.pipeline import render_tree
from tests.diff.gitrepo import GitRepo

BASE = (Path(__file__).parent / "cases" / "request_field_added" / "acme.old.yaml").read_text()
TAG = '      tag: {type: string, pattern: "^[a-z]+$", description: A tag.}\n'
TEAM = "      team: {type: string, description: Team.}\n"
BUSY = "      busy: Busy\n"


def _made(key: str, make: Callable[[], str]) -> str:
    return make()


def _changelog(spec: Path) -> str:
    history = states(spec)
    assert history is not None
    return changelog_body("Acme", "specs/acme.yaml", history, _made)


def _entry(body: str, version: str) -> list[str]:
    text = body.split(f"## {version}\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in text.splitlines() if line]


def _three_versions(tmp_path: Path) -> tuple[GitRepo, Path]:
    repo = GitRepo(tmp_path)
    spec = repo.write("specs/acme.yaml", BASE)
    repo.commit("acme 1.0.0")
    v11 = BASE.replace(TAG, TAG + TEAM).replace("version: 1.0.0", "version: 1.1.0")
    repo.write("specs/acme.yaml", v11.replace(TEAM, ""))  # 1.1.0 in two commits
    repo.commit("acme 1.1.0, first half")
    repo.write("specs/acme.yaml", v11)
    repo.commit("acme 1.1.0, second half")
    v2 = v11.replace(TAG, "").replace(BUSY, BUSY + "      failed: Failed\n")
    repo.write("specs/acme.yaml", v2.replace("version: 1.1.0", "version: 2.0.0"))
    repo.commit("acme 2.0.0")
    return repo, spec


def test_one_entry_per_version_newest_first_breaking_first(tmp_path: Path) -> None:
    _, spec = _three_versions(tmp_path)
    body = _changelog(spec)
    assert [line for line in body.splitlines() if line.startswith("## ")] == [
        "## 2.0.0", "## 1.1.0", "## 1.0.0"]
    assert _entry(body, "2.0.0") == [
        "Since 1.1.0: 2 change(s), 2 breaking.",
        "- **breaking**: `list_calls`: `tag` removed — Python API breaking, wire breaking "
        "(`request-field-removed`)",
        "- **breaking**: enum `Status`: value 'failed' added — Python API non-breaking, wire "
        "breaking (`response-enum-value-added`)",
    ]
    # 1.1.0 spans two commits: its entry goes from 1.0.0's last state to 1.1.0's last state
    assert _entry(body, "1.1.0") == [
        "Since 1.0.0: 1 change(s), 0 breaking.",
        "- non-breaking: `list_calls`: `team` added — Python API non-breaking, wire "
        "non-breaking (`request-field-added`)",
    ]
    assert _entry(body, "1.0.0") == ["The first version."]


def test_commits_do_not_change_it(tmp_path: Path) -> None:
    repo, spec = _three_versions(tmp_path)
    before = _changelog(spec)
    repo.write("README.md", "unrelated\n")
    assert _changelog(spec) == before  # an uncommitted unrelated file
    repo.commit("docs")
    assert _changelog(spec) == before
    # an edit of the spec in the working tree is in the newest entry before it is committed …
    spec.write_text(spec.read_text().replace(TEAM, ""))
    edited = _changelog(spec)
    assert "`team` removed" not in before and "`team` removed" in edited
    repo.commit("acme 2.0.0, one more change")
    assert _changelog(spec) == edited  # … and the commit changes nothing


def test_a_bump_too_small_is_said(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    spec = repo.write("specs/acme.yaml", BASE)
    repo.commit("1.0.0")
    spec.write_text(BASE.replace(TAG, "").replace("version: 1.0.0", "version: 1.0.1"))
    assert "(a major bump; 1.0.1 is less than 2.0.0)" in _entry(_changelog(spec), "1.0.1")[0]


def test_versions_are_read_without_parsing_block_style() -> None:
    assert version_of(BASE.encode()) == "1.0.0"
    assert version_of(b"vendor:\n  source:\n    version: 9.9.9\n  id: a\n") is None
    assert version_of(b"vendor: {id: a, version: 3.1.4}\n") == "3.1.4"


def test_without_history_the_committed_changelog_is_kept(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "acme.yaml").write_text(BASE)
    kept = tmp_path / "generated" / "acme" / "CHANGELOG.md"
    kept.parent.mkdir(parents=True)
    kept.write_text("as committed\n")
    assert states(specs / "acme.yaml") is None  # not a repository
    tree = render_tree([specs / "acme.yaml"], jobs=1, keep_from=tmp_path / "generated")
    assert tree.files["acme/CHANGELOG.md"] == "as committed\n"
    assert tree.notices and "acme/CHANGELOG.md not verified" in tree.notices[0]


def test_a_shallow_clone_has_no_history(tmp_path: Path) -> None:
    repo, _ = _three_versions(tmp_path / "origin")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    assert states(clone / "specs" / "acme.yaml") is None
    assert states(repo.root / "specs" / "acme.yaml") is not None
