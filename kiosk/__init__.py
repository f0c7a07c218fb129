"""Kiosk Số: a touchscreen kiosk that teaches older residents digital public services."""
