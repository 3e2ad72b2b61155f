from django.urls import path, re_path

from kozomol.analytics import views

app_name = "analytics"
urlpatterns = [
    path("campaigns/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path("campaigns/<slug:slug>/dashboard/consular/", views.consular, name="consular"),
    path("campaigns/<slug:slug>/dashboard/indicators/", views.indicators, name="indicators"),
    re_path(
        r"^campaigns/(?P<slug>[-a-zA-Z0-9_]+)/dashboard/chart/(?P<key>[-a-zA-Z0-9_]+)\.(?P<fmt>csv|svg|png)$",
        views.chart_download,
        name="chart_download",
    ),
    path("campaigns/<slug:slug>/dashboard/chart/<slug:key>/send/", views.chart_send, name="chart_send"),
]
