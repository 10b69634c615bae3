"""The English check: foreign articles skipped with the language they look like, English ones never."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from crisislens.ingest import read_articles
from crisislens.ingest.language import non_english_reason
from crisislens.models import Article, Skipped

FOREIGN = {
    "French": "Le président de la République a condamné l'attaque contre la base militaire dans le nord du pays. Selon les "
    "autorités, au moins trois soldats ont été tués et plusieurs autres blessés lors de cette attaque revendiquée par un groupe armé.",
    "Spanish": "El presidente del gobierno condenó el ataque contra la base militar en el norte del país. Según las autoridades, "
    "al menos tres soldados murieron y varios más resultaron heridos en el ataque, que fue reivindicado por un grupo armado.",
    "German": "Der Präsident hat den Angriff auf die Militärbasis im Norden des Landes verurteilt. Nach Angaben der Behörden "
    "wurden mindestens drei Soldaten getötet und mehrere weitere verletzt, als die Basis mit Raketen beschossen wurde.",
    "Portuguese": "O presidente condenou o ataque contra a base militar no norte do país. Segundo as autoridades, pelo menos três "
    "soldados foram mortos e vários outros ficaram feridos no ataque, que foi reivindicado por um grupo armado.",
    "Arabic script": "قتل ثلاثة أشخاص في انفجار سيارة مفخخة في بغداد يوم الجمعة، بحسب الشرطة",
    "Cyrillic script": "Президент осудил нападение на военную базу на севере страны. По данным властей, трое солдат погибли.",
    "Chinese/Japanese script": "总统谴责了对该国北部军事基地的袭击。据当局称，至少三名士兵死亡，多人受伤。",
}
ENGLISH = [
    "The president condemned the attack on the military base in the north of the country. According to the authorities, "
    "at least three soldiers were killed and several others wounded when rockets hit the base on Friday.",
    " ".join(f"Protesters gathered in Basra on day {day}." for day in range(40)),  # telegraphic: no "the", "of"
    "Iran fires missiles at US bases",  # too short to tell: taken as English
    "Gunmen killed Ahmed al-Jaburi, Mustafa Kamal and Hassan al-Rubaie near Tikrit on Monday. " * 5,
]


@pytest.mark.parametrize("language", FOREIGN)
def test_foreign_text_is_named(language: str) -> None:
    assert non_english_reason(FOREIGN[language]) == f"not English (looks like {language})"


def test_an_unlisted_language_is_not_english_either() -> None:
    swahili = ("Watu watatu wameuawa katika shambulio la bomu mjini Mogadishu siku ya Ijumaa, polisi wamesema. Wanamgambo "
               "wa kundi la al-Shabaab wamedai kuhusika na shambulio hilo lililotokea karibu na kituo cha jeshi mjini humo.")
    assert non_english_reason(swahili) == "not English (only 0% of its words are common English ones)"


@pytest.mark.parametrize("text", ENGLISH)
def test_english_text_passes(text: str) -> None:
    assert non_english_reason(text) is None


def test_reader_skips_foreign_and_future_articles(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(" date 2020-01-05\n" + FOREIGN["French"], encoding="utf-8")
    soon = date.today() + timedelta(days=1)
    (tmp_path / "soon.txt").write_text(f" date {soon.isoformat()}\n{ENGLISH[0]}", encoding="utf-8")
    (tmp_path / "later.txt").write_text(f" date {(soon + timedelta(days=30)).isoformat()}\n{ENGLISH[0]}", encoding="utf-8")
    results = {Path(r.origin or "").stem: r for r in read_articles([tmp_path])}
    assert results["fr"] == Skipped(str(tmp_path / "fr.txt"), "not English (looks like French)")
    assert isinstance(results["soon"], Article), "a wire dated tomorrow (time zones) is kept"
    assert isinstance(results["later"], Skipped) and "(in the future: after" in results["later"].reason
