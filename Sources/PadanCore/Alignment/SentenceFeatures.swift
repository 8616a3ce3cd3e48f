/// The evidence of one sentence, reduced to integer keys: each content token carries the keys it
/// can match on the other side (its lexicon translations, itself, its cognate prefix, a number's
/// digits, a punctuation mark). Two tokens match when their key lists share a key.
struct SentenceFeatures: Sendable {
    /// Keys per content token; `keyStarts[k]..<keyStarts[k+1]` indexes `keys`.
    var keys: [Int32] = []
    var keyStarts: [Int32] = [0]
    /// Length in Unicode scalars, for the length model.
    var length: Int = 0
    /// Per content token: the key of the word as written (case and accents folded), or -1 for a
    /// number or a mark. Word pairs learned from a first alignment are keyed by these.
    var wordIdentities: [Int32] = []

    var tokenCount: Int { keyStarts.count - 1 }

    /// The same features with `extra[identity]` added to every word token that has one.
    func adding(_ extra: [Int32: Int32]) -> SentenceFeatures {
        var result = SentenceFeatures()
        result.length = length
        result.wordIdentities = wordIdentities
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
    enum Role: Int { case direct, translated, plain }

    private var vocabulary: [String: Int32] = [:]
    private let lexicon: PreparedLexicon?
    private var translationCache: [String: [String]] = [:]
    private var stemCache: [String: String] = [:]
    /// Per role, per word form (as written): its lower-case form and its keys (none for a stop
    /// word). A form on the source side and the same form on the target side differ in keys.
    private var wordCaches: [[String: CachedWord]] = [[:], [:], [:]]

    /// What a word form contributes, computed once per run.
    private struct CachedWord {
        var lower: String
        /// The form phrases are looked up by: the stem on the direct side, else the lower case.
        var phraseForm: String
        var keys: [Int32]
        /// Some lexicon phrase starts with this word: only then are phrases looked for here.
        var startsPhrase: Bool
    }

    init(lexicon: PreparedLexicon?) {
        self.lexicon = lexicon
    }

    var vocabularySize: Int { vocabulary.count }

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

    /// Pivot keys for a foreign word: the lexicon entries of the most specific affix-stripped
    /// form that has any.
    private mutating func translations(of word: String, language: String) -> [String] {
        if let cached = translationCache[word] { return cached }
        var found: [String] = []
        let forms =
            language.hasPrefix("id") || language.hasPrefix("ms")
            ? IndonesianStemmer.candidates(word) : [word]
        for form in forms {
            if let hits = lexicon?.entries[form] {
                found = hits
                break
            }
        }
        if found.count > 12 { found = Array(found.prefix(12)) }
        translationCache[word] = found
        return found
    }

    mutating func features(of sentence: String, language: String, role: Role) -> SentenceFeatures {
        var result = SentenceFeatures()
        result.length = sentence.unicodeScalars.count
        let tokens = Tokenizer.tokens(sentence)
        let stopWords = StopWords.list(for: language)
        var tokenKeys: [[Int32]] = []
        var identities: [Int32] = []
        var phraseForms: [String] = []
        var phraseStarts: [Bool] = []
        var anyPhrase = false
        for token in tokens {
            var keys: [Int32] = []
            switch token.kind {
            case .mark:
                keys.append(key("p:" + token.text))
            case .number:
                keys.append(key("#" + Tokenizer.numberKey(token.text)))
            case .word:
                let word = wordKeys(token.text, language: language, role: role, stopWords: stopWords)
                phraseForms.append(word.phraseForm)
                phraseStarts.append(word.startsPhrase)
                anyPhrase = anyPhrase || word.startsPhrase
                tokenKeys.append(word.keys)
                identities.append(word.keys.first ?? -1)
                continue
            }
            phraseForms.append("")
            phraseStarts.append(false)
            tokenKeys.append(keys)
            identities.append(-1)
        }
        if anyPhrase { addPhraseKeys(&tokenKeys, forms: phraseForms, starts: phraseStarts, role: role) }
        for (keys, identity) in zip(tokenKeys, identities) where !keys.isEmpty {
            result.keys.append(contentsOf: keys)
            result.keyStarts.append(Int32(result.keys.count))
            result.wordIdentities.append(identity)
        }
        return result
    }

    /// The keys of a word, computed once per word form in a run: most tokens repeat a few
    /// thousand forms.
    private mutating func wordKeys(_ text: String, language: String, role: Role, stopWords: Set<String>?) -> CachedWord {
        if let cached = wordCaches[role.rawValue][text] { return cached }
        let lower = text.lowercased()
        var keys: [Int32] = []
        let isAcronym = text.count >= 2 && text.allSatisfy { $0.isUppercase }
        let isStop = stopWords?.contains(lower) ?? (lower.count <= 3)
        if !isStop || isAcronym {
            let folded = ICUFolding.fold(lower)
            keys.append(key("=" + folded))
            if folded.count >= 5 { keys.append(key("~" + folded.prefix(5))) }
            switch role {
            case .direct:
                keys.append(key("w:" + cachedStem(lower, language: language)))
            case .translated:
                for translation in translations(of: lower, language: language) {
                    keys.append(key("w:" + translation))
                }
            case .plain:
                break
            }
        }
        let phraseForm = role == .direct ? cachedStem(lower, language: language) : lower
        let startsPhrase =
            switch role {
            case .translated: lexicon?.foreignPhrases[phraseForm] != nil
            case .direct: lexicon?.pivotPhrases[phraseForm] != nil
            case .plain: false
            }
        let word = CachedWord(lower: lower, phraseForm: phraseForm, keys: keys, startsPhrase: startsPhrase)
        wordCaches[role.rawValue][text] = word
        return word
    }

    /// Multi-word lexicon and glossary terms (`Gedung Putih` ↔ `White House`): every token of a
    /// phrase found in the sentence also carries the phrase's key. `forms` are the words as
    /// phrases are keyed (stems on the direct side); only `starts` are looked up.
    private mutating func addPhraseKeys(_ tokenKeys: inout [[Int32]], forms: [String], starts: [Bool], role: Role) {
        for start in forms.indices where starts[start] {
            switch role {
            case .translated:
                for (phrase, pivots) in lexicon?.foreignPhrases[forms[start]] ?? []
                where start + phrase.count <= forms.count && forms[start..<start + phrase.count].elementsEqual(phrase) {
                    for pivot in pivots {
                        let id = key("w:" + pivot)
                        for index in start..<start + phrase.count { tokenKeys[index].append(id) }
                    }
                }
            case .direct:
                for phrase in lexicon?.pivotPhrases[forms[start]] ?? []
                where start + phrase.count <= forms.count && forms[start..<start + phrase.count].elementsEqual(phrase) {
                    let id = key("w:" + phrase.joined(separator: " "))
                    for index in start..<start + phrase.count { tokenKeys[index].append(id) }
                }
            case .plain:
                break
            }
        }
    }
}

/// ASCII folding with a cache: ICU transliteration is the costliest step per word type.
enum ICUFolding {
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
        return ICU.foldToASCII(word)
    }
}
