"""Start Kiosk Số: `python main.py --help` lists the options."""

import gc
import os
import sys

# Start-up builds only long-lived objects (modules, classes, the catalogue, the window): the cyclic collector
# would scan them again and again for nothing (about 40 ms of every start, bench/startup.py). It resumes after
# the first screen (kiosk/app.py: resume_collection), or at once for a command that is not the kiosk.
gc.disable()

# The kiosk uses no pydantic plugins; without this, the first model scans every installed package's
# metadata for them (about 10 ms of every start).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from kiosk.cli import main  # noqa: E402 - after the two lines above, which must run before anything loads

if __name__ == "__main__":
    sys.exit(main())
