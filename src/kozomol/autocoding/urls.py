app_name = "autocoding"
urlpatterns: list = []
