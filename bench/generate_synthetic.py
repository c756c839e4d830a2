"""``python bench/generate_synthetic.py`` (or ``make synthetic``): add synthetic entries.

Meant for an empty or a dedicated database (``make synthetic`` uses the embedded
database ``bench`` unless ``DATABASE_URL`` names one): rows are added, never replaced,
and their slugs start with ``syn-``. Django is set up before the generator is imported,
as the generator reads the registry's models.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--offers", type=int, default=200_000)
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same rows.")
    parser.add_argument("--verbose", action="store_true", help="report each step as it runs")
    args = parser.parse_args(argv)

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovation_portal.settings")
    django.setup()
    from bench.synthetic.command import SyntheticError, generate

    try:
        generate(
            actors=args.actors,
            offers=args.offers,
            projects=args.projects,
            seed=args.seed,
            out=sys.stdout,
            verbose=args.verbose,
        )
    except SyntheticError as error:
        parser.exit(2, f"{error}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
