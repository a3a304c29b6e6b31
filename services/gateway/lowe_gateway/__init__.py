"""The gateway: the one public door, HTTP in front of the services' RPC."""
