from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "onestop.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
