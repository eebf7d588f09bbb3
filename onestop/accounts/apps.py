from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "onestop.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        # Project-wide, so done by the project's first app: see the function's docstring.
        from onestop.bad_requests import name_nul_characters_in_the_portals_language

        name_nul_characters_in_the_portals_language()
