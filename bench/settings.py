"""The portal's settings with the benchmark's URLs (the yardstick view when asked for)."""

from innovation_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
