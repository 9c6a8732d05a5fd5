from django.contrib.auth import views as auth_views
from django.urls import include, path

from core import views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="core/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard_home, name="dashboard-home"),
    path("s/<slug:store_slug>/skills/", include("skills.urls")),
    path("s/<slug:store_slug>/content/", include("knowledge.urls")),
    path("s/<slug:store_slug>/integrations/", include("integrations.urls")),
    path("s/<slug:store_slug>/", include("agent.urls")),
]
