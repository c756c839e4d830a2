"""Load the demo registry from ``fixtures/demo.json``, but only into an empty registry."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from registry.models import Actor, Project, SupportOffer

DEMO_FIXTURE = settings.BASE_DIR / "fixtures" / "demo.json"


class Command(BaseCommand):
    help = (
        "Load the demo actors, support offers and projects if the registry is empty "
        "(no actors, support offers or projects at all); otherwise do nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            if Actor.objects.exists() or SupportOffer.objects.exists() or Project.objects.exists():
                self.stdout.write("The registry already holds entries; no demo data was loaded.")
                return
            call_command("loaddata", str(DEMO_FIXTURE), verbosity=0)
            actors = Actor.objects.count()
            offers = SupportOffer.objects.count()
            projects = Project.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo data: {actors} actors, {offers} support offers "
                f"and {projects} projects."
            )
        )
