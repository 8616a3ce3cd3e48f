/// The evidence of one sentence, reduced to integer keys: each content token carries the keys it
/// can match on the other side (its lexicon translations, itself, its cognate prefix, a number's
/// digits, a punctuation mark). Two tokens match when their key lists share a key.
struct SentenceFeatures: Sendable {
    /// Keys per content token; `keyStarts[k]..<keyStarts[k+1]` indexes `keys`.
    var keys: [Int32] = []
    var keyStarts: [Int32] = [0]
    /// Length in Unicode scalars, for the length model.
    var length: Int = 0
    /// Whether the sentence ends in a semicolon: a clause a segmenter split off, which runs on
    /// into the next sentence, so it should not close a link of several sentences.
    var runsOn = false
    /// Per content token: the key of the word as written (case and accents folded), or -1 for a
    /// number or a mark. Word pairs learned from a first alignment are keyed by these.
    var wordIdentities: [Int32] = []
    /// The keys of the tokens that can pin a sentence to its counterpart when they occur once
    /// in a stretch of both texts (see `PinnedPairs`): numbers, and words of four letters or
    /// more as written. Only gathered with the language-independent evidence
    /// (`Role.isLanguageIndependent`), where pinning is used.
    var anchorKeys: [Int32] = []

    var tokenCount: Int { keyStarts.count - 1 }

    /// Replaces every key `k` by `numbers[k]` (the key space of another extractor:
    /// `FeatureExtractor.absorbKeys(of:)`), in place: a copy of a long document's features
    /// would hold its memory twice.
    mutating func renumber(by numbers: [Int32]) {
        for index in keys.indices { keys[index] = numbers[Int(keys[index])] }
        for index in wordIdentities.indices where wordIdentities[index] >= 0 {
            wordIdentities[index] = numbers[Int(wordIdentities[index])]
        }
        for index in anchorKeys.indices { anchorKeys[index] = numbers[Int(anchorKeys[index])] }
    }

    /// The same features with `extra[identity]` added to every word token that has one.
    func adding(_ extra: [Int32: Int32]) -> SentenceFeatures {
        var result = SentenceFeatures()
        result.length = length
        result.runsOn = runsOn
        result.wordIdentities = wordIdentities
        result.anchorKeys = anchorKeys
        result.keys.reserveCapacity(keys.count + 4)
        for token in 0..<tokenCount {
            result.keys.append(contentsOf: keys[Int(keyStarts[token])..<Int(keyStarts[token + 1])])
            if let key = extra[wordIdentities[token]] { result.keys.append(key) }
            result.keyStarts.append(Int32(result.keys.count))
        }
        return result
    }
}

/// Builds `SentenceFeatures` for both sides of an alignment over one shared key space. The side
/// written in the lexicon's foreign language is "translated": its words map to pivot-language
/// keys through the lexicon (after affix stripping); the other side maps to those keys directly.
struct FeatureExtractor {
    /// How a side's words are keyed: through a lexicon that decides (its pivot language's words
    /// by their stems, `direct`; its foreign language's by their translations, `translated`), by
    /// the language-independent evidence alone (`plain`), or by both (`plainDirect`,
    /// `plainTranslated`), where a lexicon serves the languages but knows too few of the
    /// translation's words to decide (`AlignerConfiguration.decisiveLexiconCoverage`).
    enum Role: Int {
        case direct, translated, plain, plainDirect, plainTranslated

        /// What the lexicon does for the words of a side in this role.
        enum LexiconUse { case none, stems, translations }

        var lexiconUse: LexiconUse {
            switch self {
            case .direct, .plainDirect: .stems
            case .translated, .plainTranslated: .translations
            case .plain: .none
            }
        }

        /// Whether the language-independent evidence is gathered: the normalised cognate
        /// spelling, and the anchors rare tokens pin pairs with.
        var isLanguageIndependent: Bool { self != .direct && self != .translated }

        /// The role that keeps this one's lexicon keys and gathers the language-independent
        /// evidence too.
        var withLanguageIndependentEvidence: Role {
            switch self {
            case .direct: .plainDirect
            case .translated: .plainTranslated
            case .plain, .plainDirect, .plainTranslated: self
            }
        }
    }

    private var vocabulary: [String: Int32] = [:]
    private let lexicon: PreparedLexicon?
    private var translationCache: [String: [String]] = [:]
    private var stemCache: [String: String] = [:]
    /// Per role, per word form (as written, by its bytes): its entry in `words`. A form on the
    /// source side and the same form on the target side differ in keys. One table per role, not
    /// an array of them: reading through an array retained the table for every token.
    private var directWordForms = WordFormTable()
    private var translatedWordForms = WordFormTable()
    private var plainWordForms = WordFormTable()
    private var plainDirectWordForms = WordFormTable()
    private var plainTranslatedWordForms = WordFormTable()
    /// The keys of marks and of numbers as written, by their bytes: a comma or a year would
    /// otherwise build and hash a string for every time it occurs.
    private var markKeys = WordFormTable()
    private var numberKeys = WordFormTable()
    /// Of the content words read on a side whose words the lexicon translates, how many it
    /// translates (see `translatedShare`).
    private(set) var wordsToTranslate = 0
    private(set) var wordsTranslated = 0
    /// What each word form contributes, computed once per run; a sentence refers to these by
    /// index, so building its features copies no strings or arrays.
    private var words: [CachedWord] = []
    /// The keys of every word form, `words[k].keys` indexing into it.
    private var wordKeyPool: [Int32] = []

    /// Phrase forms (the words of lexicon phrases as sentences are matched against them),
    /// numbered so that phrases are compared as integers.
    private var phraseFormIDs: [String: Int32] = [:]
    /// The lexicon phrases that start with some word form, `words[k].phrases` indexing into it.
    private var phrasePool: [CandidatePhrase] = []

    private struct CachedWord {
        /// The number of the form phrases are matched by: the stem on the direct side, else the
        /// lower case.
        var phraseForm: Int32
        var keys: Range<Int>
        /// The key of the word as written, or -1 for a stop word.
        var identity: Int32
        /// Whether the word as written is long enough to be an anchor (see `anchorKeys`).
        var isAnchor: Bool
        /// Whether the lexicon translates the word (on a side whose words it translates).
        var isTranslated: Bool
        /// The lexicon phrases that start with this word (usually none).
        var phrases: Range<Int>
    }

    /// A multi-word lexicon entry: its words' phrase forms and the keys its tokens gain.
    private struct CandidatePhrase {
        var forms: [Int32]
        var keys: [Int32]
    }

    init(lexicon: PreparedLexicon?) {
        self.lexicon = lexicon
    }

    var vocabularySize: Int { vocabulary.count }

    /// The share of the content words read so far on a side whose words the lexicon translates
    /// that it translates; nil before any.
    var translatedShare: Double? {
        wordsToTranslate == 0 ? nil : Double(wordsTranslated) / Double(wordsToTranslate)
    }

    /// The fewest content words of the translation whose share a lexicon's coverage is judged on
    /// as it is (`AlignerConfiguration.decisiveLexiconCoverage`): in a few sentences, two or
    /// three names it lacks would make the share say little, so fewer are judged by the share's
    /// interval (`showsLexiconTooWeak(decisiveCoverage:)`).
    static let fewestWordsToJudgeLexicon = 50

    /// Whether the words read so far show the lexicon too weak to decide an alignment: of at
    /// least `fewestWordsToJudgeLexicon` words to translate, it translates a share below
    /// `decisiveCoverage`; of fewer, even the highest share the few are likely to come from (the
    /// upper end of the share's 95 % Wilson interval) is below it — a glossary of a few terms
    /// translating one word of a short text does not decide, but a lexicon missing two names of
    /// it still does.
    func showsLexiconTooWeak(decisiveCoverage: Double) -> Bool {
        guard let share = translatedShare else { return false }
        if wordsToTranslate >= Self.fewestWordsToJudgeLexicon { return share < decisiveCoverage }
        return Self.upperShare(share, of: wordsToTranslate) < decisiveCoverage
    }

    /// The upper end of the 95 % Wilson score interval of a share observed over `count` words.
    static func upperShare(_ share: Double, of count: Int) -> Double {
        let z = 1.96
        let n = Double(count)
        let centre = share + z * z / (2 * n)
        let spread = z * (share * (1 - share) / n + z * z / (4 * n * n)).squareRoot()
        return (centre + spread) / (1 + z * z / n)
    }

    /// The roles of the two sides: the one written in `lexicon`'s foreign language is translated,
    /// the other direct; both plain when no lexicon connects the languages.
    static func roles(sourceLanguage: String, targetLanguage: String, lexicon: PreparedLexicon?) -> (
        source: Role, target: Role
    ) {
        guard let lexicon, lexicon.pairCount > 0 else { return (.plain, .plain) }
        if targetLanguage.hasPrefix(lexicon.foreignLanguage.prefix(2))
            && sourceLanguage.hasPrefix(lexicon.pivotLanguage.prefix(2))
        {
            return (.direct, .translated)
        }
        if sourceLanguage.hasPrefix(lexicon.foreignLanguage.prefix(2))
            && targetLanguage.hasPrefix(lexicon.pivotLanguage.prefix(2))
        {
            return (.translated, .direct)
        }
        return (.plain, .plain)
    }

    static func stem(_ word: String, language: String) -> String {
        language.hasPrefix("en") ? EnglishStemmer.stem(word) : word.lowercased()
    }

    /// `stem(_:language:)` cached per word type for this run (one language per side).
    private mutating func cachedStem(_ word: String, language: String) -> String {
        if let stem = stemCache[word] { return stem }
        let stem = Self.stem(word, language: language)
        stemCache[word] = stem
        return stem
    }

    mutating func key(_ text: String) -> Int32 {
        if let id = vocabulary[text] { return id }
        let id = Int32(vocabulary.count)
        vocabulary[text] = id
        return id
    }

    /// Takes in the keys of `other` (an extractor that read the texts after this one's, apart
    /// from it): each keeps this extractor's number for the same text or gets the next new one,
    /// in the order `other` numbered them — the number this extractor would have given it had it
    /// read those texts itself, next. Its counts of words to translate are added too.
    /// - Returns: per key of `other`, its number here (`SentenceFeatures.renumber(by:)`).
    mutating func absorbKeys(of other: FeatureExtractor) -> [Int32] {
        var texts = [String](repeating: "", count: other.vocabulary.count)
        for (text, id) in other.vocabulary { texts[Int(id)] = text }
        wordsToTranslate += other.wordsToTranslate
        wordsTranslated += other.wordsTranslated
        return texts.map { key($0) }
    }

    /// `PreparedLexicon.translations(of:)` cached per word type for this run, at most 12.
    private mutating func translations(of word: String) -> [String] {
        if let cached = translationCache[word] { return cached }
        let found = Array((lexicon?.translations(of: word) ?? []).prefix(12))
        translationCache[word] = found
        return found
    }

    mutating func features(of sentence: String, language: String, role: Role) -> SentenceFeatures {
        var result = SentenceFeatures()
        result.runsOn = sentence.unicodeScalars.last { !$0.properties.isWhitespace }.map { $0 == ";" } ?? false
        let stopWords = StopWords.list(for: language)
        // Per token: a word's index in `words`, or the complement of a number's or mark's key.
        var entries: [Int32] = []
        var anyPhrase = false
        var seenMarks: Set<Int32> = []
        let gathersAnchors = role.isLanguageIndependent
        let countsTranslations = role.lexiconUse == .translations
        // The length in scalars comes from the tokenizer, which decodes them anyway.
        result.length = Tokenizer.forEachTokenText(in: sentence) { kind, text, _ in
            switch kind {
            case .mark:
                // A mark says the same however often it repeats (the four quotation marks of
                // two quotes): it is one token, so repeats do not outweigh the words.
                let mark = markKey(text)
                if !seenMarks.insert(mark).inserted { break }
                entries.append(~mark)
            case .number:
                let number = numberKey(text)
                entries.append(~number)
                if gathersAnchors { result.anchorKeys.append(number) }
            case .word:
                let index = wordEntry(text, language: language, role: role, stopWords: stopWords)
                if gathersAnchors && words[Int(index)].isAnchor { result.anchorKeys.append(words[Int(index)].identity) }
                if countsTranslations && words[Int(index)].identity >= 0 {
                    wordsToTranslate += 1
                    if words[Int(index)].isTranslated { wordsTranslated += 1 }
                }
                anyPhrase = anyPhrase || !words[Int(index)].phrases.isEmpty
                entries.append(index)
            }
        }
        let phraseKeys = anyPhrase ? self.phraseKeys(entries) : [:]
        result.keys.reserveCapacity(entries.count * 3)
        result.wordIdentities.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() {
            let start = result.keys.count
            var identity: Int32 = -1
            if entry < 0 {
                result.keys.append(~entry)
            } else {
                let word = words[Int(entry)]
                // Element by element: a slice of the pool would retain it for every token.
                for key in word.keys { result.keys.append(wordKeyPool[key]) }
                identity = word.identity
            }
            if let extra = phraseKeys[position] { result.keys.append(contentsOf: extra) }
            guard result.keys.count > start else { continue }  // a stop word
            result.keyStarts.append(Int32(result.keys.count))
            result.wordIdentities.append(identity)
        }
        return result
    }

    /// The key of a mark as written.
    private mutating func markKey(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let cached = markKeys.value(for: text) { return cached }
        let mark = key("p:" + String(decoding: text, as: UTF8.self))
        markKeys.insert(text, value: mark)
        return mark
    }

    /// The key of a number as written: its digits (`Tokenizer.numberKey(_:)`).
    private mutating func numberKey(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let cached = numberKeys.value(for: text) { return cached }
        let number = key("#" + Tokenizer.numberKey(String(decoding: text, as: UTF8.self)))
        numberKeys.insert(text, value: number)
        return number
    }

    /// The entry of a word form in `words`, computed once per form in a run: most tokens repeat
    /// a few thousand forms.
    private mutating func wordEntry(
        _ form: UnsafeBufferPointer<UInt8>, language: String, role: Role, stopWords: Set<String>?
    ) -> Int32 {
        if let index = cachedWordEntry(form, role: role) { return index }
        let index = newWordEntry(String(decoding: form, as: UTF8.self), language: language, role: role, stopWords: stopWords)
        switch role {
        case .direct: directWordForms.insert(form, value: index)
        case .translated: translatedWordForms.insert(form, value: index)
        case .plain: plainWordForms.insert(form, value: index)
        case .plainDirect: plainDirectWordForms.insert(form, value: index)
        case .plainTranslated: plainTranslatedWordForms.insert(form, value: index)
        }
        return index
    }

    /// The entry of a word form already seen in `role`.
    @inline(__always)
    private func cachedWordEntry(_ form: UnsafeBufferPointer<UInt8>, role: Role) -> Int32? {
        switch role {
        case .direct: directWordForms.value(for: form)
        case .translated: translatedWordForms.value(for: form)
        case .plain: plainWordForms.value(for: form)
        case .plainDirect: plainDirectWordForms.value(for: form)
        case .plainTranslated: plainTranslatedWordForms.value(for: form)
        }
    }

    /// What word form `text` contributes, appended to `words`; returns its index there.
    private mutating func newWordEntry(_ text: String, language: String, role: Role, stopWords: Set<String>?) -> Int32 {
        let lower = text.lowercased()
        var keys: [Int32] = []
        let isAcronym = text.count >= 2 && text.allSatisfy { $0.isUppercase }
        let isStop = stopWords?.contains(lower) ?? (lower.count <= 3)
        var isAnchor = false
        var isTranslated = false
        if !isStop || isAcronym {
            let folded = ICUFolding.fold(lower)
            isAnchor = folded.count >= 4
            keys.append(key("=" + folded))
            if folded.count >= 5 { keys.append(key("~" + folded.prefix(5))) }
            // The cognate prefix of the normalised spelling too, in the same key space: it meets
            // the other language's as written (`technology` ↔ `teknologi`) or normalised.
            let spelling = role.isLanguageIndependent ? CognateSpelling.normalized(folded) : folded
            if spelling.count >= 5 && spelling.prefix(5) != folded.prefix(5) {
                keys.append(key("~" + spelling.prefix(5)))
            }
            switch role.lexiconUse {
            case .stems:
                keys.append(key("w:" + cachedStem(lower, language: language)))
            case .translations:
                let found = translations(of: lower)
                isTranslated = !found.isEmpty
                for translation in found { keys.append(key("w:" + translation)) }
            case .none:
                break
            }
        }
        let phraseForm = role.lexiconUse == .stems ? cachedStem(lower, language: language) : lower
        let firstPhrase = phrasePool.count
        switch role.lexiconUse {
        case .translations:
            for (phrase, pivots) in lexicon?.foreignPhrases[phraseForm] ?? [] {
                phrasePool.append(
                    CandidatePhrase(forms: phrase.map { formID($0) }, keys: pivots.map { key("w:" + $0) }))
            }
        case .stems:
            for phrase in lexicon?.pivotPhrases[phraseForm] ?? [] {
                phrasePool.append(
                    CandidatePhrase(forms: phrase.map { formID($0) }, keys: [key("w:" + phrase.joined(separator: " "))]))
            }
        case .none:
            break
        }
        let start = wordKeyPool.count
        wordKeyPool.append(contentsOf: keys)
        let index = Int32(words.count)
        words.append(
            CachedWord(
                phraseForm: formID(phraseForm), keys: start..<wordKeyPool.count, identity: keys.first ?? -1,
                isAnchor: isAnchor, isTranslated: isTranslated, phrases: firstPhrase..<phrasePool.count))
        return index
    }

    private mutating func formID(_ form: String) -> Int32 {
        if let id = phraseFormIDs[form] { return id }
        let id = Int32(phraseFormIDs.count)
        phraseFormIDs[form] = id
        return id
    }

    /// Multi-word lexicon and glossary terms (`Gedung Putih` ↔ `White House`): every token of a
    /// phrase found in the sentence also carries the phrase's keys. `entries` are the sentence's
    /// tokens as `features(of:language:role:)` numbers them.
    private func phraseKeys(_ entries: [Int32]) -> [Int: [Int32]] {
        var added: [Int: [Int32]] = [:]
        for start in entries.indices where entries[start] >= 0 {
            for phrase in phrasePool[words[Int(entries[start])].phrases]
            where start + phrase.forms.count <= entries.count {
                var matches = true
                for (offset, form) in phrase.forms.enumerated() {
                    let entry = entries[start + offset]
                    if entry < 0 || words[Int(entry)].phraseForm != form {
                        matches = false
                        break
                    }
                }
                guard matches else { continue }
                for index in start..<start + phrase.forms.count { added[index, default: []].append(contentsOf: phrase.keys) }
            }
        }
        return added
    }
}

/// ASCII folding with a cache: ICU transliteration is the costliest step per word type.
enum ICUFolding {
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
        return ICU.foldToASCII(word)
    }
}
