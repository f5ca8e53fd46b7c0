"""Mobile numbers: parsed, validated and stored in E.164 with `phonenumbers`.

A number typed without `+` and country code is read in `PHONE_DEFAULT_REGION`. Only
numbers that can receive a text message are taken (mobile, or fixed-or-mobile where the
numbering plan cannot tell them apart); the stored form is E.164 (`+4915123456789`).
"""

from __future__ import annotations

import phonenumbers
from flask import current_app
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from clinic360.accounts.errors import InvalidPhone

_TEXTABLE = frozenset(
    {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.PAGER}
)
MAX_INPUT_LENGTH = 40


def normalise_mobile(raw: str) -> str:
    """`raw` as E.164, or `InvalidPhone` (unparseable, impossible, invalid, not a mobile)."""
    if len(raw) > MAX_INPUT_LENGTH:
        raise InvalidPhone()
    try:
        number = phonenumbers.parse(raw, current_app.config["PHONE_DEFAULT_REGION"])
    except NumberParseException:
        raise InvalidPhone() from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone()
    if phonenumbers.number_type(number) not in _TEXTABLE:
        raise InvalidPhone("That number cannot receive text messages; enter a mobile number.")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)
