"""Register an authenticator app (TOTP) for a staff account, or remove it.

The account holder scans the QR code (or types the key) into an authenticator
app, then signs in at /admin/ with password and the app's six-digit code.
"""

import io

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Register an authenticator app for a staff account and print the QR code to scan "
        "(--replace: instead of the one it has; --remove: take it away)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--replace", action="store_true", help="Remove the account's authenticator first."
        )
        action.add_argument(
            "--remove", action="store_true", help="Remove the account's authenticator."
        )

    @transaction.atomic
    def handle(self, *args, username, replace, remove, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(f"No account is called {username!r}.") from None
        devices = TOTPDevice.objects.filter(user=user)
        if remove:
            count, _ = devices.delete()
            self.stdout.write(f"Removed {count} authenticator(s) of {username}.")
            return
        if devices.exists() and not replace:
            raise CommandError(
                f"{username} already has an authenticator; use --replace to register a new one."
            )
        devices.delete()
        if not user.is_staff:
            self.stderr.write(f"Note: {username} is not staff and cannot use the admin.")
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        self.stdout.write(f"Authenticator registered for {username}. Scan this code in the app:\n")
        self.stdout.write(_qr_text(device.config_url))
        self.stdout.write(f"\nOr enter this key by hand: {_key_b32(device)}")
        self.stdout.write(f"\nSet-up address (keep it secret): {device.config_url}")


def _key_b32(device) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode().rstrip("=")


def _qr_text(url: str) -> str:
    try:
        import qrcode
    except ImportError:  # pragma: no cover - qrcode is a dependency
        return "(install qrcode to print a QR code here)"
    code = qrcode.QRCode(border=2)
    code.add_data(url)
    out = io.StringIO()
    code.print_ascii(out=out, invert=True)
    return out.getvalue()
