"""`make run`'s local mail catcher (deploy/local/mail_catcher.py), run as its own process: what the notifications
service sends over SMTP lands as one .eml file per message."""

from __future__ import annotations

import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

CATCHER = Path(__file__).resolve().parents[2] / "deploy" / "local" / "mail_catcher.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def catcher(tmp_path: Path) -> Iterator[tuple[int, Path, subprocess.Popen[str]]]:
    port, mail = free_port(), tmp_path / "mail"
    process = subprocess.Popen(
        [sys.executable, str(CATCHER), "--port", str(port), "--dir", str(mail)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(lambda: listening(port) or process.poll() is not None)
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        yield port, mail, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(10)


def test_each_message_sent_over_smtp_is_written_to_its_own_eml_file_and_logged(
    catcher: tuple[int, Path, subprocess.Popen[str]],
) -> None:
    port, mail, process = catcher
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "lowe@example.pl", "centrum@example.pl", "Zażółć gęślą jaźń"
    message.set_content("Treść wiadomości.")

    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(message)
        smtp.send_message(message)

    wait_for(lambda: len(list(mail.glob("*.eml"))) == 2)
    files = sorted(mail.glob("*.eml"))
    assert [path.name.endswith(f"-{n}.eml") for n, path in enumerate(files, 1)] == [True, True]
    assert b"Subject: =?utf-8?" in files[0].read_bytes()
    process.terminate()
    output, _ = process.communicate(timeout=10)
    assert process.returncode == 0
    logged = [line for line in output.splitlines() if line.startswith("[mail] lowe@example.pl")]
    assert len(logged) == 2
    assert "centrum@example.pl: Zażółć gęślą jaźń" in logged[0]


def test_when_something_already_listens_on_the_port_it_says_so_and_exits(
    catcher: tuple[int, Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    port, _mail, _process = catcher

    second = subprocess.run(
        [sys.executable, str(CATCHER), "--port", str(port), "--dir", str(tmp_path / "other")],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert second.returncode == 3
    assert f"something already listens on 127.0.0.1:{port}" in second.stderr
