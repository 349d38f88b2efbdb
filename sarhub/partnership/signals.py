"""What the partnership tells the apps above it, so it never reaches up into them."""

from django.dispatch import Signal

# Sent inside the transaction that deactivates a person, with `person`; a receiver returns how many
# sessions it ended (sarhub.accounts.signals ends them all).
person_deactivated = Signal()
