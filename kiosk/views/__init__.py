"""Qt widgets: every screen of the kiosk."""
