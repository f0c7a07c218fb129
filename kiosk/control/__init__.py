"""Controllers: turn view intents into state changes and keep the screens in step with them."""
