"""Operating-system plumbing: logs, single instance, systemd notify, crash policy; no Qt."""
