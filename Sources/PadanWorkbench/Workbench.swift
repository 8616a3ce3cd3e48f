import Foundation
import PadanCore
import PadanStore

/// The use cases that combine the pure core with the store: prepare a document, align two
/// texts, add a pair. The CLI and the review screen both call these.
public enum Workbench {
    /// Cleans and segments one raw article.
    public static func prepare(
        text raw: String, language: String, path: String?, keepBoilerplate: Bool = false
    ) -> DocumentInput {
        let cleaner = ArticleCleaner(language: language, keepBoilerplate: keepBoilerplate)
        var article: CleanedArticle
        // A saved page by its name (`.html`, `.htm`) or by its first markup.
        let named = path.map { ["html", "htm", "xhtml"].contains(($0 as NSString).pathExtension.lowercased()) } ?? false
        if named || HTMLArticle.looksLikeHTML(raw) {
            // A saved web page: its article body read as the text a browser copy would give.
            let page = HTMLArticle(html: raw)
            article = cleaner.clean(page.plainText, dateLine: page.date)
            if article.date == nil { article.date = page.publishedTime }
            if article.title == nil { article.title = page.title }
            for url in [page.canonicalURL].compactMap({ $0 }) + page.citedURLs where !article.sourceURLs.contains(url) {
                article.sourceURLs.append(url)
            }
        } else {
            article = cleaner.clean(raw)
        }
        let sentences = SentenceSegmenter(language: language).segment(article.text)
        return DocumentInput(language: language, path: path, rawText: raw, article: article, sentences: sentences)
    }

    /// The bundled lexicon, prepared once per process.
    public static let bundledLexicon: Lexicon? = {
        guard var lexicon = try? BundledResources.freedictLexicon() else { return nil }
        for pair in BuiltinLexicon.indonesianEnglish.pairs { lexicon.add(foreign: pair.foreign, pivot: pair.pivot) }
        return lexicon
    }()

    public static let bundledPreparedLexicon: PreparedLexicon? = bundledLexicon.map(PreparedLexicon.init)

    /// The evidence for a language pair: the bundled lexicon when it serves the pair, the
    /// store's imported lexicon entries for the pair, and the pair's approved glossary terms —
    /// alone too: a glossary of a few terms is too weak to decide an alignment, so it joins the
    /// language-independent evidence and the aligner still learns word pairs from the texts
    /// (`AlignerConfiguration.decisiveLexiconCoverage`). Nil when there is none of the three.
    public static func lexicon(sourceLanguage: String, targetLanguage: String, store: AlignmentStore?) throws -> PreparedLexicon?
    {
        let bundled = bundledLexicon.flatMap { $0.serves(sourceLanguage, targetLanguage) ? $0 : nil }
        guard let store else { return bundled == nil ? nil : bundledPreparedLexicon }
        // A lexicon pairs a foreign language with a pivot; the bundled one is Indonesian → English,
        // whichever way a pair runs. A store's entries for the pair, either way round, join it.
        let foreign = bundled?.foreignLanguage ?? targetLanguage
        let pivot = foreign == targetLanguage ? sourceLanguage : targetLanguage
        let stored = try store.lexicon(foreign: foreign, pivot: pivot)
        let languages = LanguagePair(source: sourceLanguage, target: targetLanguage)
        let terms = try store.glossary(languages: languages, statuses: [.approved])
        if terms.isEmpty && stored.isEmpty { return bundled == nil ? nil : bundledPreparedLexicon }
        var combined = bundled ?? Lexicon(foreignLanguage: foreign, pivotLanguage: pivot)
        for pair in stored.pairs { combined.add(foreign: pair.foreign, pivot: pair.pivot) }
        for term in terms {
            if foreign == targetLanguage {
                combined.add(foreign: term.targetTerm, pivot: term.sourceTerm)
            } else {
                combined.add(foreign: term.sourceTerm, pivot: term.targetTerm)
            }
        }
        return PreparedLexicon(combined)
    }

    /// The bundled lexicon with the word list at `path` (`foreign<TAB>english` per line) added.
    public static func bundledLexicon(adding path: String) throws -> PreparedLexicon {
        var combined = bundledLexicon ?? Lexicon(foreignLanguage: "id", pivotLanguage: "en")
        if let first = combined.addTSV(try TextInput.read(path)).first {
            throw WorkbenchError.malformedLine(path, line: first, reason: "expected `foreign<TAB>english`")
        }
        return PreparedLexicon(combined)
    }

    /// Aligns two lists of sentences with the evidence available for their languages.
    public static func align(
        source: [String], target: [String], sourceLanguage: String, targetLanguage: String,
        lexicon: PreparedLexicon?, configuration: AlignerConfiguration = AlignerConfiguration(),
        sourceParagraphs: [Int] = [], targetParagraphs: [Int] = []
    ) -> [AlignmentLink] {
        SentenceAligner(
            sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, lexicon: lexicon,
            configuration: configuration
        ).align(source: source, target: target, sourceParagraphs: sourceParagraphs, targetParagraphs: targetParagraphs)
    }

    /// Aligns a batch of documents of one language pair: as `align` would each alone, except
    /// that without a lexicon (or with one too weak to decide) the word pairs learned in the second
    /// pass are learned from the whole batch (`SentenceAligner.align(batch:)`).
    /// - Returns: per document, its links.
    public static func align(
        batch: [AlignmentDocument], sourceLanguage: String, targetLanguage: String, lexicon: PreparedLexicon?,
        configuration: AlignerConfiguration = AlignerConfiguration()
    ) -> [[AlignmentLink]] {
        SentenceAligner(
            sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, lexicon: lexicon, configuration: configuration
        ).align(batch: batch)
    }

    /// Imports both articles, segments, aligns and stores them; importing the same pair again
    /// changes nothing.
    public static func addPair(
        store: AlignmentStore, sourcePath: String, targetPath: String, sourceLanguage: String,
        targetLanguage: String, keepBoilerplate: Bool = false, lexicon: PreparedLexicon?? = nil
    ) throws -> AddedPair {
        let sourceText = try TextInput.read(sourcePath)
        let targetText = try TextInput.read(targetPath)
        return try addPair(
            store: store, sourceText: sourceText, sourcePath: sourcePath, targetText: targetText,
            targetPath: targetPath, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
            keepBoilerplate: keepBoilerplate, lexicon: lexicon)
    }

    public static func addPair(
        store: AlignmentStore, sourceText: String, sourcePath: String?, targetText: String, targetPath: String?,
        sourceLanguage: String, targetLanguage: String, keepBoilerplate: Bool = false,
        lexicon: PreparedLexicon?? = nil, completing claim: ClaimedImport? = nil
    ) throws -> AddedPair {
        let (source, target) = try preparePair(
            sourceText: sourceText, sourcePath: sourcePath, targetText: targetText, targetPath: targetPath,
            sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, keepBoilerplate: keepBoilerplate)
        return try addPrepared(store: store, source: source, target: target, lexicon: lexicon, completing: claim)
    }

    /// Cleans and segments both articles of a pair.
    /// - Throws: `WorkbenchError.noSentences` when either has no sentence.
    public static func preparePair(
        sourceText: String, sourcePath: String?, targetText: String, targetPath: String?, sourceLanguage: String,
        targetLanguage: String, keepBoilerplate: Bool = false
    ) throws -> (source: DocumentInput, target: DocumentInput) {
        let source = prepare(text: sourceText, language: sourceLanguage, path: sourcePath, keepBoilerplate: keepBoilerplate)
        let target = prepare(text: targetText, language: targetLanguage, path: targetPath, keepBoilerplate: keepBoilerplate)
        if source.sentences.isEmpty { throw WorkbenchError.noSentences(sourcePath ?? "source") }
        if target.sentences.isEmpty { throw WorkbenchError.noSentences(targetPath ?? "target") }
        return (source, target)
    }

    /// Aligns and stores two prepared documents (cleaned and segmented, with any fetch record).
    public static func addPrepared(
        store: AlignmentStore, source: DocumentInput, target: DocumentInput, lexicon: PreparedLexicon?? = nil,
        completing claim: ClaimedImport? = nil
    ) throws -> AddedPair {
        let (sourceLanguage, targetLanguage) = (source.language, target.language)
        let evidence = try lexicon ?? Self.lexicon(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, store: store)
        let document = try alignmentDocument(store: store, source: source, target: target)
        let links = align(
            source: document.source, target: document.target, sourceLanguage: sourceLanguage,
            targetLanguage: targetLanguage, lexicon: evidence, sourceParagraphs: document.sourceParagraphs,
            targetParagraphs: document.targetParagraphs)
        return try store.addPair(source: source, target: target, links: links, completing: claim)
    }

    /// What a pair of prepared documents is aligned on: their sentences, except that a document
    /// already stored keeps its stored sentences (its links must refer to those).
    public static func alignmentDocument(store: AlignmentStore, source: DocumentInput, target: DocumentInput) throws
        -> AlignmentDocument
    {
        let sourceSentences =
            try store.storedSentences(language: source.language, contentHash: source.contentHash)
            ?? source.sentences.map { ($0.text, $0.paragraph) }
        let targetSentences =
            try store.storedSentences(language: target.language, contentHash: target.contentHash)
            ?? target.sentences.map { ($0.text, $0.paragraph) }
        return AlignmentDocument(
            source: sourceSentences.map(\.text), target: targetSentences.map(\.text),
            sourceParagraphs: sourceSentences.map(\.paragraph), targetParagraphs: targetSentences.map(\.paragraph))
    }
}
