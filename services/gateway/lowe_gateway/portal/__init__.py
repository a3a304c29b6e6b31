"""The web portal: server-rendered pages under `/portal/`, for people signed in as their organisation."""
