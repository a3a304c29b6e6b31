"""Standard Webhooks signatures: the spec's test vector, tampering, secrets."""

from __future__ import annotations

import base64

import pytest

from lowe_notifications.model.webhooks import (
    InvalidSecret,
    format_secret,
    new_secret,
    parse_secret,
    sign,
    signature_headers,
    verify,
)

# the Standard Webhooks specification's example (also in its reference libraries' tests)
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TIMESTAMP = 1614265330
BODY = '{"test": 2432232314}'
SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_specifications_vector_is_signed_as_the_specification_says() -> None:
    assert sign(parse_secret(SECRET), MSG_ID, TIMESTAMP, BODY) == SIGNATURE


def test_the_headers_carry_id_timestamp_and_signature() -> None:
    headers = signature_headers(parse_secret(SECRET), MSG_ID, TIMESTAMP, BODY)

    assert headers["webhook-id"] == MSG_ID
    assert headers["webhook-timestamp"] == "1614265330"
    assert headers["webhook-signature"] == SIGNATURE
    assert headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("message_id", "timestamp", "body"),
    [
        (MSG_ID, TIMESTAMP, '{"test": 2432232315}'),  # one byte of the body
        (MSG_ID, TIMESTAMP + 1, BODY),
        ("msg_p5jXN8AQM9LWM0D4loKWxJeK", TIMESTAMP, BODY),
    ],
)
def test_any_change_to_id_timestamp_or_body_fails_verification(message_id: str, timestamp: int, body: str) -> None:
    assert verify(parse_secret(SECRET), MSG_ID, TIMESTAMP, BODY, SIGNATURE)
    assert not verify(parse_secret(SECRET), message_id, timestamp, body, SIGNATURE)


def test_a_header_with_several_signatures_passes_when_one_matches() -> None:
    assert verify(parse_secret(SECRET), MSG_ID, TIMESTAMP, BODY, "v1,bm90IGl0 " + SIGNATURE)


def test_a_new_secret_has_32_random_bytes_and_reads_back() -> None:
    first, second = new_secret(), new_secret()

    assert len(first) == 32 and first != second
    assert format_secret(first).startswith("whsec_")
    assert parse_secret(format_secret(first)) == first


def test_a_secret_shorter_than_24_bytes_is_refused() -> None:
    with pytest.raises(InvalidSecret):
        parse_secret("whsec_" + base64.b64encode(b"x" * 23).decode())
