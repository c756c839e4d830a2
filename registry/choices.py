from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# Public means published or archived: an archived entry keeps its page, with a notice, and
# its links; a draft has no page. Every query, index condition and trigger says it with this.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)


class ActorKind(models.TextChoices):
    SCIENCE_PARK = "science_park", _("Science park")
    INCUBATOR = "incubator", _("Incubator")
    ACCELERATOR = "accelerator", _("Accelerator")
    INNOVATION_ENVIRONMENT = "innovation_environment", _("Innovation environment")
    COLLABORATION_PLATFORM = "collaboration_platform", _("Collaboration platform")
    CLUSTER = "cluster", _("Cluster")
    TEST_BED = "test_bed", _("Test and demo environment")
    DEVELOPMENT_ENVIRONMENT = "development_environment", _("Development environment")
    RESEARCH_INFRASTRUCTURE = "research_infrastructure", _("Research infrastructure")
    FUNDER = "funder", _("Funder")
    OTHER = "other", _("Other")


class HelixSector(models.TextChoices):
    BUSINESS = "business", _("Business")
    ACADEMIA = "academia", _("Academia")
    PUBLIC = "public", _("Public sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")


class OfferKind(models.TextChoices):
    INCUBATION = "incubation", _("Incubation programme")
    ACCELERATION = "acceleration", _("Acceleration programme")
    FUNDING = "funding", _("Funding, loan or grant")
    ADVICE = "advice", _("Advice and coaching")
    OFFICE_SPACE = "office_space", _("Office or co-working space")
    LAB_ACCESS = "lab_access", _("Lab or test-bed access")
    NETWORK = "network", _("Network and matchmaking")
    TRAINING = "training", _("Training and competence")
    INTERNATIONALISATION = "internationalisation", _("Internationalisation")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    STARTUP = "startup", _("Start-up")
    SCALEUP = "scaleup", _("Scale-up")
    ESTABLISHED = "established", _("Established SME")


class Cost(models.TextChoices):
    FREE = "free", _("Free of charge")
    FEE = "fee", _("Fee")
    EQUITY = "equity", _("Equity")


class OfferLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class Application(models.TextChoices):
    ROLLING = "rolling", _("Rolling, apply any time")
    DEADLINE = "deadline", _("By deadline")


class FundingProgramme(models.TextChoices):
    INTERREG_EUROPE = "interreg_europe", _("Interreg Europe")
    INTERREG_BALTIC = "interreg_baltic", _("Interreg Baltic Sea Region")
    HORIZON_EUROPE = "horizon_europe", _("Horizon Europe")
    HORIZON_2020 = "horizon_2020", _("Horizon 2020")
    ERDF = "erdf", _("European Regional Development Fund")
    EIT = "eit", _("European Institute of Innovation and Technology")
    VINNOVA = "vinnova", _("Vinnova")
    ENERGY_AGENCY = "energy_agency", _("Swedish Energy Agency")
    FORMAS = "formas", _("Formas")
    REGION_STOCKHOLM = "region_stockholm", _("Region Stockholm")
    OTHER = "other", _("Other")


class Currency(models.TextChoices):
    SEK = "SEK", _("Swedish krona (SEK)")
    EUR = "EUR", _("Euro (EUR)")


class ProjectPhase(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated partner")
