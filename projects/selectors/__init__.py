"""Every non-trivial read of projects, with related rows loaded; partner matching; statistics.

One module per domain, re-exported here, so callers keep `from projects import selectors`.
"""

from .listings import (  # noqa: F401
    all_published_pages,
    project_board,
    projects_of,
    published_page,
    published_pages,
    showcase,
    showcase_detail,
)
from .matching import (  # noqa: F401
    GRADE_TO_AGE,
    SUGGESTION_POOL,
    WEIGHTS,
    Candidate,
    ProjectNeeds,
    Suggestion,
    age_to_grade,
    candidate_from_profile,
    clean_filters,
    grades_to_ages,
    invitable_projects,
    partner_suggestions,
    project_needs,
    rank_candidates,
    score_candidate,
    teacher_search,
)
from .pupils import (  # noqa: F401
    pupils_export,
    pupils_tab,
)
from .recognition import (  # noqa: F401
    competition_awards,
    competition_entries,
    competitions,
    label_queue,
    record_of,
)
from .statistics import (  # noqa: F401
    headline_totals,
    statistics,
)
from .workspace import (  # noqa: F401
    members_of,
    partner_schools,
    workspace,
    workspace_files,
    workspace_pages,
)
