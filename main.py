"""Start Kiosk Số: `python main.py --help` lists the options."""

import os
import sys

# The kiosk uses no pydantic plugins; without this, the first model scans every installed package's
# metadata for them (about 10 ms of every start).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from kiosk.cli import main  # after the line above, which must run before pydantic loads

if __name__ == "__main__":
    sys.exit(main())
