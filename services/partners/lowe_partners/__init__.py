"""The partners service: partner organisations and the opportunities they publish."""
