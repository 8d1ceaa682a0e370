"""Settings for the benchmark's Daphne processes: the dev settings, limits opened.

The sender posts a burst that a person never would; the per-user post rate
and the per-socket frame-flood limits would (rightly) refuse it.
"""

from config.settings.dev import *  # noqa: F403

DISCUSSIONS_POSTS_PER_MINUTE = 1_000_000
DISCUSSIONS_MAX_FRAMES_PER_WINDOW = 1_000_000
DEBUG = False
# The moderation reviewers would (rightly) mute a machine posting five times a second.
POST_REVIEWERS = []
# The site plus the bare baseline view at /bench/bare/ (bench/http_pages.py).
ROOT_URLCONF = "bench.urls"
