"""The staff admin's site: two-factor sign-in when ``settings.REQUIRE_STAFF_2FA`` is on.

With the setting on (the default in production), staff sign in with their
password and the six-digit code of the authenticator app registered for them
(``manage.py totp_device``, see docs/security.md); a session signed in without
the code does not reach the admin. Repeated wrong passwords or codes for one
account from one address lock that pair out for a while (django-axes).
"""

import math

from axes.helpers import get_cool_off
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.sites import AdminSite
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice


def two_factor_required() -> bool:
    return bool(getattr(settings, "REQUIRE_STAFF_2FA", False))


class TwoFactorAuthenticationForm(OTPAdminAuthenticationForm):
    """User name, password and the code from the authenticator app, in one step.

    django-otp asks for the device to verify with; staff have one authenticator
    each, so the form picks it, and says so plainly when there is none.
    """

    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": _("Enter the six-digit code from your authenticator app."),
        "invalid_token": _("The code is not valid. Enter the current code from your app."),
        "device_required": _(
            "No authenticator app is registered for this account. Ask an administrator to "
            "register one."
        ),
        "n_failed_attempts": ngettext_lazy(
            "Too many wrong codes (%(failure_count)d). Wait a moment and try again.",
            "Too many wrong codes (%(failure_count)d). Wait a moment and try again.",
            "failure_count",
        ),
        "verification_not_allowed": _("Codes cannot be checked right now. Try again later."),
    }

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None:
            device = (
                TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()
            )
        return device

    def clean_otp(self, user):
        try:
            super().clean_otp(user)
        except forms.ValidationError:
            if user is not None and self.request is not None:
                # A wrong code counts towards the lockout like a wrong password.
                user_login_failed.send(
                    sender=type(self),
                    credentials={"username": user.get_username()},
                    request=self.request,
                )
            raise


class PortalAdminSite(OTPAdminSite):
    """Django's admin site; with two-factor sign-in required, only verified staff get in."""

    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        return TwoFactorAuthenticationForm if two_factor_required() else AdminAuthenticationForm

    @property
    def login_template(self):
        return "admin/login_two_factor.html" if two_factor_required() else None

    def has_permission(self, request):
        if not AdminSite.has_permission(self, request):
            return False
        if not two_factor_required():
            return True
        is_verified = getattr(request.user, "is_verified", None)
        return bool(is_verified and is_verified())


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (``AXES_LOCKOUT_CALLABLE``): 429, in the admin's look."""
    from django.contrib import admin

    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 60
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "cooloff_minutes": minutes,
    }
    response = render(request, "admin/lockout.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
