"""Resources the screens show: the UI strings table, the theme, screen shapes, icon names; no Qt."""
