"""The Django admin for staff: candidates, pipelines with their rounds, people with profiles."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from advisor.models import Interviewer, Pipeline, Profile, Round, Touch, User
from advisor.overview import data_changed


class OwnerSeesChanges:
    """A change made here moves its owner's data version on, as the owner's own writes do
    (middleware.writes_recount_overview): their board works its figures and rows out again
    instead of showing what was kept, with links to what is gone."""

    owner_lookup = "owner_id"  # the owner's id, as a lookup from this page's model

    def owner_id(self, obj) -> int:
        return obj.owner_id

    def save_model(self, request, obj, form, change):
        # Given to another owner, it must also leave the pages its old owner's version keeps.
        before = set()
        if change:
            stored = type(obj).objects.filter(pk=obj.pk)
            before = set(stored.values_list(self.owner_lookup, flat=True))
        super().save_model(request, obj, form, change)
        for owner_id in before | {self.owner_id(obj)}:
            data_changed(owner_id)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # the inlines: rounds, profiles
        data_changed(self.owner_id(form.instance))

    def delete_model(self, request, obj):
        owner_id = self.owner_id(obj)
        super().delete_model(request, obj)
        data_changed(owner_id)

    def delete_queryset(self, request, queryset):
        owners = set(queryset.values_list(self.owner_lookup, flat=True))
        super().delete_queryset(request, queryset)
        for owner_id in owners:
            data_changed(owner_id)


@admin.register(User)
class CandidateAdmin(OwnerSeesChanges, UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Advice", {"fields": ("display_name", "stance", "linkedin_premium", "time_zone")}),
    )
    owner_lookup = "pk"

    def owner_id(self, obj) -> int:
        return obj.pk


class RoundInline(admin.TabularInline):
    model = Round
    fields = ("position", "name", "kind", "status", "scheduled_at")
    extra = 0


@admin.register(Pipeline)
class PipelineAdmin(OwnerSeesChanges, admin.ModelAdmin):
    list_display = ("company", "role", "status", "owner", "updated")
    list_filter = ("status",)
    search_fields = ("company", "role", "owner__username")
    list_select_related = ("owner",)
    inlines = [RoundInline]


class ProfileInline(admin.TabularInline):
    model = Profile
    extra = 0


@admin.register(Interviewer)
class InterviewerAdmin(OwnerSeesChanges, admin.ModelAdmin):
    list_display = ("name", "title", "company", "owner")
    search_fields = ("name", "company", "owner__username")
    list_select_related = ("owner",)
    inlines = [ProfileInline]


@admin.register(Touch)
class TouchAdmin(OwnerSeesChanges, admin.ModelAdmin):
    list_display = ("interviewer", "kind", "at")
    list_filter = ("kind",)
    list_select_related = ("interviewer",)
    owner_lookup = "interviewer__owner_id"

    def owner_id(self, obj) -> int:
        return obj.interviewer.owner_id
