"""Login rate limiting, in process: at most ``max_failures`` failed logins per
(user name, client IP) within a sliding ``window``; after that, every attempt for that pair
is refused until the oldest failure leaves the window. A success clears the pair.

Defaults: 5 failures per 15 minutes. The state lives in the server process (several uvicorn
workers each keep their own), which is enough to make online guessing slow; put a reverse
proxy limit in front for more.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from tollwatch.errors import TooManyAttempts

__all__ = ["DEFAULT_MAX_FAILURES", "DEFAULT_WINDOW_SECONDS", "LoginLimiter"]

DEFAULT_MAX_FAILURES = 5
DEFAULT_WINDOW_SECONDS = 15 * 60
_MAX_KEYS = 100_000


class LoginLimiter:
    def __init__(
        self,
        max_failures: int = DEFAULT_MAX_FAILURES,
        window_seconds: float = DEFAULT_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window_seconds
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(name: str, ip: str) -> tuple[str, str]:
        return (name.strip().casefold(), ip)

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        stamps = self._failures.get(key)
        if stamps is None:
            return deque()
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        if not stamps:
            del self._failures[key]
        return stamps

    def check(self, name: str, ip: str) -> None:
        """Raise TooManyAttempts when this (name, ip) is locked out right now."""
        now = self._clock()
        with self._lock:
            stamps = self._recent(self._key(name, ip), now)
            if len(stamps) >= self.max_failures:
                wait = int(stamps[0] + self.window - now) + 1
                raise TooManyAttempts(
                    f"too many failed logins for {name!r} from {ip}",
                    hint=f"try again in {wait} seconds",
                )

    def begin(self, name: str, ip: str) -> None:
        """Check and count one attempt at once (under the lock): raise TooManyAttempts when
        the pair is locked out, else record the attempt as a failure until ``succeeded``
        clears it. Concurrent attempts cannot all pass the check before any of them fails
        (30 at once against a limit of 5: 5 are tried, 25 refused)."""
        now = self._clock()
        with self._lock:
            key = self._key(name, ip)
            stamps = self._recent(key, now)
            if len(stamps) >= self.max_failures:
                wait = int(stamps[0] + self.window - now) + 1
                raise TooManyAttempts(
                    f"too many failed logins for {name!r} from {ip}",
                    hint=f"try again in {wait} seconds",
                )
            self._prune(now)
            self._failures.setdefault(key, deque()).append(now)

    def _prune(self, now: float) -> None:
        if len(self._failures) >= _MAX_KEYS:  # bounded memory under a spray of names
            for old in [k for k, v in self._failures.items() if v[-1] <= now - self.window]:
                del self._failures[old]

    def failed(self, name: str, ip: str) -> None:
        now = self._clock()
        with self._lock:
            if len(self._failures) >= _MAX_KEYS:  # bounded memory under a spray of names
                for old in [k for k, v in self._failures.items() if v[-1] <= now - self.window]:
                    del self._failures[old]
            key = self._key(name, ip)
            self._recent(key, now)
            self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, name: str, ip: str) -> None:
        with self._lock:
            self._failures.pop(self._key(name, ip), None)
