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
