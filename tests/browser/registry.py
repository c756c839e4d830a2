"""A small registry that reads like the real one, and the public pages to check on it."""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone, translation

from registry.models import Municipality
from spetsomraden.models import PriorityArea
from tests.factories import (
    ActorFactory,
    MilestoneFactory,
    ParticipationFactory,
    ProjectFactory,
    SupportOfferFactory,
)

LIFE_SCIENCE = "life-science-vard-och-halsa"
ICT = "ikt-tech-och-digitalisering"
CITIES = "klimat-och-miljoatgarder-hallbar-stadsutveckling"
SOLNA, STOCKHOLM, SODERTALJE, NACKA = "0184", "0180", "0181", "0182"


def build_registry() -> SimpleNamespace:
    """Published, archived and draft entries of every kind; four incubators to narrow down.

    Searching "inkubator" finds four published incubators; the life-science area leaves two
    and Solna one: Solna Life Science Inkubator, whose offer is its incubation programme.
    """
    areas = {area.slug: area for area in PriorityArea.objects.all()}
    town = {m.code: m for m in Municipality.objects.all()}
    today = timezone.localdate()

    solna_incubator = ActorFactory(
        slug="solna-life-science-inkubator",
        name_sv="Solna Life Science Inkubator",
        name_en="Solna Life Science Incubator",
        description_sv=(
            "Inkubator för bolag inom medicinteknik, diagnostik och digital hälsa. "
            "Bolagen får coachning, labbplats och kontakter i vården."
        ),
        description_en=(
            "An incubator for companies in medical technology, diagnostics and digital health: "
            "coaching, lab space and contacts in healthcare."
        ),
        kind="incubator",
        helix_sector="academia",
        municipality=town[SOLNA],
        website="https://inkubator.example.se",
        email="kontakt@inkubator.example.se",
        phone="08-524 800 00",
        street_address="Nobels väg 3",
        postal_code="171 65",
        postal_town="Solna",
        last_reviewed_on=today - datetime.timedelta(days=30),
        priority_areas=[areas[LIFE_SCIENCE]],
    )
    medtech_incubator = ActorFactory(
        slug="medtech-inkubator-stockholm",
        name_sv="Medtech Inkubator Stockholm",
        name_en="Medtech Incubator Stockholm",
        description_sv="Inkubator för medicintekniska bolag i tidig fas.",
        description_en="An incubator for early-stage medtech companies.",
        kind="incubator",
        municipality=town[STOCKHOLM],
        priority_areas=[areas[LIFE_SCIENCE]],
    )
    ActorFactory(
        slug="digital-inkubator-solna",
        name_sv="Digital Inkubator Solna",
        description_sv="Inkubator för bolag som bygger digitala tjänster.",
        description_en="An incubator for companies that build digital services.",
        kind="incubator",
        helix_sector="business",
        municipality=town[SOLNA],
        priority_areas=[areas[ICT]],
    )
    ActorFactory(
        slug="kista-tech-inkubator",
        name_sv="Kista Tech Inkubator",
        name_en="Kista Tech Incubator",
        description_sv="Inkubator för tekniska bolag i Kista.",
        description_en="An incubator for tech companies in Kista.",
        kind="incubator",
        helix_sector="business",
        municipality=town[STOCKHOLM],
        priority_areas=[areas[ICT]],
    )
    test_bed = ActorFactory(
        slug="testbadd-hallbar-stad",
        name_sv="Testbädd Hållbar Stad",
        name_en="Sustainable City Test Bed",
        description_sv="Här prövas lösningar för energi, mobilitet och avfall i en stadsdel.",
        description_en="Solutions for energy, mobility and waste are tried in a real district.",
        kind="test_bed",
        helix_sector="public",
        municipality=town[SODERTALJE],
        priority_areas=[areas[CITIES]],
    )
    archived_actor = ActorFactory(
        slug="gamla-innovationskontoret",
        name_sv="Gamla Innovationskontoret",
        name_en="The Old Innovation Office",
        description_sv="Ett innovationskontor som lades ner 2023.",
        description_en="An innovation office that closed in 2023.",
        kind="other",
        helix_sector="public",
        municipality=town[NACKA],
        archived=True,
        priority_areas=[areas[ICT]],
    )
    draft_actor = ActorFactory(
        slug="hemlig-inkubator",
        name_sv="Hemlig Inkubator",
        description_sv="Ett utkast som inte får visas.",
        kind="incubator",
        municipality=town[SOLNA],
        draft=True,
        priority_areas=[areas[LIFE_SCIENCE]],
    )

    incubation = SupportOfferFactory(
        slug="inkubatorprogram-medicinteknik",
        actor=solna_incubator,
        name_sv="Inkubatorprogram för medicinteknik",
        name_en="Incubation programme for medtech",
        description_sv="Ett års program med coachning, labbplats och investerarmöten.",
        description_en="A one-year programme with coaching, lab space and investor meetings.",
        kind="incubation",
        cost="equity",
        link="https://inkubator.example.se/ansok",
        priority_areas=[areas[LIFE_SCIENCE]],
    )
    SupportOfferFactory(
        slug="labbplats-for-start-ups",
        actor=solna_incubator,
        name_sv="Labbplats för start-ups",
        name_en="Lab space for start-ups",
        description_sv="Hyr en labbplats per månad.",
        kind="lab_access",
        cost="fee",
        by_deadline=True,
        priority_areas=[areas[LIFE_SCIENCE]],
    )
    SupportOfferFactory(
        slug="mikrolan-tidiga-bolag",
        actor=medtech_incubator,
        name_sv="Mikrolån för tidiga bolag",
        name_en="Micro-loans for early-stage companies",
        description_sv="Lån på upp till 250 000 kronor utan säkerhet.",
        description_en="Loans of up to SEK 250,000 without collateral.",
        kind="funding",
        priority_areas=[areas[LIFE_SCIENCE]],
    )
    SupportOfferFactory(
        slug="radgivning-hallbar-stad",
        actor=test_bed,
        name_sv="Rådgivning om pilotprojekt i staden",
        description_sv="Stöd att planera ett pilotprojekt i testbädden.",
        kind="advice",
        priority_areas=[areas[CITIES]],
    )
    SupportOfferFactory(slug="hemligt-erbjudande", actor=solna_incubator, draft=True)

    care = ProjectFactory(
        slug="framtidens-vardmiljoer",
        name_sv="Framtidens vårdmiljöer",
        name_en="Healthcare environments of the future",
        acronym="FVM",
        description_sv="Vårdgivare och bolag prövar nya digitala vårdmiljöer tillsammans.",
        description_en="Care providers and companies try out new digital care settings together.",
        funding_programme="vinnova",
        budget=12_000_000,
        website="https://vardmiljoer.example.se",
        priority_areas=[areas[LIFE_SCIENCE]],
    )
    ParticipationFactory(project=care, actor=solna_incubator, lead=True)
    ParticipationFactory(project=care, actor=medtech_incubator)
    ParticipationFactory(project=care, outside_registry=True, organisation_name="Karolinska")
    cities = ProjectFactory(
        slug="hallbara-stader-ostersjon",
        name_sv="Hållbara städer kring Östersjön",
        name_en="Sustainable cities around the Baltic Sea",
        acronym="BALTCITY",
        description_sv="Städer kring Östersjön delar erfarenheter av klimatsmart stadsutveckling.",
        funding_programme="interreg_baltic",
        currency="EUR",
        budget=2_400_000,
        priority_areas=[areas[CITIES]],
    )
    ParticipationFactory(project=cities, actor=test_bed, lead=True)
    ProjectFactory(slug="hemligt-projekt", draft=True)

    roadmap = areas[LIFE_SCIENCE].roadmap
    MilestoneFactory(
        roadmap=roadmap,
        date=datetime.date(today.year - 1, 3, 1),
        date_precision="month",
        title_sv="Färdplanen antogs",
        title_en="The roadmap was adopted",
        is_reached=True,
    )
    MilestoneFactory(
        roadmap=roadmap,
        date=datetime.date(today.year + 1, 1, 1),
        date_precision="year",
        title_sv="Första uppföljningen",
        title_en="First follow-up",
    )
    return SimpleNamespace(
        areas=areas,
        solna_incubator=solna_incubator,
        medtech_incubator=medtech_incubator,
        test_bed=test_bed,
        archived_actor=archived_actor,
        draft_actor=draft_actor,
        incubation=incubation,
        care_project=care,
    )


@dataclass(frozen=True)
class PublicPage:
    name: str  # the page type, in screenshot file names
    path: str
    status: int = 200
    state: str = ""  # a list's state: empty, filtered, query, no-results
    screenshot: bool = True

    @property
    def label(self) -> str:
        return f"{self.name} {self.state}".strip()


LISTS = ("offer", "actor", "project")
# A filter and a search that find something on each list, in each language.
LIST_FILTERS = {
    "offer": f"?kind=incubation&area={LIFE_SCIENCE}",
    "actor": f"?area={LIFE_SCIENCE}&municipality={SOLNA}",
    "project": "?programme=vinnova",
}
LIST_QUERIES = {
    "sv": {"offer": "medicinteknik", "actor": "inkubator", "project": "vårdmiljöer"},
    "en": {"offer": "medtech", "actor": "incubator", "project": "healthcare"},
}
NO_RESULTS = "?q=zyxwvuq"


def _list_url(kind: str) -> str:
    return reverse(f"registry:{kind}_list")


def empty_list_pages(lang: str) -> list[PublicPage]:
    """The three lists of a registry with no entries."""
    with translation.override(lang):
        return [
            PublicPage(f"{kind}-list", _list_url(kind), state="empty", screenshot=False)
            for kind in LISTS
        ]


def public_pages(lang: str, registry: SimpleNamespace) -> list[PublicPage]:
    """Every public page type, in ``lang``, on the registry of ``build_registry``."""
    with translation.override(lang):
        pages = [PublicPage("home", reverse("home"))]
        for kind in LISTS:
            url = _list_url(kind)
            query = LIST_QUERIES[lang][kind]
            pages += [
                PublicPage(f"{kind}-list", url + LIST_FILTERS[kind], state="filtered"),
                PublicPage(f"{kind}-list", f"{url}?q={query}", state="query", screenshot=False),
                PublicPage(f"{kind}-list", url + NO_RESULTS, state="no-results", screenshot=False),
            ]
        life_science = registry.areas[LIFE_SCIENCE]
        pages += [
            PublicPage("actor-detail", registry.solna_incubator.get_absolute_url()),
            PublicPage("offer-detail", registry.incubation.get_absolute_url()),
            PublicPage("project-detail", registry.care_project.get_absolute_url()),
            PublicPage("archived-detail", registry.archived_actor.get_absolute_url()),
            PublicPage("area-list", reverse("registry:area_list")),
            PublicPage("area-detail", life_science.get_absolute_url()),
            PublicPage("about", reverse("about")),
            PublicPage("accessibility", reverse("accessibility")),
            PublicPage("privacy", reverse("privacy")),
            PublicPage(
                "not-found",
                reverse("home") + ("finns-inte/" if lang == "sv" else "no-such-page/"),
                status=404,
            ),
        ]
    return pages
