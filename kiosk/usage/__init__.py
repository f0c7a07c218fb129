"""The anonymous usage log: events, store, background writer, reports and export (no Qt here)."""
