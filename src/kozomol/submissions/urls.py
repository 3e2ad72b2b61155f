from kozomol.submissions.io.urls import urlpatterns as io_urlpatterns

app_name = "submissions"
urlpatterns: list = [
    *io_urlpatterns,  # imports and exports (kozomol.submissions.io)
]
