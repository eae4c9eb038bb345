"""The envoy in line mode: `corridors play --plain --role envoy` plays a whole game from a
pipe, with the envoy's actions, its dilemma cards (both sides of the contested ones), its
resources and ledger lines, and the other roles played by the historical policy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from support import run_corridors

from game.scenario.registry import get
from game.session import Session

ALEPPO = Path(__file__).resolve().parents[1] / "scenarios" / "aleppo-2016"


def test_the_envoy_plays_a_whole_game_from_a_pipe(tmp_path: Path) -> None:
    home = tmp_path / "h"
    sc = get("aleppo-2016")
    envoy = next(r for r in sc.roles if r.id == "envoy")
    n_actions = len(envoy.actions)
    # Each week: press for a 48-hour pause, speak out, and take the second option of the
    # week's first card (its number follows the actions; in weeks without a card the line
    # mode says there is no such choice and goes on).
    script = f"2\n8\n{n_actions + 2}\nend\n" * sc.weeks
    r = run_corridors("play", "--plain", "--role", "envoy", "--seed", "11", home=home, stdin=script)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    out = r.stdout
    assert "\x1b" not in out
    assert "You play: Envoy (a fictional composite)." in out
    assert "Humanitarian coordinator" in out  # played by the historical policy
    for week in range(1, sc.weeks + 1):
        assert f"Week {week} played " in out
    # The envoy's own resources and ledger lines, and the shared standing, say what they are.
    assert "Your resources (Envoy): Negotiating capital: " in out
    assert "Pauses won by the envoy: " in out
    assert "UN standing with Russia (shared by coordinator and envoy)" in out
    # Every envoy card is put, and the contested ones say so and show both sides.
    for d in (d for d in sc.dilemmas if d.role == "envoy"):
        assert f"Dilemma: {d.title}" in out, d.id
        disputed = [t for t in sc.topics if t.contested and any(c.id in d.claims for c in t.claims)]
        for t in disputed:
            assert f"Dilemma: {d.title} [contested]" in out
            assert f"  Disputed: {t.question} What each source says:" in out
    # Both sides of a contested card, side by side, each with its source, neither marked.
    assert (
        "  Disputed: Who used chlorine in the fighting of late October, if anyone? What each source says:\n"
        "    SANA, Syrian state news agency (government; pro-government), 30 October 2016: Rebels used toxic gas"
    ) in out
    assert (
        "    Rebel faction officials (rebel-faction; a party to the fighting, on the opposition side), 30 October 2016:"
        " Government forces used chlorine.\n"
    ) in out
    # The plan was played: the pause was pressed for, with its chance shown.
    assert "Press for a 48-hour pause: A 48-hour pause agreed: " in out
    assert "Added to your plan: Speak out in public." in out
    assert "Chosen for \"Three hours or forty-eight?\": Hold out for 48 hours." in out
    assert "Debrief: your game against the record." in out
    assert out.rstrip().endswith("The end.")
    (save,) = sorted((home / "saves").glob("*.json"))
    data = json.loads(save.read_text(encoding="utf-8"))
    assert data["roles"] == ["envoy"] and data["state"]["week"] == sc.weeks
    loaded = Session.load(save)
    assert loaded.finished
    assert loaded.state.choices["envoy-three-hours"] == "hold-out"


def test_a_card_citing_an_unknown_claim_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "aleppo"
    shutil.copytree(ALEPPO, folder)
    envoy = folder / "roles" / "envoy.yaml"
    text = envoy.read_text(encoding="utf-8")
    assert "claims: [chlorine-gov, chlorine-reb]" in text
    envoy.write_text(text.replace("chlorine-reb]", "chlorine-rebel]"), encoding="utf-8")
    r = run_corridors("validate", str(folder), home=tmp_path / "h")
    assert r.returncode == 1
    (line,) = r.stdout.splitlines()
    assert line.startswith(f"{envoy}:") and "unknown claim 'chlorine-rebel' (did you mean 'chlorine-reb'?)" in line
