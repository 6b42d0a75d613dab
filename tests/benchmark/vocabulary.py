"""Word lists and sentence templates the synthetic projects are written from (generate.py).

Kept apart from the generator so its logic reads without 100 lines of vocabulary in the way.
Changing any list changes every generated project (and so the benchmark's figures).
"""

from __future__ import annotations

KO_FAMILY = {"Kim": "김", "Lee": "이", "Park": "박", "Choi": "최", "Jung": "정", "Kang": "강",
             "Cho": "조", "Yoon": "윤", "Jang": "장", "Lim": "임", "Han": "한", "Oh": "오",
             "Seo": "서", "Shin": "신", "Kwon": "권", "Hwang": "황", "Ahn": "안", "Song": "송",
             "Yoo": "유", "Hong": "홍"}
KO_GIVEN = {"Min": "민", "Jun": "준", "Seo": "서", "Ji": "지", "Hyun": "현", "Woo": "우",
            "Young": "영", "Sung": "성", "Jae": "재", "Dong": "동", "Hye": "혜", "Eun": "은",
            "Soo": "수", "Kyung": "경", "Hoon": "훈", "Chul": "철", "Ho": "호", "Jin": "진",
            "Yeon": "연", "Sang": "상", "Jung": "정"}
JA_FAMILY = {"Funakoshi": ("船越", "ふなこし"), "Ando": ("安藤", "あんどう"),
             "Suzuki": ("鈴木", "すずき"), "Tanaka": ("田中", "たなか"), "Sato": ("佐藤", "さとう"),
             "Watanabe": ("渡辺", "わたなべ"), "Ito": ("伊藤", "いとう"),
             "Yamamoto": ("山本", "やまもと"), "Nakamura": ("中村", "なかむら"),
             "Kobayashi": ("小林", "こばやし"), "Kato": ("加藤", "かとう"),
             "Yoshida": ("吉田", "よしだ"), "Yamada": ("山田", "やまだ"),
             "Sasaki": ("佐々木", "ささき"), "Matsumoto": ("松本", "まつもと"),
             "Inoue": ("井上", "いのうえ"), "Kimura": ("木村", "きむら"),
             "Hayashi": ("林", "はやし"), "Shimizu": ("清水", "しみず"), "Mori": ("森", "もり")}
JA_GIVEN = {"Takehiro": ("健裕", "たけひろ"), "Atsushi": ("篤", "あつし"),
            "Hiroshi": ("博", "ひろし"), "Kenji": ("健二", "けんじ"), "Yuko": ("裕子", "ゆうこ"),
            "Akira": ("明", "あきら"), "Masato": ("正人", "まさと"), "Shigeru": ("茂", "しげる"),
            "Naoki": ("直樹", "なおき"), "Kazuo": ("和夫", "かずお"), "Taro": ("太郎", "たろう"),
            "Fumio": ("文雄", "ふみお"), "Tomoko": ("智子", "ともこ"), "Keiko": ("恵子", "けいこ"),
            "Makoto": ("誠", "まこと"), "Satoshi": ("聡", "さとし"), "Junko": ("順子", "じゅんこ"),
            "Koichi": ("浩一", "こういち"), "Yasumasa": ("康正", "やすまさ"),
            "Takeshi": ("武", "たけし")}
US_NAMES = ["John Miller", "Sarah Davis", "Robert Wilson", "Emily Clark", "David Lewis",
            "Laura Walker", "James Young", "Karen Hall", "Michael Allen", "Susan King"]

COUNTRY_ADJ = {"KR": "ROK", "JP": "Japan", "US": "US"}
ORG_KINDS = ["Ministry", "Agency", "Office", "Committee", "Council", "Institute"]
FIELDS = ["Foreign Affairs", "National Defense", "Defense", "Unification", "Maritime Affairs",
          "Economy and Trade", "Intelligence", "Justice", "Public Security",
          "Science and Technology", "Land and Transport", "Finance", "Home Affairs", "Education",
          "Environment", "Fisheries", "Coast Guard Affairs", "Cyber Security", "Strategic Planning",
          "Energy"]
BUREAUS = ["Asian and Pacific Affairs", "International Policy", "Defense Policy",
           "North American Affairs", "Treaties and Law", "Northeast Asian Affairs",
           "Policy Planning", "Intelligence Analysis", "Legal Affairs", "Strategy", "Operations",
           "Personnel", "Procurement", "Cooperation", "Security Policy", "Arms Control",
           "Consular Affairs", "Public Diplomacy"]
PUBLISHERS = [("Yonhap News Agency", "en"), ("Korea JoongAng Daily", "en"),
              ("The Korea Herald", "en"), ("KBS World", "en"), ("Jiji Press", "ja"),
              ("Kyodo News", "en"), ("NHK World", "en"), ("The Japan Times", "en"),
              ("Asahi Shimbun", "ja"), ("Mainichi Shimbun", "ja"), ("Chosun Ilbo", "ko"),
              ("Hankyoreh", "ko"), ("Newsis", "ko"), ("Edaily", "ko"),
              ("Seoul Economic Daily", "ko"), ("Ministry of Foreign Affairs of Japan", "en"),
              ("ROK Ministry of Foreign Affairs", "ko"), ("China Daily", "en"),
              ("The Christian Science Monitor", "en"), ("Nodong Sinmun", "ko")]
AUTHORS = ["Sarah Kim", "Choi Ji-won", "Park Boram", "Kaori Tanaka", "Ko Hirano", "Lee Ha-young",
           "Jun Ji-hye", "Daisuke Kikuchi", "Shin Ji-hye", "Kwon Hyuk-chul"]
HEADLINE_SUBJECTS = ["security talks", "defense officials", "foreign ministers",
                     "intelligence pact", "trilateral drills", "export controls", "summit",
                     "vice-ministerial dialogue", "maritime hotline", "missile launch",
                     "court ruling", "joint statement"]
HEADLINE_VERBS = ["resume", "agree on", "discuss", "review", "end", "restore", "expand", "suspend",
                  "reaffirm", "criticize", "welcome", "postpone"]
HEADLINE_OBJECTS = ["future-oriented cooperation", "information sharing", "a new framework",
                    "talks after five years", "the pact", "working-level channels",
                    "regional security", "the renewal deadline", "military communication",
                    "export curbs"]
KO_TITLES = ["한일 안보대화 재개", "외교안보 국장급 협의", "군사정보보호협정 연장",
             "한미일 안보협력 강화", "국방정책 실무회의 개최", "수출규제 철회 논의",
             "정상회담 후속 조치", "해양 안보 협력 합의"]
JA_TITLES = ["日韓、安保対話を再開", "外務・防衛当局の協議", "情報保護協定を延長",
             "日米韓の安保協力を強化", "防衛政策の実務者協議", "輸出規制の見直し",
             "首脳会談の後続措置", "海洋安全保障で協力"]
TERM_ADJECTIVES = ["bilateral", "trilateral", "reciprocal", "standing", "maritime", "strategic",
                   "extended", "provisional", "conditional", "collective", "forward", "integrated",
                   "classified", "operational", "preventive", "regional", "unilateral", "interim",
                   "working-level", "director-general", "vice-ministerial", "ministerial",
                   "summit-level", "informal", "formal", "automatic", "mutual", "confidential",
                   "graduated", "joint", "combined", "allied", "tactical", "naval", "aerial",
                   "coastal", "northern", "civilian", "sovereign", "binding"]
TERM_NOUNS = ["consultation", "framework", "protocol", "dialogue", "arrangement", "mechanism",
              "channel", "review", "accord", "hotline", "deterrence", "notification",
              "renewal clause", "note verbale", "shuttle diplomacy", "white list",
              "intelligence sharing", "early warning", "air defense zone", "rules of engagement",
              "status agreement", "readiness posture", "liaison office", "command structure",
              "exercise", "patrol", "roadmap", "declaration", "memorandum", "working group",
              "task force", "steering committee", "action plan", "joint statement", "annex",
              "reservation", "ratification", "suspension", "termination notice",
              "confidence-building measure"]
HANGUL = "가나다라마바사아자차카타파하국방외교안보정책협의회군사정보보호협정한미일대화실무"
KANJI = "日韓安全保障対話協議外務防衛政策情報軍事保護協定実務会議局長次長首脳声明"
PLACES = [("Seoul", "KR"), ("Tokyo", "JP"), ("Busan", "KR"), ("Osaka", "JP"), ("Jeju", "KR"),
          ("Washington", "US"), ("Fukuoka", "JP"), ("Incheon", "KR"), ("Hiroshima", "JP")]
VENUES = ["the Foreign Ministry", "the Defense Ministry", "the Prime Minister's Office",
          "the Blue House", "a government guesthouse", "the Embassy", "a hotel conference hall"]
STATUSES = ["Negotiated", "In force", "Termination notified", "Termination conditionally suspended",
            "Fully normalized", "Extended", "Under review"]
EVENT_KINDS = ["meeting", "summit", "signing", "ruling", "policy", "notice", "decision", "other"]
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}

# Sentence templates for prose. Slots: {p} person, {o} organization, {e} event, {t} topic,
# {s} source, {r} any record, {term}/{term2} glossary mentions, {place}, {year}, {minutes}.
SENTENCES = [
    "{p} of {o} raised the {term} with counterparts from {o2}.",
    "The talks covered the {term} and the {term2}, according to {s}.",
    "Officials reviewed progress on the {term} since {e}.",
    "Both sides agreed to hold the next round in {place} ({e}).",
    "{p} said the {term} would remain in place for another year.",
    "The meeting lasted about {minutes} minutes and ended with a statement on the {term}.",
    "Reports by {s} describe the {term} as a turning point for {t}.",
    "It followed {e} and preceded further talks on the {term}.",
    "{o} took part for the first time, represented by {p}.",
    "The {term} was first discussed in {year}, when {p} proposed it ({e}).",
    "Critics in {place} argued that the {term} gave {o} too little say.",
    "Under the {term}, each side informs the other before any change ({r}).",
    "{p} and {p2} signed the joint record on behalf of their ministries.",
    "The decision is described in {s} and in later reporting on {t}.",
]
LEADS = ["How it began.", "Who attends.", "Rhythm.", "What changed.", "Why it matters.", "Outcome."]


