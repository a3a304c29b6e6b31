"""Controlled vocabularies shared by every service through the event contracts."""

VOIVODESHIPS: dict[str, str] = {
    "02": "dolnośląskie",
    "04": "kujawsko-pomorskie",
    "06": "lubelskie",
    "08": "lubuskie",
    "10": "łódzkie",
    "12": "małopolskie",
    "14": "mazowieckie",
    "16": "opolskie",
    "18": "podkarpackie",
    "20": "podlaskie",
    "22": "pomorskie",
    "24": "śląskie",
    "26": "świętokrzyskie",
    "28": "warmińsko-mazurskie",
    "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}

OPPORTUNITY_KINDS: tuple[str, ...] = (
    "course",
    "training",
    "workshop",
    "volunteering",
    "funding_call",
    "erasmus_mobility",
    "donation",
    "job",
    "internship",
    "expert_talk",
    "event_invitation",
)

TOPICS: tuple[str, ...] = (
    "digital_skills",
    "languages",
    "vocational",
    "entrepreneurship",
    "health",
    "civic_participation",
    "culture",
    "ecology",
    "financial_literacy",
    "social_inclusion",
    "parenting",
)

TARGET_GROUPS: tuple[str, ...] = (
    "seniors",
    "unemployed",
    "people_with_disabilities",
    "families_at_risk",
    "migrants",
    "youth_neet",
    "low_skilled_adults",
    "adult_educators",
)

PARTNER_SECTORS: tuple[str, ...] = ("public", "social", "business")

DELIVERY_MODES: tuple[str, ...] = ("on_site", "online", "hybrid")

ORGANISATION_TYPES: dict[str, tuple[str, ...]] = {
    "public": (
        "local_government",
        "labour_office",
        "social_welfare_centre",
        "library",
        "school_or_university",
        "other_public",
    ),
    "social": ("association", "foundation", "other_ngo"),
    "business": ("business",),
}

# the centres' events (the events service), and what a participant may tell of themselves
EVENT_KINDS = (
    "course",
    "workshop",
    "training",
    "expert_talk",
    "consultation",
    "club",
    "meeting",
    "volunteering",
    "cultural",
    "other",
)
ACCESSIBILITY = (
    "step_free_access",
    "accessible_toilet",
    "hearing_loop",
    "sign_language",
    "large_print",
    "easy_read",
    "quiet_space",
    "parking",
)
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+")
GENDERS = ("female", "male", "non_binary", "prefer_not_to_say")
LABOUR_MARKET_STATUSES = ("employed", "self_employed", "unemployed", "inactive", "retired", "student")
