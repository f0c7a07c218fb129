"""Qt platform services of the running kiosk: hardening, lockdown, watchdog, screen awake, crash guard."""
