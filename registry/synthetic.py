"""Synthetic registry entries for load tests and benchmarks: many, realistic, deterministic.

The same seed and day give the same rows. Text is bilingual and built from sentence
patterns whose slots are drawn from the domain's vocabulary with Zipf weights, so a
few words occur in most entries and a long tail in a handful, as in real prose.
Kinds, areas, municipalities and statuses follow rough real-world proportions.

Rows are loaded with COPY in one transaction. The BEFORE INSERT triggers still compute
the search vectors (they are the only definition of them); ``area_numbers`` is written
straight into the rows, so the per-row triggers on the priority-area link tables and
the participation trigger are switched off for the load and the link rows are derived
from ``area_numbers`` in SQL. Participations are copied before their projects (the
foreign keys are deferred), so each project's trigger already sees its partners' names.

A large load drops the tables' secondary indexes first and builds them again once the
rows are in (one sort per index instead of one index insertion per row), in the same
transaction: a failed load rolls back to the indexes as they were.

Rows are added, never replaced: meant for an empty or a dedicated benchmark database.
History (django-simple-history) is not written for them.
"""

from __future__ import annotations

import datetime
import itertools
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from registry.choices import (
    ActorKind,
    Application,
    Cost,
    FundingProgramme,
    HelixSector,
    OfferKind,
    OfferLanguage,
    ParticipationRole,
    Stage,
    Status,
)
from registry.models import Actor, Project, SupportOffer

SLUG_PREFIX = "syn"

# Domain vocabulary, Swedish and English, most frequent first (Zipf rank = position).
# fmt: off
TERMS: tuple[tuple[str, str], ...] = (
    ("innovation", "innovation"), ("hållbarhet", "sustainability"),
    ("digitalisering", "digitalisation"), ("life science", "life science"), ("AI", "AI"),
    ("medicinteknik", "medtech"), ("energi", "energy"), ("hälsa", "health"),
    ("cirkulär ekonomi", "circular economy"), ("data", "data"), ("mobilitet", "mobility"),
    ("klimat", "climate"), ("vård", "care"), ("industri", "industry"),
    ("tillverkning", "manufacturing"), ("fintech", "fintech"), ("material", "materials"),
    ("bioteknik", "biotechnology"), ("diagnostik", "diagnostics"),
    ("läkemedel", "pharmaceuticals"), ("e-hälsa", "e-health"), ("cybersäkerhet", "cybersecurity"),
    ("fordon", "vehicles"), ("livsmedel", "food"), ("byggande", "construction"),
    ("stadsutveckling", "urban development"), ("transporter", "transport"),
    ("elektrifiering", "electrification"), ("batterier", "batteries"), ("vätgas", "hydrogen"),
    ("solenergi", "solar energy"), ("vatten", "water"), ("avfall", "waste"),
    ("återvinning", "recycling"), ("textil", "textiles"), ("design", "design"), ("spel", "games"),
    ("robotik", "robotics"), ("automation", "automation"), ("sensorer", "sensors"),
    ("uppkopplade system", "connected systems"), ("5G", "5G"),
    ("kvantteknik", "quantum technology"), ("rymd", "space"), ("drönare", "drones"),
    ("maskininlärning", "machine learning"), ("öppna data", "open data"),
    ("molntjänster", "cloud services"), ("mjukvara", "software"), ("halvledare", "semiconductors"),
    ("fotonik", "photonics"), ("nanoteknik", "nanotechnology"),
    ("precisionsmedicin", "precision medicine"), ("cancerforskning", "cancer research"),
    ("neurovetenskap", "neuroscience"), ("vaccin", "vaccines"), ("antibiotika", "antibiotics"),
    ("äldreomsorg", "elderly care"), ("psykisk hälsa", "mental health"),
    ("folkhälsa", "public health"), ("tandvård", "dental care"),
    ("välfärdsteknik", "welfare technology"), ("social innovation", "social innovation"),
    ("kreativa näringar", "creative industries"), ("besöksnäring", "tourism"),
    ("handel", "retail"), ("logistik", "logistics"), ("sjöfart", "shipping"),
    ("luftfart", "aviation"), ("jordbruk", "agriculture"), ("skogsindustri", "forestry"),
    ("bioekonomi", "bioeconomy"), ("biologisk mångfald", "biodiversity"),
    ("klimatanpassning", "climate adaptation"), ("fastigheter", "real estate"),
    ("träbyggande", "timber construction"), ("betong", "concrete"), ("stål", "steel"),
    ("plast", "plastics"), ("förpackningar", "packaging"), ("delningsekonomi", "sharing economy"),
    ("smarta städer", "smart cities"), ("smarta elnät", "smart grids"),
    ("energilagring", "energy storage"), ("fjärrvärme", "district heating"),
    ("laddinfrastruktur", "charging infrastructure"), ("kollektivtrafik", "public transport"),
    ("autonoma fordon", "autonomous vehicles"), ("blockkedjor", "blockchain"),
    ("betalningar", "payments"), ("försäkring", "insurance"), ("edtech", "edtech"),
    ("proptech", "proptech"), ("foodtech", "foodtech"), ("agritech", "agritech"),
    ("cleantech", "cleantech"), ("immaterialrätt", "intellectual property"), ("patent", "patents"),
    ("kliniska prövningar", "clinical trials"), ("biobanker", "biobanks"), ("genomik", "genomics"),
    ("proteomik", "proteomics"), ("bildanalys", "image analysis"),
    ("medicinsk bildbehandling", "medical imaging"), ("implantat", "implants"),
    ("hjälpmedel", "assistive technology"), ("rehabilitering", "rehabilitation"),
    ("sömn", "sleep"), ("nutrition", "nutrition"), ("mikrobiom", "microbiome"),
    ("cellterapi", "cell therapy"), ("genterapi", "gene therapy"),
    ("vävnadsteknik", "tissue engineering"), ("additiv tillverkning", "additive manufacturing"),
    ("digitala tvillingar", "digital twins"), ("simulering", "simulation"),
    ("visualisering", "visualisation"), ("virtuell verklighet", "virtual reality"),
    ("förstärkt verklighet", "augmented reality"), ("språkteknologi", "language technology"),
    ("datorseende", "computer vision"), ("superdatorer", "supercomputing"),
    ("kryoelektronmikroskopi", "cryo-electron microscopy"),
    ("masspektrometri", "mass spectrometry"), ("perovskitsolceller", "perovskite solar cells"),
    ("koldioxidinfångning", "carbon capture"), ("biokol", "biochar"),
    ("algodling", "algae farming"), ("vertikal odling", "vertical farming"),
    ("insektsprotein", "insect protein"), ("mykoprotein", "mycoprotein"),
    ("fiberbaserade material", "fibre-based materials"), ("nanocellulosa", "nanocellulose"),
    ("grafen", "graphene"), ("litiumåtervinning", "lithium recycling"),
    ("natriumjonbatterier", "sodium-ion batteries"), ("bränsleceller", "fuel cells"),
    ("vågkraft", "wave power"), ("geoenergi", "geothermal energy"),
    ("dagvattenhantering", "stormwater management"), ("gröna tak", "green roofs"),
    ("urban odling", "urban farming"), ("massivträ", "cross-laminated timber"),
    ("fossilfri asfalt", "fossil-free asphalt"), ("elflyg", "electric aviation"),
    ("elfärjor", "electric ferries"), ("mikromobilitet", "micromobility"),
    ("godsflöden", "freight flows"), ("lastcyklar", "cargo bikes"),
    ("kvantsensorer", "quantum sensors"), ("kvantkommunikation", "quantum communication"),
    ("satellitdata", "satellite data"), ("jordobservation", "earth observation"),
    ("fjärranalys", "remote sensing"), ("akustik", "acoustics"), ("haptik", "haptics"),
    ("exoskelett", "exoskeletons"), ("protesteknik", "prosthetics"),
    ("hörselteknik", "hearing technology"), ("ögonsjukdomar", "eye diseases"),
    ("diabetesvård", "diabetes care"), ("hjärtsjukvård", "cardiac care"),
    ("strokerehabilitering", "stroke rehabilitation"), ("demensvård", "dementia care"),
    ("palliativ vård", "palliative care"), ("mödrahälsa", "maternal health"),
    ("barnhälsa", "child health"), ("vårdlogistik", "care logistics"),
    ("radiofarmaka", "radiopharmaceuticals"), ("peptidläkemedel", "peptide drugs"),
    ("antikroppar", "antibodies"), ("organoider", "organoids"), ("zebrafisk", "zebrafish"),
    ("spatial transkriptomik", "spatial transcriptomics"), ("proteindesign", "protein design"),
    ("syntetisk biologi", "synthetic biology"), ("fermentering", "fermentation"),
    ("enzymteknik", "enzyme technology"), ("biopolymerer", "biopolymers"),
    ("kompositmaterial", "composite materials"), ("ytbehandling", "surface treatment"),
    ("korrosionsskydd", "corrosion protection"), ("tribologi", "tribology"),
    ("svetsteknik", "welding technology"), ("gjutning", "casting"),
    ("mikroelektronik", "microelectronics"), ("kiselkarbid", "silicon carbide"),
    ("optisk kommunikation", "optical communication"), ("radarteknik", "radar technology"),
    ("antennteknik", "antenna technology"), ("inbyggda system", "embedded systems"),
    ("formell verifiering", "formal verification"), ("integritetsskydd", "privacy protection"),
    ("digital identitet", "digital identity"), ("öppen källkod", "open source"),
    ("tillgänglighet", "accessibility"), ("esport", "esports"),
    ("musikteknik", "music technology"), ("modedesign", "fashion design"),
    ("arkitektur", "architecture"), ("tjänstedesign", "service design"),
    ("beteendeekonomi", "behavioural economics"), ("medborgardialog", "citizen dialogue"),
    ("innovationsupphandling", "innovation procurement"), ("standardisering", "standardisation"),
)
# The start of a name, "<Prefix> <Domain> <Suffix>": places of the county and brand words.
NAME_PREFIXES = (
    "Stockholm", "Kista", "Solna", "Flemingsberg", "Hagastaden", "Södertälje", "Norrtälje",
    "Nordic", "Baltic", "Urban", "Green", "Smart", "Open", "Future", "Nova", "Aurora", "Polaris",
    "Mälardalen", "Östersjö", "Skärgårds", "Roslagen", "Järva", "Albano", "Liljeholmen",
    "Hammarby", "Telefonplan", "Värtan", "Arlanda", "Barkarby", "Täby", "Nacka", "Lidingö",
    "Huddinge", "Haninge", "Botkyrka", "Sickla", "Frescati", "Novum", "Sthlm", "Kungsholmen",
    "Söder", "Vasastan", "Sundbyberg", "Sollentuna", "Vallentuna", "Ekerö", "Tyresö", "Värmdö",
    "Nynäshamn", "Sigtuna", "Upplands", "Vaxholm", "Nordstan", "Brunnsviken", "Karlberg",
    "Ulriksdal", "Arenastaden", "Slakthus", "Stadshagen",
)
NAME_DOMAINS = (
    "Medtech", "Life Science", "Health", "Bio", "AI", "Data", "Fintech", "Cleantech", "Energy",
    "Mobility", "Food", "Materials", "Space", "Quantum", "Robotics", "Impact", "Circular",
    "Climate", "Water", "Games", "Edtech", "Proptech", "Agritech", "Textile", "Design",
    "Photonics", "Battery", "Hydrogen", "Drone", "Digital", "Care", "Pharma", "Cyber", "Ocean",
    "Timber", "Grid", "Neuro", "Genomics", "Sensor", "Creative",
)
# Kind: (weight, the name suffixes in Swedish and English, the kind in a sentence).
ACTOR_KINDS: dict[str, tuple[float, tuple[tuple[str, str], ...], tuple[str, str]]] = {
    ActorKind.SCIENCE_PARK: (3, (("Science Park", "Science Park"),
                                 ("Forskningspark", "Research Park")),
                             ("en forskningspark", "a science park")),
    ActorKind.INCUBATOR: (12, (("Inkubator", "Incubator"), ("Startup Studio", "Startup Studio")),
                          ("en inkubator", "an incubator")),
    ActorKind.ACCELERATOR: (6, (("Accelerator", "Accelerator"), ("Growth Lab", "Growth Lab")),
                            ("en accelerator", "an accelerator")),
    ActorKind.INNOVATION_ENVIRONMENT: (
        18, (("Innovationsmiljö", "Innovation Environment"), ("Innovationshus", "Innovation House"),
             ("Hub", "Hub")),
        ("en innovationsmiljö", "an innovation environment")),
    ActorKind.COLLABORATION_PLATFORM: (
        10, (("Samverkansplattform", "Collaboration Platform"), ("Allians", "Alliance"),
             ("Forum", "Forum")),
        ("en samverkansplattform", "a collaboration platform")),
    ActorKind.CLUSTER: (6, (("Kluster", "Cluster"), ("Klusterinitiativ", "Cluster Initiative")),
                        ("en klusterorganisation", "a cluster organisation")),
    ActorKind.TEST_BED: (14, (("Testbädd", "Test Bed"), ("Living Lab", "Living Lab"),
                              ("Demoarena", "Demo Arena")),
                         ("en testbädd", "a test bed")),
    ActorKind.DEVELOPMENT_ENVIRONMENT: (
        8, (("Utvecklingscenter", "Development Centre"), ("Lab", "Lab")),
        ("en utvecklingsmiljö", "a development environment")),
    ActorKind.RESEARCH_INFRASTRUCTURE: (
        8, (("Forskningsinfrastruktur", "Research Infrastructure"),
            ("Kärnfacilitet", "Core Facility"), ("Centrum", "Centre")),
        ("en forskningsinfrastruktur", "a research infrastructure")),
    ActorKind.FUNDER: (5, (("Fond", "Fund"), ("Stiftelse", "Foundation"), ("Invest", "Invest")),
                       ("en finansiär", "a funder")),
    ActorKind.OTHER: (10, (("Nätverk", "Network"), ("Förening", "Association"),
                           ("Partners", "Partners")),
                      ("en organisation", "an organisation")),
}
HELIX_WEIGHTS = {
    HelixSector.BUSINESS: 45, HelixSector.ACADEMIA: 25, HelixSector.PUBLIC: 20,
    HelixSector.CIVIL_SOCIETY: 10,
}
STATUS_WEIGHTS = {Status.PUBLISHED: 85, Status.DRAFT: 10, Status.ARCHIVED: 5}
# Municipality code: (weight, latitude, longitude) – weighted toward Stockholm and Solna.
MUNICIPALITIES = {
    "0180": (40, 59.329, 18.069), "0184": (12, 59.360, 18.000), "0126": (5, 59.236, 17.982),
    "0182": (4, 59.311, 18.164), "0183": (4, 59.361, 17.971), "0181": (4, 59.196, 17.626),
    "0160": (3, 59.444, 18.069), "0163": (3, 59.428, 17.951), "0123": (2.5, 59.413, 17.835),
    "0186": (2, 59.366, 18.134), "0162": (2, 59.400, 18.034), "0127": (2, 59.200, 17.830),
    "0136": (2, 59.168, 18.140), "0191": (1.5, 59.618, 17.724), "0188": (1.5, 59.758, 18.705),
    "0114": (1.2, 59.518, 17.912), "0120": (1, 59.317, 18.400), "0117": (1, 59.481, 18.300),
    "0138": (1, 59.244, 18.229), "0139": (0.8, 59.534, 17.632), "0115": (0.8, 59.534, 18.079),
    "0125": (0.6, 59.291, 17.811), "0192": (0.6, 58.903, 17.948), "0128": (0.4, 59.214, 17.770),
    "0187": (0.3, 59.402, 18.350), "0140": (0.3, 59.178, 17.432),
}
STREETS = (
    "Storgatan", "Kungsgatan", "Drottninggatan", "Industrivägen", "Forskargatan",
    "Innovationsvägen", "Teknikringen", "Hälsovägen", "Tomtebodavägen", "Isafjordsgatan",
    "Fleminggatan", "Sveavägen", "Hamngatan", "Järnvägsgatan", "Skolgatan", "Fabriksgatan",
)
AREA_WEIGHTS = {1: 30, 2: 35, 3: 15, 4: 20}
AREA_COUNT_WEIGHTS = {1: 55, 2: 30, 3: 15}
# Kind: (weight, the offer's name in Swedish and English).
OFFER_KINDS: dict[str, tuple[int, tuple[tuple[str, str], ...]]] = {
    OfferKind.ADVICE: (22, (("Rådgivning", "Advice"), ("Affärscoachning", "Business coaching"),
                            ("Mentorprogram", "Mentoring programme"))),
    OfferKind.NETWORK: (14, (("Nätverksträffar", "Network meetings"),
                             ("Matchmaking", "Matchmaking"))),
    OfferKind.TRAINING: (12, (("Kurs", "Course"), ("Utbildning", "Training"),
                              ("Workshopserie", "Workshop series"))),
    OfferKind.FUNDING: (12, (("Innovationscheckar", "Innovation vouchers"),
                             ("Verifieringsmedel", "Verification funding"),
                             ("Såddlån", "Seed loans"), ("Utlysning", "Call for proposals"))),
    OfferKind.LAB_ACCESS: (10, (("Labbtillgång", "Lab access"),
                                ("Testbäddstillgång", "Test-bed access"),
                                ("Pilotanläggning", "Pilot plant"))),
    OfferKind.INCUBATION: (9, (("Inkubatorprogram", "Incubation programme"),
                               ("Inkubation", "Incubation"))),
    OfferKind.ACCELERATION: (7, (("Acceleratorprogram", "Accelerator programme"),
                                 ("Tillväxtprogram", "Growth programme"))),
    OfferKind.OFFICE_SPACE: (7, (("Kontorsplatser", "Office space"), ("Coworking", "Co-working"))),
    OfferKind.INTERNATIONALISATION: (7, (("Exportprogram", "Export programme"),
                                         ("Internationaliseringsstöd",
                                          "Internationalisation support"))),
}
COST_WEIGHTS = {Cost.FREE: 60, Cost.FEE: 30, Cost.EQUITY: 10}
LANGUAGE_CHOICES = (
    ([OfferLanguage.SWEDISH, OfferLanguage.ENGLISH], 55), ([OfferLanguage.SWEDISH], 35),
    ([OfferLanguage.ENGLISH], 10),
)
PROGRAMME_WEIGHTS = {
    FundingProgramme.VINNOVA: 22, FundingProgramme.HORIZON_EUROPE: 15, FundingProgramme.ERDF: 12,
    FundingProgramme.HORIZON_2020: 10, FundingProgramme.INTERREG_BALTIC: 8,
    FundingProgramme.ENERGY_AGENCY: 8, FundingProgramme.INTERREG_EUROPE: 7,
    FundingProgramme.FORMAS: 6, FundingProgramme.REGION_STOCKHOLM: 6, FundingProgramme.EIT: 3,
    FundingProgramme.OTHER: 3,
}
SWEDISH_PROGRAMMES = {
    FundingProgramme.VINNOVA, FundingProgramme.ENERGY_AGENCY, FundingProgramme.FORMAS,
    FundingProgramme.REGION_STOCKHOLM, FundingProgramme.OTHER,
}
PROJECT_GOALS = (
    ("Samverkan för", "Collaboration for"), ("Kompetenslyft inom", "Skills boost in"),
    ("Innovationsplattform för", "Innovation platform for"), ("Testbädd för", "Test bed for"),
    ("Färdplan för", "Roadmap for"), ("Pilotprojekt inom", "Pilot project in"),
    ("Demonstrator för", "Demonstrator for"), ("Omställning genom", "Transition through"),
    ("Kapacitetsbyggande inom", "Capacity building in"), ("Regionalt nav för", "Regional hub for"),
)
ACRONYM_PARTS = (
    "NOR", "BAL", "TEC", "MED", "CIR", "GRE", "SOL", "VIA", "HUB", "NEX", "ECO", "DIG", "BIO",
    "AQU", "URB", "INN", "SMA", "REG", "TRA", "VOL", "LUX", "ARC", "FLO", "GEN", "SYN", "PRO",
)
FOREIGN_CITIES = (
    ("Tallinn", "EE"), ("Riga", "LV"), ("Helsinki", "FI"), ("Oslo", "NO"), ("Copenhagen", "DK"),
    ("Gdansk", "PL"), ("Hamburg", "DE"), ("Bilbao", "ES"), ("Porto", "PT"), ("Lyon", "FR"),
    ("Milano", "IT"), ("Eindhoven", "NL"), ("Ghent", "BE"), ("Vilnius", "LT"), ("Tartu", "EE"),
    ("Turku", "FI"), ("Aarhus", "DK"), ("Krakow", "PL"), ("Graz", "AT"), ("Dublin", "IE"),
)
FOREIGN_KINDS = (
    "University", "Regional Development Agency", "Science Park", "Technology Centre",
    "Chamber of Commerce", "Cluster", "Innovation Agency", "Municipality",
)
PARTNERS = (
    "KTH", "Karolinska Institutet", "Stockholms universitet", "RISE", "Region Stockholm",
    "Södertörns högskola", "SLU", "Handelshögskolan", "Konstfack", "Vinnova",
)

# Sentence patterns, Swedish and English side by side; {a}, {b}, {c} are vocabulary slots.
ACTOR_SENTENCES = (
    ("{name} är {kind} i {town} med fokus på {a} och {b}.",
     "{name} is {kind} in {town} focusing on {a} and {b}."),
    ("Vi hjälper start-ups och växande företag att utveckla lösningar inom {a}, {b} och {c}.",
     "We help start-ups and growing companies develop solutions in {a}, {b} and {c}."),
    ("Verksamheten samlar forskare, företag och offentliga aktörer kring {a}.",
     "The organisation brings together researchers, companies and public bodies around {a}."),
    ("Här finns tillgång till labb, utrustning och expertis för {a} och {b}.",
     "It offers access to labs, equipment and expertise for {a} and {b}."),
    ("Sedan {year} har över {count} företag deltagit i våra program inom {a}.",
     "Since {year}, more than {count} companies have taken part in our programmes in {a}."),
    ("Samarbetet med {partner} stärker arbetet med {a} i regionen.",
     "Collaboration with {partner} strengthens work on {a} in the region."),
    ("Vi arbetar särskilt med {a} och {b} för små och medelstora företag.",
     "We work especially with {a} and {b} for small and medium-sized companies."),
    ("Miljön erbjuder nätverk, rådgivning och kontakter med investerare inom {a}.",
     "The environment offers networks, advice and contacts with investors in {a}."),
)
OFFER_SENTENCES = (
    ("Stödet riktar sig till företag som arbetar med {a} och vill nå nästa steg.",
     "The support is for companies working with {a} that want to reach the next step."),
    ("Du får hjälp med {a}, {b} och kontakter med kunder och finansiärer.",
     "You get help with {a}, {b} and contacts with customers and funders."),
    ("Programmet pågår i {weeks} veckor och avslutas med en demodag.",
     "The programme runs for {weeks} weeks and ends with a demo day."),
    ("Ansökan bedöms utifrån idéns potential inom {a}.",
     "Applications are judged on the idea's potential in {a}."),
    ("Erbjudandet ges av {provider} tillsammans med partner inom {b}.",
     "The offer is given by {provider} together with partners in {b}."),
)
PROJECT_SENTENCES = (
    ("Projektet utvecklar nya lösningar för {a} tillsammans med företag och offentlig sektor.",
     "The project develops new solutions for {a} together with companies and the public sector."),
    ("Partnerna testar {a} och {b} i verkliga miljöer i Stockholmsregionen.",
     "The partners test {a} and {b} in real settings in the Stockholm region."),
    ("Målet är att stärka regionens konkurrenskraft inom {a}.",
     "The aim is to strengthen the region's competitiveness in {a}."),
    ("Resultaten sprids genom workshoppar, rapporter och öppna data om {b}.",
     "The results are shared through workshops, reports and open data on {b}."),
    ("Projektet bygger vidare på tidigare arbete med {a}, {b} och {c}.",
     "The project builds on earlier work on {a}, {b} and {c}."),
)
# fmt: on


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    """Cumulative Zipf weights for ranks 1..count, for ``random.choices(cum_weights=…)``."""
    return list(itertools.accumulate(1 / rank**exponent for rank in range(1, count + 1)))


_TERM_WEIGHTS = zipf_weights(len(TERMS))


class Weighted:
    """Values drawn in proportion to their weights."""

    def __init__(self, weights: dict):
        self.values = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def draw(self, rng: random.Random):
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


ACTOR_KIND = Weighted({kind: weight for kind, (weight, _, _) in ACTOR_KINDS.items()})
HELIX = Weighted(HELIX_WEIGHTS)
STATUS = Weighted(STATUS_WEIGHTS)
AREA = Weighted(AREA_WEIGHTS)
AREA_COUNT = Weighted(AREA_COUNT_WEIGHTS)
PLACE = Weighted({code: weight for code, (weight, _, _) in MUNICIPALITIES.items()})
OFFER_KIND = Weighted({kind: weight for kind, (weight, _) in OFFER_KINDS.items()})
COST = Weighted(COST_WEIGHTS)
LANGUAGES = Weighted({index: weight for index, (_, weight) in enumerate(LANGUAGE_CHOICES)})
PROGRAMME = Weighted(PROGRAMME_WEIGHTS)


def with_check_digit(nine_digits: str) -> str:
    """Append the Luhn check digit (weights 2,1,2,1,… from the left) to nine digits."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return nine_digits + str((10 - total % 10) % 10)


def slug(table: str, number: int) -> str:
    """``syn-a-000001``: a stable address for the ``number``-th synthetic row of a table."""
    return f"{SLUG_PREFIX}-{table}-{number:06d}"


@dataclass
class LoadReport:
    actors: int = 0
    offers: int = 0
    projects: int = 0
    participations: int = 0
    area_links: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return self.actors + self.offers + self.projects + self.participations + self.area_links


class Generator:
    """Rows for COPY, one table at a time; each table has its own random stream."""

    def __init__(self, seed: int, *, today: datetime.date):
        self.seed = seed
        self.today = today
        self.now = datetime.datetime.combine(today, datetime.time(12), tzinfo=datetime.UTC)
        self._seen: dict[tuple[str, str], int] = {}

    def random(self, stream: str) -> random.Random:
        # Reproducible data, not secrets.
        return random.Random(f"{self.seed}:{stream}")  # noqa: S311

    # Shared pieces ----------------------------------------------------------------------

    @staticmethod
    def _terms(rng: random.Random, count: int) -> list[tuple[str, str]]:
        return rng.choices(TERMS, cum_weights=_TERM_WEIGHTS, k=count)

    @staticmethod
    def _text(rng: random.Random, sentences, count: int, slots: dict) -> tuple[str, str]:
        """``count`` sentences in both languages, the vocabulary slots filled alike."""
        sv_parts, en_parts = [], []
        for sv, en in rng.sample(sentences, count):
            a, b, c = Generator._terms(rng, 3)
            sv_parts.append(sv.format(a=a[0], b=b[0], c=c[0], **slots.get("sv", {})))
            en_parts.append(en.format(a=a[1], b=b[1], c=c[1], **slots.get("en", {})))
        return " ".join(sv_parts), " ".join(en_parts)

    def _lifecycle(self, rng: random.Random) -> tuple:
        """status, created_at, updated_at, last_reviewed_on: spread over twelve years."""
        status = STATUS.draw(rng)
        age_days = int(4380 * rng.random() ** 1.6)  # more entries in recent years
        created = self.now - datetime.timedelta(days=age_days, minutes=rng.randrange(1440))
        updated = created + datetime.timedelta(days=int(age_days * rng.random()))
        if rng.random() < 0.3:
            reviewed = None
        else:
            reviewed = self.today - datetime.timedelta(days=int(age_days * rng.random() ** 2))
        return status, created, updated, reviewed

    @staticmethod
    def _areas(rng: random.Random) -> list[int]:
        count = AREA_COUNT.draw(rng)
        areas = set()
        while len(areas) < count:
            areas.add(AREA.draw(rng))
        return sorted(areas)

    def _unique(self, kind: str, base: str, separator: str = " ") -> str:
        """``base`` the first time, then ``base 2``, ``base 3``…"""
        seen = self._seen.get((kind, base), 0) + 1
        self._seen[(kind, base)] = seen
        return base if seen == 1 else f"{base}{separator}{seen}"

    # Actors ------------------------------------------------------------------------------

    ACTOR_COLUMNS = (
        "id", "slug", "status", "last_reviewed_on", "created_at", "updated_at", "name_sv",
        "name_en", "description_sv", "description_en", "kind", "helix_sector",
        "street_address", "postal_code", "postal_town", "latitude", "longitude", "website",
        "email", "phone", "logo", "logo_thumbnail", "organisation_number", "municipality_id",
        "area_numbers",
    )  # fmt: skip

    def actor_rows(self, ids: Sequence[int], municipality_names: dict[str, str]) -> Iterator:
        rng = self.random("actors")
        for number, actor_id in enumerate(ids, start=1):
            kind = ACTOR_KIND.draw(rng)
            _weight, suffixes, (kind_sv, kind_en) = ACTOR_KINDS[kind]
            suffix_sv, suffix_en = rng.choice(suffixes)
            name_sv = self._unique(
                "actor", f"{rng.choice(NAME_PREFIXES)} {rng.choice(NAME_DOMAINS)} {suffix_sv}"
            )
            english = rng.random() < 0.9
            # An English name only where it differs; otherwise the Swedish one is shown.
            name_en = name_sv.replace(suffix_sv, suffix_en) if suffix_en != suffix_sv else ""
            code = PLACE.draw(rng)
            town = municipality_names.get(code, "Stockholm")
            status, created, updated, reviewed = self._lifecycle(rng)
            common = {
                "town": town, "year": rng.randint(1990, 2024), "count": rng.randint(2, 40) * 5,
                "partner": rng.choice(PARTNERS),
            }  # fmt: skip
            description_sv, description_en = self._text(
                rng,
                ACTOR_SENTENCES,
                rng.randint(3, 6),
                {
                    "sv": {**common, "name": name_sv, "kind": kind_sv},
                    "en": {**common, "name": name_en or name_sv, "kind": kind_en},
                },
            )
            actor_slug = slug("a", number)
            row = {
                "id": actor_id,
                "slug": actor_slug,
                "status": status,
                "last_reviewed_on": reviewed,
                "created_at": created,
                "updated_at": updated,
                "name_sv": name_sv,
                "name_en": name_en if english else "",
                "description_sv": description_sv,
                "description_en": description_en if english else "",
                "kind": kind,
                "helix_sector": (
                    HelixSector.ACADEMIA
                    if kind == ActorKind.RESEARCH_INFRASTRUCTURE and rng.random() < 0.7
                    else HELIX.draw(rng)
                ),
                "street_address": "",
                "postal_code": "",
                "postal_town": "",
                "latitude": None,
                "longitude": None,
                "website": f"https://{actor_slug}.example" if rng.random() < 0.8 else "",
                "email": f"info@{actor_slug}.example" if rng.random() < 0.5 else "",
                "phone": "",
                "logo": "",
                "logo_thumbnail": "",
                "organisation_number": "",
                "municipality_id": code,
                "area_numbers": self._areas(rng),
            }
            if rng.random() < 0.7:
                _weight, latitude, longitude = MUNICIPALITIES[code]
                row["street_address"] = f"{rng.choice(STREETS)} {rng.randint(1, 80)}"
                row["postal_code"] = f"1{rng.randint(0, 99):02d} {rng.randint(10, 99)}"
                row["postal_town"] = town
                row["latitude"] = f"{latitude + rng.uniform(-0.03, 0.03):.6f}"
                row["longitude"] = f"{longitude + rng.uniform(-0.05, 0.05):.6f}"
            if rng.random() < 0.3:
                row["phone"] = f"08-{rng.randint(100, 999)} {rng.randint(100, 999)} 00"
            if rng.random() < 0.6:
                row["organisation_number"] = with_check_digit(f"55{number % 10_000_000:07d}")
            yield tuple(row[column] for column in self.ACTOR_COLUMNS)

    # Support offers ----------------------------------------------------------------------

    OFFER_COLUMNS = (
        "id", "slug", "status", "last_reviewed_on", "created_at", "updated_at", "actor_id",
        "name_sv", "name_en", "description_sv", "description_en", "kind", "stages", "cost",
        "languages", "application", "deadline", "link", "area_numbers",
    )  # fmt: skip

    def offer_rows(
        self, ids: Sequence[int], actor_ids: Sequence[int], actor_name: Callable[[int], str]
    ) -> Iterator:
        """Offers spread over the actors: half go to a fifth of them, who offer much."""
        rng = self.random("offers")
        providers = max(1, len(actor_ids) // 5)
        stages = list(Stage.values)
        for number, offer_id in enumerate(ids, start=1):
            index = rng.randrange(providers if rng.random() < 0.5 else len(actor_ids))
            kind = OFFER_KIND.draw(rng)
            kind_sv, kind_en = rng.choice(OFFER_KINDS[kind][1])
            term_sv, term_en = self._terms(rng, 1)[0]
            status, created, updated, reviewed = self._lifecycle(rng)
            english = rng.random() < 0.8
            slots = {"weeks": rng.randint(4, 26), "provider": actor_name(index)}
            description_sv, description_en = self._text(
                rng, OFFER_SENTENCES, rng.randint(2, 4), {"sv": slots, "en": slots}
            )
            first = rng.randrange(len(stages))
            by_deadline = rng.random() < 0.25
            offer_slug = slug("o", number)
            row = {
                "id": offer_id,
                "slug": offer_slug,
                "status": status,
                "last_reviewed_on": reviewed,
                "created_at": created,
                "updated_at": updated,
                "actor_id": actor_ids[index],
                "name_sv": f"{kind_sv} inom {term_sv}",
                "name_en": f"{kind_en} in {term_en}" if english else "",
                "description_sv": description_sv,
                "description_en": description_en if english else "",
                "kind": kind,
                "stages": stages[first : first + rng.randint(1, len(stages) - first)],
                "cost": COST.draw(rng),
                "languages": LANGUAGE_CHOICES[LANGUAGES.draw(rng)][0],
                "application": Application.DEADLINE if by_deadline else Application.ROLLING,
                "deadline": (
                    self.today + datetime.timedelta(days=rng.randint(-120, 240))
                    if by_deadline
                    else None
                ),
                "link": f"https://{offer_slug}.example" if rng.random() < 0.5 else "",
                "area_numbers": self._areas(rng),
            }
            yield tuple(row[column] for column in self.OFFER_COLUMNS)

    # Projects and their partners ---------------------------------------------------------

    PROJECT_COLUMNS = (
        "id", "slug", "status", "last_reviewed_on", "created_at", "updated_at", "name_sv",
        "name_en", "acronym", "description_sv", "description_en", "funding_programme",
        "start_date", "end_date", "budget", "currency", "website", "area_numbers",
    )  # fmt: skip
    PARTICIPATION_COLUMNS = ("project_id", "actor_id", "organisation_name", "country", "role")

    def project_rows(self, ids: Sequence[int]) -> Iterator:
        rng = self.random("projects")
        for number, project_id in enumerate(ids, start=1):
            programme = PROGRAMME.draw(rng)
            goal_sv, goal_en = rng.choice(PROJECT_GOALS)
            term_sv, term_en = self._terms(rng, 1)[0]
            parts = rng.sample(ACRONYM_PARTS, rng.randint(2, 3))
            acronym = self._unique("acronym", "".join(parts), separator="")
            status, created, updated, reviewed = self._lifecycle(rng)
            start = self.today + datetime.timedelta(days=rng.randint(-3650, 365))
            description_sv, description_en = self._text(
                rng, PROJECT_SENTENCES, rng.randint(3, 5), {}
            )
            english = rng.random() < 0.95
            project_slug = slug("p", number)
            row = {
                "id": project_id,
                "slug": project_slug,
                "status": status,
                "last_reviewed_on": reviewed,
                "created_at": created,
                "updated_at": updated,
                "name_sv": f"{acronym} – {goal_sv} {term_sv}",
                "name_en": f"{acronym} – {goal_en} {term_en}" if english else "",
                "acronym": acronym,
                "description_sv": description_sv,
                "description_en": description_en if english else "",
                "funding_programme": programme,
                "start_date": start,
                "end_date": (
                    None
                    if rng.random() < 0.08
                    else start + datetime.timedelta(days=rng.randint(365, 1825))
                ),
                "budget": (
                    f"{round(10 ** rng.uniform(5.5, 7.7), -3):.2f}" if rng.random() < 0.7 else None
                ),
                "currency": "SEK" if programme in SWEDISH_PROGRAMMES else "EUR",
                "website": f"https://{project_slug}.example" if rng.random() < 0.6 else "",
                "area_numbers": self._areas(rng),
            }
            yield tuple(row[column] for column in self.PROJECT_COLUMNS)

    def participation_rows(self, project_ids: Sequence[int], actor_ids: Sequence[int]) -> Iterator:
        """Two to six partners, at most one lead, each actor once; a few hubs take part often."""
        rng = self.random("participations")
        hubs = rng.sample(list(actor_ids), min(len(actor_ids), 300))
        for project_id in project_ids:
            chosen: set[int] = set()
            has_lead = rng.random() < 0.9
            for position in range(rng.randint(2, 6)):
                if position == 0 and has_lead:
                    role = ParticipationRole.LEAD
                elif rng.random() < 0.75:
                    role = ParticipationRole.PARTNER
                else:
                    role = ParticipationRole.ASSOCIATED
                if position > 0 and rng.random() < 0.25:
                    city, country = rng.choice(FOREIGN_CITIES)
                    yield (project_id, None, f"{city} {rng.choice(FOREIGN_KINDS)}", country, role)
                    continue
                for _attempt in range(10):
                    pool = hubs if rng.random() < 0.2 else actor_ids
                    actor_id = pool[rng.randrange(len(pool))]
                    if actor_id not in chosen:
                        chosen.add(actor_id)
                        yield (project_id, actor_id, "", "", role)
                        break


def _reserve_ids(cursor, table: str, count: int) -> list[int]:
    """Ids from the table's own sequence, so rows that refer to them can be written first."""
    if count == 0:
        return []
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [table, count],
    )
    return [row[0] for row in cursor.fetchall()]


def _copy(cursor, table: str, columns: Sequence[str], rows) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


# The triggers whose work the load does itself, in set-based SQL.
_SWITCHED_OFF_TRIGGERS = (
    *(
        (f"{table}_priority_areas", f"{table}_area_numbers_{event}")
        for table in ("actors_actor", "actors_supportoffer", "actors_project")
        for event in ("insert", "update", "delete")
    ),
    ("actors_participation", "actors_participation_touch_project"),
)


# The tables the load writes. Their primary keys and the indexes behind constraints stay;
# every other index is dropped and rebuilt by a large load.
_LOADED_TABLES = (
    "actors_actor",
    "actors_supportoffer",
    "actors_project",
    "actors_participation",
    "actors_actor_priority_areas",
    "actors_supportoffer_priority_areas",
    "actors_project_priority_areas",
)

# Rows from which a load drops and rebuilds the indexes: below, the per-row upkeep of
# the indexes costs less than building them again over the rows already there.
REBUILD_INDEXES_FROM = 20_000


def _drop_indexes(cursor) -> list[tuple[str, str]]:
    """Drop the loaded tables' secondary indexes; returns (name, definition) to rebuild them."""
    cursor.execute(
        """
        SELECT index_class.relname, pg_get_indexdef(index.indexrelid)
        FROM pg_index index
        JOIN pg_class index_class ON index_class.oid = index.indexrelid
        JOIN pg_class table_class ON table_class.oid = index.indrelid
        WHERE table_class.relname = ANY(%s)
          AND table_class.relnamespace = current_schema()::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = index.indexrelid)
        ORDER BY index_class.relname
        """,
        [list(_LOADED_TABLES)],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return indexes


def _build_indexes(cursor, indexes: Sequence[tuple[str, str]]) -> None:
    """Build the dropped indexes again from their definitions, with room to sort in memory.

    CREATE INDEX refuses while deferred foreign-key checks are pending: they run first.
    """
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for _name, definition in indexes:
        cursor.execute(definition)
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _area_links(cursor, table: str, column: str, ids: list[int]) -> int:
    """The link rows of ``ids``, derived from the ``area_numbers`` already written."""
    if not ids:
        return 0
    cursor.execute(
        f"""
        INSERT INTO {table}_priority_areas ({column}, priorityarea_id)
        SELECT entry.id, area.id
        FROM {table} entry
        CROSS JOIN LATERAL unnest(entry.area_numbers) AS entry_area(number)
        JOIN spetsomraden_priorityarea area ON area.number = entry_area.number
        WHERE entry.id BETWEEN %s AND %s AND entry.slug LIKE %s
        """,  # noqa: S608 - table and column names are constants of this module
        [min(ids), max(ids), f"{SLUG_PREFIX}-%"],
    )
    return cursor.rowcount


def existing_synthetic_rows() -> bool:
    return any(
        model.objects.filter(slug=slug(letter, 1)).exists()
        for model, letter in ((Actor, "a"), (SupportOffer, "o"), (Project, "p"))
    )


def load(
    *,
    actors: int,
    offers: int,
    projects: int,
    seed: int = 1,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
    rebuild_indexes: bool | None = None,
) -> LoadReport:
    """Generate and COPY the rows in one transaction; then ANALYZE (VACUUM too when possible).

    ``rebuild_indexes``: drop the secondary indexes before the rows are copied and build
    them afterwards; by default when the load adds at least ``REBUILD_INDEXES_FROM`` rows.
    """
    if offers and not actors:
        raise ValueError("Support offers need actors to offer them.")
    if rebuild_indexes is None:
        rebuild_indexes = actors + offers + projects >= REBUILD_INDEXES_FROM
    generator = Generator(seed, today=today or timezone.localdate())
    report = LoadReport()
    say = progress or (lambda message: None)

    def timed(step: str, function):
        started = time.perf_counter()
        result = function()
        report.seconds[step] = time.perf_counter() - started
        return result

    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor, for COPY
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SELECT code, name FROM actors_municipality")
        municipality_names = dict(cursor.fetchall())
        actor_ids = _reserve_ids(cursor, "actors_actor", actors)
        offer_ids = _reserve_ids(cursor, "actors_supportoffer", offers)
        project_ids = _reserve_ids(cursor, "actors_project", projects)
        actor_names: list[str] = []  # for the offers' descriptions
        name_column = Generator.ACTOR_COLUMNS.index("name_sv")

        def actor_rows():
            for row in generator.actor_rows(actor_ids, municipality_names):
                actor_names.append(row[name_column])
                yield row

        _switch_triggers(cursor, "DISABLE")
        dropped = timed("drop indexes", lambda: _drop_indexes(cursor)) if rebuild_indexes else []
        try:
            report.actors = timed(
                "actors",
                lambda: _copy(cursor, "actors_actor", Generator.ACTOR_COLUMNS, actor_rows()),
            )
            say(f"registry: {report.actors}")
            report.offers = timed(
                "offers",
                lambda: _copy(
                    cursor,
                    "actors_supportoffer",
                    Generator.OFFER_COLUMNS,
                    generator.offer_rows(offer_ids, actor_ids, actor_names.__getitem__),
                ),
            )
            say(f"support offers: {report.offers}")
            # Partners before their projects: the foreign keys are checked at commit, and each
            # project's search-vector trigger then finds its partners' names.
            report.participations = timed(
                "participations",
                lambda: _copy(
                    cursor,
                    "actors_participation",
                    Generator.PARTICIPATION_COLUMNS,
                    generator.participation_rows(project_ids, actor_ids) if actor_ids else (),
                ),
            )
            report.projects = timed(
                "projects",
                lambda: _copy(
                    cursor,
                    "actors_project",
                    Generator.PROJECT_COLUMNS,
                    generator.project_rows(project_ids),
                ),
            )
            say(f"projects: {report.projects}, participations: {report.participations}")
            report.area_links = timed(
                "priority-area links",
                lambda: sum(
                    _area_links(cursor, table, column, ids)
                    for table, column, ids in (
                        ("actors_actor", "actor_id", actor_ids),
                        ("actors_supportoffer", "supportoffer_id", offer_ids),
                        ("actors_project", "project_id", project_ids),
                    )
                ),
            )
            if dropped:
                say(f"building {len(dropped)} indexes")
                timed("build indexes", lambda: _build_indexes(cursor, dropped))
        finally:
            # A failed statement aborts the transaction, whose rollback restores the triggers.
            if not connection.needs_rollback and _transaction_usable(cursor):
                _switch_triggers(cursor, "ENABLE")

    tables = (
        "actors_actor, actors_supportoffer, actors_project, actors_participation, "
        "actors_actor_priority_areas, actors_supportoffer_priority_areas, "
        "actors_project_priority_areas"
    )
    with connection.cursor() as cursor:
        # VACUUM also merges the GIN indexes' pending lists and sets the visibility map,
        # so the first searches after a load are not slower than the next ones.
        statement = (
            f"ANALYZE {tables}" if connection.in_atomic_block else f"VACUUM (ANALYZE) {tables}"
        )
        timed("vacuum and analyze", lambda: cursor.execute(statement))
    return report


def _switch_triggers(cursor, action: str) -> None:
    """DISABLE or ENABLE the triggers whose work the load does itself.

    ALTER TABLE refuses while deferred foreign-key checks are pending, so they are run
    first (which also checks the rows just loaded) and deferred again afterwards.
    """
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for table, trigger in _SWITCHED_OFF_TRIGGERS:
        cursor.execute(f"ALTER TABLE {table} {action} TRIGGER {trigger}")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _transaction_usable(cursor) -> bool:
    from psycopg.pq import TransactionStatus

    return cursor.connection.info.transaction_status != TransactionStatus.INERROR
