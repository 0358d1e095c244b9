"""Phrasings a second fresh helper batch (2026-12-05, dev lines d23001+) showed the filter missing, in general form.

Grooming in Arabic, Japanese and Hindi (the child home alone, the parents' hours, a second account
the parents don't know, a gift then "your turn", a gift to collect in person, threats to show what
was sent); threats and self-harm in German, Russian, Chinese, Japanese and Arabic (a list of names,
a blade hidden from mum, a rope bought, things given away, "tell mum it wasn't her fault"); abuse
in Chinese, German, Arabic, Russian, French and Hindi. Each phrasing differs from the dev lines; the
look-alikes beside them stay allowed.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text, category",
    [
        ("امتى ينامون اهلك؟ ابي اكلمك بعدها", "grooming"),
        ("سوي اكاونت جديد اهلك ما يدرون عنه", "grooming"),
        ("جبتلك الشدات، هلق دورك", "grooming"),
        ("رح انشر صورك لاهلك اذا ما رديتي", "grooming"),
        ("明日ってお家ひとり？", "grooming"),
        ("ロバックスあげる、でもディスコード来て", "grooming"),
        ("親にバレないようにね、先生にも", "grooming"),
        ("purana tablet de dunga, bas milna padega", "grooming"),
        ("warna tumhare papa ko pata chal jayega", "grooming"),
        ("akele aana, kisi ko saath mat lana, mall me milte hain", "grooming"),
        ("ich hab ne liste gemacht. du stehst ganz oben", "violence"),
        ("у меня есть список. ты следующий", "violence"),
        ("我有个名单 你是第一个", "violence"),
        ("リスト作った お前が最初", "violence"),
        ("عندي قائمة اسماء، انت اول واحد", "violence"),
        ("hab mir n strick besorgt", "self_harm"),
        ("верёвку уже приготовила", "self_harm"),
        ("绳子已经准备好了", "self_harm"),
        ("ロープもう用意した", "self_harm"),
        ("اشتريت حبل وخبيته", "self_harm"),
        ("die rasierklinge liegt unterm kopfkissen versteckt", "self_harm"),
        ("скажите маме что она не виновата", "self_harm"),
        ("我们小组没有人想跟你一组", "bullying"),
        ("deine eltern schämen sich voll für dich", "bullying"),
        ("même tes parents ont honte de toi", "bullying"),
        ("тебя даже мамка терпеть не может", "bullying"),
        ("abe ullu ke pathe", "bullying"),
        ("我的快手ID是xiaoyu", "pii_handle"),  # "ID" beside Chinese letters still names an account
    ],
)
def test_fresh_phrasings_are_held(text: str, category: str) -> None:
    verdict = check_text(text, audience="under13")
    assert verdict.action != "allow", verdict
    assert category in {r.category for r in verdict.reasons}, verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "تعالوا نعمل فيديو عن مشروع العلوم",  # a class video project
        "اخر يوم بالمشروع، انتو احلى صف",  # the exchange's last day
        "今日で終わり！みんなありがとう、またね",  # the last session: thanks and goodbye
        "雨だから傘をさすの忘れないでね",  # an umbrella, not a stabbing
        "窓をしめてから出てね",  # close the window
        "我们谢谢大家，拜拜！",  # thanks everyone, bye
        "今天好饿，饿死了",  # so hungry
        "мы вас разнесём в викторине",  # crushing them in a quiz
        "спасибо всем, вы были лучшие, до встречи в марте!",  # thanks at the end of the exchange
        "in unserer gruppe fehlt noch einer, wer will?",  # a group looking for one more
        "lern mal die vokabeln für morgen",  # learn the words for tomorrow
        "tujhe kuch samajh aaya? nahi to poochh le",  # did you understand? ask if not
        "题目:门牌号是三位数,各位数字之和是12",  # a maths problem about a house number
        "mis videojuegos favoritos son Minecraft y Roblox",  # "id" inside "videojuegos" names no account
        "siku ya Eid tunacheza Minecraft na binamu",  # nor does "Eid"
        "niente numeri di telefono in chat! prof.ssa Rossi",  # an Italian teacher's title, not a handle
        "la battaglia di Waterloo fu nel 1815",  # Italian "fu" (was)
        "meri umar 13 saal hai, tumhari kya hai?",  # a pupil giving their own age
    ],
)
def test_look_alikes_stay_allowed(text: str) -> None:
    verdict = check_text(text, audience="under13")
    assert verdict.action == "allow", verdict
