import os


def settings_module():
    """DJANGO_ENV=production selects the production settings; dev otherwise."""
    if os.environ.get("DJANGO_ENV", "").lower() == "production":
        return "config.settings.production"
    return "config.settings.dev"
