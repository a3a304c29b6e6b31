"""Infrastructure shared by the LOWE services: event contracts, reliable messaging, database and logging.

Nothing here holds domain logic; each service owns its own.
"""

import warnings

# eventlet announces its maintenance mode on every import; it is pinned here on purpose.
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
