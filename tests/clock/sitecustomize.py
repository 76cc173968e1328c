"""The suite at another date: with PLANWATCH_TEST_DATE=YYYY-MM-DD the clock of every Python process of a test
run starts that day and ticks on (`make test-far`). pytest's conftest starts it in the test process; this file,
on PYTHONPATH, in the processes the tests start (the command line, server and ingest worker processes).

time-machine rather than libfaketime: libfaketime 0.9.10 (Debian's) makes a lock acquired with a timeout wait
for ever and `time.sleep` fail with EINVAL under Python 3.11, so threads and workers could not be tested under
it; time-machine moves the wall clock (time, datetime, date) and leaves the monotonic clock timeouts count on."""

from __future__ import annotations

import os
from datetime import datetime

DATE_VARIABLE = "PLANWATCH_TEST_DATE"


def travel_from_environment() -> None:
    wanted = os.environ.get(DATE_VARIABLE)
    if wanted:
        import time_machine

        time_machine.travel(datetime.fromisoformat(f"{wanted}T09:00:00"), tick=True).start()


travel_from_environment()
