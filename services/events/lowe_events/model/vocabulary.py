"""The events service's own vocabularies (target groups are the network's, in the backbone's contracts)."""

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
