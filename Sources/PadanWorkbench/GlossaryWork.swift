import PadanCore
import PadanStore

/// Which links glossary work reads: reviewed ones, since an unreviewed link may be wrong.
public enum ReviewedLinks {
    /// Statuses of links a reviewer stood behind.
    public static let statuses: Set<LinkStatus> = [.confirmed, .edited]
}

/// A finding of `check --corpus`: one problem seen across pairs, with every link it involves.
public struct CorpusFinding: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Encodable {
        /// One source segment translated in more than one way.
        case sourceRenderedTwoWays = "source-rendered-two-ways"
        /// One translation used for more than one source segment.
        case targetForTwoSources = "target-for-two-sources"
        /// An approved term whose approved rendering is missing from the translation.
        case termNotFollowed = "term-not-followed"
        /// A deprecated rendering of a term still used.
        case deprecatedTerm = "deprecated-term"
    }

    /// A link, with the pair it belongs to.
    public struct Place: Sendable, Hashable, Encodable {
        public var pair: Int64
        public var link: Int64
    }

    public var kind: Kind
    public var evidence: String
    public var links: [Place]
}

extension Workbench {
    /// The reviewed links of the pairs of `languages` (of `pairIDs` only, when given) as term samples.
    public static func reviewedSamples(store: AlignmentStore, languages: LanguagePair, pairs pairIDs: [Int64]? = nil) throws
        -> [TermSample]
    {
        var samples: [TermSample] = []
        try forEachLink(store: store, languages: languages, pairs: pairIDs) { _, link in
            guard ReviewedLinks.statuses.contains(link.status), !link.sourceText.isEmpty, !link.targetText.isEmpty else {
                return
            }
            samples.append(TermSample(linkID: link.id, source: link.sourceText, target: link.targetText))
        }
        return samples
    }

    /// Calls `body` with every link of the pairs of `languages` (of `pairIDs` only, when given),
    /// pair by pair, with the pair's id.
    /// - Throws: `StoreError.unknownPair` for an id in `pairIDs` that is no pair.
    static func forEachLink(
        store: AlignmentStore, languages: LanguagePair, pairs pairIDs: [Int64]? = nil,
        _ body: (Int64, LinkView) throws -> Void
    ) throws {
        let summaries = try store.pairs()
        if let pairIDs, let missing = pairIDs.first(where: { id in !summaries.contains { $0.id == id } }) {
            throw StoreError.unknownPair(missing)
        }
        for summary in summaries
        where summary.sourceLanguage == languages.source && summary.targetLanguage == languages.target
            && (pairIDs?.contains(summary.id) ?? true)
        {
            try store.forEachLink(pair: summary.id) { try body(summary.id, $0) }
        }
    }

    /// Mines terms from the reviewed links of the pairs (all pairs of the languages when nil)
    /// and, unless `dryRun`, stores them as proposed in one glossary edit.
    /// - Returns: the candidates (strongest first, `limit` of them at most) and what storing did.
    public static func proposeTerms(
        store: AlignmentStore, languages: LanguagePair, pairs pairIDs: [Int64]?, minCount: Int, limit: Int?, dryRun: Bool
    ) throws -> (candidates: [TermCandidate], stored: GlossaryImportResult?) {
        let samples = try reviewedSamples(store: store, languages: languages, pairs: pairIDs)
        var candidates = TermProposer(languages: languages, minCount: minCount).propose(samples)
        if let limit { candidates = Array(candidates.prefix(limit)) }
        guard !dryRun else { return (candidates, nil) }
        let proposals = candidates.map {
            ProposedTerm(
                entry: GlossaryEntry(source: $0.source, target: $0.target, languages: languages, status: .proposed),
                frequency: $0.frequency, score: $0.dice, exampleLinks: $0.examples)
        }
        return (candidates, try store.proposeTerms(proposals))
    }

    /// The concordance of a term over every pair of its languages (rejected links aside).
    public static func termUsage(store: AlignmentStore, term: GlossaryEntry) throws -> TermUsage {
        let glossary = try store.glossary(languages: term.languages).map(\.entry)
        return TermConcordance.usage(
            of: term, glossary: glossary, in: try concordanceLinks(store: store, languages: term.languages))
    }

    /// Every link of the pairs of `languages` with a source text, rejected links aside: what a
    /// concordance searches.
    public static func concordanceLinks(store: AlignmentStore, languages: LanguagePair) throws -> [ConcordanceLink] {
        var links: [ConcordanceLink] = []
        try forEachLink(store: store, languages: languages) { pairID, link in
            guard link.status != .rejected, !link.sourceText.isEmpty else { return }
            links.append(ConcordanceLink(linkID: link.id, pairID: pairID, source: link.sourceText, target: link.targetText))
        }
        return links
    }

    /// The term a user names: `#12` or `12` by id, else the stored term whose original or
    /// translated text it is (an approved one first); else, when `allowUnstored`, the text as a
    /// term of the original's language not yet in the glossary.
    public static func resolveTerm(
        _ name: String, store: AlignmentStore, languages: LanguagePair, allowUnstored: Bool = false
    ) throws -> (entry: GlossaryEntry, id: Int64?) {
        let digits = name.hasPrefix("#") ? String(name.dropFirst()) : name
        if let id = Int64(digits) {
            let term = try store.term(id: id)
            return (term.entry, id)
        }
        let named = try store.terms(named: name, languages: languages).sorted {
            ($0.status != .approved ? 1 : 0, $0.id ?? 0) < ($1.status != .approved ? 1 : 0, $1.id ?? 0)
        }
        if let first = named.first { return (first.entry, first.id) }
        guard allowUnstored else { throw StoreError.unknownTerm(name) }
        return (GlossaryEntry(source: name, target: "", languages: languages, status: .proposed), nil)
    }

    /// Inconsistencies across every pair (Xbench's checks over a whole corpus): one source
    /// segment rendered two ways, one translation used for two sources, approved terms not
    /// followed and deprecated terms used. Rejected links aside.
    public static func checkCorpus(store: AlignmentStore) throws -> [CorpusFinding] {
        var findings: [CorpusFinding] = []
        var bySource: [String: [String: [CorpusFinding.Place]]] = [:]
        var byTarget: [String: [String: [CorpusFinding.Place]]] = [:]
        var glossaries: [LanguagePair: QualityChecks] = [:]
        var termFindings: [String: (kind: CorpusFinding.Kind, places: [CorpusFinding.Place])] = [:]
        var termOrder: [String] = []
        for summary in try store.pairs() {
            let languages = LanguagePair(source: summary.sourceLanguage, target: summary.targetLanguage)
            if glossaries[languages] == nil {
                glossaries[languages] = QualityChecks(
                    glossary: try store.glossary(languages: languages).map(\.entry), languages: languages)
            }
            var links: [CheckedLink] = []
            try store.forEachLink(pair: summary.id) { link in
                guard link.status != .rejected, !link.sourceText.isEmpty, !link.targetText.isEmpty else { return }
                let read = (CheckedText(link.sourceText), CheckedText(link.targetText))
                let place = CorpusFinding.Place(pair: summary.id, link: link.id)
                let key = "\(languages)\u{1}"
                bySource[key + read.0.normalized, default: [:]][read.1.normalized, default: []].append(place)
                byTarget[key + read.1.normalized, default: [:]][read.0.normalized, default: []].append(place)
                links.append(CheckedLink(id: link.id, source: link.sourceText, target: link.targetText, read: read))
            }
            guard let checks = glossaries[languages], !checks.glossary.isEmpty else { continue }
            for finding in checks.check(links) {
                let kind: CorpusFinding.Kind
                switch finding.kind {
                case .termMissingInTarget: kind = .termNotFollowed
                case .deprecatedTerm: kind = .deprecatedTerm
                default: continue
                }
                let key = "\(kind.rawValue)\u{1}\(finding.evidence)"
                if termFindings[key] == nil { termOrder.append(key) }
                termFindings[key, default: (kind, [])].places.append(CorpusFinding.Place(pair: summary.id, link: finding.link))
            }
        }
        func report(
            _ groups: [String: [String: [CorpusFinding.Place]]], _ kind: CorpusFinding.Kind, _ say: (String, Int) -> String
        ) {
            for (key, renderings) in groups where renderings.count > 1 {
                let text = key.split(separator: "\u{1}", maxSplits: 1).last.map(String.init) ?? key
                let places = renderings.values.flatMap { $0 }.sorted { ($0.pair, $0.link) < ($1.pair, $1.link) }
                findings.append(CorpusFinding(kind: kind, evidence: say(Self.clipped(text), renderings.count), links: places))
            }
        }
        report(bySource, .sourceRenderedTwoWays) { "“\($0)” is translated \($1) ways" }
        report(byTarget, .targetForTwoSources) { "“\($0)” translates \($1) different sources" }
        findings.sort {
            ($0.kind.rawValue, $0.links.first?.pair ?? 0, $0.links.first?.link ?? 0, $0.evidence)
                < ($1.kind.rawValue, $1.links.first?.pair ?? 0, $1.links.first?.link ?? 0, $1.evidence)
        }
        for key in termOrder {
            guard let found = termFindings[key] else { continue }
            let evidence = String(key.split(separator: "\u{1}", maxSplits: 1).last ?? "")
            findings.append(CorpusFinding(kind: found.kind, evidence: evidence, links: found.places))
        }
        return findings
    }

    /// A segment shortened for a one-line finding.
    static func clipped(_ text: String, to length: Int = 60) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
