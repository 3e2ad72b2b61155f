from django.urls import path

from kozomol.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("new/", views.campaign_create, name="create"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/edit/", views.campaign_edit, name="edit"),
    path("<slug:slug>/advance/", views.campaign_advance, name="advance"),
    path("<slug:slug>/partners/add/", views.partner_add, name="partner_add"),
    path("<slug:slug>/partners/<int:participation_id>/remove/", views.partner_remove, name="partner_remove"),
    path("<slug:slug>/target-groups/add/", views.target_group_add, name="target_group_add"),
    path("<slug:slug>/target-groups/<int:group_id>/edit/", views.target_group_edit, name="target_group_edit"),
]
