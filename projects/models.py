"""Cross-school projects: the project, its partners, workspace, labels and awards.

Workflows live in projects/services.py; who may do what in projects/permissions.py.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from community.files import UnguessableName


class Project(index.Indexed, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SEEKING = "seeking", _("Seeking partners")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    subjects = models.ManyToManyField(
        "community.Subject", blank=True, related_name="projects", verbose_name=_("subjects")
    )
    languages = models.ManyToManyField(
        "community.Language",
        blank=True,
        related_name="projects",
        verbose_name=_("working languages"),
    )
    age_min = models.PositiveSmallIntegerField(_("pupils' youngest age"))
    age_max = models.PositiveSmallIntegerField(_("pupils' oldest age"))
    curriculum_topics = models.TextField(
        _("curriculum topics"),
        blank=True,
        help_text=_("For each subject, the topics of the curriculum the project serves."),
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    # Served by projects.views.project_cover to those who may see the project (community.files).
    cover = models.ImageField(
        _("cover image"), upload_to=UnguessableName("covers/projects"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    founder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="founded_projects",
        verbose_name=_("founder"),
    )
    room = models.OneToOneField(
        "discussions.Room",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    final_report = models.TextField(_("final report"), blank=True)
    final_report_html = models.TextField(editable=False, blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    outcomes_html = models.TextField(editable=False, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(
        _("published on the showcase"), null=True, blank=True, editable=False, db_index=True
    )
    pupils_premoderated = models.BooleanField(
        _("pupils' posts wait for their teacher's approval"),
        default=True,
        help_text=_("Teachers see a pupil's post at once; the other pupils once it is approved."),
    )
    pupils_write_pages = models.BooleanField(
        _("pupils may write project pages"),
        default=False,
        help_text=_("A pupil writes pages of their own; pre-moderation applies to them as to posts."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("outcomes"),
        index.FilterField("published_at"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(age_max__gte=models.F("age_min")), name="project_age_range"
            ),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.title

    @property
    def cover_url(self):
        """The cover's address (through the permission check), "" without a cover."""
        if not self.cover:
            return ""
        from django.urls import reverse

        return reverse("projects:cover", args=[self.pk, self.cover.name.rsplit("/", 1)[-1]])

    @property
    def is_published(self):
        return self.published_at is not None

    def reportable_by(self, user):
        """Moderation's report form asks this: only those who may see a project can report it."""
        from projects.permissions import can_view_project

        return can_view_project(user, self)

    @property
    def is_read_only(self):
        return self.status == self.Status.ARCHIVED


class Partnership(models.Model):
    """A teacher's place in a project: invited, requested, accepted or declined; with a role."""

    class Role(models.TextChoices):
        FOUNDER = "founder", _("Founder")
        PARTNER = "partner", _("Partner")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        REQUESTED = "requested", _("Asked to join")
        ACCEPTED = "accepted", _("Taking part")
        DECLINED = "declined", _("Declined")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_partnerships"
    )
    school = models.ForeignKey(
        "community.School",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_partnerships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="unique_partnership")
        ]
        indexes = [models.Index(fields=["user", "status"])]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return f"{self.user} · {self.project} ({self.status})"

    @property
    def can_invite(self):
        return self.status == self.Status.ACCEPTED and self.role in (
            self.Role.FOUNDER,
            self.Role.PARTNER,
        )


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("date"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class Task(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("In progress")
        DONE = "done", _("Done")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    milestone = models.ForeignKey(
        Milestone,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("milestone"),
    )
    title = models.CharField(_("task"), max_length=200)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_tasks",
        verbose_name=_("assignee"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.TODO
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self):
        return self.title


class JournalEntry(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="journal_entries")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    school = models.ForeignKey(
        "community.School",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("school"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("what we did"))
    body_html = models.TextField(editable=False, blank=True)
    happened_on = models.DateField(_("date"))
    on_showcase = models.BooleanField(_("show on the showcase"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self):
        return self.title


class ProjectFile(models.Model):
    """An uploaded image or document: attached to a journal entry, or a shared file of the workspace."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="files")
    entry = models.ForeignKey(
        JournalEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    page = models.ForeignKey(
        "ProjectPage", null=True, blank=True, on_delete=models.CASCADE, related_name="images"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to="projects/files/%Y/%m/")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("projects:file", args=[self.pk])


class LabelCriterion(models.TextChoices):
    INNOVATION = "innovation", _("Pedagogical innovation and creativity")
    CURRICULUM = "curriculum", _("Curricular integration")
    COLLABORATION = "collaboration", _("Collaboration between partner schools")
    TECHNOLOGY = "technology", _("Use of technology")
    RESULTS = "results", _("Results, impact and documentation")


LABEL_SCORE_MIN = 0
LABEL_SCORE_MAX = 4


class LabelApplication(models.Model):
    """A quality-label application: one per project; answers, then a reviewer's scores and decision.

    `answers`, `scores` and `feedback` map each LabelCriterion value to text / a score.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        GRANTED = "granted", _("Label granted")
        REFUSED = "refused", _("Label refused")

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="label_application"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    scores = models.JSONField(default=dict, blank=True)
    feedback = models.JSONField(default=dict, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quality-label application")
        verbose_name_plural = _("quality-label applications")

    def __str__(self):
        return f"{self.project} ({self.status})"

    @property
    def total_score(self):
        return sum(int(v) for v in (self.scores or {}).values())


class Competition(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateTimeField(_("deadline for entries"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    jury = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="juries", verbose_name=_("jury")
    )
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")

    def __str__(self):
        return self.title


class CompetitionCategory(models.Model):
    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(_("category"), max_length=120)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "name"], name="unique_category_name")
        ]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


ENTRY_SCORE_MIN = 0
ENTRY_SCORE_MAX = 10


class CompetitionEntry(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entries")
    category = models.ForeignKey(
        CompetitionCategory, on_delete=models.CASCADE, related_name="entries"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="competition_entries"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "project"], name="unique_entry")
        ]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")

    def __str__(self):
        return f"{self.project} · {self.competition}"


class EntryScore(models.Model):
    entry = models.ForeignKey(CompetitionEntry, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "juror"], name="unique_entry_score")
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self):
        return f"{self.entry}: {self.score}"


class Award(models.Model):
    """A competition's winner in a category, announced on the showcase."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="awards")
    category = models.ForeignKey(
        CompetitionCategory, on_delete=models.CASCADE, related_name="awards"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="awards")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "category"], name="one_winner_per_category"
            )
        ]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return f"{self.competition}: {self.category} · {self.project}"


class ProjectPage(models.Model):
    """A page telling the project's story: private to members until a teacher publishes it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pages")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    position = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Who started the page (a teacher or, when the project allows it, a pupil).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A pupil's page in a pre-moderated project: the project's teachers and its author see it,
    # the other pupils once the pupil's own teacher approves it.
    held = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("project page")
        verbose_name_plural = _("project pages")

    def __str__(self):
        return self.title


class ProjectPageRevision(models.Model):
    """The title and text a page had before one edit, and who made that edit."""

    page = models.ForeignKey(ProjectPage, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous_title = models.CharField(max_length=200)
    previous_body = models.TextField(blank=True)
    edited_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-edited_at", "-id"]

    def __str__(self):
        return self.previous_title


class PupilClass(models.Model):
    """A teacher's class list in one project. Its pupils sign in with the class `code` and the
    password on their card, on a shared classroom device; they see this project's workspace only.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pupil_classes")
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pupil_classes"
    )
    name = models.CharField(_("class"), max_length=40)
    code = models.CharField(_("class code"), max_length=8, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")

    def __str__(self):
        return f"{self.name} · {self.project}"


class Pupil(models.Model):
    """A pupil of a class: a first name, an initial and a grade; no e-mail, no birth date, no
    surname in full. The account (`user`, `is_pupil`) exists only for signing in and authorship.
    `card_word` is the password printed on the class cards (the teacher prints and resets it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pupil"
    )
    pupil_class = models.ForeignKey(PupilClass, on_delete=models.CASCADE, related_name="pupils")
    first_name = models.CharField(_("first name"), max_length=40)
    initial = models.CharField(_("initial"), max_length=2)
    grade = models.PositiveSmallIntegerField(_("grade"))
    card_word = models.CharField(max_length=40, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["first_name", "initial", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil_class", "card_word"], name="unique_card_word_per_class"
            )
        ]
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return f"{self.first_name} {self.initial}."
