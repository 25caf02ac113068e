"""The words that carry relations: role nouns, verbs and the predicate schema.

Kept apart from the parse rules (``extract/relation_rules.py``) so that adding a
trigger word never means touching a rule. Every entry is a lemma, lowercase.
"""

from __future__ import annotations

from typing import Final

from newskg.model import EntityType

# The predicate schema: which entity types each predicate may join (domain → range).
# A relation whose mentions do not fit is dropped: precision over recall.
ACTOR: Final[frozenset[EntityType]] = frozenset({"Person", "Organization", "Place"})
PREDICATE_TYPES: Final[dict[str, tuple[frozenset[EntityType], frozenset[EntityType]]]] = {
    "leaderOf": (frozenset({"Person"}), frozenset({"Organization", "Place"})),
    "memberOf": (frozenset({"Person"}), frozenset({"Organization"})),
    "locatedIn": (ACTOR, frozenset({"Place"})),
    "partOf": (frozenset({"Organization", "Place"}), frozenset({"Organization", "Place"})),
    "alliedWith": (ACTOR, ACTOR),
    "opposes": (ACTOR, ACTOR),
    "associatedWith": (ACTOR, ACTOR),
    "killed": (ACTOR, frozenset({"Person"})),
    "diedIn": (frozenset({"Person"}), frozenset({"Place"})),
    "controls": (frozenset({"Organization"}), frozenset({"Place"})),
}

# Role nouns: "X, the leader of Y", "X is a fellow at Y", "Y commander X".
LEADER_ROLES: Final[frozenset[str]] = frozenset(
    {
        "leader", "head", "chief", "director", "president", "chairman", "chairwoman", "chairperson",
        "chair", "minister", "governor", "mayor", "emir", "amir", "ceo", "boss", "founder",
        "co-founder", "cofounder", "premier", "king", "queen", "ruler", "commander-in-chief",
        "secretary-general", "principal", "dean", "superintendent", "publisher", "owner",
        "chancellor", "prime", "mullah", "sheikh", "supremo", "administrator", "coordinator",
        "gov.", "gov",  # "Ohio Gov. Richard Celeste"
    }
)
MEMBER_ROLES: Final[frozenset[str]] = frozenset(
    {
        "member", "commander", "official", "employee", "fellow", "teacher", "editor", "spokesman",
        "spokeswoman", "spokesperson", "officer", "agent", "operative", "fighter", "militant",
        "adviser", "advisor", "aide", "deputy", "analyst", "researcher", "professor", "lecturer",
        "economist", "scientist", "executive", "manager", "correspondent", "reporter", "journalist",
        "columnist", "writer", "staffer", "strategist", "negotiator", "representative", "envoy",
        "ambassador", "diplomat", "lawyer", "attorney", "counsel", "secretary", "treasurer",
        "lieutenant", "general", "colonel", "captain", "major", "sergeant", "soldier", "recruit",
        "activist", "organizer", "worker", "partner", "associate", "vice", "trustee", "consultant",
        "engineer", "producer", "anchor", "host", "coach", "player", "pilot", "judge", "justice",
        "senator", "congressman", "congresswoman", "lawmaker", "legislator", "delegate", "candidate",
        "nominee", "instructor", "trainer", "ideologue", "financier", "recruiter", "operator",
        "physician", "surgeon", "nurse", "director-general", "lobbyist", "anchorman", "anchorwoman",
        "comptroller", "controller", "inspector", "trader", "broker", "solicitor", "commissioner", "auditor",
        "clerk", "accountant", "banker", "architect", "designer", "photographer", "commentator", "broadcaster",
        "historian", "curator", "librarian", "chemist", "physicist", "biologist", "geologist", "astronomer",
        "mathematician", "statistician", "investigator", "detective", "firefighter", "policeman",
        "sheriff", "marshal", "ranger", "technician", "specialist",
        "sen.", "rep.",  # "U.S. Sen. Mitch McConnell"
        "businessman", "businesswoman", "pianist", "singer", "actor", "actress", "musician", "artist", "author",
        "novelist", "poet", "composer", "dancer", "farmer", "student", "surveyor", "mechanic", "contractor",
        "ecologist", "entomologist", "physiologist", "psychologist", "sociologist", "anthropologist",
        "archaeologist", "epidemiologist", "pathologist", "toxicologist", "meteorologist", "seismologist",
        "botanist", "zoologist", "agronomist", "nutritionist", "psychiatrist", "pharmacologist", "demographer",
        "jeweler", "shearer", "pollster", "assistant",
        # Abbreviated ranks before a name: "Coast Guard Lt. Steve Hardy", "Fire Department Capt. Hugh Madlock".
        "lt.", "capt.", "sgt.", "cmdr.", "col.", "maj.", "cpl.", "pvt.", "det.", "insp.", "adm.",
    }
)
# A leader word under these modifiers names a second-in-command, not the leader.
DEPUTY_MODIFIERS: Final[frozenset[str]] = frozenset({"deputy", "vice", "assistant", "associate", "under", "lt.", "lieutenant"})
# Modifiers that make a member word a leader word ("chief editor", "chief economist").
CHIEF_MODIFIERS: Final[frozenset[str]] = frozenset({"chief", "head", "supreme", "top"})
FORMER_MODIFIERS: Final[frozenset[str]] = frozenset(
    {"former", "ex", "ex-", "erstwhile", "onetime", "one-time", "late", "previous", "then", "retired"}
)
# Modifiers of a role nobody holds yet: "a possible Supreme Court nominee", "a would-be assassin",
# "the prospective chairman". The role asserts nothing about membership or leadership.
UNHELD_MODIFIERS: Final[frozenset[str]] = frozenset(
    {"possible", "potential", "would-be", "prospective", "future", "aspiring", "likely", "hypothetical", "wannabe"}
)
# Modifiers that hedge a role: "the accused assassin of President Kennedy", "an alleged member of".
HEDGED_ROLE_MODIFIERS: Final[frozenset[str]] = frozenset(
    {"accused", "alleged", "suspected", "reputed", "purported", "presumed", "supposed"}
)
# Verbs of trying or intending: "tried to kill President Ford", "plans to set up a base in Y".
# What the verb under them says did not (yet) happen.
INTENTION_VERBS: Final[frozenset[str]] = frozenset(
    {
        "try", "attempt", "plot", "plan", "conspire", "seek", "threaten", "intend", "want", "vow", "aim",
        "scheme", "fail", "hope", "wish", "propose", "offer", "consider", "contemplate", "refuse", "decline",
    }
)
# Adjectives that make a killing noun an attempt: "the attempted murder of X", "a failed assassination".
ATTEMPT_MODIFIERS: Final[frozenset[str]] = frozenset(
    {"attempted", "failed", "foiled", "botched", "planned", "plotted", "thwarted", "would-be", "unsuccessful"}
)

# Nouns that stand for a group's people: "al-Qaeda fighters are located in Kandahar"
# says where al-Qaeda is. Only used to carry an organization into locatedIn/alliedWith/opposes.
COLLECTIVE_NOUNS: Final[frozenset[str]] = frozenset(
    {
        "fighter", "member", "leader", "militant", "force", "troop", "soldier", "operative", "commander",
        "cell", "unit", "official", "leadership", "network", "affiliate", "camp", "base", "office",
        "headquarters", "facility", "site", "house", "branch", "group", "faction", "element",
    }
)
# Nouns that say an organization has a presence somewhere: "al-Qaeda camps in Kunar".
PRESENCE_NOUNS: Final[frozenset[str]] = frozenset(
    {
        "camp", "base", "office", "headquarters", "facility", "site", "house", "branch", "cell", "hideout", "compound", "presence", "stronghold",
        "bureau", "store", "plant", "factory",  # "the Associated Press bureau in Beirut", "a K mart store in Niagara Falls"
    }
)
# Nouns naming a part of an organization: "the Taliban special forces unit", "the wing of X".
PART_NOUNS: Final[frozenset[str]] = frozenset(
    {"unit", "department", "branch", "affiliate", "wing", "division", "subsidiary", "arm", "faction", "cell", "battalion", "brigade", "directorate", "ministry", "agency", "office"}
)

# Verbs: lemma → (predicate, prepositions that introduce the object besides a direct object).
# The subject is the first argument; passives are turned around by the rules.
VERB_TRIGGERS: Final[dict[str, tuple[str, frozenset[str]]]] = {
    # alliedWith: X supports Y
    "support": ("alliedWith", frozenset()),
    "back": ("alliedWith", frozenset()),
    "protect": ("alliedWith", frozenset()),
    "help": ("alliedWith", frozenset()),
    "fund": ("alliedWith", frozenset()),
    "finance": ("alliedWith", frozenset()),
    "aid": ("alliedWith", frozenset()),
    "assist": ("alliedWith", frozenset()),
    "arm": ("alliedWith", frozenset()),
    "sponsor": ("alliedWith", frozenset()),
    "shelter": ("alliedWith", frozenset()),
    "harbor": ("alliedWith", frozenset()),
    "harbour": ("alliedWith", frozenset()),
    "ally": ("alliedWith", frozenset({"with"})),
    # opposes: X attacks Y
    "attack": ("opposes", frozenset()),
    "fight": ("opposes", frozenset({"against"})),
    "oppose": ("opposes", frozenset()),
    "target": ("opposes", frozenset()),
    "sanction": ("opposes", frozenset()),
    "combat": ("opposes", frozenset()),
    "battle": ("opposes", frozenset({"against"})),
    "rival": ("opposes", frozenset()),
    "compete": ("opposes", frozenset({"with", "against"})),
    "clash": ("opposes", frozenset({"with"})),
    "bomb": ("opposes", frozenset()),
    "invade": ("opposes", frozenset()),
    "raid": ("opposes", frozenset()),
    "denounce": ("opposes", frozenset()),
    "condemn": ("opposes", frozenset()),
    # associatedWith: X collaborated with Y (weakest)
    "collaborate": ("associatedWith", frozenset({"with"})),
    "cooperate": ("associatedWith", frozenset({"with"})),
    "associate": ("associatedWith", frozenset({"with"})),
    "link": ("associatedWith", frozenset({"to", "with"})),
    "tie": ("associatedWith", frozenset({"to", "with"})),
    "connect": ("associatedWith", frozenset({"to", "with"})),
    "partner": ("associatedWith", frozenset({"with"})),
    # killed: X killed Y
    "kill": ("killed", frozenset()),
    "assassinate": ("killed", frozenset()),
    "murder": ("killed", frozenset()),
    "slay": ("killed", frozenset()),
    "execute": ("killed", frozenset()),
    "behead": ("killed", frozenset()),
    "shoot": ("killed", frozenset()),
    "stab": ("killed", frozenset()),
    "strangle": ("killed", frozenset()),
    # controls: X controls Y
    "control": ("controls", frozenset()),
    "rule": ("controls", frozenset()),
    "seize": ("controls", frozenset()),
    "capture": ("controls", frozenset()),
    "occupy": ("controls", frozenset()),
    "conquer": ("controls", frozenset()),
    # leaderOf: X leads Y
    "lead": ("leaderOf", frozenset()),
    "head": ("leaderOf", frozenset()),
    "command": ("leaderOf", frozenset()),
    "run": ("leaderOf", frozenset()),
    "govern": ("leaderOf", frozenset()),
    "chair": ("leaderOf", frozenset()),
    "direct": ("leaderOf", frozenset()),
    "found": ("leaderOf", frozenset()),
    "oversee": ("leaderOf", frozenset()),
    "manage": ("leaderOf", frozenset()),
    # memberOf: X joined Y, X works for Y
    "join": ("memberOf", frozenset()),
    "work": ("memberOf", frozenset({"for", "at"})),
    "serve": ("memberOf", frozenset({"in", "with", "on"})),
    "employ": ("memberOf", frozenset()),
    "represent": ("memberOf", frozenset()),
    "teach": ("memberOf", frozenset({"at"})),
    "cover": ("memberOf", frozenset({"for"})),  # "covers the White House for The Associated Press"
    "write": ("memberOf", frozenset({"for"})),
    "report": ("memberOf", frozenset({"for"})),
    "play": ("memberOf", frozenset({"for"})),
    # locatedIn: X is based in Y
    "base": ("locatedIn", frozenset({"in", "at"})),
    "locate": ("locatedIn", frozenset({"in", "at"})),
    "situate": ("locatedIn", frozenset({"in", "at", "near"})),
    "live": ("locatedIn", frozenset({"in", "at"})),
    "reside": ("locatedIn", frozenset({"in", "at"})),
    "hide": ("locatedIn", frozenset({"in", "at"})),
    "operate": ("locatedIn", frozenset({"in", "from"})),
    "headquarter": ("locatedIn", frozenset({"in", "at"})),
    "station": ("locatedIn", frozenset({"in", "at"})),
    "settle": ("locatedIn", frozenset({"in"})),
    "stay": ("locatedIn", frozenset({"in", "at"})),
    "house": ("locatedIn", frozenset({"in", "at"})),
    "establish": ("locatedIn", frozenset({"in"})),
    "bear": ("locatedIn", frozenset({"in", "near"})),
    "move": ("locatedIn", frozenset({"to"})),
    "relocate": ("locatedIn", frozenset({"to"})),
    "emigrate": ("locatedIn", frozenset({"to"})),
    "immigrate": ("locatedIn", frozenset({"to"})),
    "remain": ("locatedIn", frozenset({"in", "on", "at"})),
    "open": ("locatedIn", frozenset({"in"})),  # "Eaglebrook East opened in Middletown in April"

    "die": ("diedIn", frozenset({"in", "at"})),
}
# Verbs whose direct object is what is done, not the other party: "covers the White House for The
# Associated Press" is memberOf the AP only; "teaches acting at Vanderbilt University".
PREPOSITION_ONLY_VERBS: Final[frozenset[str]] = frozenset({"teach", "cover", "write", "report", "play"})
# Verbs that relate only when used without an object: "the store opened in Middletown" (it is there),
# not "opened fire in Kabul" or "opened the meeting in Paris".
INTRANSITIVE_ONLY_VERBS: Final[frozenset[str]] = frozenset({"open"})
# "took over X" / "took control of X": verb + particle or noun object.
PHRASAL_TRIGGERS: Final[dict[tuple[str, str], str]] = {
    ("take", "over"): "controls", ("set", "up"): "locatedIn", ("grow", "up"): "locatedIn",
}

# Nouns that carry a relation between two actors: "ties to al-Qaeda", "support from the Taliban".
NOUN_TRIGGERS: Final[dict[str, tuple[str, frozenset[str]]]] = {
    "tie": ("associatedWith", frozenset({"to", "with"})),
    "link": ("associatedWith", frozenset({"to", "with"})),
    "connection": ("associatedWith", frozenset({"to", "with"})),
    "relationship": ("associatedWith", frozenset({"with"})),
    "alliance": ("alliedWith", frozenset({"with"})),
    "war": ("opposes", frozenset({"against", "with", "on"})),
    "attack": ("opposes", frozenset({"on", "against"})),
    "rivalry": ("opposes", frozenset({"with"})),
    "sanction": ("opposes", frozenset({"on", "against"})),
}
# Nouns whose "of" names the victim and whose "by" or possessor names the killer.
KILLING_NOUNS: Final[frozenset[str]] = frozenset({"assassination", "murder", "killing", "slaying", "execution"})
KILLER_NOUNS: Final[frozenset[str]] = frozenset({"assassin", "killer", "murderer", "slayer"})

# Residence nouns: "a resident of Chicago", "a native of Ohio" (locatedIn Person → Place).
RESIDENCE_NOUNS: Final[frozenset[str]] = frozenset({"resident", "native", "citizen", "inhabitant", "townsman"})

# Nouns for the place a person belongs to: "his hometown of Grants", "her Germantown home",
# "died at his home in Larchmont" (locatedIn Person → Place, read off the possessor).
HOME_NOUNS: Final[frozenset[str]] = frozenset({"hometown", "home", "birthplace", "homeland"})

# Words that hedge a claim: kept, but with lower confidence.
HEDGE_LEMMAS: Final[frozenset[str]] = frozenset(
    {"may", "might", "could", "allegedly", "reportedly", "possibly", "perhaps", "suspect", "allege", "believe", "claim", "rumor", "rumour"}
)
PERSON_PRONOUNS: Final[frozenset[str]] = frozenset({"he", "she", "him", "her"})
RELATIVE_PRONOUNS: Final[frozenset[str]] = frozenset({"who", "whom", "which", "that"})

# Regions wider than any country, unknown to the gazetteer: never part of a place the text names
# beside them ("plunging the Middle East back into turmoil, the Israel-Gaza crisis").
REGION_NAMES: Final[frozenset[str]] = frozenset(
    {
        "middle east", "near east", "far east", "europe", "western europe", "eastern europe", "asia",
        "central asia", "south asia", "east asia", "southeast asia", "africa", "north africa",
        "west africa", "east africa", "sub-saharan africa", "horn of africa", "sahel", "latin america",
        "south america", "north america", "central america", "caribbean", "balkans", "caucasus",
        "gulf", "persian gulf", "arabian peninsula", "levant", "maghreb", "scandinavia", "arab world",
        "indian subcontinent", "pacific", "atlantic", "mediterranean", "arctic", "antarctica", "oceania",
    }
)

# Verbs of passing through, visiting or meeting: "visited Paris", "met the Taliban envoy in Doha"
# say where someone was once, or whom they saw, not where they live or whom they work for.
TRANSIT_VERBS: Final[frozenset[str]] = frozenset(
    {
        "visit", "tour", "travel", "fly", "arrive", "depart", "leave", "return", "head", "go", "come",
        "stop", "pass", "meet", "attend", "land", "transit", "drive", "sail", "cross", "flee",
    }
)

# Verbs that clear someone of a deed: "X was acquitted of the murder of Y" states no killing.
ACQUITTAL_LEMMAS: Final[frozenset[str]] = frozenset({"acquit", "exonerate"})
# Words that put a place away from what it is said of: "far from Abilene" locates nothing there.
DISTANCE_WORDS: Final[frozenset[str]] = frozenset({"far"})
