import pytest

from actors.duplicates import actor_duplicates, offer_duplicates, project_duplicates
from tests.factories import ActorFactory, ProjectFactory, SupportOfferFactory, with_check_digit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _found(duplicates):
    return {(d.entry.slug, d.reasons) for d in duplicates}


def test_an_actor_with_the_same_organisation_number_is_a_duplicate():
    number = with_check_digit("556012579")
    ActorFactory(slug="almi", name_sv="Almi Företagspartner", organisation_number=number)

    duplicates = actor_duplicates(
        name="Något helt annat", organisation_number=f"{number[:6]}-{number[6:]}"
    )

    assert _found(duplicates) == {("almi", ("same organisation number",))}


@pytest.mark.parametrize(
    "website",
    ["https://www.kth.se/innovation", "http://KTH.se", "kth.se", "https://www.kth.se:443/"],
)
def test_an_actor_with_the_same_website_domain_is_a_duplicate(website):
    ActorFactory(slug="kth-innovation", name_sv="KTH Innovation", website="https://www.kth.se/")

    duplicates = actor_duplicates(name="Annat namn", website=website)

    assert _found(duplicates) == {("kth-innovation", ("same website domain",))}


@pytest.mark.parametrize(
    "name",
    [
        "KTH Innovation AB",
        "kth  innovation",
        "KTH-Innovation",
        "Stiftelsen KTH Innovation",
        "KTH Innovation (publ)",
    ],
)
def test_an_actor_whose_normalised_name_matches_is_a_duplicate(name):
    ActorFactory(slug="kth-innovation", name_sv="KTH Innovation")

    assert _found(actor_duplicates(name=name)) == {("kth-innovation", ("same name",))}


def test_swedish_letters_are_kept_so_different_names_do_not_match():
    ActorFactory(slug="ang", name_sv="Ång Labb")

    assert actor_duplicates(name="Ang Labb") == []
    assert _found(actor_duplicates(name="ÅNG LABB")) == {("ang", ("same name",))}


def test_accents_other_than_the_swedish_letters_are_ignored():
    ActorFactory(slug="electrum", name_sv="Électrum Laboratory")

    assert _found(actor_duplicates(name="Electrum laboratory")) == {("electrum", ("same name",))}


def test_the_english_name_is_compared_too():
    ActorFactory(slug="rise", name_sv="RISE Forskningsinstitut", name_en="RISE Research Institutes")

    assert _found(actor_duplicates(name="Rise research institutes")) == {("rise", ("same name",))}


def test_several_reasons_are_reported_together():
    number = with_check_digit("556677889")
    ActorFactory(
        slug="sting", name_sv="STING", website="https://sting.co", organisation_number=number
    )

    (duplicate,) = actor_duplicates(
        name="Sting AB", organisation_number=number, website="https://www.sting.co/about"
    )

    assert set(duplicate.reasons) == {
        "same organisation number",
        "same website domain",
        "same name",
    }


def test_an_actor_is_not_its_own_duplicate():
    actor = ActorFactory(name_sv="Openlab", website="https://openlab.se")

    assert actor_duplicates(name="Openlab", website="https://openlab.se", exclude_pk=actor.pk) == []


def test_unrelated_actors_and_empty_values_match_nothing():
    ActorFactory(name_sv="Openlab", website="", organisation_number="")

    assert actor_duplicates(name="Norrsken Foundation", website="", organisation_number="") == []
    assert actor_duplicates(name="AB") == []


def test_an_offer_with_the_same_name_at_the_same_actor_is_a_duplicate():
    offer = SupportOfferFactory(slug="radgivning", name_sv="Rådgivning för start-ups")

    assert _found(offer_duplicates(name="Rådgivning för start-ups!", actor_id=offer.actor_id)) == {
        ("radgivning", ("same name",))
    }
    assert offer_duplicates(name="Rådgivning för start-ups", actor_id=ActorFactory().pk) == []


def test_a_project_with_the_same_acronym_is_a_duplicate():
    ProjectFactory(
        slug="cohes3ion", name_sv="Cohes3ion – smart specialisering", acronym="Cohes3ion"
    )

    assert _found(project_duplicates(name="Ett annat namn", acronym="COHES3ION")) == {
        ("cohes3ion", ("same acronym",))
    }
