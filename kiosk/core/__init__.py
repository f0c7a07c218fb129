"""Pure state of a visit: navigation, tutorial session, idle tracking; no Qt."""
