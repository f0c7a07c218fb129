"""Learning that lasts: the take-home slip and its printing, the ward bulletin, warm-ups, confidence faces."""
