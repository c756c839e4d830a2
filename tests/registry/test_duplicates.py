import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.duplicates import (
    actor_duplicates,
    duplicates_of_each,
    entry_duplicates,
    offer_duplicates,
    project_duplicates,
)
from registry.models import Actor
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


# Many entries at once (an import's rows)


def _each(entries):
    return {entry.pk: _found(entry_duplicates(entry)) for entry in entries}


def _batch(entries):
    found = duplicates_of_each(type(entries[0]), [entry.pk for entry in entries])
    return {entry.pk: _found(found.get(entry.pk, [])) for entry in entries}


def test_the_checks_of_many_actors_at_once_find_what_each_check_finds():
    number = with_check_digit("556012579")
    actors = [
        ActorFactory(slug="almi", name_sv="Almi Företagspartner", organisation_number=number),
        ActorFactory(slug="almi-2", name_sv="ALMI företagspartner AB", organisation_number=""),
        ActorFactory(
            slug="almi-3",
            name_sv="Något annat",
            organisation_number=f"{number}",
            website="https://www.almi.se/",
        ),
        ActorFactory(slug="almi-webb", name_sv="Webben", website="http://ALMI.se/stockholm"),
        ActorFactory(slug="kth", name_sv="KTH Innovation", name_en="Stockholm Innovation"),
        ActorFactory(slug="sthlm", name_sv="Stockholm innovation", name_en=""),
        ActorFactory(slug="tom", name_sv="Ensam", website="", organisation_number=""),
        ActorFactory(slug="bara-ab", name_sv="AB", name_en="AB"),
    ]

    expected = _each(actors)

    assert _batch(actors) == expected
    assert expected[actors[0].pk] == {
        ("almi-2", ("same name",)),
        ("almi-3", ("same organisation number",)),
    }
    assert ("almi-webb", ("same website domain",)) in expected[actors[2].pk]
    assert expected[actors[6].pk] == set()


def test_the_checks_of_many_offers_and_projects_at_once_find_what_each_check_finds():
    actor, other = ActorFactory(), ActorFactory()
    offers = [
        SupportOfferFactory(actor=actor, name_sv="Inkubatorprogram"),
        SupportOfferFactory(actor=actor, name_sv="INKUBATORPROGRAM", name_en="Incubator"),
        SupportOfferFactory(actor=actor, name_sv="Något annat", name_en="Inkubatorprogram"),
        SupportOfferFactory(actor=other, name_sv="Inkubatorprogram"),
        SupportOfferFactory(actor=other, name_sv="Något helt annat", name_en="Incubator"),
    ]
    projects = [
        ProjectFactory(name_sv="Smarta städer", acronym="SmartCity", website="https://a.eu/x"),
        ProjectFactory(name_sv="Annat projekt", acronym="SMARTCITY", website=""),
        ProjectFactory(name_sv="Tredje", acronym="", website="https://www.a.eu/"),
        ProjectFactory(name_sv="smarta STÄDER", acronym="Ö", website=""),
        ProjectFactory(name_sv="Fjärde", acronym="ö", website=""),
    ]

    for entries in (offers, projects):
        expected = _each(entries)
        assert _batch(entries) == expected
        assert any(expected.values())


def test_the_checks_of_many_entries_take_the_same_queries_whatever_their_number():
    number = with_check_digit("556012579")
    actors = [
        ActorFactory(
            name_sv=f"Aktör {n}",
            website=f"https://a{n}.se",
            organisation_number=number if n == 0 else "",
        )
        for n in range(12)
    ]

    counts = []
    for some in (actors[:2], actors):
        with CaptureQueriesContext(connection) as queries:
            duplicates_of_each(Actor, [actor.pk for actor in some])
        counts.append(len(queries))

    # The entries; the organisation numbers; the domains and their check; the names' keys,
    # the entries with those keys, and those entries read.
    assert counts[0] == counts[1] == 7
