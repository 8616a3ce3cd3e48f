import Foundation

/// A document offered for pairing: its name (a path), language, cleaned article and sentences.
public struct PairingCandidate: Sendable {
    public var name: String
    public var language: String
    public var article: CleanedArticle
    public var sentences: [String]

    public init(name: String, language: String, article: CleanedArticle, sentences: [String]) {
        self.name = name
        self.language = language
        self.article = article
        self.sentences = sentences
    }
}

/// A proposed pair (or a translation left unpaired), with the score and the evidence used.
public struct ProposedPair: Sendable, Hashable, Codable {
    public var translation: String
    public var original: String?
    /// The pair's score; for a translation left unpaired, its best candidate's.
    public var score: Double
    public var evidence: [String]
    /// For a translation left unpaired: the original that came closest (nil when none shared anything).
    public var bestCandidate: String? = nil

    enum CodingKeys: String, CodingKey {
        case translation, original, score, evidence
        case bestCandidate = "best_candidate"
    }
}

/// Finds which original each translation comes from. Evidence: an original's URL or story id
/// cited by the translation (decisive); otherwise the share of the translation's words, names
/// and numbers found in the original (through the lexicon, as the aligner matches them), and the
/// publication dates (a translation follows its original by hours or days). Each original is
/// paired at most once; a translation without a convincing original stays unpaired.
public struct DocumentPairer: Sendable {
    public var lexicon: PreparedLexicon?
    /// The content score a pair needs, and its lead over the runner-up.
    public var threshold = 0.35
    public var margin = 0.10

    public init(lexicon: PreparedLexicon?) {
        self.lexicon = lexicon
    }

    /// Whether `original` is the translation's original on its content and dates alone, as the
    /// pairer would judge it among no others: a page fetched at the URL the translation cites
    /// shares the cited story id whatever it holds (a paywall, an index, another story), so the
    /// id is left out of this judgement.
    /// - Returns: the judgement: `original` set when convincing, with the score and evidence.
    public func judge(translation: PairingCandidate, original: PairingCandidate) -> ProposedPair {
        var uncited = translation
        uncited.article.sourceURLs = []
        return pair(translations: [uncited], originals: [original]).first
            ?? ProposedPair(translation: translation.name, original: nil, score: 0, evidence: [])
    }

    public func pair(translations: [PairingCandidate], originals: [PairingCandidate]) -> [ProposedPair] {
        var extractor = FeatureExtractor(lexicon: lexicon)
        /// Each content token's keys, and the set of all keys of the document.
        func profile(_ candidate: PairingCandidate, role: FeatureExtractor.Role) -> (tokens: [[Int32]], keys: Set<Int32>) {
            var tokens: [[Int32]] = []
            for sentence in candidate.sentences {
                let features = extractor.features(of: sentence, language: candidate.language, role: role)
                for token in 0..<features.tokenCount {
                    tokens.append(Array(features.keys[Int(features.keyStarts[token])..<Int(features.keyStarts[token + 1])]))
                }
            }
            return (tokens, Set(tokens.joined()))
        }
        /// The share of `tokens` with a key in `keys`.
        func coverage(_ tokens: [[Int32]], _ keys: Set<Int32>) -> Double {
            guard !tokens.isEmpty else { return 0 }
            return Double(tokens.filter { $0.contains(where: keys.contains) }.count) / Double(tokens.count)
        }
        let translationRole: FeatureExtractor.Role = lexicon == nil ? .plain : .translated
        let originalRole: FeatureExtractor.Role = lexicon == nil ? .plain : .direct
        let originalProfiles = originals.map { profile($0, role: originalRole) }
        let originalIDs = originals.map(Self.identifiers)
        let index = CandidateIndex(keys: originalProfiles.map(\.keys), identifiers: originalIDs)
        var scored: [(translation: Int, original: Int, score: Double, evidence: [String])] = []
        for (t, translation) in translations.enumerated() {
            let translationProfile = profile(translation, role: translationRole)
            let cited = Set(translation.article.sourceURLs.flatMap(Self.storyIDs))
            for o in index.candidates(keys: translationProfile.keys, cited: cited, limit: candidateLimit) {
                let original = originals[o]
                var evidence: [String] = []
                var score = 0.0
                let shared = cited.intersection(originalIDs[o])
                if !shared.isEmpty {
                    score += 1
                    evidence.append("cites \(shared.sorted().joined(separator: ", "))")
                }
                // Both ways: the translation's tokens found in the original, and the reverse.
                let overlap =
                    (coverage(translationProfile.tokens, originalProfiles[o].keys)
                        + coverage(originalProfiles[o].tokens, translationProfile.keys)) / 2
                score += overlap
                evidence.append(String(format: "content overlap %.2f", overlap))
                if let days = Self.daysBetween(original: original.article.date, translation: translation.article.date) {
                    if days >= -1 && days <= 7 {
                        score += 0.05
                        evidence.append(String(format: "published %.1f days after", days))
                    } else {
                        score -= 0.2
                        evidence.append(String(format: "dates %.0f days apart", days))
                    }
                }
                scored.append((t, o, score, evidence))
            }
        }
        // Greedy one-to-one assignment, strongest first; a pair must lead its runner-up.
        var result = translations.map { ProposedPair(translation: $0.name, original: nil, score: 0, evidence: []) }
        var best: [Int: Double] = [:]
        var second: [Int: Double] = [:]
        for item in scored {
            if item.score > best[item.translation, default: -1] {
                second[item.translation] = best[item.translation]
                best[item.translation] = item.score
            } else if item.score > second[item.translation, default: -1] {
                second[item.translation] = item.score
            }
        }
        var usedTranslations = Set<Int>()
        var usedOriginals = Set<Int>()
        for item in scored.sorted(by: { $0.score > $1.score }) {
            guard !usedTranslations.contains(item.translation), !usedOriginals.contains(item.original) else { continue }
            let lead = item.score - (second[item.translation] ?? 0)
            if result[item.translation].score == 0 { result[item.translation].score = (item.score * 1000).rounded() / 1000 }
            guard item.score >= threshold, item.score == best[item.translation], lead >= margin else {
                if result[item.translation].evidence.isEmpty {
                    result[item.translation].bestCandidate = originals[item.original].name
                    result[item.translation].evidence =
                        ["best candidate \(originals[item.original].name)"] + item.evidence
                        + [String(format: "not convincing (runner-up %.2f)", second[item.translation] ?? 0)]
                }
                continue
            }
            usedTranslations.insert(item.translation)
            usedOriginals.insert(item.original)
            result[item.translation] = ProposedPair(
                translation: translations[item.translation].name, original: originals[item.original].name,
                score: (item.score * 1000).rounded() / 1000, evidence: item.evidence)
        }
        return result
    }

    /// How many originals get the full comparison with each translation: those sharing the most
    /// rare words with it, plus any it cites. The rest cannot win, and skipping them makes
    /// pairing linear in the number of documents.
    public var candidateLimit = 12

    /// Identifiers an original can be cited by: story ids in its URLs, its name and its text.
    static func identifiers(_ candidate: PairingCandidate) -> Set<String> {
        var ids = Set(candidate.article.sourceURLs.flatMap(storyIDs))
        ids.formUnion(storyIDs(candidate.name))
        for sentence in candidate.sentences.prefix(3) { ids.formUnion(storyIDs(sentence)) }
        return ids
    }

    /// Story ids in a URL or name: path segments of letters and digits, at least 8 long and
    /// holding a digit (`idUSKBN29T0CA`).
    static func storyIDs(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init).filter { part in
            part.count >= 8 && part.contains(where: \.isNumber) && part.contains(where: \.isLetter)
        }.map { $0.lowercased() }
    }

    static func daysBetween(original: String?, translation: String?) -> Double? {
        guard let original, let translation, let a = parse(original), let b = parse(translation) else { return nil }
        return b.timeIntervalSince(a) / 86_400
    }

    static func parse(_ date: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let full = formatter.date(from: date) { return full }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: String(date.prefix(10)))
    }
}

/// An inverted index of the originals' keys (words through the lexicon, names, numbers) and
/// story ids, to pick the few originals worth comparing with a translation.
struct CandidateIndex {
    private var postings: [Int32: [Int]] = [:]
    private var citedBy: [String: [Int]] = [:]
    private let count: Int

    init(keys: [Set<Int32>], identifiers: [Set<String>]) {
        count = keys.count
        for (original, set) in keys.enumerated() {
            for key in set { postings[key, default: []].append(original) }
        }
        for (original, ids) in identifiers.enumerated() {
            for id in ids { citedBy[id, default: []].append(original) }
        }
    }

    /// Every original when there are few; else the `limit` originals sharing the most
    /// inverse-document-frequency weight with `keys`, plus the ones `cited`.
    func candidates(keys: Set<Int32>, cited: Set<String>, limit: Int) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        // Keys in more than a fifth of the originals tell them apart too little to be worth it.
        let commonLimit = max(2, count / 5)
        var weights: [Int: Double] = [:]
        for key in keys {
            guard let list = postings[key], list.count <= commonLimit else { continue }
            let weight = log(Double(count) / Double(list.count))
            for original in list { weights[original, default: 0] += weight }
        }
        var chosen = Set(weights.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map(\.key))
        for id in cited { chosen.formUnion(citedBy[id] ?? []) }
        return chosen.sorted()
    }
}
