"""The on-disk cache of checked scenarios: read back when the files and the checker are
the same, never when either changed, and never a broken scenario."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT

from game.scenario import registry
from game.scenario.yamlsrc import ScenarioErrors


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CORRIDORS_PURE", raising=False)
    registry._load_cached.cache_clear()
    yield tmp_path / "cache" / "scenarios"
    registry._load_cached.cache_clear()


def copy(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(ROOT / "scenarios" / "aleppo-2016", folder)
    return folder


def test_a_checked_scenario_is_read_back(cache: Path, tmp_path: Path) -> None:
    folder = copy(tmp_path, "a")
    first = registry.get(str(folder))
    (entry,) = cache.glob("*.json")
    registry._load_cached.cache_clear()
    # Prove the second load comes from the cache: mark the cached copy, then load again.
    entry.write_text(first.model_copy(update={"title": "From the cache"}).model_dump_json())
    assert registry.get(str(folder)).title == "From the cache"


def test_a_changed_file_is_loaded_afresh(cache: Path, tmp_path: Path) -> None:
    folder = copy(tmp_path, "b")
    registry.get(str(folder))
    registry._load_cached.cache_clear()
    scenario = folder / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace('title: "Corridors:', 'title: "Changed:', 1))
    assert registry.get(str(folder)).title.startswith("Changed:")
    assert len(list(cache.glob("*.json"))) == 2


def test_a_damaged_cache_entry_is_ignored(cache: Path, tmp_path: Path) -> None:
    folder = copy(tmp_path, "c")
    sc = registry.get(str(folder))
    registry._load_cached.cache_clear()
    for p in cache.glob("*.json"):
        p.write_bytes(b"{not json")
    assert registry.get(str(folder)) == sc


def test_a_broken_scenario_is_never_cached(cache: Path, tmp_path: Path) -> None:
    folder = copy(tmp_path, "d")
    (folder / "scenario.yaml").write_text("id: [unclosed\n")
    with pytest.raises(ScenarioErrors):
        registry.get(str(folder))
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_the_key_follows_the_checker_too(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = ROOT / "scenarios" / "aleppo-2016"
    key = registry.content_key(folder)
    monkeypatch.setattr(registry.accel, "source_key", lambda: "another checker")
    assert registry.content_key(folder) != key
