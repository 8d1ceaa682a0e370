"""Settings shared by every environment; driven by environment variables.

Embedded defaults (SQLite, in-memory channel layer, local-memory cache, console
e-mail) unless DATABASE_URL / REDIS_URL / EMAIL_* name real services.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-teacher-commons")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# --- Applications: Django, third-party, local -------------------------------
INSTALLED_APPS = [
    # Django
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Third-party
    "channels",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    # Local
    "community",
    "community.discussions",
    "community.moderation",
    "cms",
    "projects",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed on the way out (static files are WhiteNoise's, compressed ahead of time).
    # Django pads each gzip response by a random length and masks the CSRF token per response,
    # so the length of a compressed page tells nothing about a secret in it (BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "community.languages.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "community.middleware.UserPreferencesMiddleware",
    "projects.middleware.PupilConfinementMiddleware",
    "community.pwa.OfflineMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Visitors' pages from the shared cache (never a signed-in person's: community/pagecache.py).
    "community.pagecache.VisitorPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.csp.SiteCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# How long a visitor's page may be served from the cache at most (seconds; 0 turns it off).
# Any saved row ends every entry at once; this bounds what `.update()` and the clock change.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

ROOT_URLCONF = "config.urls"
# Django's form renderer with the plain <select> written in Python (community/widgets.py).
FORM_RENDERER = "community.widgets.FormRenderer"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "community.context_processors.platform",
            ],
        },
    },
]

# --- Data --------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                # WAL: readers never wait for the writer (synchronous stays FULL: durable).
                "init_command": "PRAGMA journal_mode=WAL;",
            },
            # One connection per thread, kept: Channels' database thread would otherwise
            # reconnect for every frame it handles. (No health checks: they would add a
            # query to every frame, and a SQLite connection does not go stale.)
            "CONN_MAX_AGE": 600,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.User"

REDIS_URL = os.environ.get("REDIS_URL", "")
CHANNEL_LAYER_PREFIX = os.environ.get("CHANNEL_LAYER_PREFIX", "asgi")
# A room hub's channel (one per room per process, community/realtime/hub.py) carries all of
# that room's events: a burst must not overflow it, as Channels' default queue of 100 would.
CHANNEL_CAPACITY = 5000
if REDIS_URL:
    # Redis pub/sub: one publish per room event, received once per process and fanned out
    # there (channels_redis' list-based layer pops one message per socket from Redis, which
    # caps a 1,000-member room far below the target; see bench/). At-most-once, like every
    # channel layer: clients catch up from the database by seq. CHANNEL_LAYER_KIND=core
    # selects the list-based layer.
    if os.environ.get("CHANNEL_LAYER_KIND", "pubsub") == "core":
        CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {
                    "hosts": [REDIS_URL],
                    "prefix": CHANNEL_LAYER_PREFIX,
                    "capacity": CHANNEL_CAPACITY,
                    "expiry": 60,
                },
            }
        }
    else:
        CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
                "CONFIG": {"hosts": [REDIS_URL], "prefix": CHANNEL_LAYER_PREFIX},
            }
        }
    CACHES = {
        "default": {
            "BACKEND": "community.cache.SharedPoolRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tc"),
            # A paused or unreachable Redis answers within seconds (a post then gets a
            # retryable error) instead of holding the request or the socket's frame for good.
            "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
        }
    }
else:
    # Channels' in-memory layer, minus its O(sockets) sweep per message (see community/realtime/channel_layers.py).
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "community.realtime.channel_layers.FastInMemoryChannelLayer",
            "CONFIG": {"capacity": CHANNEL_CAPACITY},
        }
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (e-mail, digests): django-tasks, immediate unless configured.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}
# Scheduled publishing and expiry of pages: `manage.py run_scheduler` runs them this often (seconds).
SCHEDULED_PUBLISHING_INTERVAL = int(os.environ.get("SCHEDULED_PUBLISHING_INTERVAL", "60"))
# How often the scheduler looks for digests and event reminders that are due (seconds).
EMAIL_SCHEDULE_INTERVAL = int(os.environ.get("EMAIL_SCHEDULE_INTERVAL", "300"))
# What `manage.py run_scheduler` runs: (dotted path of a django-tasks task, interval in seconds).
SCHEDULED_TASKS = [
    ("cms.tasks.publish_scheduled_pages", SCHEDULED_PUBLISHING_INTERVAL),
    ("community.digests.send_due_digests", EMAIL_SCHEDULE_INTERVAL),
    ("cms.tasks.send_event_reminders", EMAIL_SCHEDULE_INTERVAL),
]

# --- Accounts ------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Login throttling: failures per (account, address) within the window.
LOGIN_THROTTLE_ATTEMPTS = int(os.environ.get("LOGIN_THROTTLE_ATTEMPTS", "5"))
LOGIN_THROTTLE_WINDOW = int(os.environ.get("LOGIN_THROTTLE_WINDOW", "900"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Teacher Commons <noreply@teachercommons.example>")
# E-mail digests go out from this hour of the teacher's local time (weekly ones on Mondays).
DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", "7"))
# The mail provider's bounce webhook (POST /email/bounces/) must send "Authorization: Bearer
# <this>"; unset, the webhook refuses everything (use `manage.py record_bounce` instead).
EMAIL_BOUNCE_TOKEN = os.environ.get("EMAIL_BOUNCE_TOKEN", "")

# --- Languages and time --------------------------------------------------------
LANGUAGE_CODE = "en"
ALL_LANGUAGES = [
    ("en", "English"),
    ("az", "Azərbaycan dili"),
    ("ru", "Русский"),
    ("kk", "Қазақ тілі"),
    ("ky", "Кыргызча"),
    ("uz", "Oʻzbekcha"),
    ("tg", "Тоҷикӣ"),
    ("tr", "Türkçe"),
]
# The languages offered: every one of them has a complete catalogue (tests/i18n checks each).
# A deployment may offer fewer: LANGUAGES_ENABLED=en,az,ru. English is always kept.
_enabled = env_list("LANGUAGES_ENABLED", "en,az,ru,kk,ky,uz,tg,tr")
LANGUAGES = [(code, name) for code, name in ALL_LANGUAGES if code == "en" or code in _enabled]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "community.static_storage.StaticStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security headers (production tightens the rest) --------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "font-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Nothing is exempt from the policy (django-csp 4 ignores the old CSP_EXCLUDE_URL_PREFIXES).
# Wagtail's admin still runs inline scripts (inline panels, date pickers, choosers) and applies
# inline styles, and frames its own preview: under these prefixes cms.csp.SiteCSPMiddleware adds
# exactly that to the strict policy above; every other page keeps it as it is.
CSP_ADMIN_URL_PREFIXES = ("/admin/",)
CSP_ADMIN_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "frame-src": [SELF],  # the editor's live preview
}
# Avatars in the admin come from this site, never from Gravatar (an e-mail hash sent to a third party).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Demo data: each app's seeder, in dependency order --------------------------
DEMO_SEEDERS = [
    "community.demo.seed",
    "cms.demo.seed",
    "community.discussions.demo.seed",
    "community.moderation.demo.seed",
    "projects.demo.seed",
]
# `seed_demo --scale large`: the large world on top of the small demo, each `seed(stdout, *, factor)`.
DEMO_LARGE_SEEDERS = [
    "community.demo_large.seed",
    "cms.demo_large.seed",
    "community.discussions.demo_large.seed",
    "projects.demo_large.seed",
]

# --- Extension points between apps (dotted paths, called with import_string) ----
# community never imports cms or projects; those apps plug in here instead.
# Site search: each provider is `search_for(query, *, user, filters) -> list[SearchResult-like dicts]`.
SITE_SEARCH_PROVIDERS = []
# Home page blocks beyond CMS content: `home_section(request) -> dict | None`.
HOME_PAGE_SECTIONS = []
# Learning record sections: `record_section(user) -> dict` (title, items; also used by the export).
LEARNING_RECORD_SECTIONS = []
# Personal data export (account deletion, "download my data"): `export_section(user) -> dict`
# with keys key (str, unique) and data (anything JSON-serialisable); memberships, messages, projects...
DATA_EXPORT_SECTIONS = []
# Reviewers a post passes before publication: `review_post(*, user, room, body, has_links, has_attachments) -> str | None`
# (a reason to hold the post for moderation, or None).
POST_REVIEWERS = []
# Sections of the e-mail digest: `digest_section(user, *, since, until) -> dict | None` with
# keys key, title, items ([{title, url, detail, lines}]) and optionally attachments
# ([(filename, content, mimetype)]); called in the reader's language and time zone.
DIGEST_SECTIONS = []

# --- community (people, accounts) ----------------------------------------------
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_SIZE = 256
AVATAR_MAX_PIXELS = 40_000_000  # larger images are refused before decoding
AUTHENTICATION_BACKENDS = ["community.auth.EmailBackend"]
# A client address is often a whole school behind one router (NAT): it gets far more failed
# sign-ins than one account before it is locked, so one teacher's typos never lock the others.
LOGIN_THROTTLE_IP_ATTEMPTS = int(os.environ.get("LOGIN_THROTTLE_IP_ATTEMPTS", "100"))
# Password-reset mails: per requested address and per client address within the window (seconds).
PASSWORD_RESET_THROTTLE_ATTEMPTS = int(os.environ.get("PASSWORD_RESET_THROTTLE_ATTEMPTS", "3"))
PASSWORD_RESET_THROTTLE_IP_ATTEMPTS = int(os.environ.get("PASSWORD_RESET_THROTTLE_IP_ATTEMPTS", "20"))
PASSWORD_RESET_THROTTLE_WINDOW = int(os.environ.get("PASSWORD_RESET_THROTTLE_WINDOW", "3600"))
# Sign-ups per client address within the window (seconds): a whole school may sign up together.
SIGNUP_THROTTLE_IP_ATTEMPTS = int(os.environ.get("SIGNUP_THROTTLE_IP_ATTEMPTS", "30"))
SIGNUP_THROTTLE_WINDOW = int(os.environ.get("SIGNUP_THROTTLE_WINDOW", "3600"))
# Reverse proxies (addresses or networks) whose X-Forwarded-For is believed for the client address
# of throttling; empty: the header is ignored and the address is the connection's (REMOTE_ADDR).
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
EMAIL_CONFIRMATION_MAX_AGE = 3 * 24 * 60 * 60  # seconds a confirmation link stays valid
TEACHER_DIRECTORY_PAGE_SIZE = 24

# --- community.discussions (communities, rooms, real time) ---------------------
DISCUSSIONS_MAX_BODY = int(os.environ.get("DISCUSSIONS_MAX_BODY", "4000"))  # characters per message
DISCUSSIONS_MAX_FRAME_BYTES = int(os.environ.get("DISCUSSIONS_MAX_FRAME_BYTES", "16384"))
DISCUSSIONS_POSTS_PER_MINUTE = int(os.environ.get("DISCUSSIONS_POSTS_PER_MINUTE", "20"))  # per user, all rooms
DISCUSSIONS_BACKLOG_LIMIT = int(os.environ.get("DISCUSSIONS_BACKLOG_LIMIT", "200"))  # messages per backlog frame
DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE = int(os.environ.get("DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE", "10"))
DISCUSSIONS_PAGE_SIZE = 50  # messages per room page (HTML)
# Direct conversations: people in one (the writer included); days a declined request keeps
# its writer from asking the same teacher again.
DIRECT_MESSAGES_MAX_MEMBERS = 8
DIRECT_MESSAGES_DECLINE_DAYS = int(os.environ.get("DIRECT_MESSAGES_DECLINE_DAYS", "30"))
# Pupils (projects.Pupil): pupils in one class, and failed card sign-ins per class code within
# LOGIN_THROTTLE_WINDOW (a whole class types at once on shared devices: more than one account gets).
PUPILS_PER_CLASS = int(os.environ.get("PUPILS_PER_CLASS", "40"))
PUPIL_SIGN_IN_THROTTLE_ATTEMPTS = int(os.environ.get("PUPIL_SIGN_IN_THROTTLE_ATTEMPTS", "30"))
DISCUSSIONS_DATA_SAVER_PAGE_SIZE = 20  # ... with the data saver on (community.pwa.data_saver)
DISCUSSIONS_DIRECTORY_PAGE_SIZE = 20  # communities per directory page
DISCUSSIONS_AWAY_MINUTES = 10  # a mentioned user not seen for this long gets an e-mail
DISCUSSIONS_ATTACHMENTS_PER_MESSAGE = 4
DISCUSSIONS_ATTACHMENT_IMAGE_MAX_BYTES = 5 * 1024 * 1024
DISCUSSIONS_ATTACHMENT_IMAGE_MAX_SIDE = 1600  # larger images are scaled down (and re-encoded, which drops EXIF)
DISCUSSIONS_ATTACHMENT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DISCUSSIONS_ATTACHMENT_DOCUMENT_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "txt", "csv"]
COMMUNITY_COVER_MAX_BYTES = 3 * 1024 * 1024
COMMUNITY_COVER_SIZE = (1200, 400)  # cover images are cropped and resized to this
SITE_SEARCH_PROVIDERS += ["community.discussions.search.search_for"]
HOME_PAGE_SECTIONS += ["community.discussions.home.home_section"]
LEARNING_RECORD_SECTIONS += ["community.discussions.records.record_section"]
DATA_EXPORT_SECTIONS += ["community.discussions.records.export_section"]
DIGEST_SECTIONS += ["community.discussions.digest.digest_section"]

# --- community.moderation -------------------------------------------------------
# Posts with links or attachments by unverified members, or by accounts younger
# than this many days, are held for review (community.moderation.trust).
MODERATION_NEW_MEMBER_DAYS = int(os.environ.get("MODERATION_NEW_MEMBER_DAYS", "7"))
# Flooding: more than FLOOD_POSTS posts within FLOOD_SECONDS mutes the member
# automatically for FLOOD_MUTE_MINUTES and puts an item in the moderation queue.
MODERATION_FLOOD_POSTS = int(os.environ.get("MODERATION_FLOOD_POSTS", "8"))
MODERATION_FLOOD_SECONDS = int(os.environ.get("MODERATION_FLOOD_SECONDS", "30"))
MODERATION_FLOOD_MUTE_MINUTES = int(os.environ.get("MODERATION_FLOOD_MUTE_MINUTES", "10"))
MODERATION_MAX_MUTE_MINUTES = 60 * 24 * 90
MODERATION_PAGE_SIZE = 30
MODERATION_CONSOLE_DAYS = 30
# A refused teacher may ask for verification again this many hours after the refusal.
MODERATION_VERIFICATION_RETRY_HOURS = int(os.environ.get("MODERATION_VERIFICATION_RETRY_HOURS", "24"))
POST_REVIEWERS += ["community.moderation.trust.review_post"]

# --- cms (Wagtail) ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Teacher Commons"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend, minus a whole-index scan per message posted (config/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "config.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "txt", "csv", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go through Django (permission checks for restricted pages), never straight from /media/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Uploaded documents always download (Content-Disposition: attachment), never open in the site's
# own pages: a PDF or text file is whatever its uploader wrote (tests/security/test_uploads.py).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
INSTALLED_APPS += ["wagtail.contrib.sitemaps"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "webp", "png": "webp", "jpeg": "webp", "gif": "gif"}
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILSEARCH_HITS_MAX_AGE = 14
LEARNING_RECORD_SECTIONS += ["cms.records.record_section"]
DIGEST_SECTIONS += ["cms.digest.digest_section"]

# --- projects ---------------------------------------------------------------------
# The projects app's hooks into the site search, the home page and learning records.
SITE_SEARCH_PROVIDERS += ["projects.search.search_for"]
# sitemap.xml sections other apps add beside the CMS pages (name: dotted path of a Sitemap class).
SITEMAP_SECTIONS = {"project-pages": "projects.sitemaps.ProjectPagesSitemap"}
HOME_PAGE_SECTIONS += ["projects.home.home_section"]
LEARNING_RECORD_SECTIONS += ["projects.records.record_section"]
DATA_EXPORT_SECTIONS += ["projects.records.export_section"]
DIGEST_SECTIONS += ["projects.digest.digest_section"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
