"""Signal receivers of the projects app (connected in ProjectsConfig.ready)."""


def pupil_deleted(sender, instance, **kwargs):
    """A pupil's row went (by removal, or with its class, teacher or project): so does the
    account, with the pupil's name and the text of their posts."""
    from .services.pupils import erase_pupil_accounts

    erase_pupil_accounts([instance.user_id])
