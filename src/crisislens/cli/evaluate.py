"""``crisislens eval …``: score crisislens against gold data, as a table or one JSON object."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from crisislens.cli.output import err, fail, out
from crisislens.errors import CrisislensError
from crisislens.models import Article

eval_app = typer.Typer(help="Score crisislens against published gold data.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout instead of a table")]


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
    from crisislens.pipeline import Pipeline

    try:
        examples = load_codebook(path)
        with err.status("loading the language model and knowledge…"):
            pipeline = Pipeline()
        articles = [Article(f"cameo-{i}", example.sentence) for i, example in enumerate(examples)]
        with Progress(*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err) as bar:
            task = bar.add_task("coding examples", total=len(articles))
            coded = []
            for result in pipeline.process(articles):
                coded.append((result[0], result[1].mentions) if isinstance(result, tuple) else (None, ()))
                bar.advance(task)
        score = score_codebook(examples, coded)
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
