"""The walk-through's tools: a person's steps counted (clicks, fields filled, keys pressed,
file dialogs) and timed, and the reference page's photo story (shared/reference) to write.
The counts and times go to test-artifacts/walkthrough.json for docs/studio-walkthrough.md."""

import json
import time
from collections import Counter

from tests.browser.conftest import ARTIFACTS
from tests.photos import corpus

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

TITLE = "Gay Pride in Kazakhstan"
PARAGRAPHS = [
    "Last weekend, GMT Initiative grantee partner Azimut Plus held a Day of Gay Pride in a "
    "park in Temirtau, Kazakhstan.",
    "LGBT in Kazakhstan are frequently subjected to discrimination and violence, and this "
    "week members of Kazakhstan's parliament called for the government to close all gay clubs.",
    "Seven people did choose to participate, and their public celebration is a bold statement "
    "and a milestone in the fight for gay rights in the country.",
    "The group engaged passers-by in conversation and passed out literature and mugs. Below "
    "are quotes from participants and photos from the day.",
]
QUOTES = [
    (
        "People have to understand that we are just like everyone else and can be useful "
        "in society.",
        "Denis Kakorin, member of Azimut Plus",
    ),
    (
        "Most did not turn away, and did not even have to discuss it with me, and we "
        "continue to be friends.",
        "Sergei Prokfiev, age 19",
    ),
    (
        "We want everyone to be tolerant, but maybe everyone should start with themselves.",
        "Sergei Frolov, sociologist",
    ),
]
CAPTIONS = [
    "Participants in the Day of Gay Pride blow up rainbow colored balloons.",
    "A man takes literature and an Azimut Plus mug from a box during the event.",
    "Fliers and mugs were handed to passers-by.",
    "Participants and passers-by stand in a circle and talk.",
    "A news crew interviews one participant.",
    "At the end of the day, the participants launch their rainbow balloons into the sky.",
]
ALTS = [
    "Two people blowing up rainbow balloons on a park lawn",
    "A man lifting a mug out of a cardboard box",
    "A table with stacked leaflets and white mugs",
    "Seven people standing in a circle on a path, talking",
    "A cameraman filming a young man holding a microphone",
    "Rainbow balloons rising above the trees",
]


def phone_photos(folder, count=6):
    """Small JPEGs as a phone writes them: EXIF with GPS, camera serials, a thumbnail."""
    paths = []
    for n in range(count):
        path = folder / f"IMG_20131005_{n:04d}.jpg"
        path.write_bytes(corpus.phone_jpeg(size=(480, 360)))
        paths.append(str(path))
    return paths


def fits(page):
    """Nothing pushed off a phone's screen: no element reaches past the viewport's edges."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main *, header *")].filter(e => {
             const r = e.getBoundingClientRect();
             return r.width > 0 && !e.closest(".skip-link, .visually-hidden")
               && (r.right > innerWidth + 1 || r.left < -1);
           }).map(e => `${e.tagName}.${e.className} ${e.getBoundingClientRect().right}`)"""
    )


class Walk:
    """One person's steps. Every human action goes through here so that it is counted:
    a click, a field filled (or a block of text typed), a key, a file dialog."""

    def __init__(self, page, story, size):
        self.page, self.story, self.size = page, story, size
        self.steps = Counter()
        self.typed = []  # everything the person typed: never a photo number
        self.started = time.monotonic()

    def click(self, target, **options):
        self._locate(target).click(**options)
        self.steps["clicks"] += 1

    def fill(self, target, text):
        self._locate(target).fill(text)
        self.typed.append(text)
        self.steps["fields"] += 1

    def type(self, text):
        """Text typed where the cursor is (one step per block of text)."""
        self.page.keyboard.insert_text(text)
        self.typed.append(text)
        self.steps["fields"] += 1

    def double_click_word(self, textarea, word):
        """A double-click on `word` (its first place after the cursor) selects it. Playwright
        cannot aim at a word inside a textarea, so the selection is set as the click would."""
        self._locate(textarea).evaluate(
            "(box, word) => { const at = box.value.indexOf(word, box.selectionStart);"
            " box.focus(); box.setSelectionRange(at, at + word.length); }",
            word,
        )
        self.steps["clicks"] += 1

    def key(self, key):
        self.page.keyboard.press(key)
        self.steps["keys"] += 1

    def choose_files(self, target, files):
        """Click what opens the file dialog, pick the files there, confirm: two steps."""
        with self.page.expect_file_chooser() as chooser:
            self._locate(target).click()
        chooser.value.set_files(files)
        self.steps["clicks"] += 1
        self.steps["dialogs"] += 1

    def _locate(self, target):
        return self.page.locator(target) if isinstance(target, str) else target

    @property
    def total(self):
        return sum(self.steps.values())

    def record(self):
        seconds = round(time.monotonic() - self.started, 1)
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / "walkthrough.json"
        results = json.loads(path.read_text()) if path.exists() else {}
        results[f"{self.story} ({self.size})"] = {**self.steps, "steps": self.total, "s": seconds}
        path.write_text(json.dumps(results, indent=1, sort_keys=True))
        print(f"\n{self.story} ({self.size}): {self.total} steps {dict(self.steps)}, {seconds} s")
        return self.total
