import dataclasses
from datetime import date

import pytest

from crisislens.actors import skeleton
from crisislens.nlp.phrases import normalize


@pytest.mark.parametrize(
    "variants",
    [
        ("Kataib Hezbollah", "Kataeb Hezbollah", "Kata'ib Hizballah", "Kataib Hizbullah"),
        ("Qasem Soleimani", "Qassem Soleimani", "Qassim Soleimani", "Ghasem Suleimani"),
        ("Adel Abdul Mahdi", "Adel Abdel Mahdi", "Adel Abduhl Madi"),
        ("Esmail Qaani", "Ismail Qaani", "Esmail Ghaani"),
        ("Mustafa al-Kadhimi", "Mustafa Kadhimi", "Mustafa al-Kazimi"),
    ],
)
def test_actors_skeleton_unifies_transliterations(variants):
    assert len({skeleton(v) for v in variants}) == 1


@pytest.mark.parametrize(("a", "b"), [("Qasem Soleimani", "Mike Pompeo"), ("Hezbollah", "Hamas"), ("Iran", "Iraq")])
def test_actors_skeleton_keeps_different_names_apart(a, b):
    assert skeleton(a) != skeleton(b)


def test_actors_normalize_strips_accents_possessive_and_hyphens():
    assert normalize("Iran’s") == "iran"
    assert normalize("Hashed al-Shaabi") == "hashed al shaabi"
    assert normalize("Qāsem  Soleimānī") == "qasem soleimani"


@pytest.fixture(scope="module")
def resolve(knowledge, nlp):
    from crisislens.actors import ActorResolver, ArticleMemory

    resolver = ActorResolver(knowledge, nlp.vocab)

    def run(text: str) -> list[tuple[str, str, str | None]]:
        memory = ArticleMemory()
        found = []
        for sentence in nlp(text).sents:
            found += [(m.surface, m.ref.actor_id, m.ref.role) for m in resolver.find(sentence, memory)]
        return found

    return run


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("Kataeb Hezbollah denied the attack.", "Kataeb Hezbollah", "Kataib Hezbollah"),
        ("Qassim Suleimani was buried on Tuesday.", "Qassim Suleimani", "Soleimani"),
        ("Ismail Qaani vowed revenge.", "Ismail Qaani", "Qaani"),
        ("Fighters of the Hashed al-Shaabi marched.", "Hashed al-Shaabi", "Popular Mobilization"),
    ],
)
def test_actors_unseen_spellings_resolve_to_the_known_actor(resolve, knowledge, text, surface, canonical):
    names = {a.actor_id: a.name for a in knowledge.actors}
    found = {s: actor_id for s, actor_id, _ in resolve(text)}
    assert surface in found, found
    assert canonical in names.get(found[surface], ""), found


@pytest.mark.model
def test_actors_short_form_after_full_name_and_title_role(resolve):
    found = resolve("Prime Minister Adel Abdel Mahdi met the envoy. Mahdi later resigned.")
    ids = {surface: (actor_id, role) for surface, actor_id, role in found}
    assert ids["Mahdi"][0] == ids["Adel Abdel Mahdi"][0]
    assert ids["Adel Abdel Mahdi"][1] == "GOV"


@pytest.mark.model
def test_actors_agents_capitals_and_unknown_names(resolve):
    found = resolve("Iraqi troops clashed with gunmen. Tehran said it would respond. Abu Fadak al-Mohammadawi spoke.")
    ids = [actor_id for _, actor_id, _ in found]
    assert "IRQMIL" in ids
    assert "IRN" in ids
    assert any(actor_id.startswith("X_") for actor_id in ids)


@pytest.mark.model
def test_actors_capital_as_place_is_not_an_actor(resolve):
    assert all(actor_id != "IRQ" for _, actor_id, _ in resolve("The rockets landed in Baghdad."))


@pytest.mark.model
def test_actors_found_at_their_own_offsets_in_later_sentences(resolve):
    found = resolve("Officials met on Monday. The meeting went well. Later, Kataib Hezbollah denied the attack on his car.")
    assert [surface for surface, _, _ in found] == ["Officials", "Kataib Hezbollah"]


@pytest.mark.model
def test_actors_place_names_tagged_as_people_are_not_unknown_actors(resolve):
    found = resolve("KIRKUK (Sample Wire) — Rockets hit the base.")
    assert all(not actor_id.startswith("X_") for _, actor_id, _ in found), found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Iraqi security forces opened fire.", "security forces", {"IRQMIL"}),
        ("Kenya's police fired tear gas.", "police", {"KENCOP"}),
        ("The army of Myanmar seized power.", "army", {"MMRMIL"}),
        ("Sri Lankan troops shelled the area.", "troops", {"LKAMIL"}),
        ("Lawmakers in Kenya and Uganda approved the pipeline.", "Lawmakers", {"KENLEG", "UGALEG"}),
        ("The Trump administration left the deal.", "administration", {"USAGOV"}),
        ("Hezbollah fighters crossed the border.", "fighters", {"LBNUAF_HEZBOLLAH"}),
    ],
)
def test_actors_agents_take_the_country_or_actor_they_belong_to(knowledge, nlp, text, surface, expected):
    from crisislens.actors import ActorResolver, ArticleMemory

    resolver = ActorResolver(knowledge, nlp.vocab)
    matches = [m for sentence in nlp(text).sents for m in resolver.find(sentence, ArticleMemory())]
    agent = next(m for m in matches if surface in m.surface)
    assert {ref.actor_id for ref in agent.refs} == expected, [(m.surface, m.refs) for m in matches]
    assert all(not expected & {ref.actor_id for ref in m.refs} for m in matches if m is not agent)


@pytest.mark.model
def test_actors_unknown_person_takes_country_and_role_from_the_words_before(resolve):
    found = resolve("Ethiopian Prime Minister Abiy Ahmed flew to Mekele. Abiy said the war was over.")
    assert ("Abiy Ahmed", "X_ABIY_AHMED", "GOV") in found and ("Abiy", "X_ABIY_AHMED", "GOV") in found


@pytest.mark.model
@pytest.mark.parametrize(
    ("published", "expected"),
    [(date(1995, 1, 1), "HOB"), (date(1995, 11, 1), "HOBGOV"), (date(2001, 1, 1), "HOBREB"), (None, "HOBREB")],
)
def test_actors_date_restricted_codes_follow_the_article_date(knowledge, nlp, tmp_path, published, expected):
    from crisislens.actors import ActorResolver, ArticleMemory
    from crisislens.knowledge.tabari import read_tabari_actors

    path = tmp_path / "actors.txt"
    path.write_text("GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\nGONDOR [GON]\n")
    actors = read_tabari_actors(path)
    suite = dataclasses.replace(knowledge, countries=actors.countries, actors=actors.actors, dated_codes=actors.periods)
    resolver = ActorResolver(suite, nlp.vocab)
    sentence = next(nlp("Smeagol met Gondor.").sents)
    found = {m.surface: m.ref.actor_id for m in resolver.find(sentence, ArticleMemory(published=published))}
    assert found == {"Smeagol": expected, "Gondor": "GON"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MSF Arnor restored ties with Gondor.", {"MSF Arnor": "NGOARN", "Gondor": "GON"}),
        ("An MSF Arnor diplomat restored ties with Gondor.", {"MSF Arnor diplomat": "NGOARNGOV", "Gondor": "GON"}),
    ],
)
def test_actors_prefix_agents_go_before_the_actor_they_modify(knowledge, nlp, tmp_path, text, expected):
    from crisislens.actors import ActorResolver, ArticleMemory
    from crisislens.knowledge.tabari import read_tabari_actors, read_tabari_agents

    (tmp_path / "actors.txt").write_text("ARNOR [ARN]\nGONDOR [GON]\n")
    (tmp_path / "agents.txt").write_text("MSF {} [NGO~]\nDIPLOMAT [~GOV]\n")
    actors, agents = read_tabari_actors(tmp_path / "actors.txt"), read_tabari_agents(tmp_path / "agents.txt")
    suite = dataclasses.replace(
        knowledge, countries=actors.countries, actors=actors.actors, agents=agents.codes, prefix_roles=agents.prefix_codes
    )
    resolver = ActorResolver(suite, nlp.vocab)
    sentence = next(nlp(text).sents)
    assert {m.surface: m.ref.actor_id for m in resolver.find(sentence, ArticleMemory())} == expected
