"""What the kiosk says and sounds like (spoken text, voice choice, the chime); no Qt."""
