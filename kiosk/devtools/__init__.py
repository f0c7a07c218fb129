"""Developer tools that drive the whole kiosk (the screenshot tour); nothing in the kiosk imports them."""
