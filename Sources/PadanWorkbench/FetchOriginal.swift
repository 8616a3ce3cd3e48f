import Foundation
import PadanCore
import PadanStore

/// What fetching a translation's original came to: every URL tried and its outcome, and the
/// original taken (with the pairer's judgement of it).
public struct FetchReport: Sendable {
    public var tried: [(url: String, outcome: String)] = []
    public var original: String?
    public var judgement: ProposedPair?
}

/// Why no original could be paired with a translation.
public struct NoOriginalFound: Error, CustomStringConvertible {
    public var translation: String
    public var tried: [(url: String, outcome: String)]

    public var description: String {
        if tried.isEmpty {
            return
                "\(translation) cites no original (no http(s) link to Reuters, AP, AFP, Al Jazeera, …); pair it by hand with `padan add ORIGINAL \(translation)`"
        }
        let outcomes = tried.map { "\($0.url): \($0.outcome)" }.joined(separator: "; ")
        return "no original found for \(translation): \(outcomes)"
    }
}

extension Workbench {
    /// Fetches the original a translation cites, checks that the page is that article (not a
    /// paywall, a consent wall, an index page or another story: the pairer's evidence on content
    /// and dates, the cited id left out), and stores both documents and the aligned pair. A
    /// page fetched before (by an earlier run of a batch) is not fetched again.
    /// - Parameters:
    ///   - translationText: the translation as read (a saved page or a text capture).
    ///   - translationPath: its path, for messages and the store.
    /// - Returns: the pair and the report of the URLs tried.
    /// - Throws: `NoOriginalFound` with every URL tried and why it was not taken.
    public static func addPairFetchingOriginal(
        store: AlignmentStore, translationText: String, translationPath: String?, translationLanguage: String = "id",
        originalLanguage: String = "en", fetcher: PageFetcher, lexicon: PreparedLexicon?? = nil,
        completing claim: ClaimedImport? = nil
    ) throws -> (pair: AddedPair, report: FetchReport) {
        let name = translationPath ?? "the translation"
        let translation = prepare(text: translationText, language: translationLanguage, path: translationPath)
        if translation.sentences.isEmpty { throw WorkbenchError.noSentences(name) }
        let evidence =
            try lexicon ?? Self.lexicon(sourceLanguage: originalLanguage, targetLanguage: translationLanguage, store: store)
        let pairer = DocumentPairer(lexicon: evidence)
        var report = FetchReport()
        for url in CitedOriginal.candidates(translation.article) {
            var original: DocumentInput
            if let stored = try store.document(fetchedFrom: url), stored.language == originalLanguage {
                original = prepare(text: stored.rawText, language: originalLanguage, path: stored.path)
                original.fetch = stored.fetch
                report.tried.append((url, "fetched before (document \(stored.id ?? 0))"))
            } else {
                do {
                    let page = try fetcher.fetch(url, near: translation.article.date, tried: &report.tried)
                    original = prepare(text: page.text, language: originalLanguage, path: nil)
                    original.fetch = page.provenance
                } catch let error as FetchError {
                    report.tried.append((url, "\(error)"))
                    continue
                }
            }
            guard !original.sentences.isEmpty else {
                report.tried.append((url, "no article text on the page"))
                continue
            }
            let judgement = pairer.judge(
                translation: PairingCandidate(
                    name: name, language: translationLanguage, article: translation.article,
                    sentences: translation.sentences.map(\.text)),
                original: PairingCandidate(
                    name: url, language: originalLanguage, article: original.article, sentences: original.sentences.map(\.text)))
            guard judgement.original != nil else {
                report.tried.append(
                    (
                        url,
                        "not the original: \(judgement.evidence.joined(separator: ", ")) (a paywall, an index or another story?)"
                    ))
                continue
            }
            report.original = url
            report.judgement = judgement
            let added = try addPrepared(
                store: store, source: original, target: translation, lexicon: .some(evidence), completing: claim)
            return (added, report)
        }
        throw NoOriginalFound(translation: name, tried: report.tried)
    }
}

/// A folder of translations whose originals are fetched: each is fetched, checked, paired and
/// stored in turn (politeness is per host, so one at a time); a failure is reported and the batch
/// goes on; run again, it fetches only what is not stored yet.
public enum FetchImport {
    public struct Outcome: Sendable {
        public var translation: String
        public var pairID: Int64?
        public var created = false
        public var original: String?
        public var error: String?
    }

    /// Runs the batch; `progress(done, total, outcome)` after each translation.
    public static func run(
        translations: [String], store: AlignmentStore, translationLanguage: String, originalLanguage: String,
        fetcher: PageFetcher, progress: (Int, Int, Outcome) -> Void
    ) throws -> [Outcome] {
        let lexicon = try Workbench.lexicon(sourceLanguage: originalLanguage, targetLanguage: translationLanguage, store: store)
        var outcomes: [Outcome] = []
        for path in translations {
            var outcome = Outcome(translation: path)
            do {
                let (added, report) = try Workbench.addPairFetchingOriginal(
                    store: store, translationText: try TextInput.read(path), translationPath: path,
                    translationLanguage: translationLanguage, originalLanguage: originalLanguage, fetcher: fetcher,
                    lexicon: .some(lexicon))
                outcome.pairID = added.pairID
                outcome.created = added.created
                outcome.original = report.original
            } catch {
                outcome.error = "\(error)"
            }
            outcomes.append(outcome)
            progress(outcomes.count, translations.count, outcome)
        }
        return outcomes
    }
}
