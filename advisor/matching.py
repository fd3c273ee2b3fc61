"""Folding names and emails to one key, so that matching ignores letter case and accents."""

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "\u0131": "i",  # Turkish dotless i
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
        "ŀ": "l",
        "\u2019": "'",  # typographic apostrophes
        "\u2018": "'",
        "\u02bc": "'",
    }
)


def fold(text: str) -> str:
    """`text` without letter case, accents or repeated spaces: "  José  GARCÍA" -> "jose garcia".

    Compatibility forms are folded too (ﬁ -> fi, full-width letters -> ASCII), and Turkish
    dotted and dotless i (İ, \u0131) both become i."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    # Lower case again: compatibility forms can decompose to capitals (Ⅻ -> XII).
    return " ".join(text.casefold().translate(_LETTERS).split())


def fold_email(address: str) -> str:
    """An email address compared as people type it: letter case and spaces ignored."""
    return address.strip().casefold()
