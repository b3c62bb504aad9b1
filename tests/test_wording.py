"""Wording sketches: copies of one text resemble each other, other texts do not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.wording import K, resemblance, sketch

COMMUNIQUE = (
    "Le directeur général de la sûreté nationale a reçu mardi à Rabat le chef de la police "
    "norvégienne, en visite de travail au Maroc à la tête d'une délégation de haut niveau. "
    "Les entretiens ont porté sur l'évaluation de la coopération bilatérale, l'échange de "
    "renseignements et la lutte contre la criminalité transfrontalière, ainsi que sur les moyens "
    "de renforcer la formation des cadres et l'assistance technique entre les deux services. "
    "Les deux responsables ont convenu de préparer prochainement la signature d'un mémorandum "
    "d'entente et d'organiser une nouvelle réunion de suivi au cours de l'année."
)
OTHER = (
    "La ministre de l'intérieur s'est rendue jeudi à Lisbonne pour assister au sommet européen "
    "consacré aux migrations, où elle a plaidé pour un meilleur partage des charges entre États "
    "membres et annoncé un plan national de recrutement de gardes-frontières d'ici la fin du mois."
)

words = st.lists(st.sampled_from("la le de police coopération réunion Rabat Oslo accord visite mardi".split()),
                 min_size=0, max_size=80).map(" ".join)


def test_a_copy_with_one_date_and_one_city_changed_still_resembles_its_source():
    drifted = COMMUNIQUE.replace("mardi à Rabat", "jeudi à Casablanca")
    assert resemblance(sketch(COMMUNIQUE), sketch(drifted)) >= 0.6


def test_unrelated_texts_do_not_resemble():
    assert resemblance(sketch(COMMUNIQUE), sketch(OTHER)) == 0.0


def test_an_empty_sketch_resembles_nothing():
    assert resemblance(b"", sketch(COMMUNIQUE)) == 0.0
    assert resemblance(sketch(COMMUNIQUE), b"") == 0.0


def test_the_sketch_has_a_fixed_size_whatever_the_length():
    assert len(sketch(COMMUNIQUE * 50)) <= 4 * K


@settings(max_examples=60, deadline=None)
@given(a=words, b=words)
def test_resemblance_is_symmetric_and_bounded_and_a_text_resembles_itself(a, b):
    first, second = sketch(a), sketch(b)
    assert resemblance(first, second) == resemblance(second, first)
    assert 0.0 <= resemblance(first, second) <= 1.0
    assert resemblance(first, first) == 1.0


@settings(max_examples=30, deadline=None)
@given(text=words)
def test_case_does_not_change_the_sketch(text):
    assert sketch(text) == sketch(text.upper())
