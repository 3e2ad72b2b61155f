from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from kozomol.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done")),
        name="password_change",
    ),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/kozomol_password_reset_email.txt",
            subject_template_name="registration/kozomol_password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:org_id>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:org_id>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:org_id>/members/add/", views.member_add, name="member_add"),
    path(
        "organisations/<int:org_id>/members/<int:membership_id>/role/", views.member_role, name="member_role"
    ),
    path(
        "organisations/<int:org_id>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
]
