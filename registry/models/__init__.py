"""The registry's models: the abstract entry (``entry``), actors and municipalities
(``actor``), support offers (``offer``), and projects with their participants
(``project``)."""

from registry.models.actor import Actor, Municipality
from registry.models.entry import Entry
from registry.models.offer import SupportOffer
from registry.models.project import Participation, Project

__all__ = ["Actor", "Entry", "Municipality", "Participation", "Project", "SupportOffer"]
