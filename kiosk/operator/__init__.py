"""The operator's area without widgets: PIN, corner entry, exports, health, the operator commands."""
