"""The words, sentences and proportions synthetic entries are drawn from.

Terms are ranked by frequency (Zipf rank = position), Swedish and English side by side;
kinds, areas, municipalities and statuses carry rough real-world weights.
"""

from __future__ import annotations

import itertools
import random

from registry.choices import (
    ActorKind,
    Cost,
    FundingProgramme,
    HelixSector,
    OfferKind,
    OfferLanguage,
    Status,
)

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


TERM_WEIGHTS = zipf_weights(len(TERMS))


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


def slug(table: str, number: int) -> str:
    """``syn-a-000001``: a stable address for the ``number``-th synthetic row of a table."""
    return f"{SLUG_PREFIX}-{table}-{number:06d}"
