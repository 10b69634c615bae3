import pytest

from crisislens.actors import normalize, skeleton


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
