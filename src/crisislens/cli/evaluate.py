"""``crisislens eval …``: score crisislens against gold data, as a table or one JSON object."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from crisislens.cli.output import err, fail, out
from crisislens.errors import CrisislensError
from crisislens.evaluate.metrics import Classification
from crisislens.knowledge.load import Knowledge
from crisislens.models import Article, EventMention, Skipped

eval_app = typer.Typer(help="Score crisislens against published gold data.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout instead of a table")]


def code_articles(articles: Sequence[Article], label: str, knowledge: Knowledge | None = None) -> list[Sequence[EventMention]]:
    """The mentions of each gold text, in order, with a progress bar; a text that fails extraction has none."""
    from crisislens.pipeline import Pipeline

    with err.status("loading the language model and knowledge…"):
        pipeline = Pipeline(knowledge=knowledge)
    coded: list[Sequence[EventMention]] = []
    with Progress(*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err) as bar:
        task = bar.add_task(label, total=len(articles))
        for result in pipeline.process(articles):
            coded.append(() if isinstance(result, Skipped) else result[1].mentions)
            bar.advance(task)
    return coded


@eval_app.command("cameo")
def eval_cameo(
    path: Annotated[Path, typer.Argument(help="CAMEO codebook CSV (columns code, name, example, …)")],
    as_json: JsonOption = False,
) -> None:
    """Code the CAMEO codebook's example sentences and compare with the code each illustrates.

    Reports root accuracy (first two digits) and full-code accuracy over the rows with an example.

    Example:

        crisislens eval cameo ../shared/data/cameo-codebook/data-raw/cameo-codes.csv --json
    """
    from crisislens.evaluate.cameo import load_codebook, score_codebook

    try:
        examples = load_codebook(path)
        articles = [Article(f"cameo-{i}", example.sentence) for i, example in enumerate(examples)]
        score = score_codebook(examples, code_articles(articles, "coding examples"))
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    table = Table(title=f"CAMEO codebook examples ({path.name})")
    for column in ("root", "n", "root acc", "code acc"):
        table.add_column(column, justify="right")
    for root, (n, root_hits, code_hits) in sorted(score.per_root.items()):
        table.add_row(root, str(n), f"{root_hits / n:.2f}", f"{code_hits / n:.2f}")
    table.add_row("all", str(score.n), f"{score.root_acc:.3f}", f"{score.code_acc:.3f}", style="bold")
    out.print(table)
    out.print(f"{score.uncoded} of {score.n} examples got no event at all")


@eval_app.command("petrarch")
def eval_petrarch(
    path: Annotated[Path, typer.Argument(help="PETRARCH/TABARI validation records XML (<Sentence>, <Text>, <EventCoding>)")],
    actors: Annotated[Path | None, typer.Option("--actors", help="TABARI actor dictionary to resolve actors with (default: crisislens's own)")] = None,
    agents: Annotated[Path | None, typer.Option("--agents", help="TABARI agent dictionary (default: crisislens's own agents)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Code PETRARCH validation sentences and compare the actors and codes with the expected codings.

    The main score is the F1 of (source, target) dyads; root and full-code F1 over
    (source, target, code) are for information, since the unit tests' verb codes are ad hoc.

    Example:

        crisislens eval petrarch ../shared/data/petrarch2-validation/text/PETR.UnitTest.records.xml \\
            --actors ../shared/data/petrarch2-validation/dictionaries/PETR.Validate.actors.txt \\
            --agents ../shared/data/petrarch2-validation/dictionaries/PETR.Validate.agents.txt
    """
    from crisislens.evaluate.petrarch import articles_for, load_records, score_records, suite_knowledge
    from crisislens.knowledge import load_knowledge

    try:
        if agents and not actors:
            raise CrisislensError("--agents needs --actors: a suite's agents only make sense with its actors")
        records = load_records(path)
        knowledge = suite_knowledge(load_knowledge(), actors, agents) if actors else None
        score = score_records(records, code_articles(articles_for(records), "coding sentences", knowledge))
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    table = Table(title=f"PETRARCH validation records ({path.name})")
    for column in ("category", "sentences", "dyad F1", "root F1", "code F1"):
        table.add_column(column, justify="right")
    sentences = Counter(record.category for record in records)
    for name, (dyad, root, code) in sorted(score.per_category.items()):
        table.add_row(name, str(sentences[name]), f"{dyad.f1:.2f}", f"{root.f1:.2f}", f"{code.f1:.2f}")
    table.add_row("all", str(score.n), f"{score.dyad.f1:.3f}", f"{score.root.f1:.3f}", f"{score.code.f1:.3f}", style="bold")
    out.print(table)
    out.print(f"dyads: {score.dyad.matched} matched, {score.dyad.predicted} predicted, {score.dyad.gold} expected")


@eval_app.command("acled")
def eval_acled(
    path: Annotated[Path, typer.Argument(help="CASE 2021 task 2 TSV (columns id, EventSnippet, SubType)")],
    as_json: JsonOption = False,
) -> None:
    """Code the CASE 2021 task 2 news snippets and compare their ACLED sub-event type with the gold label.

    A snippet's type is the most specific ACLED type of its events, as for one merged event; the
    task's non-ACLED labels (organised crime, disasters, diplomacy, attribution) are gold "none".
    Reports macro F1 (over the gold classes) and weighted F1 with a per-type table.

    Example:

        crisislens eval acled ../shared/data/case2021/task2/snippets_with_labels.tsv --json
    """
    from crisislens.evaluate.acled import load_snippets, score_snippets

    try:
        snippets = load_snippets(path)
        articles = [Article(f"case-{s.snippet_id}", s.text) for s in snippets]
        score = score_snippets(snippets, code_articles(articles, "coding snippets"))
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        result = {"n": score.n, "macro_f1": round(score.macro_f1, 4), "weighted_f1": round(score.weighted_f1, 4), "accuracy": round(score.accuracy, 4)}
        typer.echo(json.dumps(result))
        return
    print_classification(score, f"ACLED sub-event types, CASE 2021 task 2 ({path.name})")


def print_classification(score: Classification, title: str) -> None:
    table = Table(title=title)
    for column in ("type", "gold n", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for row in score.per_class():
        table.add_row(row.label, str(row.support), f"{row.precision:.2f}", f"{row.recall:.2f}", f"{row.f1:.2f}")
    table.add_row("all", str(score.n), "", f"acc {score.accuracy:.3f}", f"macro {score.macro_f1:.3f}", style="bold")
    out.print(table)
    out.print(f"weighted F1 {score.weighted_f1:.3f}")
    top = ", ".join(f"{gold} → {predicted} ({count})" for (gold, predicted), count in score.confusions(5))
    out.print(f"most frequent confusions (gold → predicted): {top or 'none'}")


@eval_app.command("plover")
def eval_plover(
    path: Annotated[Path, typer.Argument(help="PLOVER gold-standard records JSON (a list of records with text, event, source, target)")],
    as_json: JsonOption = False,
) -> None:
    """Code the PLOVER gold-standard sentences and compare event type, source and target with the gold records.

    Old PLOVER labels are mapped to PLOVER 2.0 (DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE,
    FIGHT→ASSAULT). The prediction is the sentence's first event with a PLOVER type. Reports event
    accuracy and macro F1 with a per-class table, and micro F1 of the source and target actors.

    Example:

        crisislens eval plover ../shared/data/plover/gold_standard_records/PLOVER_GSR_CAMEO.json --json
    """
    from crisislens.evaluate.plover import articles_for, label_map_text, load_records, score_records

    try:
        records = load_records(path)
        score = score_records(records, code_articles(articles_for(records), "coding gold records"))
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json(), ensure_ascii=False))
        return
    print_classification(score.events, f"PLOVER gold-standard records ({path.name}), event types")
    for role, actors in (("source", score.source), ("target", score.target)):
        out.print(f"{role} actors: F1 {actors.f1:.3f} (precision {actors.precision:.3f}, recall {actors.recall:.3f}; "
                  f"{actors.matched} matched, {actors.predicted} predicted, {actors.gold} gold)")  # fmt: skip
    out.print(f"{score.uncoded} of {score.events.n} records got no PLOVER event at all")
    out.print(f"old PLOVER labels mapped to PLOVER 2.0: {label_map_text()}")
