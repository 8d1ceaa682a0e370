"""Every write to projects: one keyword-only function per action, transactional and permission-checked.

Refused actions raise community.errors.ActionError(code, detail); nothing is half-saved.
"""

from .competitions import (  # noqa: F401
    competition_announce,
    competition_create,
    competition_enter,
    entry_score,
)
from .labels import label_apply, label_review  # noqa: F401
from .lifecycle import (  # noqa: F401
    project_archive,
    project_complete,
    project_create,
    project_open_for_partners,
    project_publish,
    project_unpublish,
    project_update,
)
from .pages import (  # noqa: F401
    page_approve,
    page_create,
    page_delete,
    page_edit,
    page_reorder,
    page_set_published,
)
from .partners import (  # noqa: F401
    partnership_invite,
    partnership_remove,
    partnership_request,
    partnership_respond_invitation,
    partnership_respond_request,
)
from .pupils import (  # noqa: F401
    pupil_class_create,
    pupil_post_decide,
    pupil_remove,
    pupil_reset_card,
    pupils_add,
    pupils_set_pages,
    pupils_set_premoderation,
)
from .workspace import (  # noqa: F401
    file_upload,
    journal_entry_create,
    milestone_create,
    task_create,
    task_set_status,
)
