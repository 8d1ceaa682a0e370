"""Local development: embedded services by default, DEBUG only when asked for."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
