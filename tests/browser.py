"""A real browser for the tests: Debian's headless chromium, driven over the DevTools
protocol on a pipe (`--remote-debugging-pipe`: JSON messages ended by a NUL byte on file
descriptors 3 and 4), with the standard library alone.

The protocol, not `--dump-dom`, because a page is measured as shipped (its policy forbids
scripts; DevTools' own evaluation is not a page script) and at a phone's width (headless
windows are at least 500 px wide; device metrics emulation is exact).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--mute-audio"]
TIMEOUT = 30.0


class BrowserError(RuntimeError):
    pass


class Browser:
    """One headless chromium; `open(path, width, height)` gives a Page."""

    def __init__(self) -> None:
        assert CHROMIUM is not None
        self.profile = tempfile.mkdtemp(prefix="pilkada-chromium-")
        to_browser, from_us = os.pipe()
        to_us, from_browser = os.pipe()

        def wire() -> None:  # in the child: the pipes on 3 (commands) and 4 (answers)
            ours = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10)
            theirs = fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(ours, 3)
            os.dup2(theirs, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
             "about:blank"], pass_fds=(3, 4), preexec_fn=wire,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._out = from_us
        self._in = to_us
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer["result"]
                return result
            self.events.append(answer)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        import select

        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._in], [], [], TIMEOUT)
            if not ready:
                raise BrowserError("chromium did not answer in time")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise BrowserError("chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def open(self, path: Path, width: int, height: int, mobile: bool = False) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable", session=session)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": mobile}, session=session)
        self.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        self.wait_for("Page.loadEventFired", session)
        return Page(self, session, target)

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.proc.wait(10)
        except (BrowserError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self._out)
            os.close(self._in)
            shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, browser: Browser, session: str, target: str) -> None:
        self.browser = browser
        self.session = session
        self.target = target

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression, run by DevTools (not by the page)."""
        result = self.browser.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True},
            session=self.session)
        if "exceptionDetails" in result:
            raise BrowserError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    def screenshot(self, path: Path, full: bool = True) -> Path:
        data = self.browser.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": full}, session=self.session)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def requests(self) -> list[str]:
        """Every URL the page asked for since it was opened."""
        return [e["params"]["request"]["url"] for e in self.browser.events
                if e.get("method") == "Network.requestWillBeSent"
                and e.get("sessionId") == self.session]

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
