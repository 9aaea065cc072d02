"""Replies that grow with the user's data are split at a line break, never dropped."""

from __future__ import annotations

from test_contacts import contacts, log_meeting, say, tap

from bot.telegram.delivery import MAX_MESSAGE, split_text


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_split_cuts_at_line_breaks_within_the_limit():
    lines = [f"line {i} " + "x" * 90 for i in range(200)]
    text = "\n".join(lines)
    parts = split_text(text)
    assert len(parts) > 1
    assert all(units(p) <= MAX_MESSAGE for p in parts)
    # Nothing lost, every cut at a line break.
    assert "\n".join(parts) == text
    assert split_text("short") == ["short"]


def test_split_without_line_breaks_and_with_wide_characters():
    words = " ".join(["mot"] * 3000)
    parts = split_text(words)
    assert all(units(p) <= MAX_MESSAGE for p in parts) and " ".join(parts) == words
    emoji = "🙂" * 5000  # two UTF-16 units each
    parts = split_text(emoji)
    assert all(units(p) <= MAX_MESSAGE for p in parts) and "".join(parts) == emoji
    block = "é" * 9000
    assert "".join(split_text(block)) == block


def sent_since(bot, before: int, user: int) -> list[str]:
    return [
        c.params["text"]
        for c in bot.fake.calls[before:]
        if c.method in ("sendMessage", "editMessageText") and c.params.get("chat_id") == user
    ]


async def test_a_contact_card_with_long_fields_and_its_thanked_confirmation_arrive_whole(bot):
    user = 2001
    contact = await log_meeting(bot, "N" * 128)
    fields = {}
    for field in ("ctx", "mine", "theirs", "names"):
        value = "\n".join(f"{field} {i} " + "z" * 100 for i in range(9))  # under the 1,000 limit
        fields[field] = value
        await tap(bot, f"ct:ef:{contact.id}:{field}")
        await say(bot, value)
    before = len(bot.fake.calls)
    await tap(bot, f"ct:o:{contact.id}")
    texts = sent_since(bot, before, user)
    assert len(texts) >= 2  # longer than one message: split, not dropped
    assert all(c.ok for c in bot.fake.calls[before:] if c.method in ("sendMessage", "editMessageText"))
    card = "\n".join(texts)
    for value in (fields["ctx"], fields["mine"], fields["theirs"]):
        assert value.splitlines()[-1] in card
    assert f"ct:t:{contact.id}" in [d for _label, d in bot.last_buttons(user)]  # buttons on the last part

    before = len(bot.fake.calls)
    await tap(bot, f"ct:t:{contact.id}")
    texts = sent_since(bot, before, user)
    assert len(texts) >= 2 and texts[0].startswith("Well done for thanking")
    assert all(units(t) <= MAX_MESSAGE for t in texts)
    assert all(c.ok for c in bot.fake.calls[before:] if c.method in ("sendMessage", "editMessageText"))
    assert (await contacts(bot))[-1].thanked_at is not None


async def test_a_long_time_zone_gets_a_clear_answer_not_an_error(bot):
    user = 2002
    for length in (300, 4000):
        before = len(bot.fake.calls)
        [reply] = await say(bot, "/settings timezone " + "Paris" * (length // 5), user)
        assert "too long for a time zone" in reply and "64" in reply
        assert all(c.ok for c in bot.fake.calls[before:] if c.method == "sendMessage")
    # A zone of ordinary length that is unknown is echoed, and a known one set.
    [reply] = await say(bot, "/settings timezone Atlantis", user)
    assert "Atlantis" in reply
    [reply] = await say(bot, "/settings timezone Lyon", user)
    assert "Paris" in reply  # shown as its city
