from django.urls import path

from . import pupil_views, views

app_name = "projects"

urlpatterns = [
    path("", views.board, name="board"),
    path("mine/", views.my_projects, name="mine"),
    path("new/", views.project_create, name="create"),
    path("teachers/", views.teacher_search, name="teachers"),
    path("teachers/invite/", views.teacher_invite, name="teacher_invite"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/cover/<str:name>", views.project_cover, name="cover"),
    path("<int:pk>/do/<slug:step>/", views.project_lifecycle, name="lifecycle"),
    path("<int:pk>/join/", views.project_join, name="join"),
    path("<int:pk>/workspace/", views.workspace, name="workspace"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/plan/milestones/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/plan/tasks/", views.task_add, name="task_add"),
    path("tasks/<int:pk>/status/", views.task_status, name="task_status"),
    path("<int:pk>/journal/", views.journal, name="journal"),
    path("<int:pk>/files/", views.files, name="files"),
    path("files/<int:pk>/", views.file_download, name="file"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/pupils/", pupil_views.pupils, name="pupils"),
    path("<int:pk>/pupils/<int:class_pk>/cards/", pupil_views.pupil_cards, name="pupil_cards"),
    path("<int:pk>/pupils/export.json", pupil_views.pupils_export, name="pupils_export"),
    path("pupils/", pupil_views.pupil_home, name="pupil_home"),
    path("pupils/sign-in/", pupil_views.pupil_sign_in, name="pupil_sign_in"),
    path("<int:pk>/members/invite/", views.invite_suggested, name="invite_suggested"),
    path("partnerships/<int:pk>/respond/", views.partnership_respond, name="respond"),
    path("partnerships/<int:pk>/remove/", views.partnership_remove, name="remove"),
    path("<int:pk>/label/", views.label_apply, name="label_apply"),
    path("labels/<int:pk>/", views.label_review, name="label_review"),
    path("showcase/", views.showcase, name="showcase"),
    path("showcase/<int:pk>/", views.showcase_detail, name="showcase_detail"),
    path("showcase/<int:pk>/pages/<int:page_pk>/", views.showcase_page, name="showcase_page"),
    path("<int:pk>/pages/", views.pages, name="pages"),
    path("pages/<int:pk>/edit/", views.page_edit, name="page_edit"),
    path("competitions/", views.competitions, name="competitions"),
    path("competitions/new/", views.competition_create, name="competition_create"),
    path("competitions/<int:pk>/", views.competition_detail, name="competition"),
    path("competitions/<int:pk>/enter/", views.competition_enter, name="competition_enter"),
    path(
        "competitions/<int:pk>/announce/", views.competition_announce, name="competition_announce"
    ),
    path("entries/<int:pk>/score/", views.entry_score, name="entry_score"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
    path(
        "statistics/regions/<int:region_id>/", views.regional_statistics, name="statistics_region"
    ),
]
