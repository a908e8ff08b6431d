"""One-off generator for data/countries.toml (kept for reference in scripts/)."""
import pycountry, json

HIST = [
 # code, name, aliases, from, to, predecessors
 ("SU", "Soviet Union", ["USSR", "U.S.S.R.", "Soviet Union", "Soviet", "Soviets", "Union of Soviet Socialist Republics", "SSSR", "CCCP", "Soviet Russia", "RSFSR"], 1917, 1991, ["XR"]),
 ("XR", "Russian Empire", ["Russian Empire", "Imperial Russia", "Tsarist Russia", "Tsardom of Russia", "Muscovy", "Grand Duchy of Moscow"], 1547, 1917, []),
 ("DD", "East Germany", ["GDR", "DDR", "German Democratic Republic", "East German"], 1949, 1990, []),
 ("YU", "Yugoslavia", ["Yugoslav", "SFRY", "Kingdom of Yugoslavia", "Kingdom of Serbs, Croats and Slovenes", "Federal Republic of Yugoslavia"], 1918, 2003, []),
 ("CS", "Czechoslovakia", ["Czechoslovak", "ČSSR", "CSSR"], 1918, 1992, []),
 ("VD", "North Vietnam", ["Democratic Republic of Vietnam", "DRV", "North Vietnamese"], 1945, 1976, []),
 ("QV", "South Vietnam", ["Republic of Vietnam", "State of Vietnam", "South Vietnamese", "RVN"], 1949, 1975, []),
 ("YD", "South Yemen", ["People's Democratic Republic of Yemen", "PDRY", "Aden"], 1967, 1990, []),
 ("ZR", "Zaire", ["Republic of Zaire", "Zairean"], 1971, 1997, []),
 ("RH", "Rhodesia", ["Southern Rhodesia", "Rhodesian"], 1923, 1979, []),
 ("XC", "Republic of China (1912–1949)", ["Republic of China", "ROC", "Nationalist China", "Beiyang government", "Kuomintang China", "KMT China"], 1912, 1949, ["XQ"]),
 ("XQ", "Imperial China", ["Qing", "Qing dynasty", "Qing China", "Ming", "Ming dynasty", "Han dynasty", "Tang dynasty", "Song dynasty", "Yuan dynasty", "Chinese Empire", "Imperial China"], -221, 1912, []),
 ("XO", "Ottoman Empire", ["Ottoman", "Ottomans", "Turkey (Ottoman)", "Sublime Porte"], 1299, 1922, []),
 ("XA", "Austria-Hungary", ["Austria-Hungary", "Austro-Hungarian", "Habsburg monarchy", "Austrian Empire", "Dual Monarchy"], 1526, 1918, []),
 ("XH", "Holy Roman Empire", ["Holy Roman Empire", "HRE", "Holy Roman"], 800, 1806, []),
 ("XP", "Prussia", ["Prussia", "Prussian", "Kingdom of Prussia", "Brandenburg-Prussia"], 1701, 1918, []),
 ("XM", "Ancient Rome", ["Rome", "Roman", "Romans", "Roman Empire", "Roman Republic", "Western Roman Empire"], -753, 476, []),
 ("XB", "Byzantine Empire", ["Byzantium", "Byzantine", "Eastern Roman Empire"], 330, 1453, ["XM"]),
 ("XN", "Kingdom of England", ["England", "English", "Kingdom of England"], 927, 1707, []),
 ("XS", "Kingdom of Scotland", ["Scotland", "Scottish", "Scots", "Kingdom of Scotland"], 843, 1707, []),
 ("XV", "Republic of Venice", ["Venice", "Venetian", "Republic of Venice", "Serenissima"], 697, 1797, []),
 ("XZ", "Mongol Empire", ["Mongol Empire", "Mongols", "Golden Horde"], 1206, 1368, []),
 ("XU", "Korea (before 1948)", ["Joseon", "Korean Empire", "Goryeo", "Silla", "Korea (historical)"], -57, 1948, []),
 ("XI", "British India", ["British Raj", "British India", "Indian Empire"], 1858, 1947, []),
 ("XG", "Ancient Greece", ["Athens", "Sparta", "Ancient Greece", "Athenian", "Spartan", "Macedon"], -800, -146, []),
 ("XE", "Ancient Egypt", ["Pharaonic Egypt", "Ptolemaic Egypt", "Ancient Egypt"], -3100, -30, []),
 ("XF", "Frankish Realm", ["Franks", "Frankish", "Francia", "Carolingian Empire"], 481, 843, []),
 ("XJ", "Confederate States", ["Confederacy", "Confederate States of America", "CSA", "Confederate"], 1861, 1865, []),
 ("XT", "Aztec Empire", ["Aztec", "Aztecs", "Mexica", "Tenochtitlan"], 1428, 1521, []),
 ("XY", "Inca Empire", ["Inca", "Incas", "Tawantinsuyu"], 1438, 1533, []),
 ("XW", "Persian Empire", ["Achaemenid Empire", "Sasanian Empire", "Parthian Empire", "Ancient Persia"], -550, 651, []),
]
SUCC_EXTRA = {  # predecessors of current states (legal/state continuity lines only)
 "RU": ["SU"], "CN": ["XC"], "TW": ["XC"], "TR": ["XO"], "DE": ["XP", "XH"], "AT": ["XA"], "HU": ["XA"],
 "GB": ["XN", "XS"], "RS": ["YU"], "CZ": ["CS"], "SK": ["CS"], "VN": ["VD"], "CD": ["ZR"], "ZW": ["RH"],
 "IN": ["XI"], "PK": ["XI"], "KR": ["XU"], "KP": ["XU"], "IT": ["XV"], "MN": ["XZ"], "EG": ["XE"], "GR": ["XG"],
 "IR": ["XW"], "FR": ["XF"], "MX": ["XT"], "PE": ["XY"], "YE": ["YD"],
}
ALIASES = {
 "US": ["USA", "U.S.", "U.S.A.", "United States", "America", "American", "Americans", "United States of America", "US"],
 "GB": ["UK", "U.K.", "Britain", "Great Britain", "British", "United Kingdom", "England and Wales"],
 "CN": ["PRC", "China", "Chinese", "People's Republic of China", "Red China", "mainland China"],
 "TW": ["Taiwan", "Taiwanese", "Republic of China (Taiwan)", "Formosa"],
 "RU": ["Russia", "Russian", "Russian Federation", "Russians"],
 "JP": ["Japan", "Japanese", "Nippon", "Empire of Japan", "Imperial Japan"],
 "DE": ["Germany", "German", "Germans", "West Germany", "FRG", "BRD", "Federal Republic of Germany", "German Empire", "Nazi Germany", "Third Reich", "Weimar Republic", "Weimar Germany"],
 "FR": ["France", "French", "French Republic", "Vichy France"],
 "IT": ["Italy", "Italian", "Kingdom of Italy"],
 "ES": ["Spain", "Spanish", "Castile", "Aragon"],
 "PT": ["Portugal", "Portuguese"],
 "NL": ["Netherlands", "Dutch", "Holland", "Dutch Republic"],
 "BE": ["Belgium", "Belgian"], "CH": ["Switzerland", "Swiss"], "AT": ["Austria", "Austrian"],
 "PL": ["Poland", "Polish", "Poles", "Polish-Lithuanian Commonwealth"], "HU": ["Hungary", "Hungarian"],
 "CZ": ["Czechia", "Czech Republic", "Czech", "Bohemia"], "SK": ["Slovakia", "Slovak"],
 "SE": ["Sweden", "Swedish"], "NO": ["Norway", "Norwegian"], "DK": ["Denmark", "Danish"], "FI": ["Finland", "Finnish"],
 "IE": ["Ireland", "Irish", "Irish Free State", "Eire"], "GR": ["Greece", "Greek", "Hellenic Republic"],
 "TR": ["Turkey", "Türkiye", "Turkish"], "UA": ["Ukraine", "Ukrainian"], "BY": ["Belarus", "Belarusian", "Byelorussia"],
 "IN": ["India", "Indian", "Bharat"], "PK": ["Pakistan", "Pakistani"], "BD": ["Bangladesh", "Bangladeshi", "East Pakistan"],
 "KR": ["South Korea", "Korea", "Republic of Korea", "ROK", "Korean", "South Korean"],
 "KP": ["North Korea", "DPRK", "Democratic People's Republic of Korea", "North Korean"],
 "VN": ["Vietnam", "Viet Nam", "Vietnamese"], "MN": ["Mongolia", "Mongolian", "Mongolian People's Republic", "Outer Mongolia"],
 "IL": ["Israel", "Israeli"], "EG": ["Egypt", "Egyptian", "United Arab Republic"], "IR": ["Iran", "Iranian", "Persia", "Persian"],
 "IQ": ["Iraq", "Iraqi"], "SA": ["Saudi Arabia", "Saudi"], "SY": ["Syria", "Syrian"], "AF": ["Afghanistan", "Afghan"],
 "CU": ["Cuba", "Cuban"], "MX": ["Mexico", "Mexican"], "CA": ["Canada", "Canadian"], "BR": ["Brazil", "Brazilian"],
 "AR": ["Argentina", "Argentine", "Argentinian"], "CL": ["Chile", "Chilean"], "AU": ["Australia", "Australian"],
 "NZ": ["New Zealand", "New Zealander"], "ZA": ["South Africa", "South African"], "PS": ["Palestine", "Palestinian"],
 "KZ": ["Kazakhstan", "Kazakh"], "GE": ["Georgia", "Georgian"], "LT": ["Lithuania", "Lithuanian"],
 "LV": ["Latvia", "Latvian"], "EE": ["Estonia", "Estonian"], "RS": ["Serbia", "Serbian", "Kingdom of Serbia"],
 "HR": ["Croatia", "Croatian"], "BA": ["Bosnia", "Bosnia and Herzegovina", "Bosnian"], "KH": ["Cambodia", "Cambodian", "Kampuchea"],
 "LA": ["Laos", "Lao", "Laotian"], "TH": ["Thailand", "Thai", "Siam"], "MM": ["Myanmar", "Burma", "Burmese"],
 "ID": ["Indonesia", "Indonesian"], "PH": ["Philippines", "Filipino", "Philippine"], "ET": ["Ethiopia", "Ethiopian", "Abyssinia"],
 "NG": ["Nigeria", "Nigerian"], "DZ": ["Algeria", "Algerian"], "KE": ["Kenya", "Kenyan"], "VA": ["Vatican", "Holy See", "Papacy", "Papal States"],
 "XK": ["Kosovo"],
}
def esc(s): return json.dumps(s, ensure_ascii=False)
rows = []
for code, name, al, a, b, pred in HIST:
    rows.append(dict(code=code, name=name, aliases=al, start=a, end=b, predecessors=pred))
for c in pycountry.countries:
    name = getattr(c, "common_name", None) or c.name
    al = [c.alpha_3]
    if getattr(c, "official_name", None) and c.official_name != name: al.append(c.official_name)
    if c.name != name: al.append(c.name)
    for x in ALIASES.get(c.alpha_2, []):
        if x not in al and x != name: al.append(x)
    rows.append(dict(code=c.alpha_2, name=name, aliases=al, start=None, end=None, predecessors=SUCC_EXTRA.get(c.alpha_2, [])))
rows.append(dict(code="XK", name="Kosovo", aliases=["Kosovo", "Republic of Kosovo", "Kosovar"], start=2008, end=None, predecessors=[]))
fixed = {"TW": "Taiwan", "KR": "South Korea", "KP": "North Korea", "RU": "Russia", "IR": "Iran", "SY": "Syria", "VN": "Vietnam", "LA": "Laos", "VE": "Venezuela", "BO": "Bolivia", "TZ": "Tanzania", "MD": "Moldova", "VA": "Vatican City", "PS": "Palestine", "FM": "Micronesia", "CZ": "Czechia", "GB": "United Kingdom", "US": "United States", "CN": "China", "CD": "DR Congo", "CG": "Republic of the Congo", "TR": "Türkiye"}
out = ["# Countries and former states known to almanac.",
       "# code: ISO 3166-1 alpha-2 for current states; ISO 3166-3 style two-letter codes for former states",
       "# (SU, DD, YU, CS, VD, YD, ZR, RH); user-assigned X?/Q? codes for historical states ISO does not cover.",
       "# predecessors: the states this one continues (Russian Empire -> USSR -> Russia). Successors are derived.",
       "# aliases: names, abbreviations and adjectives people type; matching ignores case and punctuation.", ""]
rows.sort(key=lambda r: r["code"])
for r in rows:
    if r["code"] in fixed:
        old = r["name"]; r["name"] = fixed[r["code"]]
        if old not in r["aliases"]: r["aliases"].insert(0, old)
        r["aliases"] = [a for a in r["aliases"] if a != r["name"]]
    out.append("[[country]]")
    out.append(f'code = "{r["code"]}"')
    out.append(f'name = {esc(r["name"])}')
    out.append("aliases = [" + ", ".join(esc(a) for a in r["aliases"]) + "]")
    if r["start"] is not None: out.append(f'start = {r["start"]}')
    if r["end"] is not None: out.append(f'end = {r["end"]}')
    if r["predecessors"]: out.append("predecessors = [" + ", ".join(esc(p) for p in r["predecessors"]) + "]")
    out.append("")
open("/work/main/data/countries.toml", "w").write("\n".join(out))
