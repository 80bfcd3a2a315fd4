"""Names written in Arabic script: a given name from a list of common ones followed by its
family words, a name after a cue (honorific, role, speech verb: "الشيخ", "المواطن", "قالت"),
and a name in Arabic script after an English cue ("resident محمد العلي said").

The lists are our own, written from public knowledge. Pure functions over text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tollwatch.redact.rules import NameMention

__all__ = ["GIVEN_NAMES", "arabic_mentions"]


def _words(block: str) -> list[str]:
    return block.split()


_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_MARKS = "\u064b-\u065f\u0670\u0640"
_WORD = re.compile(rf"[{_LETTER}][{_LETTER}{_MARKS}]*")

GIVEN_NAMES = frozenset(
    _words(
        """
    محمد أحمد محمود مصطفى علي حسن حسين عمر عثمان خالد يوسف إبراهيم ابراهيم إسماعيل اسماعيل
    موسى عيسى سليمان داود يحيى زكريا طارق سمير سامر سامي رامي فادي هادي ماهر ناصر منصور جمال
    كمال نبيل وليد خليل إياد اياد زياد رياض عماد فراس باسل بشار حازم حمزة أنس انس بلال صالح
    سعيد سعد فيصل فهد ياسر ياسين أيمن ايمن أسامة اسامة مازن نزار غسان عادل عامر قاسم جميل حسام
    وائل معاذ مالك كريم رشيد مجيد حميد نعيم هشام هيثم شادي راشد حامد جابر جاسم عدنان مروان
    أكرم اكرم أنور انور منير بسام عصام حاتم مهند مؤمن لؤي قيس نضال طلال عبد عبدالله عبدالرحمن
    نور هدى فاطمة عائشة خديجة زينب مريم سارة ليلى سلمى رنا رانيا دينا هبة أمل امل سعاد نادية
    سميرة أمينة امينة حليمة آمنة رقية جميلة منى لينا ريم ياسمين هند وفاء سناء نجلاء شيماء
    إيمان ايمان أسماء اسماء بشرى سوسن غادة رغد لمى ديما نوال هالة عبير سهى ولاء رهف جنى حنان
    """
    )
)
_PARTICLES = frozenset({"بن", "بنت", "ابن", "أبو", "ابو", "أم", "ام", "عبد", "آل"})
# Words that end a name: prepositions, conjunctions, verbs and nouns of the news.
_STOP = frozenset(
    _words(
        """
    في من إلى الى على عن أن إن ان أنه انه إنه قال قالت يقول تقول أفاد أفادت ذكر ذكرت روى روت
    أضاف أضافت أكد أكدت يوم اليوم أمس الذي التي الذين مع بعد قبل خلال حيث كما لكن ثم أو او
    قتل قتلى مقتل جرحى جريح مصابين إصابة هجوم قصف غارة انفجار مدنيين مدنيا أطفال طفلا نساء
    شخصا أشخاص عناصر مسلحين مسلحون قوات جيش الجيش الشرطة المرصد الأمم المتحدة وزارة منظمة
    مدينة قرية بلدة محافظة ريف شمال جنوب شرق غرب الأحد الاثنين الثلاثاء الأربعاء الخميس
    الجمعة السبت وقال وقالت وأضاف وأضافت وأكد هذا هذه ذلك تلك هناك وهو وهي هو هي
    """
    )
)
_CUES = frozenset(
    _words(
        """
    السيد السيدة الشيخ الحاج الحاجة الدكتور الدكتورة الأستاذ الأستاذة المواطن المواطنة الشاهد
    الشاهدة الناشط الناشطة المزارع الطبيب الطبيبة الممرض الممرضة المعلم المعلمة الأرملة
    الجار الجارة والد والدة شقيق شقيقة زوجة زوج الطالب الطالبة السائق الصياد التاجر
    قال قالت وقال وقالت أفاد أفادت ذكر ذكرت روى روت أضاف أضافت يدعى تدعى اسمه اسمها
    """
    )
)
_ENGLISH_CUE = re.compile(
    r"(?:\b(?:[Rr]esident|[Ww]itness|[Ee]yewitness|[Nn]eighbou?r|[Rr]elative|[Ss]urvivor|"
    r"[Ff]armer|[Tt]eacher|[Nn]urse|[Dd]octor|[Ff]ather|[Mm]other|[Bb]rother|[Ss]ister|"
    r"[Ww]idow|[Mm]an|[Ww]oman|[Ss]tudent|[Dd]river|[Aa]ctivist|[Ee]lder|[Vv]ictim|named|"
    r"said|told|Mr|Mrs|Ms|Dr|Sheikh|Imam|Haji|Umm|Abu)\.?,?\s+)$"
)


def _base(word: str) -> str:
    """The word without a leading "and" (و) when what remains is a known name."""
    if word.startswith("و") and word[1:] in GIVEN_NAMES:
        return word[1:]
    return word


def _is_family_word(word: str) -> bool:
    if word in _STOP or word in _CUES:
        return False
    return word in GIVEN_NAMES or word.startswith(("ال", "آل")) or word in _PARTICLES


def _extend(words: list[re.Match[str]], i: int, text: str, limit: int = 3) -> int:
    """Index after the last name word, starting from the name word at ``i``."""
    j = i + 1
    while j < len(words) and j - i <= limit:
        gap = text[words[j - 1].end() : words[j].start()]
        if gap.strip():  # punctuation ends a name
            break
        word = words[j].group(0)
        prev = words[j - 1].group(0)
        if prev in _PARTICLES and word not in _STOP:
            j += 1
            continue
        if j == i + 1 and word not in _STOP and word not in _CUES and not word.startswith("و"):
            j += 1  # the family name after a given name: "زينب حمدان"
            continue
        if not _is_family_word(word):
            break
        j += 1
    return j


def arabic_mentions(text: str) -> Iterator[NameMention]:
    if not re.search(f"[{_LETTER}]", text):
        return
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        word = words[i].group(0)
        start_word: int | None = None
        if _base(word) in GIVEN_NAMES:
            start_word = i
        elif word in _CUES and i + 1 < len(words):
            nxt = words[i + 1].group(0)
            gap = text[words[i].end() : words[i + 1].start()]
            if nxt not in _STOP and nxt not in _CUES and not gap.strip(" ،,:"):
                start_word = i + 1
        elif (word in {"أبو", "ابو", "أم", "ام"} and i + 1 < len(words)) or (
            word not in _STOP
            and _ENGLISH_CUE.search(text[max(0, words[i].start() - 20) : words[i].start()])
        ):
            start_word = i
        if start_word is None:
            i += 1
            continue
        end_word = _extend(words, start_word, text)
        first = words[start_word]
        start = first.start()
        if start_word == i and word.startswith("و") and _base(word) != word:
            start += 1  # "ومحمد": the name starts after "and"
        end = words[end_word - 1].end()
        yield NameMention(start, end, text[start:end], "arabic")
        i = max(end_word, i + 1)
