"""Pseudonyms: members appear as an animal, never under a name they typed."""

import hashlib
import random

# A curated list: recognisable, inoffensive, and none of them a real person's name.
ANIMALS = [
    "Aardvark", "African wild dog", "Albatross", "Alpine ibex", "Amur leopard", "Arctic fox",
    "Arctic tern", "Atlantic cod", "Atlantic puffin", "Avocet", "Axolotl", "Badger", "Bald eagle",
    "Barn owl", "Basking shark", "Bearded vulture", "Beaver", "Bengal tiger", "Bison", "Black rhino",
    "Blue whale", "Bonobo", "Bottlenose dolphin", "Brown hare", "Bumblebee", "Capybara", "Cheetah",
    "Chimpanzee", "Clouded leopard", "Colombian spotted frog", "Common seal", "Coral trout", "Corncrake",
    "Crested newt", "Curlew", "Dormouse", "Dragonfly", "Dugong", "Eagle owl", "Emperor penguin",
    "Fennec fox", "Fin whale", "Flamingo", "Giant otter", "Giant panda", "Giraffe", "Golden eagle",
    "Gorilla", "Great bustard", "Green turtle", "Grey heron", "Grey seal", "Hawksbill turtle",
    "Hedgehog", "Hen harrier", "Hermit crab", "Highland pony", "Hippopotamus", "Honey badger",
    "Humpback whale", "Iberian lynx", "Indian elephant", "Kakapo", "Kestrel", "Kingfisher", "Koala",
    "Komodo dragon", "Lapwing", "Leatherback turtle", "Lemur", "Little owl", "Loggerhead turtle",
    "Lynx", "Macaw", "Manatee", "Mandarin duck", "Manta ray", "Marbled cat", "Marsh harrier",
    "Meerkat", "Monarch butterfly", "Moon jellyfish", "Mountain gorilla", "Mountain hare", "Narwhal",
    "Natterjack toad", "Nightingale", "Ocelot", "Orangutan", "Orca", "Osprey", "Otter", "Painted stork",
    "Pangolin", "Peregrine falcon", "Pine marten", "Polar bear", "Pygmy hippo", "Pygmy shrew",
    "Red kite", "Red panda", "Red squirrel", "Reindeer", "Rhino", "Ringed plover", "River dolphin",
    "Robin", "Sand lizard", "Sea otter", "Seahorse", "Short-eared owl", "Skylark", "Snow leopard",
    "Snowy owl", "Sparrowhawk", "Spoonbill", "Staghorn coral", "Starling", "Stoat", "Sumatran elephant",
    "Sumatran orangutan", "Sun bear", "Swallowtail", "Swift", "Tapir", "Tawny owl", "Tiger",
    "Tree frog", "Turtle dove", "Walrus", "Water vole", "Whale shark", "White stork", "Wildcat",
    "Wolverine", "Wombat", "Woodpecker", "Wren", "Yellowhammer", "Zebra",
]

# Colours for generated avatars: each passes 4.5:1 contrast with white text.
AVATAR_COLOURS = [
    "#1d3f7a", "#00703c", "#8a4b00", "#6f2da8", "#b0261b", "#005a70", "#4c2c92", "#505a5f",
    "#7a1f5c", "#285a1e",
]


def candidates(taken, rng=random):
    """Pseudonyms not in `taken`, in random order; numbered ones once the list runs out."""
    free = [name for name in ANIMALS if name not in taken]
    rng.shuffle(free)
    yield from free
    number = 2
    while True:
        names = [f"{name} {number}" for name in ANIMALS if f"{name} {number}" not in taken]
        rng.shuffle(names)
        yield from names
        number += 1


def avatar_for(pseudonym):
    """A deterministic avatar: two initials on a colour picked from the pseudonym."""
    digest = int(hashlib.sha256(pseudonym.encode()).hexdigest(), 16)
    words = [word for word in pseudonym.split() if not word.isdigit()]
    initials = "".join(word[0] for word in words[:2]).upper()
    return {"initials": initials, "colour": AVATAR_COLOURS[digest % len(AVATAR_COLOURS)]}
