"""Temporal-awareness scoring of entity timelines (SemEval-2015 task 4)."""

from __future__ import annotations

from pathlib import Path

from crisislens.evaluate.timeline import Timeline, TimelineLine, awareness, read_timeline, timeline_relations

GOLD = Timeline(
    "Boeing",
    (
        TimelineLine(0, "XXXX-XX-XX", ("1-3-talks",)),
        TimelineLine(1, "2005-XX-XX", ("2-4-lost",)),
        TimelineLine(2, "2007-03-01", ("3-2-won", "4-5-won")),
        TimelineLine(3, "2008-06-18", ("5-1-protest",)),
    ),
)


def test_timeline_relations_follow_the_task():
    relations = set(timeline_relations(GOLD))
    assert ("2-4-lost", "3-2-won", "BEFORE") in relations
    assert ("3-2-won", "4-5-won", "SIMULTANEOUS") in relations  # mentions of one line
    assert ("3-2-won", "time:2007-03-01", "SIMULTANEOUS") in relations  # anchored at its date
    assert not any("1-3-talks" in r for r in relations)  # order 0: unordered, undated


def test_awareness_perfect_empty_and_reversed():
    assert awareness(GOLD, GOLD).as_json() == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert awareness(None, GOLD).as_json()["recall"] == 0.0
    reversed_order = Timeline("Boeing", (TimelineLine(1, "XXXX-XX-XX", ("5-1-protest",)), TimelineLine(2, "XXXX-XX-XX", ("2-4-lost",))))
    assert awareness(reversed_order, GOLD).system_found == 0  # the one BEFORE it claims is the wrong way round
    partial = Timeline("Boeing", (TimelineLine(1, "2005-XX-XX", ("2-4-lost",)), TimelineLine(2, "XXXX-XX-XX", ("5-1-protest",))))
    counts = awareness(partial, GOLD)
    assert counts.system_found == counts.system_total == 2  # lost = 2005, lost before protest: both implied by the gold
    assert 0 < counts.gold_found < counts.gold_total


def test_read_timeline_skips_blank_lines(tmp_path: Path):
    path = tmp_path / "boeing.txt"
    path.write_text("Boeing\n0\tXXXX-XX-XX\t1-3-talks\n\n1\t2005-XX-XX\t2-4-lost\t2-5-loss\n", encoding="utf-8")
    timeline = read_timeline(path)
    assert timeline.entity == "Boeing" and timeline.lines[1] == TimelineLine(1, "2005-XX-XX", ("2-4-lost", "2-5-loss"))
