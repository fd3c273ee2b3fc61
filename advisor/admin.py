"""The Django admin for staff: candidates, pipelines with their rounds, people with profiles."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from advisor.models import Interviewer, Pipeline, Profile, Round, Touch, User


@admin.register(User)
class CandidateAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Advice", {"fields": ("display_name", "stance", "linkedin_premium", "time_zone")}),
    )


class RoundInline(admin.TabularInline):
    model = Round
    fields = ("position", "name", "kind", "status", "scheduled_at")
    extra = 0


@admin.register(Pipeline)
class PipelineAdmin(admin.ModelAdmin):
    list_display = ("company", "role", "status", "owner", "updated")
    list_filter = ("status",)
    search_fields = ("company", "role", "owner__username")
    list_select_related = ("owner",)
    inlines = [RoundInline]


class ProfileInline(admin.TabularInline):
    model = Profile
    extra = 0


@admin.register(Interviewer)
class InterviewerAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "company", "owner")
    search_fields = ("name", "company", "owner__username")
    list_select_related = ("owner",)
    inlines = [ProfileInline]


@admin.register(Touch)
class TouchAdmin(admin.ModelAdmin):
    list_display = ("interviewer", "kind", "at")
    list_filter = ("kind",)
    list_select_related = ("interviewer",)
