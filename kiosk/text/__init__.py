"""Resources the screens show: the UI strings table, the theme, icon names; no Qt."""
