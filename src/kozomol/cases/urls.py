from django.urls import path

from kozomol.cases import views

app_name = "cases"
urlpatterns = [
    # Public, no account.
    path("appeal/", views.appeal_form, name="appeal"),
    path("appeal/status/", views.appeal_status, name="appeal_status"),
    path("appeal/status/add/", views.appeal_add_information, name="appeal_add"),
    path("appeal/status/leave/", views.appeal_status_leave, name="appeal_leave"),
    path("appeal/statistics/", views.appeal_statistics_public, name="statistics_public"),
    # Caseworkers.
    path("cases/", views.case_queue, name="queue"),
    path("cases/new/", views.case_new, name="new"),
    path("cases/erase/", views.person_erase, name="erase"),
    path("cases/referrals/", views.referral_inbox, name="referrals"),
    path("cases/referrals/<int:pk>/", views.referral_answer, name="referral_answer"),
    path("cases/profile/", views.caseworker_profile, name="profile"),
    path("cases/statistics/", views.case_statistics, name="statistics"),
    path("cases/<int:pk>/", views.case_detail, name="detail"),
    path("cases/<int:pk>/triage/", views.case_triage, name="triage"),
    path("cases/<int:pk>/assign/", views.case_assign, name="assign"),
    path("cases/<int:pk>/plan/", views.case_plan, name="plan"),
    path("cases/<int:pk>/action/", views.case_action, name="action"),
    path("cases/<int:pk>/refer/", views.case_refer, name="refer"),
    path("cases/<int:pk>/close/", views.case_close, name="close"),
    path("cases/<int:pk>/reopen/", views.case_reopen, name="reopen"),
    path("cases/<int:pk>/files/<str:name>/", views.attachment_download, name="attachment"),
]
