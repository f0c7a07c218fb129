"""Child processes and their Qt-side clients: the speech host and the chime player."""
