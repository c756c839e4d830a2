"""The rows of synthetic actors, offers, participations and projects, for COPY.

Each table has its own random stream, so the same seed and day give the same rows.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator, Sequence

from bench.synthetic.vocabulary import (
    ACRONYM_PARTS,
    ACTOR_KIND,
    ACTOR_KINDS,
    ACTOR_SENTENCES,
    AREA,
    AREA_COUNT,
    COST,
    FOREIGN_CITIES,
    FOREIGN_KINDS,
    HELIX,
    LANGUAGE_CHOICES,
    LANGUAGES,
    MUNICIPALITIES,
    NAME_DOMAINS,
    NAME_PREFIXES,
    OFFER_KIND,
    OFFER_KINDS,
    OFFER_SENTENCES,
    PARTNERS,
    PLACE,
    PROGRAMME,
    PROJECT_GOALS,
    PROJECT_SENTENCES,
    STATUS,
    STREETS,
    SWEDISH_PROGRAMMES,
    TERM_WEIGHTS,
    TERMS,
    slug,
)
from registry.choices import (
    ActorKind,
    Application,
    HelixSector,
    ParticipationRole,
    Stage,
)
from registry.validators import with_check_digit


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
        return rng.choices(TERMS, cum_weights=TERM_WEIGHTS, k=count)

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
