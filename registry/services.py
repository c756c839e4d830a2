"""Writes to the registry that carry rules: the lifecycle, reviews, merging actors, logos.

Each service runs in one transaction and records who did it in the entry's history.
Permission checks belong to the caller (the admin, the importer); the rules here hold
whoever calls.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innovation_portal.lib.history import change_reason, history_baseline
from registry.choices import PUBLIC_STATUSES, ParticipationRole, Status
from registry.models import Actor, Participation, Project, SupportOffer

# Stronger roles first: a merge keeps the stronger of two roles in the same project.
_ROLE_STRENGTH = {
    ParticipationRole.LEAD: 3,
    ParticipationRole.PARTNER: 2,
    ParticipationRole.ASSOCIATED: 1,
}


def _save(entry, *, by, reason, update_fields=None) -> None:
    history_baseline(entry)
    entry._history_user = by
    entry._change_reason = change_reason(reason)
    if update_fields is not None:
        update_fields = [*update_fields, "updated_at"]
    entry.save(update_fields=update_fields)


def _label(entry, name: str) -> str:
    return str(entry._meta.get_field(name).verbose_name)


def publish_problems(entry, *, priority_areas=None) -> list[str]:
    """The fields (as staff call them) that the public page needs and the entry lacks.

    ``priority_areas`` stands in for the saved areas when a form or an import is about
    to set them; otherwise the saved ones count (none for an unsaved entry).
    """
    if priority_areas is None:
        has_areas = entry.pk is not None and entry.priority_areas.exists()
    else:
        has_areas = bool(list(priority_areas))

    missing = []

    def need(condition: bool, name: str) -> None:
        if not condition:
            missing.append(_label(entry, name))

    need(bool(entry.name_sv.strip()), "name_sv")
    need(bool(entry.description_sv.strip()), "description_sv")
    if isinstance(entry, Actor):
        need(bool(entry.kind), "kind")
        need(bool(entry.helix_sector), "helix_sector")
        need(bool(entry.municipality_id), "municipality")
        need(has_areas, "priority_areas")
    elif isinstance(entry, SupportOffer):
        actor_published = bool(entry.actor_id) and entry.actor.status == Status.PUBLISHED
        if not actor_published:
            missing.append(gettext("a published actor (offered by)"))
        need(bool(entry.kind), "kind")
        need(bool(entry.cost), "cost")
        need(bool(entry.stages), "stages")
    elif isinstance(entry, Project):
        need(bool(entry.funding_programme), "funding_programme")
        need(entry.start_date is not None, "start_date")
        need(has_areas, "priority_areas")
    return missing


def publish_refusal(entry, missing: list[str]) -> str:
    return gettext("“%(entry)s” cannot be published: it needs %(fields)s.") % {
        "entry": entry,
        "fields": ", ".join(missing),
    }


def status_change_problem(
    entry, *, old_status: str, new_status: str, priority_areas=None, before=None
):
    """Why the entry may not go from ``old_status`` to ``new_status``, or None.

    An entry that stays published may not lose what its page shows: ``before`` (the
    saved entry) tells which fields it had; fields it already lacked do not block an edit.
    """
    if new_status == Status.PUBLISHED:
        missing = publish_problems(entry, priority_areas=priority_areas)
        if old_status == Status.PUBLISHED:
            already_missing = set(publish_problems(before)) if before is not None else set(missing)
            missing = [name for name in missing if name not in already_missing]
        return publish_refusal(entry, missing) if missing else None
    if new_status == Status.ARCHIVED and old_status not in PUBLIC_STATUSES:
        return gettext(
            "“%(entry)s” is a draft: only a published entry can be archived. "
            "A draft has no public page to keep."
        ) % {"entry": entry}
    return None


def _change_status(entry, *, by, status, reason, refusal_code=None) -> None:
    """Lock the entry, refuse the change if its page would suffer, and record it in the history."""
    entry = type(entry).objects.select_for_update().get(pk=entry.pk)
    if entry.status == status:
        return
    if refusal_code:
        problem = status_change_problem(entry, old_status=entry.status, new_status=status)
        if problem:
            raise ValidationError(problem, code=refusal_code)
    entry.status = status
    _save(entry, by=by, reason=reason, update_fields=["status"])


@transaction.atomic
def entry_publish(*, entry, by) -> None:
    """Make the entry public; refused, naming the missing fields, if the page would lack them."""
    _change_status(
        entry, by=by, status=Status.PUBLISHED, reason=_("Published"), refusal_code="cannot_publish"
    )


@transaction.atomic
def entry_archive(*, entry, by) -> None:
    """Keep a published entry's page with an "archived" notice; drafts cannot be archived."""
    _change_status(
        entry, by=by, status=Status.ARCHIVED, reason=_("Archived"), refusal_code="cannot_archive"
    )


@transaction.atomic
def entry_return_to_draft(*, entry, by) -> None:
    """Take the entry off the public site."""
    _change_status(entry, by=by, status=Status.DRAFT, reason=_("Returned to draft"))


@transaction.atomic
def entry_mark_reviewed(*, entry, by, on=None) -> None:
    """Record that staff confirmed the entry is correct (today unless ``on`` is given)."""
    entry = type(entry).objects.select_for_update().get(pk=entry.pk)
    entry.last_reviewed_on = on or timezone.localdate()
    _save(entry, by=by, reason=_("Marked as reviewed"), update_fields=["last_reviewed_on"])


@dataclass
class MergeResult:
    offers_moved: int = 0
    participations_moved: int = 0
    participations_combined: list[str] = field(default_factory=list)


@transaction.atomic
def actor_merge(*, keep: Actor, remove: Actor, by) -> MergeResult:
    """Merge ``remove`` into ``keep``: its offers and project participations move to ``keep``.

    Where both take part in the same project one participation stays, with the stronger
    role. ``remove`` is archived, not deleted, and both histories say what happened.
    """
    if keep.pk == remove.pk:
        raise ValidationError(_("An actor cannot be merged into itself."), code="same_actor")
    keep, remove = (
        Actor.objects.select_for_update().get(pk=keep.pk),
        Actor.objects.select_for_update().get(pk=remove.pk),
    )
    result = MergeResult()
    moved_reason = change_reason(
        gettext("Moved from %(actor)s (merged)") % {"actor": remove.name_sv}
    )

    for offer in SupportOffer.objects.filter(actor=remove).select_for_update():
        offer.actor = keep
        _save(offer, by=by, reason=moved_reason, update_fields=["actor"])
        result.offers_moved += 1

    kept_by_project = {
        participation.project_id: participation
        for participation in Participation.objects.filter(actor=keep).select_for_update()
    }
    for participation in Participation.objects.filter(actor=remove).select_for_update():
        kept = kept_by_project.get(participation.project_id)
        participation._history_user = by
        participation._change_reason = moved_reason
        if kept is None:
            participation.actor = keep
            participation.save(update_fields=["actor"])
            result.participations_moved += 1
            continue
        stronger = max(kept.role, participation.role, key=_ROLE_STRENGTH.__getitem__)
        # Delete first: the project may have only one lead and each actor once.
        participation.delete()
        if stronger != kept.role:
            kept.role = stronger
            kept._history_user = by
            kept._change_reason = moved_reason
            kept.save(update_fields=["role"])
        result.participations_combined.append(str(kept.project))

    remove.status = Status.ARCHIVED
    _save(
        remove,
        by=by,
        reason=gettext("Merged into %(actor)s (%(slug)s)")
        % {"actor": keep.name_sv, "slug": keep.slug},
        update_fields=["status"],
    )
    _save(
        keep,
        by=by,
        reason=gettext("%(actor)s (%(slug)s) merged into this actor")
        % {"actor": remove.name_sv, "slug": remove.slug},
    )
    return result


@transaction.atomic
def actor_logo_replace(*, actor: Actor, logo, by) -> None:
    """Give the actor a processed logo (``registry.logos.ProcessedLogo``) or, with None, none.

    The old files are deleted once the transaction commits, so a rollback loses nothing.
    """
    old_files = [f.name for f in (actor.logo, actor.logo_thumbnail) if f]
    storage = actor.logo.storage
    if logo is None:
        actor.logo = ""
        actor.logo_thumbnail = ""
        reason = _("Logo removed")
    else:
        actor.logo.save(logo.image_name, logo.image, save=False)
        actor.logo_thumbnail.save(logo.thumbnail_name, logo.thumbnail, save=False)
        reason = _("Logo replaced") if old_files else _("Logo added")
    _save(actor, by=by, reason=reason, update_fields=["logo", "logo_thumbnail"])
    kept = {actor.logo.name, actor.logo_thumbnail.name}
    stale = [name for name in old_files if name not in kept]
    transaction.on_commit(lambda: _delete_files(storage, stale))


def actor_logo_files_delete(*, actor: Actor) -> None:
    """Delete an actor's logo files once the deleting transaction commits."""
    names = [f.name for f in (actor.logo, actor.logo_thumbnail) if f]
    storage = actor.logo.storage
    transaction.on_commit(lambda: _delete_files(storage, names))


def _delete_files(storage, names) -> None:
    for name in names:
        storage.delete(name)
