import PadanCore
import PadanStore

extension Workbench {
    /// Re-aligns the links nobody has decided on, holding every reviewed link — confirmed,
    /// rejected or edited by hand (merged, split, relinked, text corrected) — as a fixed anchor:
    /// the aligner runs only in the gaps between them (InterText's habit, with hand edits kept
    /// too). With `fromLink`, everything before that link is kept as well. A gap's link that comes
    /// out the same keeps its id. One recorded edit; its undo restores every id.
    public static func realign(store: AlignmentStore, pairID: Int64, fromLink: Int64? = nil) throws -> EditSummary {
        // Ranges and statuses are all re-alignment needs of the links: no texts are read for them.
        let links = try store.outline(pair: pairID)
        let (sourceSentences, targetSentences) = try store.sentences(pair: pairID)
        let pair = try store.pairRecord(pairID)
        guard let sourceDocument = try store.document(pair.sourceDocumentID),
            let targetDocument = try store.document(pair.targetDocumentID)
        else { throw StoreError.unknownPair(pairID) }
        var keepBefore = 0
        if let fromLink {
            guard let index = links.firstIndex(where: { $0.id == fromLink }) else { throw StoreError.unknownLink(fromLink) }
            keepBefore = index
        }
        // Moved links (their translation stands elsewhere) stay as they are, and their sentences
        // out of the gaps: a gap holding one keeps its links too.
        let moved = MovedLinks.moved(links)
        var heldSources: Set<Int> = []
        var heldTargets: Set<Int> = []
        var anchors: [(source: Range<Int>, target: Range<Int>)] = []
        var candidates: [LinkOutline] = []
        for (index, link) in links.enumerated() {
            if moved.contains(link.id) {
                heldSources.formUnion(link.source)
                heldTargets.formUnion(link.target)
            } else if index < keepBefore || link.status != .auto {
                anchors.append((link.source, link.target))
            } else {
                candidates.append(link)
            }
        }
        anchors.append((sourceSentences.count..<sourceSentences.count, targetSentences.count..<targetSentences.count))
        let lexicon = try lexicon(sourceLanguage: sourceDocument.language, targetLanguage: targetDocument.language, store: store)
        let aligner = SentenceAligner(
            sourceLanguage: sourceDocument.language, targetLanguage: targetDocument.language, lexicon: lexicon)
        // A gap is often too short to fit the length model. The reviewed 1-1 links are true pairs:
        // the model is fitted on them. Without enough of them, it is fitted on aligning the whole
        // pair once, unless one gap is the whole pair (its own alignment fits the model then).
        var configuration = AlignerConfiguration()
        let reviewedPairs = links.lazy
            .filter { ($0.status == .confirmed || $0.status == .edited) && $0.source.count == 1 && $0.target.count == 1 }
            .map {
                (
                    source: sourceSentences[$0.source.lowerBound].text.unicodeScalars.count,
                    target: targetSentences[$0.target.lowerBound].text.unicodeScalars.count
                )
            }
        if let model = LengthModel.fitted(on: reviewedPairs) {
            configuration.lengthModel = model
        } else if !candidates.isEmpty && candidates.count < links.count {
            configuration.lengthModel = aligner.fitLengthModel(
                source: sourceSentences.map(\.text), target: targetSentences.map(\.text))
        }
        var realigned: [AlignmentLink] = []
        var replaced: [Int64] = []
        var source = 0
        var target = 0
        var next = 0  // the first candidate not yet placed in a gap: both are in document order
        for anchor in anchors {
            let gapSource = source..<max(source, anchor.source.lowerBound)
            let gapTarget = target..<max(target, anchor.target.lowerBound)
            // The candidates of this gap: a link by its first source sentence, a 0-1 by its target.
            var inGap: [Int64] = []
            while next < candidates.count {
                let candidate = candidates[next]
                let (position, range) =
                    candidate.source.isEmpty
                    ? (candidate.target.lowerBound, gapTarget) : (candidate.source.lowerBound, gapSource)
                if range.contains(position) {
                    inGap.append(candidate.id)
                } else if position >= range.upperBound {
                    break
                }
                next += 1
            }
            let holdsMoved = gapSource.contains(where: heldSources.contains) || gapTarget.contains(where: heldTargets.contains)
            if !holdsMoved && (!gapSource.isEmpty || !gapTarget.isEmpty) {
                replaced += inGap
                let aligned = align(
                    source: gapSource.map { sourceSentences[$0].text }, target: gapTarget.map { targetSentences[$0].text },
                    sourceLanguage: sourceDocument.language, targetLanguage: targetDocument.language, lexicon: lexicon,
                    configuration: configuration, sourceParagraphs: gapSource.map { sourceSentences[$0].paragraph },
                    targetParagraphs: gapTarget.map { targetSentences[$0].paragraph })
                for link in aligned {
                    realigned.append(
                        AlignmentLink(
                            source: gapSource.lowerBound + link.source.lowerBound..<gapSource.lowerBound + link.source.upperBound,
                            target: gapTarget.lowerBound + link.target.lowerBound..<gapTarget.lowerBound + link.target.upperBound,
                            confidence: link.confidence))
                }
            }
            source = max(source, anchor.source.upperBound)
            target = max(target, anchor.target.upperBound)
        }
        return try store.replaceLinks(pair: pairID, replacing: replaced, with: realigned)
    }
}
