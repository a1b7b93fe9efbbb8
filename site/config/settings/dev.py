"""Settings for `make run` on a laptop: debug on, a throwaway key when none is set."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me-in-production"
# The demo editor can look around without setting up an authenticator app first;
# production keeps the requirement on (MFA_REQUIRED_FOR_PUBLISHERS=1 by default).
MFA_REQUIRED_FOR_PUBLISHERS = env_bool("MFA_REQUIRED_FOR_PUBLISHERS", False)
