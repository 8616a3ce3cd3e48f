import Foundation

/// A document ready to be stored: cleaned, segmented, with its metadata.
public struct DocumentInput: Sendable {
    public var language: String
    public var path: String?
    public var rawText: String
    public var article: CleanedArticle
    public var sentences: [Sentence]
    /// Where the document was fetched from, when it was (an original a translation cites).
    public var fetch: FetchProvenance?

    public init(
        language: String, path: String?, rawText: String, article: CleanedArticle, sentences: [Sentence],
        fetch: FetchProvenance? = nil
    ) {
        self.language = language
        self.path = path
        self.rawText = rawText
        self.article = article
        self.sentences = sentences
        self.fetch = fetch
    }

    /// A document given as its sentences, not cleaned or segmented here (generated or
    /// presegmented text): the text is the sentences joined, each its own paragraph when
    /// `paragraphEach`, else all in one.
    public static func presegmented(
        language: String, path: String? = nil, sentences texts: [String], paragraphEach: Bool
    ) -> DocumentInput {
        var text = ""
        var sentences: [Sentence] = []
        sentences.reserveCapacity(texts.count)
        for (ordinal, sentence) in texts.enumerated() {
            let start = text.utf16.count
            text += sentence + (paragraphEach ? "\n\n" : " ")
            sentences.append(
                Sentence(
                    ordinal: ordinal, paragraph: paragraphEach ? ordinal : 0, start: start, end: start + sentence.utf16.count,
                    text: sentence))
        }
        let article = CleanedArticle(profile: "none", title: nil, date: nil, sourceURLs: [], text: text, setAside: [])
        return DocumentInput(language: language, path: path, rawText: text, article: article, sentences: sentences)
    }

    /// Identifies the text whatever its line ends, BOM or Unicode normal form.
    public var contentHash: String { SHA256.hex(ArticleCleaner.normalize(rawText)) }
}

/// Where and when a page was fetched: the URL asked for, the URL it came from after redirects
/// (or the archive's), the HTTP status and the time (ISO 8601).
public struct FetchProvenance: Sendable, Hashable, Codable {
    public var url: String
    public var finalURL: String
    public var status: Int
    public var fetchedAt: String

    public init(url: String, finalURL: String, status: Int, fetchedAt: String) {
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.fetchedAt = fetchedAt
    }
}
