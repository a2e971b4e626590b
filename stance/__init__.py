"""stance: who said what, about which topic, and with what stance."""

__version__ = "0.1.0"
