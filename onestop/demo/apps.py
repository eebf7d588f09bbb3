from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo province, accounts and catalogue for `make run` (never loaded in production)."""

    name = "onestop.demo"
    label = "demo"
    verbose_name = "Demo"
