from django.contrib import admin

from kozomol.campaigns.models import Campaign, Participation, TargetGroup


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


class TargetGroupInline(admin.TabularInline):
    model = TargetGroup
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["slug", "title", "status", "period_start", "period_end"]
    list_filter = ["status"]
    search_fields = ["slug", "title"]
    inlines = [ParticipationInline, TargetGroupInline]
