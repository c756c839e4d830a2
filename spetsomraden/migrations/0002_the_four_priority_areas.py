"""The four priority areas of the regional strategy for smart specialisation, and a roadmap for each."""

from django.db import migrations

AREAS = [
    {
        "slug": "life-science-vard-och-halsa",
        "number": 1,
        "name_sv": "Life science, vård och hälsa",
        "name_en": "Life science, care and health",
        "short_name_sv": "Life science",
        "short_name_en": "Life science",
        "description_sv": (
            "Stockholmsregionen har en av Europas tätaste miljöer för medicinsk forskning, "
            "sjukvård och läkemedels- och medicinteknikföretag. Området samlar aktörer som "
            "omsätter forskning i nya behandlingar, diagnostik, medicinteknik och digitala "
            "hälsotjänster, och som gör det lättare att pröva nya lösningar i vården."
        ),
        "description_en": (
            "The Stockholm region is one of Europe's densest environments for medical research, "
            "healthcare and pharmaceutical and medtech companies. The area brings together those "
            "who turn research into new treatments, diagnostics, medical technology and digital "
            "health services, and who make it easier to try new solutions in care."
        ),
        "roadmap_sv": (
            "Färdplanen för life science bygger vidare på regionens life science-kansli, som "
            "inrättades 2022. Handlingsplanerna rör hälsodata, en kultur av samverkan, "
            "precisionsmedicin och kliniska studier."
        ),
        "roadmap_en": (
            "The life science roadmap builds on the region's life science programme office, set "
            "up in 2022. Its action plans concern health data, a culture of collaboration, "
            "precision medicine and clinical trials."
        ),
    },
    {
        "slug": "ikt-tech-och-digitalisering",
        "number": 2,
        "name_sv": "IKT, tech och digitalisering",
        "name_en": "ICT, tech and digitalisation",
        "short_name_sv": "IKT och tech",
        "short_name_en": "ICT and tech",
        "description_sv": (
            "Regionen är ett av Europas ledande tech-nav, med starka miljöer inom "
            "telekommunikation, mjukvara, fintech och spel. Området omfattar utveckling och "
            "användning av digital teknik i alla branscher och i offentlig sektor, från "
            "uppkopplade system och AI till öppna data och digitala tjänster."
        ),
        "description_en": (
            "The region is one of Europe's leading tech hubs, with strong communities in "
            "telecommunications, software, fintech and games. The area covers the development and "
            "use of digital technology in every industry and in the public sector, from connected "
            "systems and AI to open data and digital services."
        ),
        "roadmap_sv": "Arbetet med en färdplan för området inleddes 2022.",
        "roadmap_en": "Work on a roadmap for the area began in 2022.",
    },
    {
        "slug": "industriell-omstallning-hallbar-produktion",
        "number": 3,
        "name_sv": "Industriell omställning genom hållbar produktion",
        "name_en": "Industrial transition through sustainable production",
        "short_name_sv": "Hållbar produktion",
        "short_name_en": "Sustainable production",
        "description_sv": (
            "Industrin i länet ställer om till fossilfri, cirkulär och resurssnål produktion. "
            "Området samlar miljöer där företag, akademi och offentliga aktörer utvecklar och "
            "testar nya material, processer, elektrifiering och automation, och där mindre "
            "företag får tillgång till utrustning och kompetens."
        ),
        "description_en": (
            "Industry in the county is moving to fossil-free, circular and resource-efficient "
            "production. The area brings together environments where companies, academia and "
            "public bodies develop and test new materials, processes, electrification and "
            "automation, and where smaller firms gain access to equipment and skills."
        ),
        "roadmap_sv": "Arbetet med en färdplan för området inleddes 2022.",
        "roadmap_en": "Work on a roadmap for the area began in 2022.",
    },
    {
        "slug": "klimat-och-miljoatgarder-hallbar-stadsutveckling",
        "number": 4,
        "name_sv": "Klimat- och miljöåtgärder för hållbar stadsutveckling",
        "name_en": "Climate and environmental action for sustainable urban development",
        "short_name_sv": "Hållbar stad",
        "short_name_en": "Sustainable cities",
        "description_sv": (
            "En snabbt växande storstadsregion behöver lösningar för energi, transporter, "
            "byggande, vatten och avfall som minskar klimatpåverkan. Området omfattar testbäddar "
            "och samarbeten där nya lösningar för hållbar stadsutveckling prövas i verkliga "
            "stadsdelar innan de sprids."
        ),
        "description_en": (
            "A fast-growing metropolitan region needs solutions for energy, transport, "
            "construction, water and waste that cut its climate impact. The area covers test beds "
            "and partnerships where new solutions for sustainable urban development are tried in "
            "real districts before they spread."
        ),
        "roadmap_sv": "Arbetet med en färdplan för området inleddes 2022.",
        "roadmap_en": "Work on a roadmap for the area began in 2022.",
    },
]


def create_areas(apps, schema_editor):
    PriorityArea = apps.get_model("spetsomraden", "PriorityArea")
    Roadmap = apps.get_model("spetsomraden", "Roadmap")
    for data in AREAS:
        fields = {k: v for k, v in data.items() if not k.startswith("roadmap")}
        area, _ = PriorityArea.objects.update_or_create(slug=data["slug"], defaults=fields)
        Roadmap.objects.get_or_create(
            area=area,
            defaults={
                "status": "in_progress",
                "summary_sv": data["roadmap_sv"],
                "summary_en": data["roadmap_en"],
                "work_started_year": 2022,
            },
        )


def remove_areas(apps, schema_editor):
    PriorityArea = apps.get_model("spetsomraden", "PriorityArea")
    PriorityArea.objects.filter(slug__in=[a["slug"] for a in AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("spetsomraden", "0001_initial")]

    operations = [migrations.RunPython(create_areas, remove_areas)]
