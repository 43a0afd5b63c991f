import uuid

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, models, transaction
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.http import urlencode
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, AbstractFormSubmission, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from accounts.access import is_verified_member
from consultations.models import ConsultationPage
from core import ratelimit
from core.models import BasePage

from .emails import send_receipt
from .forms import AGREEMENT_SCALE, LONG_TEXT_MAX_LENGTH, QuestionType, SurveyFormBuilder

# A member gets one response, but may send the form back with mistakes a few
# times; the limit stops a script, not a person.
RATE_LIMITED_ACTION = "answer_survey"

# The most values one question's answer keeps before sign-in (the ticks of a multiple choice).
DRAFT_MAX_VALUES = 50
SIGN_IN_TO_SEND = "Sign in or join to send your answers. We have kept what you typed on the survey."


class AlreadyResponded(Exception):
    """The member's response was stored by another request first."""


class SurveyResponse(AbstractFormSubmission):
    """One member's answers to one survey.

    Staff see `respondent_key`, a random id, never who answered. The profile
    answers are copied when the member responds, so a later profile edit does
    not move an answer from one group to another in the results.
    """

    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    respondent_key = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    area = models.CharField(max_length=80, blank=True)
    age_band = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = "survey response"
        constraints = [
            models.UniqueConstraint(fields=["page", "respondent"], name="one_survey_response_per_member"),
        ]
        indexes = [models.Index(fields=["page", "submit_time"])]

    def get_data(self):
        return {**super().get_data(), "respondent_key": str(self.respondent_key)}


class SurveyField(AbstractFormField):
    page = ParentalKey("SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(verbose_name="question type", max_length=16, choices=QuestionType.CHOICES)
    field_type.required_on_save = True

    panels = [
        FieldPanel("label", heading="Question"),
        FieldPanel("help_text", heading="Hint"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices", classname="formbuilder-choices"),
    ]

    def get_choices(self):
        return [value for value, label in SurveyFormBuilder([]).get_formatted_field_choices(self)]


class SurveyPage(FormMixin, BasePage):
    """A questionnaire for a consultation: open while it is, one response per member."""

    intro = RichTextField(
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=(
            "Shown above the questions: what the survey is about, how long it takes and how answers are used."
        ),
    )
    thank_you_text = RichTextField(
        blank=True,
        verbose_name="What happens next",
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text="Shown after a member sends their answers.",
    )

    form_builder = SurveyFormBuilder

    content_panels = BasePage.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Questions", heading="Questions"),
        MultiFieldPanel([FieldPanel("thank_you_text")], heading="After sending"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []

    def get_submissions_list_view_class(self):
        from .views import SurveySubmissionsListView

        return SurveySubmissionsListView

    def get_data_fields(self):
        submit_time, *questions = super().get_data_fields()
        return [submit_time, ("respondent_key", "Respondent (anonymous id)"), *questions]

    def get_submission_class(self):
        return SurveyResponse

    @cached_property
    def consultation(self):
        # Its response count is counted when shown, after any answers this request saves.
        return ConsultationPage.objects.select_related("topic", "hero_image").parent_of(self).get()

    @property
    def is_open(self):
        return self.consultation.is_open

    def response_of(self, user):
        return SurveyResponse.objects.filter(page=self, respondent=user).first()

    def process_form_submission(self, form):
        user = form.user
        profile = getattr(user, "profile", None)
        try:
            # A savepoint, so a member's second (or simultaneous) submission
            # fails on the unique constraint without breaking the request.
            with transaction.atomic():
                submission = SurveyResponse.objects.create(
                    page=self,
                    form_data=form.cleaned_data,
                    respondent=user,
                    area=profile.area if profile else "",
                    age_band=profile.age_band if profile else "",
                )
                send_receipt(self, submission, self.answers_of(submission))
                return submission
        except IntegrityError as error:
            raise AlreadyResponded from error

    def answers_of(self, submission):
        """(question, answer) pairs in question order, for showing a member their response."""
        labels = dict(AGREEMENT_SCALE)
        data = submission.form_data
        answers = []
        for field in self.get_form_fields():
            value = data.get(field.clean_name)
            if isinstance(value, list):
                value = ", ".join(value)
            elif field.field_type == QuestionType.AGREEMENT and value is not None:
                value = labels.get(value, value)
            answers.append((field.label, value if value not in (None, "") else "Not answered"))
        return answers

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultation"] = self.consultation
        return context

    def serve(self, request, *args, **kwargs):
        response = self._serve(request)
        # The page differs for every member, and before and after they answer.
        add_never_cache_headers(response)
        return response

    def refusal(self, request):
        """Why this request may not answer the survey ("closed", "sign-in", "verify"), or None."""
        if not self.is_open:
            return "closed"
        if not request.user.is_authenticated:
            return "sign-in"
        if not is_verified_member(request.user):
            return "verify"
        return None

    def _serve(self, request):
        context = self.get_context(request)
        if getattr(request, "is_preview", False):
            context.update(state="form", form=self.get_form(page=self, user=request.user))
            return TemplateResponse(request, self.get_template(request), context)

        refusal = self.refusal(request)
        if refusal == "sign-in" and request.method == "POST":
            # Signing in keeps the session's data, so the answers wait there for the member.
            self.keep_draft(request)
            messages.info(request, SIGN_IN_TO_SEND)
            return redirect(f"{reverse('account_login')}?{urlencode({'next': self.url})}")
        if refusal in ("sign-in", "verify"):
            # Anyone may read the questions; only a verified member may answer.
            if request.method == "POST":
                self.keep_draft(request)
            context.update(
                state=refusal, form=self.get_form(page=self, user=request.user, initial=self.draft(request))
            )
            status = 403 if request.method == "POST" else 200
            return TemplateResponse(request, self.get_template(request), context, status=status)
        if refusal:
            context["state"] = refusal
            # Members can still read what they said once the survey has closed.
            submission = None
            if request.user.is_authenticated:
                submission = self.response_of(request.user)
            if submission is not None:
                context.update(submission=submission, answers=self.answers_of(submission))
            status = 403 if request.method == "POST" else 200
            return TemplateResponse(request, self.get_template(request), context, status=status)

        existing = self.response_of(request.user)
        if existing is not None:
            return self.render_already_responded(request, context, existing)

        status = 200
        if request.method == "POST":
            form = self.get_form(request.POST, page=self, user=request.user)
            if not ratelimit.allows(request, RATE_LIMITED_ACTION, form=form):
                status = ratelimit.TOO_MANY_REQUESTS
            elif form.is_valid():
                try:
                    submission = self.process_form_submission(form)
                except AlreadyResponded:
                    return self.render_already_responded(request, context, self.response_of(request.user))
                request.session.pop(self.draft_key, None)
                return self.render_landing_page(request, submission)
        else:
            form = self.get_form(page=self, user=request.user, initial=self.draft(request))

        context.update(state="form", form=form)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @property
    def draft_key(self):
        return f"survey-draft-{self.pk}"

    def keep_draft(self, request):
        """Keep the answers someone sent before they could answer, for the form after they sign in.

        Only the survey's own fields, each cut to the longest answer the form takes,
        so a visitor's session holds no more than one response would.
        """
        sent = {field.clean_name: request.POST.getlist(field.clean_name) for field in self.get_form_fields()}
        request.session[self.draft_key] = {
            name: [value[:LONG_TEXT_MAX_LENGTH] for value in values[:DRAFT_MAX_VALUES]]
            for name, values in sent.items()
        }

    def draft(self, request):
        """The kept answers as the form's initial values, or None."""
        kept = request.session.get(self.draft_key)
        if not kept:
            return None
        data = QueryDict(mutable=True)
        for name, values in kept.items():
            data.setlist(name, values)
        form = self.get_form(page=self, user=request.user)
        return {
            name: field.widget.value_from_datadict(data, {}, name)
            for name, field in form.fields.items()
            if name in kept
        }

    def render_already_responded(self, request, context, submission):
        context.update(state="responded", answers=self.answers_of(submission), submission=submission)
        return TemplateResponse(request, self.get_template(request), context)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        context["form_submission"] = form_submission
        if form_submission is not None:
            context["answers"] = self.answers_of(form_submission)
        return TemplateResponse(request, self.get_landing_page_template(request), context)
