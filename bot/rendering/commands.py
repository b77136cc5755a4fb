"""The bot's own texts: welcome, help, commands, buttons, inline results, settings and errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from babel import Locale
from babel.numbers import format_decimal

from bot.callback_codec import LanguageChoice
from bot.factors.models import EquivalentId, Factor, Factors
from bot.rendering.i18n import Translator
from bot.rendering.markup import escape, link, split_message
from bot.rendering.phrases import kind_name

# Telegram's limits (telegram.constants), repeated here so rendering stays telegram-free.
MAX_DESCRIPTION_LENGTH = 512
MAX_SHORT_DESCRIPTION_LENGTH = 120
MAX_COMMAND_DESCRIPTION_LENGTH = 256
MAX_CALLBACK_ANSWER_LENGTH = 200

# Babel names the whole world "001"; factors.yaml calls it "world".
_WORLD_TERRITORY = "001"


class Command(StrEnum):
    """The bot's commands; the value is what users type after the slash."""

    START = "start"
    HELP = "help"
    ENERGY = "energy"
    DETAILS = "details"
    SOURCES = "sources"
    LANGUAGE = "language"
    PRIVACY = "privacy"
    FORGET = "forget"


# The menus Telegram suggests when "/" is typed; /energy leads in groups, where it is the way in.
PRIVATE_MENU = (
    Command.START,
    Command.HELP,
    Command.DETAILS,
    Command.SOURCES,
    Command.LANGUAGE,
    Command.PRIVACY,
    Command.FORGET,
)
GROUP_MENU = (
    Command.ENERGY,
    Command.HELP,
    Command.DETAILS,
    Command.SOURCES,
    Command.LANGUAGE,
    Command.PRIVACY,
)


def _examples(tr: Translator) -> tuple[str, str, str]:
    _ = tr.gettext
    # The same three examples as reply.py's nudge, so they share one translation.
    return (
        _("100 queries a day"),
        _("5 images a week"),
        _("20 reasoning queries a day for 6 months"),
    )


def examples(tr: Translator) -> tuple[str, ...]:
    """Three things to send, in the translator's language, that the parser understands."""
    return _examples(tr)


def _code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def render_welcome(tr: Translator) -> str:
    """The /start message: what the bot does and three examples to tap and copy."""
    _ = tr.gettext
    lines = [
        _("👋 <b>Hi! I put chatbot energy use in perspective.</b>"),
        "",
        _(
            "Tell me how much you use a chatbot and I'll compare the energy with everyday "
            "things: 🚗 km by car, 🚿 showers, 🛁 baths."
        ),
        "",
        _("Try one of these:"),
        *(f"• {_code(example)}" for example in _examples(tr)),
        "",
        _("Buttons under each answer switch between a day, a month and a year. /help has more."),
    ]
    return "\n".join(lines)


def render_help(tr: Translator, *, bot_username: str, group: bool = False) -> str:
    """The /help message; in groups, a short one about /energy, replies and inline mode."""
    _ = tr.gettext
    example = _examples(tr)[0]
    in_any_chat = _("In any chat, type {inline} and pick an answer to share.").format(
        inline=_code(f"@{bot_username} {example}")
    )
    if group:
        return "\n\n".join(
            (
                _(
                    "Send {command} or reply {energy} to a message that describes chatbot "
                    "use. Reply to my answers to ask again."
                ).format(
                    command=_code(f"/{Command.ENERGY} {example}"), energy=f"/{Command.ENERGY}"
                ),
                in_any_chat,
            )
        )
    return "\n\n".join(
        (
            _("<b>How to use me</b>"),
            _("Send how much you use a chatbot, in your own words, e.g. {example}.").format(
                example=_code(example)
            ),
            "\n".join(
                (
                    _("/details — the detailed answer, the method and its caveats"),
                    _("/sources — where every number comes from"),
                    _("/language — answer in Korean, English or automatically"),
                    _("/privacy — what I keep about you"),
                    _("/forget — delete this chat's settings"),
                )
            ),
            _("In groups: {command}, or reply {energy} to someone's message.").format(
                command=_code(f"/{Command.ENERGY} {example}"), energy=f"/{Command.ENERGY}"
            ),
            in_any_chat,
        )
    )


def render_method(tr: Translator) -> str:
    """What /details says without a usage: how the estimate is made and what it leaves out."""
    _ = tr.gettext
    return "\n".join(
        (
            _("<b>How I estimate</b>"),
            "",
            _(
                "I multiply your number of uses over the period by a typical energy per use "
                "(text, reasoning, image or video), then compare the total with the energy of "
                "everyday things. Every figure has a plausible range because few measurements "
                "are published: the first number is a central estimate, the range shows the "
                "low and the high end."
            ),
            "",
            _("<b>Caveats</b>"),
            _("• Energy per use varies with the model, the provider and the answer's length."),
            _("• Only answering is counted, not training the model or making your device."),
            _("• CO₂ depends on the electricity grid, so it is a rough figure."),
            "",
            _("Send {command} for the detailed answer, or /sources for every source.").format(
                command=_code(f"/{Command.DETAILS} {_examples(tr)[0]}")
            ),
        )
    )


def _equivalent_label(equivalent: EquivalentId, tr: Translator) -> str:
    _ = tr.gettext
    labels = {
        EquivalentId.CAR_KM: _("1 km by petrol car"),
        EquivalentId.EV_KM: _("1 km by electric car"),
        EquivalentId.SHOWER: _("A shower"),
        EquivalentId.BATH: _("A bath"),
        EquivalentId.PHONE_CHARGE: _("A phone charge"),
        EquivalentId.LED_HOUR: _("An hour of an LED bulb"),
        EquivalentId.KETTLE: _("Boiling a kettle"),
        EquivalentId.MICROWAVE_MINUTE: _("A minute of microwave"),
        EquivalentId.STREAMING_HOUR: _("An hour of video streaming"),
        EquivalentId.LAPTOP_HOUR: _("An hour of laptop use"),
        EquivalentId.GOOGLE_SEARCH: _("A web search"),
    }
    return labels[equivalent]


def _region_name(region: str, tr: Translator) -> str:
    territory = _WORLD_TERRITORY if region == "world" else region
    name = Locale.parse(tr.language.value).territories.get(territory)
    return str(name) if name else region


def _source_line(label: str, factor: Factor, tr: Translator) -> str:
    _ = tr.gettext
    source = factor.source
    return _("{label}: {value} {unit} — {source} ({publisher}, {year})").format(
        label=escape(label),
        value=format_decimal(factor.value, locale=tr.language.value),
        unit=escape(factor.unit),
        source=link(source.url, source.title),
        publisher=escape(source.publisher),
        year=source.year,
    )


def _source_lines(factors: Factors, tr: Translator) -> Iterator[str]:
    _ = tr.gettext
    for kind, energy in factors.energy_per_use.items():
        yield _source_line(kind_name(kind, tr), energy, tr)
    for equivalent_id, equivalent in factors.equivalents.items():
        label = f"{equivalent.emoji} {_equivalent_label(equivalent_id, tr)}"
        yield _source_line(label, equivalent, tr)
    yield _source_line(_("A shower one minute shorter"), factors.offsets.shower_minute, tr)
    for region, grid in factors.grid_intensity.items():
        label = _("Electricity's carbon intensity, {region}").format(
            region=_region_name(region, tr)
        )
        yield _source_line(label, grid, tr)
    yield _source_line(_("Water per text question"), factors.water_per_text_query, tr)


def render_sources(factors: Factors, tr: Translator) -> list[str]:
    """Every figure the bot uses with its source and year as a link, in messages ≤ 4096."""
    _ = tr.gettext
    header = _("<b>Sources</b>: every number I use, with where it comes from.")
    return split_message([header, "", *_source_lines(factors, tr)])


def language_choice_label(choice: LanguageChoice, tr: Translator) -> str:
    """A language button's label: each language in its own name, "auto" translated."""
    _ = tr.gettext
    labels = {
        LanguageChoice.KO: "🇰🇷 한국어",
        LanguageChoice.EN: "🇬🇧 English",
        LanguageChoice.AUTO: _("🔄 Automatic"),
    }
    return labels[choice]


def render_language_prompt(current: LanguageChoice, tr: Translator) -> str:
    """The /language question, naming the chat's current setting."""
    _ = tr.gettext
    return "\n\n".join(
        (
            _("Which language should I answer in? Now: {current}.").format(
                current=language_choice_label(current, tr)
            ),
            _(
                "Automatic follows the language of each message, then your Telegram language. "
                "You can also send {example}."
            ).format(example=_code(f"/{Command.LANGUAGE} ko")),
        )
    )


def render_language_set(choice: LanguageChoice, tr: Translator) -> str:
    """The confirmation of a new language setting, written in the language chosen."""
    _ = tr.gettext
    confirmations = {
        LanguageChoice.KO: _("OK, I'll answer in Korean in this chat."),
        LanguageChoice.EN: _("OK, I'll answer in English in this chat."),
        LanguageChoice.AUTO: _("OK, I'll answer in the language of each message."),
    }
    return confirmations[choice]


def render_privacy(tr: Translator) -> str:
    """What the bot keeps: a chat's settings only, never what people write."""
    _ = tr.gettext
    return "\n\n".join(
        (
            _("<b>Privacy</b>"),
            _("I keep only this chat's settings (the language you chose) until you send /forget."),
            _(
                "I never store or log what you write: I read each message, answer it and "
                "forget it. The buttons under my answers carry what they need inside the "
                "message itself."
            ),
        )
    )


def render_forgotten(tr: Translator) -> str:
    """The /forget confirmation."""
    _ = tr.gettext
    return _(
        "Done: I deleted this chat's settings. I'll follow the language of each message again."
    )


def render_admins_only(tr: Translator) -> str:
    """Why only a group's admins may change its settings (also a toast, so ≤ 200 characters)."""
    _ = tr.gettext
    return _(
        "Only this group's admins can change my settings here. "
        "You can still ask me anything, in any language."
    )


def render_admin_check_failed(tr: Translator) -> str:
    """Telegram would not say whether the sender is a group admin (also a toast: ≤ 200)."""
    _ = tr.gettext
    return _(
        "I couldn't check with Telegram that you're an admin here, so nothing changed. "
        "Please try again in a moment."
    )


def render_button_expired(tr: Translator) -> str:
    """The toast for a button whose data is stale or was tampered with (≤ 200 characters)."""
    _ = tr.gettext
    return _("This button has expired. Please send your message again.")


def render_error(tr: Translator) -> str:
    """The apology when something failed on the bot's side."""
    _ = tr.gettext
    return _("Sorry, something went wrong on my side. Please try again in a moment.")


def render_slow_down(tr: Translator) -> str:
    """Said once when a chat sends more messages than the bot answers in a short while."""
    _ = tr.gettext
    return _(
        "That's a lot of messages at once, so I'm skipping the next few. "
        "Please send them again in a minute."
    )


def render_slow_down_buttons(tr: Translator) -> str:
    """The toast for a button pressed while its chat is over its limit (≤ 200 characters)."""
    _ = tr.gettext
    return _("Lots of button presses in this chat right now. Please try again in a minute.")


def render_unknown_command(tr: Translator) -> str:
    """The short help after a command the bot does not have (private chats only)."""
    _ = tr.gettext
    return _(
        "I don't know that command. Send me how much you use a chatbot, e.g. {example}, "
        "or /help for everything I can do."
    ).format(example=_code(_examples(tr)[0]))


def render_group_hint(tr: Translator) -> str:
    """What /energy says in a group when it has nothing to read."""
    _ = tr.gettext
    return _(
        "Write your use after the command, e.g. {command}, or reply {energy} to a message "
        "that describes chatbot use."
    ).format(command=_code(f"/{Command.ENERGY} {_examples(tr)[0]}"), energy=f"/{Command.ENERGY}")


@dataclass(frozen=True)
class ButtonLabels:
    """The labels of the buttons under a usage reply."""

    day: str
    month: str
    year: str
    more: str
    less: str
    share: str
    add_to_group: str

    @staticmethod
    def current(label: str) -> str:
        """The label of the button showing what the reply shows now."""
        return f"✓ {label}"


# Every usage reply carries these buttons: their labels are looked up once per language.
@cache
def button_labels(tr: Translator) -> ButtonLabels:
    """The labels of the buttons under a usage reply, in the reply's language."""
    _ = tr.gettext
    return ButtonLabels(
        # TRANSLATORS: a button switching the answer to one day of use.
        day=_("Day"),
        # TRANSLATORS: a button switching the answer to one month of use.
        month=_("Month"),
        # TRANSLATORS: a button switching the answer to one year of use.
        year=_("Year"),
        # TRANSLATORS: a button showing the detailed answer.
        more=_("More"),
        # TRANSLATORS: a button going back to the short answer.
        less=_("Less"),
        # TRANSLATORS: a button to share the answer in another chat.
        share=_("Share"),
        add_to_group=_("➕ Add me to a group"),
    )


@dataclass(frozen=True)
class InlineTexts:
    """Titles and descriptions of inline results (plain text, not HTML)."""

    short_title: str
    short_description: str
    detailed_title: str
    detailed_description: str
    help_title: str
    help_description: str
    help_message: str
    """The HTML message sent when the help result is picked."""
    start_button: str
    """The button above the results that opens a private chat with the bot."""


def inline_texts(query: str, tr: Translator, *, bot_username: str) -> InlineTexts:
    """Everything an inline answer shows around the replies themselves."""
    _ = tr.gettext
    example = _examples(tr)[0]
    return InlineTexts(
        short_title=_("⚡ Send the comparison"),
        short_description=query,
        detailed_title=_("🔎 Send the detailed answer"),
        detailed_description=_("With ranges, CO₂, water and the method"),
        help_title=_("Type how much you use a chatbot"),
        help_description=_("For example: {example}").format(example=example),
        help_message=_(
            "I compare chatbot energy use with everyday things. Type {inline} in any chat, "
            "or talk to me directly."
        ).format(inline=_code(f"@{bot_username} {example}")),
        start_button=_("How it works"),
    )


def bot_description(tr: Translator) -> str:
    """The description shown before a chat with the bot starts (≤ 512 characters)."""
    _ = tr.gettext
    return _(
        "I turn chatbot use into everyday terms: how many km by car, showers or baths your "
        "questions add up to, with ranges and sources. Send me something like “{example}”. "
        "I speak Korean and English, work in groups with /energy and in any chat through "
        "inline mode, and never store your messages."
    ).format(example=_examples(tr)[0])


def bot_short_description(tr: Translator) -> str:
    """The bot's profile blurb (≤ 120 characters)."""
    _ = tr.gettext
    return _("Chatbot energy in everyday terms: 🚗 km by car, 🚿 showers, 🛁 baths.")


def command_descriptions(tr: Translator) -> dict[Command, str]:
    """What each command does, for the menu (≤ 256 characters each)."""
    _ = tr.gettext
    return {
        Command.START: _("Welcome and examples"),
        Command.HELP: _("How to use the bot"),
        Command.ENERGY: _("Compare a use, e.g. /energy 100 queries a day"),
        Command.DETAILS: _("The detailed answer, the method and its caveats"),
        Command.SOURCES: _("Where every number comes from"),
        Command.LANGUAGE: _("Answer in Korean, English or automatically"),
        Command.PRIVACY: _("What the bot keeps about you"),
        Command.FORGET: _("Delete this chat's settings"),
    }


def command_menu(menu: Iterable[Command], tr: Translator) -> list[tuple[str, str]]:
    """(command, description) pairs for one scope's menu."""
    descriptions = command_descriptions(tr)
    return [(command.value, descriptions[command]) for command in menu]
