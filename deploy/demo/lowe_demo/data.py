# ruff: noqa: RUF001 -- Polish typography: the en dash in titles is intended
"""Demo data for `make run`: invented but plausible LOWE centres, partners and opportunities.

Place names are real gminas. Centre names and all opportunities are invented; partner organisations are
typical institutions (any likeness to a real one's offer is invented too) and e-mail addresses use example.pl.
Every payload is exactly what the public HTTP API accepts (see the services' commands.py).
"""

from __future__ import annotations

from typing import Any

# Subscription templates a centre can pick by key; a centre may also give a dict of its own.
SUBSCRIPTIONS: dict[str, dict[str, Any]] = {
    "digital": {
        "name": "Cyfrowi seniorzy",
        "kinds": ["course", "workshop", "expert_talk"],
        "topics": ["digital_skills"],
    },
    "labour": {
        "name": "Rynek pracy w regionie",
        "kinds": ["training", "job", "internship"],
        "topics": ["vocational", "entrepreneurship"],
    },
    "grants": {"name": "Granty i darowizny", "kinds": ["funding_call", "donation"], "nationwide": True},
    "family": {"name": "Rodzina i włączenie społeczne", "topics": ["parenting", "social_inclusion"]},
    "health": {"name": "Zdrowie i profilaktyka", "kinds": ["expert_talk", "workshop"], "topics": ["health"]},
    "erasmus": {
        "name": "Erasmus+ dla kadry",
        "kinds": ["erasmus_mobility", "training"],
        "topics": ["languages"],
        "nationwide": True,
    },
    "ecology": {"name": "Ekologia i wolontariat", "kinds": ["volunteering", "workshop"], "topics": ["ecology"]},
    "civic": {"name": "Kultura i aktywność obywatelska", "topics": ["culture", "civic_participation"]},
    "money": {"name": "Finanse osobiste", "topics": ["financial_literacy"], "nationwide": True},
    "region": {"name": "Wszystko z województwa", "delivery": "daily_digest"},
}

# (centre name, voivodeship TERYT code, gmina, subscriptions): 35 centres in 12 voivodeships.
CENTRES: list[tuple[str, str, str, tuple[str | dict[str, Any], ...]]] = [
    ("LOWE przy Szkole Podstawowej w Bodzentynie", "26", "Bodzentyn", ("digital", "labour")),
    ("LOWE przy Gminnym Ośrodku Kultury w Łagowie", "26", "Łagów", ("labour",)),
    ("LOWE przy Gminnej Bibliotece Publicznej w Nowej Słupi", "26", "Nowa Słupia", ("civic", "grants")),
    ("LOWE przy Zespole Szkół w Rakowie", "26", "Raków", ("region",)),
    ("LOWE przy Szkole Podstawowej w Józefowie", "06", "Józefów", ("digital", "grants")),
    ("LOWE Poleskie przy Gminnym Ośrodku Kultury w Urszulinie", "06", "Urszulin", ("ecology", "civic")),
    ("LOWE przy Zespole Szkolno-Przedszkolnym we Frampolu", "06", "Frampol", ("family",)),
    ("LOWE Bieszczadzkie przy Szkole Podstawowej w Baligrodzie", "18", "Baligród", ("civic", "erasmus")),
    ("LOWE przy Gminnym Centrum Kultury w Lutowiskach", "18", "Lutowiska", ("grants",)),
    (
        "LOWE przy Zespole Szkół w Dubiecku",
        "18",
        "Dubiecko",
        ({"name": "Rodzina – Polska wschodnia", "topics": ["parenting"], "regions": ["18", "06", "20"]},),
    ),
    ("LOWE przy Gminnym Ośrodku Kultury w Krynkach", "20", "Krynki", ("family", "civic")),
    ("LOWE przy Szkole Podstawowej w Tykocinie", "20", "Tykocin", ("digital",)),
    ("LOWE przy Gminnym Ośrodku Kultury w Gródku", "20", "Gródek", ("region",)),
    ("LOWE przy Szkole Podstawowej w Kurzętniku", "28", "Kurzętnik", ("health", "labour")),
    ("LOWE przy Miejsko-Gminnej Bibliotece Publicznej w Pieniężnie", "28", "Pieniężno", ("money",)),
    ("LOWE przy Szkole Podstawowej w Baniach Mazurskich", "28", "Banie Mazurskie", ("health", "erasmus")),
    ("LOWE przy Szkole Podstawowej w Lanckoronie", "12", "Lanckorona", ("ecology", "civic")),
    ("LOWE przy Gminnym Ośrodku Kultury w Łącku", "12", "Łącko", ("digital", "ecology")),
    ("LOWE Gorczańskie przy Szkole Podstawowej w Ochotnicy Dolnej", "12", "Ochotnica Dolna", ("grants",)),
    ("LOWE przy Szkole Podstawowej w Liwie", "14", "Liw", ("health",)),
    ("LOWE przy Miejsko-Gminnym Ośrodku Kultury w Broku", "14", "Brok", ("digital", "money")),
    ("LOWE przy Zespole Szkół w Chlewiskach", "14", "Chlewiska", ("labour", "erasmus")),
    ("LOWE przy Szkole Podstawowej w Inowłodzu", "10", "Inowłódz", ("money",)),
    ("LOWE przy Gminnej Bibliotece Publicznej w Czarnocinie", "10", "Czarnocin", ("digital",)),
    ("LOWE przy Szkole Podstawowej w Woli Krzysztoporskiej", "10", "Wola Krzysztoporska", ("labour", "money")),
    ("LOWE przy Centrum Kultury w Mieroszowie", "02", "Mieroszów", ("ecology",)),
    ("LOWE przy Szkole Podstawowej w Złotym Stoku", "02", "Złoty Stok", ("grants", "health")),
    (
        "LOWE przy Gminnym Ośrodku Kultury w Stoszowicach",
        "02",
        "Stoszowice",
        ({"name": "Szkolenia dla kadry w całym kraju", "kinds": ["training", "erasmus_mobility"], "nationwide": True},),
    ),
    ("LOWE przy Szkole Podstawowej w Ujsołach", "24", "Ujsoły", ("ecology", "digital")),
    ("LOWE przy Miejskim Domu Kultury w Koniecpolu", "24", "Koniecpol", ("region", "money")),
    ("LOWE Kaszubskie przy Szkole Podstawowej w Sulęczynie", "22", "Sulęczyno", ("erasmus",)),
    ("LOWE przy Gminnym Ośrodku Kultury w Czarnej Dąbrówce", "22", "Czarna Dąbrówka", ("digital", "family")),
    ("LOWE przy Szkole Podstawowej w Kwilczu", "30", "Kwilcz", ("labour",)),
    ("LOWE przy Gminnym Ośrodku Kultury w Choczu", "30", "Chocz", ("digital", "grants")),
    ("LOWE przy Zespole Szkół w Przemęcie", "30", "Przemęt", ("labour", "family")),
]

# key -> POST /api/v1/partners body
PARTNERS: dict[str, dict[str, str]] = {
    "pup": {
        "name": "Powiatowy Urząd Pracy w Kielcach",
        "sector": "public",
        "email": "lowe@pup-kielce.example.pl",
        "voivodeship": "26",
    },
    "gops": {
        "name": "Gminny Ośrodek Pomocy Społecznej w Tykocinie",
        "sector": "public",
        "email": "gops@tykocin.example.pl",
        "voivodeship": "20",
    },
    "fundacja": {
        "name": "Fundacja Cyfrowa Wieś",
        "sector": "social",
        "email": "kontakt@cyfrowawies.example.pl",
        "voivodeship": "14",
    },
    "stowarzyszenie": {
        "name": "Stowarzyszenie Uniwersytet Ludowy Ziemi Lubelskiej",
        "sector": "social",
        "email": "biuro@uniwersytetludowy.example.pl",
        "voivodeship": "06",
    },
    "firma": {
        "name": "Meble Przemęt Sp. z o.o.",
        "sector": "business",
        "email": "kadry@meble-przemet.example.pl",
        "voivodeship": "30",
    },
    "uczelnia": {
        "name": "Uniwersytet Warmińsko-Mazurski w Olsztynie",
        "sector": "public",
        "email": "edukacja.doroslych@uwm.example.pl",
        "voivodeship": "28",
    },
}


def _opportunity(
    kind: str, title: str, description: str, topics: list[str], groups: list[str], regions: list[str]
) -> dict[str, Any]:
    return {
        "kind": kind,
        "title": title,
        "description": description,
        "topics": topics,
        "target_groups": groups,
        "regions": regions,
    }


# (partner key, POST /api/v1/opportunities body without partner_id); regions [] means nationwide.
OPPORTUNITIES: list[tuple[str, dict[str, Any]]] = [
    ("pup", _opportunity(
        "training", "Operator wózków widłowych z egzaminem UDT",
        "Bezpłatne szkolenie (80 godzin) z egzaminem państwowym; zwrot kosztów dojazdu dla osób bezrobotnych.",
        ["vocational"], ["unemployed", "low_skilled_adults"], ["26"],
    )),
    ("pup", _opportunity(
        "internship", "Staże u lokalnych pracodawców w powiecie kieleckim",
        "Sześciomiesięczne staże ze stypendium stażowym dla osób do 30. roku życia, także w gminach wiejskich.",
        ["vocational", "entrepreneurship"], ["unemployed", "youth_neet"], ["26"],
    )),
    ("gops", _opportunity(
        "workshop", "Warsztaty dla rodziców: rozmowa bez krzyku",
        "Cykl czterech spotkań z psychologiem rodzinnym; opieka nad dziećmi na miejscu.",
        ["parenting", "social_inclusion"], ["families_at_risk"], ["20"],
    )),
    ("fundacja", _opportunity(
        "course", "Komputer bez tajemnic – kurs dla seniorów",
        "Osiem zajęć w LOWE: poczta, bankowość, e-recepta, wideorozmowy z rodziną. Prowadzący dojeżdża na miejsce.",
        ["digital_skills"], ["seniors"], [],
    )),
    ("fundacja", _opportunity(
        "expert_talk", "Bezpieczne pieniądze w sieci – spotkanie z ekspertem",
        "Jak rozpoznać oszustwo „na wnuczka” w wersji internetowej i fałszywe SMS-y z banku.",
        ["financial_literacy", "digital_skills"], ["seniors", "low_skilled_adults"], [],
    )),
    ("stowarzyszenie", _opportunity(
        "funding_call", "Konkurs grantowy „Aktywna wieś” – do 10 000 zł",
        "Granty na oddolne inicjatywy edukacyjne i kulturalne w małych miejscowościach Polski wschodniej.",
        ["civic_participation", "culture"], ["adult_educators"], ["06", "18", "20"],
    )),
    ("stowarzyszenie", _opportunity(
        "volunteering", "Wolontariat: sadzimy drzewa przy szkołach",
        "Akcja jesienna z leśnikami: sadzonki, narzędzia i ubezpieczenie wolontariuszy po naszej stronie.",
        ["ecology"], ["seniors", "youth_neet"], ["12", "24", "02", "06"],
    )),
    ("firma", _opportunity(
        "job", "Monter mebli – praca z przyuczeniem do zawodu",
        "Umowa o pracę, dowóz do zakładu z okolicznych gmin, szkolenie stanowiskowe przez pierwszy miesiąc.",
        ["vocational"], ["unemployed", "low_skilled_adults"], ["30"],
    )),
    ("firma", _opportunity(
        "donation", "20 laptopów poleasingowych dla LOWE",
        "Przekażemy sprawne laptopy z systemem i pakietem biurowym; decyduje kolejność zgłoszeń.",
        ["digital_skills"], ["adult_educators"], [],
    )),
    ("uczelnia", _opportunity(
        "erasmus_mobility", "Erasmus+: tydzień obserwacji w centrach edukacji dorosłych w Finlandii",
        "Mobilność dla kadry LOWE: job shadowing, kurs językowy przed wyjazdem, koszty pokrywa projekt.",
        ["languages", "social_inclusion"], ["adult_educators"], [],
    )),
    ("uczelnia", _opportunity(
        "expert_talk", "Zdrowe starzenie się – wykład i badania przesiewowe",
        "Wykład geriatry oraz bezpłatny pomiar ciśnienia i cukru dla mieszkańców.",
        ["health"], ["seniors"], ["28", "14"],
    )),
]  # fmt: skip

# The centre the printout uses in its curl examples, and the opportunity it suggests publishing next.
DEMO_CENTRE_INDEX = 0
EXAMPLE_PARTNER = "pup"
EXAMPLE_OPPORTUNITY = _opportunity(
    "workshop", "Smartfon na co dzień – warsztaty",
    "Dwa spotkania: aplikacje do komunikacji, mapy i zdjęcia.", ["digital_skills"], ["seniors"], ["26"],
)  # fmt: skip


# gmina -> its powiat
POWIATS: dict[str, str] = {
    "Bodzentyn": "kielecki", "Łagów": "kielecki", "Nowa Słupia": "kielecki", "Raków": "kielecki",
    "Józefów": "biłgorajski", "Urszulin": "włodawski", "Frampol": "biłgorajski", "Baligród": "leski",
    "Lutowiska": "bieszczadzki", "Dubiecko": "przemyski", "Krynki": "sokólski", "Tykocin": "białostocki",
    "Gródek": "białostocki", "Kurzętnik": "nowomiejski", "Pieniężno": "braniewski", "Banie Mazurskie": "gołdapski",
    "Lanckorona": "wadowicki", "Łącko": "nowosądecki", "Ochotnica Dolna": "nowotarski", "Liw": "węgrowski",
    "Brok": "ostrowski", "Chlewiska": "szydłowiecki", "Inowłódz": "tomaszowski", "Czarnocin": "piotrkowski",
    "Wola Krzysztoporska": "piotrkowski", "Mieroszów": "wałbrzyski", "Złoty Stok": "ząbkowicki",
    "Stoszowice": "ząbkowicki", "Ujsoły": "żywiecki", "Koniecpol": "częstochowski", "Sulęczyno": "kartuski",
    "Czarna Dąbrówka": "bytowski", "Kwilcz": "międzychodzki", "Chocz": "pleszewski", "Przemęt": "wolsztyński",
}  # fmt: skip


def centre_payload(entry: tuple[str, str, str, tuple[str | dict[str, Any], ...]]) -> dict[str, Any]:
    """The registration: run by its gmina, serving the topics its subscriptions name (its profile)."""
    name, voivodeship, municipality, _ = entry
    topics = sorted({topic for body in subscription_payloads(entry) for topic in body.get("topics", [])})
    return {
        "name": name,
        "voivodeship": voivodeship,
        "municipality": municipality,
        "powiat": POWIATS[municipality],
        "running_body": "municipality",
        "running_body_name": f"Gmina {municipality}",
        "served_topics": topics,
    }


def subscription_payloads(entry: tuple[str, str, str, tuple[str | dict[str, Any], ...]]) -> list[dict[str, Any]]:
    return [dict(SUBSCRIPTIONS[sub]) if isinstance(sub, str) else dict(sub) for sub in entry[3]]


def expected_feed_sizes() -> list[int]:
    """How many opportunities each centre (in CENTRES order) should see, by the centres service's own `match`."""
    import uuid
    from datetime import UTC, datetime

    from lowe_centres.model import PublishedOpportunity, Subscription, match

    now = datetime.now(UTC)
    opportunities = [
        PublishedOpportunity(uuid.uuid4(), "", body["kind"], body["title"], "", body["topics"],
                             body["target_groups"], body["regions"], not body["regions"], now)
        for _, body in OPPORTUNITIES
    ]  # fmt: skip
    sizes = []
    for entry in CENTRES:
        subscriptions = [
            Subscription(uuid.uuid4(), uuid.uuid4(), sub["name"], sub.get("kinds", []), sub.get("topics", []),
                         [] if sub.get("nationwide") else sub.get("regions", [entry[1]]),
                         bool(sub.get("nationwide")), sub.get("delivery", "instant"), now)
            for sub in subscription_payloads(entry)
        ]  # fmt: skip
        sizes.append(sum(any(match(s, o) for s in subscriptions) for o in opportunities))
    return sizes


DEMO_PARTICIPANTS = [
    {"name": "Halina Demo", "email": "halina@example.invalid", "consent": {"version": "demo-1", "given": True}},
    {"name": "Jerzy Demo", "phone": "+48 600 000 001", "consent": {"version": "demo-1", "given": True}},
]


def demo_events(today: Any) -> list[dict[str, Any]]:
    """The demo centre's events (Europe/Warsaw times): a weekly course from next week and a one-off talk."""
    from datetime import timedelta

    course_day, talk_day = today + timedelta(days=7), today + timedelta(days=10)
    return [
        {
            "title": "Smartfon bez tajemnic",
            "kind": "course",
            "capacity": 12,
            "sessions": [{"starts_at": f"{course_day}T10:00", "ends_at": f"{course_day}T12:00"}],
            "repeat_weekly": 6,
            "target_groups": ["seniors"],
            "accessibility": ["step_free_access", "hearing_loop"],
        },
        {
            "title": "Jak założyć profil zaufany",
            "kind": "expert_talk",
            "capacity": 30,
            "sessions": [{"starts_at": f"{talk_day}T17:00", "ends_at": f"{talk_day}T18:30"}],
            "location": {"kind": "address", "address": "Biblioteka Publiczna, ul. Rynek 1"},
        },
    ]
