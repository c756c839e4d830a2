"""The 26 municipalities of Stockholm County with their official codes (reference data)."""

from django.db import migrations

MUNICIPALITIES = {
    "0114": "Upplands Väsby",
    "0115": "Vallentuna",
    "0117": "Österåker",
    "0120": "Värmdö",
    "0123": "Järfälla",
    "0125": "Ekerö",
    "0126": "Huddinge",
    "0127": "Botkyrka",
    "0128": "Salem",
    "0136": "Haninge",
    "0138": "Tyresö",
    "0139": "Upplands-Bro",
    "0140": "Nykvarn",
    "0160": "Täby",
    "0162": "Danderyd",
    "0163": "Sollentuna",
    "0180": "Stockholm",
    "0181": "Södertälje",
    "0182": "Nacka",
    "0183": "Sundbyberg",
    "0184": "Solna",
    "0186": "Lidingö",
    "0187": "Vaxholm",
    "0188": "Norrtälje",
    "0191": "Sigtuna",
    "0192": "Nynäshamn",
}


def create_municipalities(apps, schema_editor):
    Municipality = apps.get_model("actors", "Municipality")
    for code, name in MUNICIPALITIES.items():
        Municipality.objects.update_or_create(code=code, defaults={"name": name})


def remove_municipalities(apps, schema_editor):
    Municipality = apps.get_model("actors", "Municipality")
    Municipality.objects.filter(code__in=MUNICIPALITIES).delete()


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]

    operations = [migrations.RunPython(create_municipalities, remove_municipalities)]
