/// Light English suffix stripping, applied the same way to text and to lexicon entries so both
/// meet on one key (`agreed`, `agrees`, `agreeing` → `agre`).
public enum EnglishStemmer {
    public static func stem(_ word: String) -> String {
        var w = word.lowercased()
        if w.hasSuffix("'s") || w.hasSuffix("’s") { w.removeLast(2) }
        if let singular = irregularSingular(w) { w = singular }
        if let base = irregularVerbBase[w] { w = base }
        if w.count <= 3 { return w }
        if w.hasSuffix("ies") && w.count > 4 {
            w.removeLast(3)
            w += "y"
        } else if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") {
            w.removeLast(2)
        } else if w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is") {
            w.removeLast()
        }
        // `agreed` is `agree` + `d`: its stem keeps the `e` the bare verb's loses below.
        var keepsFinalE = false
        if w.hasSuffix("ing") && w.count > 5 {
            w.removeLast(3)
            dropDoubledConsonant(&w)
        } else if w.hasSuffix("ed") && w.count > 4 {
            w.removeLast(2)
            dropDoubledConsonant(&w)
            keepsFinalE = w.hasSuffix("e")
        } else if w.hasSuffix("ly") && w.count > 5 {
            w.removeLast(2)
        }
        if w.hasSuffix("e") && w.count > 3 && !keepsFinalE { w.removeLast() }
        if w.hasSuffix("y") && w.count > 3 { w.removeLast() }
        return w
    }

    /// English's irregular plurals, a closed class, in their singular (a lexicon lists `woman`,
    /// a text says `women`): the vowel-changing ones and every compound of `-man`
    /// (`spokesmen`, `businesswomen`).
    static let irregularPlurals: [String: String] = [
        "children": "child", "feet": "foot", "teeth": "tooth", "geese": "goose", "mice": "mouse",
        "oxen": "ox", "lice": "louse",
    ]
    /// English's irregular past tenses and participles, a closed class, in their base form (a
    /// lexicon lists `take`, a news text says `took`, `taken`). Forms that are as often another
    /// word (`lay`, `bore`, `ground`, `wound`) are left out.
    static let irregularVerbBase: [String: String] = [
        "arose": "arise", "arisen": "arise", "awoke": "awake", "beaten": "beat", "became": "become",
        "began": "begin", "begun": "begin", "bent": "bend", "bitten": "bite", "bled": "bleed",
        "blew": "blow", "blown": "blow", "broke": "break", "broken": "break", "bred": "breed",
        "brought": "bring", "built": "build", "burnt": "burn", "bought": "buy",
        "caught": "catch", "chose": "choose", "chosen": "choose", "came": "come", "crept": "creep",
        "dealt": "deal", "dug": "dig", "drew": "draw", "drawn": "draw", "dreamt": "dream", "drank": "drink",
        "drunk": "drink", "drove": "drive", "driven": "drive", "ate": "eat", "eaten": "eat", "fell": "fall",
        "fallen": "fall", "fed": "feed", "felt": "feel", "fought": "fight", "found": "find", "fled": "flee",
        "flew": "fly", "flown": "fly", "forbade": "forbid", "forbidden": "forbid", "forgot": "forget",
        "forgotten": "forget", "forgave": "forgive", "forgiven": "forgive", "froze": "freeze",
        "frozen": "freeze", "got": "get", "gotten": "get", "gave": "give", "given": "give", "went": "go",
        "gone": "go", "grew": "grow", "grown": "grow", "hung": "hang", "heard": "hear", "hid": "hide",
        "hidden": "hide", "held": "hold", "kept": "keep", "knelt": "kneel", "knew": "know", "known": "know",
        "led": "lead", "leapt": "leap", "left": "leave", "lent": "lend", "lost": "lose", "made": "make",
        "meant": "mean", "met": "meet", "mistook": "mistake", "mistaken": "mistake", "overcame": "overcome",
        "overtook": "overtake", "overtaken": "overtake", "paid": "pay", "rode": "ride", "ridden": "ride",
        "rang": "ring", "rung": "ring", "rose": "rise", "risen": "rise", "ran": "run", "sought": "seek",
        "saw": "see", "seen": "see", "sold": "sell", "sent": "send", "shook": "shake", "shaken": "shake",
        "shone": "shine", "shot": "shoot", "shown": "show", "shrank": "shrink", "sang": "sing", "sung": "sing",
        "sank": "sink", "sunk": "sink", "sat": "sit", "slept": "sleep", "slid": "slide", "spoke": "speak",
        "spoken": "speak", "sped": "speed", "spent": "spend", "spun": "spin",
        "sprang": "spring", "stood": "stand", "stole": "steal", "stolen": "steal", "stuck": "stick",
        "stung": "sting", "struck": "strike", "stricken": "strike", "strove": "strive", "swore": "swear",
        "sworn": "swear", "swept": "sweep", "swam": "swim", "swum": "swim", "swung": "swing", "took": "take",
        "taken": "take", "taught": "teach", "tore": "tear", "torn": "tear", "told": "tell", "thought": "think",
        "threw": "throw", "thrown": "throw", "understood": "understand", "undertook": "undertake",
        "undertaken": "undertake", "upheld": "uphold", "woke": "wake", "woken": "wake", "wore": "wear",
        "worn": "wear", "wept": "weep", "won": "win", "withdrew": "withdraw", "withdrawn": "withdraw",
        "wrote": "write", "written": "write",
    ]

    /// Words ending in `men` that are not plurals of `man` (`omen` would meet `Oman`).
    static let menWordsNotPlural: Set<String> = ["omen", "amen"]

    /// The singular of an irregular plural; nil for any other word.
    static func irregularSingular(_ word: String) -> String? {
        if let singular = irregularPlurals[word] { return singular }
        guard word.hasSuffix("men"), !menWordsNotPlural.contains(word) else { return nil }
        return String(word.dropLast(3)) + "man"
    }

    private static func dropDoubledConsonant(_ w: inout String) {
        let scalars = Array(w.unicodeScalars)
        guard scalars.count >= 3, let last = scalars.last, scalars[scalars.count - 2] == last,
            !"aeiouls".unicodeScalars.contains(last)
        else { return }
        w.removeLast()
    }
}

/// Indonesian affix stripping (after the Nazief–Adriani / confix-stripping tradition): the
/// candidate stems of a word, most specific first, for looking words up in a lexicon. Particles
/// (`-lah`, `-kah`, `-pun`), possessives (`-ku`, `-mu`, `-nya`), derivational suffixes (`-kan`,
/// `-an`, `-i`) and prefixes (`meN-`, `peN-`, `ber-`, `di-`, `ter-`, `ke-`, `se-`, `per-`) with
/// the nasal's sound changes (`menyambut` → `sambut`, `memperbaiki` → `baik`).
public enum IndonesianStemmer {
    public static func candidates(_ word: String) -> [String] {
        var w = word.lowercased()
        var result: [String] = []
        func add(_ candidate: String) {
            if candidate.count >= 2 && !result.contains(candidate) { result.append(candidate) }
        }
        add(w)
        // Reduplication: `poin-poin`, `bagian-bagian`, `sayur-mayur` → first half.
        if let dash = w.firstIndex(of: "-") {
            let first = String(w[..<dash])
            let second = String(w[w.index(after: dash)...])
            if first == second || second.hasSuffix(first) || first.count >= 3 {
                w = first
                add(w)
            }
        }
        for suffixed in suffixVariants(w) {
            add(suffixed)
            for prefixed in prefixVariants(suffixed) {
                add(prefixed)
                for again in prefixVariants(prefixed) { add(again) }
            }
        }
        return result
    }

    static func suffixVariants(_ word: String) -> [String] {
        var forms = [word]
        var current = word
        for particle in ["lah", "kah", "tah", "pun"] where current.hasSuffix(particle) && current.count > particle.count + 3 {
            current.removeLast(particle.count)
            forms.append(current)
            break
        }
        for possessive in ["nya", "ku", "mu"] where current.hasSuffix(possessive) && current.count > possessive.count + 3 {
            current.removeLast(possessive.count)
            forms.append(current)
            break
        }
        for suffix in ["kan", "an", "i"] where current.hasSuffix(suffix) && current.count > suffix.count + 3 {
            var stripped = current
            stripped.removeLast(suffix.count)
            forms.append(stripped)
            break
        }
        return forms
    }

    static func prefixVariants(_ word: String) -> [String] {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        var forms: [String] = []
        func strip(_ prefix: String, recode: String = "") {
            guard word.hasPrefix(prefix), word.count > prefix.count + 2 else { return }
            forms.append(recode + word.dropFirst(prefix.count))
        }
        let afterPrefix = { (length: Int) -> Character? in
            let index = word.index(word.startIndex, offsetBy: length, limitedBy: word.endIndex)
            return index.flatMap { $0 < word.endIndex ? word[$0] : nil }
        }
        for prefix in ["di", "ke", "se"] { strip(prefix) }
        for prefix in ["ter", "ber", "per"] { strip(prefix) }
        for prefix in ["te", "be", "pe"] where afterPrefix(2).map({ !vowels.contains($0) }) ?? false {
            strip(prefix)
        }
        for (nasal, recodes) in [
            ("meny", ["s"]), ("peny", ["s"]), ("meng", ["", "k"]), ("peng", ["", "k"]),
            ("mem", ["", "p"]), ("pem", ["", "p"]), ("men", ["", "t"]), ("pen", ["", "t"]),
        ] where word.hasPrefix(nasal) {
            for recode in recodes {
                if recode.isEmpty || afterPrefix(nasal.count).map(vowels.contains) == true {
                    strip(nasal, recode: recode)
                }
            }
        }
        for prefix in ["me", "pe"] where afterPrefix(2).map({ "lrwy".contains($0) }) ?? false {
            strip(prefix)
        }
        return forms
    }
}
