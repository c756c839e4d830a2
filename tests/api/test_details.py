"""The detail endpoints: both languages, codes with labels, links between resources, no drafts."""

import pytest

from tests.api.conftest import ICT, STOCKHOLM, get_json

pytestmark = pytest.mark.django_db

API = "http://testserver/api/v1"


def test_an_actor_carries_both_languages_and_its_addresses(client, registry):
    actor = get_json(client, "/api/v1/actors/kista-science-city/")
    assert actor["url"] == f"{API}/actors/kista-science-city/"
    assert actor["public_url"] == {
        "sv": "http://testserver/aktorer/kista-science-city/",
        "en": "http://testserver/en/actors/kista-science-city/",
    }
    assert actor["name"] == {"sv": "Kista Science City", "en": "Kista Science City"}
    assert actor["description"]["en"] == "Science park for ICT and digitalisation in Kista."
    assert actor["kind"] == {
        "code": "science_park",
        "label": {"sv": "Science park", "en": "Science park"},
    }
    assert actor["helix_sector"] == {
        "code": "business",
        "label": {"sv": "Näringsliv", "en": "Business"},
    }
    assert actor["status"]["code"] == "published"
    assert actor["municipality"] == {
        "url": f"{API}/municipalities/{STOCKHOLM}/",
        "code": STOCKHOLM,
        "name": "Stockholm",
    }
    assert actor["latitude"] == pytest.approx(59.4032)
    assert actor["website"] == "https://kista.example.se"
    assert actor["email"] is None  # empty texts are null
    assert [area["slug"] for area in actor["priority_areas"]] == [ICT]
    assert actor["priority_areas"][0]["url"] == f"{API}/priority-areas/{ICT}/"


def test_a_missing_english_text_is_null_not_the_swedish_one(client, registry):
    offer = get_json(client, "/api/v1/support-offers/karolinska-advice/")
    assert offer["name"] == {"sv": "Rådgivning inom life science", "en": None}


def test_the_public_url_is_the_entrys_page_in_each_language(client, registry):
    offer = get_json(client, "/api/v1/support-offers/kista-startup-fund/")
    for language, address in offer["public_url"].items():
        response = client.get(address)
        assert response.status_code == 200
        assert response["Content-Language"] == language
        assert "Kista" in response.content.decode()


def test_an_actor_links_its_public_offers_and_projects_but_no_drafts(client, registry):
    actor = get_json(client, "/api/v1/actors/kista-science-city/")
    offers = {offer["slug"]: offer for offer in actor["offers"]}
    assert set(offers) == {"kista-startup-fund", "arkiverat-erbjudande"}
    assert offers["kista-startup-fund"]["url"] == f"{API}/support-offers/kista-startup-fund/"
    assert offers["arkiverat-erbjudande"]["status"] == "archived"
    projects = {project["slug"]: project for project in actor["projects"]}
    assert set(projects) == {"growsmarter", "arkiverat-projekt"}
    assert projects["growsmarter"]["url"] == f"{API}/projects/growsmarter/"
    assert projects["growsmarter"]["role"]["code"] == "lead"
    assert projects["growsmarter"]["acronym"] == "GS"


def test_an_actor_in_a_list_carries_the_same_links_as_its_detail(client, registry):
    detail = get_json(client, "/api/v1/actors/kista-science-city/")
    listed = get_json(client, "/api/v1/actors/?q=kista")["results"]
    assert listed == [detail]


def test_an_offer_links_its_actor_and_municipality(client, registry):
    offer = get_json(client, "/api/v1/support-offers/kista-startup-fund/")
    assert offer["actor"] == {
        "url": f"{API}/actors/kista-science-city/",
        "slug": "kista-science-city",
        "status": "published",
        "name": {"sv": "Kista Science City", "en": "Kista Science City"},
    }
    assert offer["municipality"]["code"] == STOCKHOLM
    assert [stage["code"] for stage in offer["stages"]] == ["startup"]
    assert offer["stages"][0]["label"] == {"sv": "Startup", "en": "Start-up"}
    assert [language["code"] for language in offer["languages"]] == ["sv", "en"]
    assert offer["cost"]["code"] == "equity"
    assert offer["application"]["code"] == "deadline"
    assert offer["open_for_applications"] is True
    assert offer["deadline"] == registry.funding.deadline.isoformat()


def test_a_project_names_its_lead_and_partners_but_not_a_draft_actor(client, registry):
    project = get_json(client, "/api/v1/projects/growsmarter/")
    assert project["lead"]["role"]["code"] == "lead"
    assert project["lead"]["actor"]["url"] == f"{API}/actors/kista-science-city/"
    partners = project["partners"]
    assert [p["actor"]["slug"] for p in partners if p["actor"]] == ["karolinska-innovations"]
    (outside,) = [p for p in partners if p["actor"] is None]
    assert outside["organisation_name"] == "Ayuntamiento de Barcelona"
    assert outside["country"] == "ES"
    assert outside["role"]["code"] == "associated"
    assert "hemlig" not in str(project).lower()
    assert project["phase"]["code"] == "ongoing"
    assert project["budget"] == 25_000_000
    assert project["currency"]["code"] == "EUR"
    assert project["funding_programme"]["label"]["en"] == "Horizon 2020"


def test_archived_entries_keep_their_address_and_say_so(client, registry):
    for path in (
        "/api/v1/actors/arkiverad-aktor/",
        "/api/v1/support-offers/arkiverat-erbjudande/",
        "/api/v1/projects/arkiverat-projekt/",
    ):
        entry = get_json(client, path)
        assert entry["status"]["code"] == "archived", path
        assert entry["status"]["label"] == {"sv": "Arkiverad", "en": "Archived"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/actors/hemlig-aktor/",
        "/api/v1/support-offers/hemligt-erbjudande/",
        # A published offer of a draft actor is not public either.
        "/api/v1/support-offers/hemlig-aktors-erbjudande/",
        "/api/v1/projects/hemligt-projekt/",
    ],
)
def test_drafts_are_404(client, registry, path):
    data = get_json(client, path, status=404)
    assert "hemlig" in data["detail"]  # the slug asked for, not anything of the draft
    assert "Hemlig" not in data["detail"]


def test_a_priority_area_has_its_roadmap_counts_and_filtered_lists(client, registry):
    from tests.factories import MilestoneFactory

    area_obj = registry.kista.priority_areas.get()
    MilestoneFactory(roadmap=area_obj.roadmap, title_sv="Färdplan antagen", is_reached=True)
    area = get_json(client, f"/api/v1/priority-areas/{ICT}/")
    assert area["number"] == 2
    assert area["name"]["en"] == "ICT, tech and digitalisation"
    assert area["public_url"]["en"] == f"http://testserver/en/priority-areas/{ICT}/"
    assert area["counts"] == {"actors": 1, "support_offers": 1, "projects": 1}
    assert area["roadmap"]["status"]["code"] == area_obj.roadmap.status
    (milestone,) = area["roadmap"]["milestones"]
    assert milestone["title"] == {"sv": "Färdplan antagen", "en": None}
    assert milestone["reached"] is True
    listed = get_json(client, area["actors_url"])
    assert [a["slug"] for a in listed["results"]] == ["kista-science-city"]


def test_a_municipality_is_found_by_its_code_and_links_its_lists(client, registry):
    municipality = get_json(client, f"/api/v1/municipalities/{STOCKHOLM}/")
    assert municipality["name"] == "Stockholm"
    assert municipality["actors_url"] == f"{API}/actors/?municipality={STOCKHOLM}"
    assert (
        municipality["public_url"]["sv"] == f"http://testserver/aktorer/?municipality={STOCKHOLM}"
    )
    offers = get_json(client, municipality["support_offers_url"])
    assert [o["slug"] for o in offers["results"]] == ["kista-startup-fund"]


def test_the_root_lists_every_endpoint(client, db):
    root = get_json(client, "/api/v1/")
    assert root == {
        "actors": f"{API}/actors/",
        "support_offers": f"{API}/support-offers/",
        "projects": f"{API}/projects/",
        "priority_areas": f"{API}/priority-areas/",
        "municipalities": f"{API}/municipalities/",
        "schema": f"{API}/schema/",
        "catalog": "http://testserver/api/catalog.jsonld",
    }
    for address in root.values():
        assert client.get(address).status_code == 200, address


def test_api_without_a_version_leads_to_the_current_one(client, db):
    response = client.get("/api/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/"
