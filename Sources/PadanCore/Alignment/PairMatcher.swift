/// Which tokens of a source and a target sentence match each other: bit k of `sourceBits` is
/// set when source token k (mod 64) has a match in the target, and likewise for `targetBits`.
struct PairMasks {
    var sourceBits: UInt64 = 0
    var targetBits: UInt64 = 0
}

/// Computes `PairMasks` fast: a source sentence is loaded once into per-key stamps and bits,
/// then each target sentence is matched in time proportional to its own keys.
struct PairMatcher {
    /// Per key: the generation of the source sentence that last set `bits`, and the source
    /// tokens holding the key. Side by side, so a lookup touches one cache line, not two.
    private struct Entry {
        var stamp: UInt32 = 0
        var bits: UInt64 = 0
    }
    /// Empty until the first `load` (and again after `release()`).
    private var entries: [Entry] = []
    private var generation: UInt32 = 0
    /// How many keys there are: the size of `entries` once allocated.
    private let vocabularySize: Int

    init(vocabularySize: Int) {
        self.vocabularySize = max(vocabularySize, 1)
    }

    /// Frees the per-key table until the next `load` (a batch holds many documents' problems
    /// between its passes: `SentenceAligner.align(batch:)`).
    mutating func release() {
        entries = []
    }

    mutating func load(source: SentenceFeatures, id: Int) {
        if entries.isEmpty { entries = [Entry](repeating: Entry(), count: vocabularySize) }
        generation &+= 1
        let tag = generation
        entries.withUnsafeMutableBufferPointer { entries in
            for token in 0..<source.tokenCount {
                let bit: UInt64 = 1 << UInt64(token & 63)
                for index in Int(source.keyStarts[token])..<Int(source.keyStarts[token + 1]) {
                    let key = Int(source.keys[index])
                    if entries[key].stamp != tag {
                        entries[key] = Entry(stamp: tag, bits: 0)
                    }
                    entries[key].bits |= bit
                }
            }
        }
    }

    func match(_ target: SentenceFeatures) -> PairMasks {
        // A source is loaded before any target is matched with it (and the table with it).
        precondition(!entries.isEmpty, "PairMatcher.match before load")
        var masks = PairMasks()
        let tag = generation
        entries.withUnsafeBufferPointer { entries in
            target.keys.withUnsafeBufferPointer { keys in
                target.keyStarts.withUnsafeBufferPointer { starts in
                    for token in 0..<(starts.count - 1) {
                        var matched = false
                        for index in Int(starts[token])..<Int(starts[token + 1]) {
                            let entry = entries[Int(keys[index])]
                            if entry.stamp == tag {
                                matched = true
                                masks.sourceBits |= entry.bits
                            }
                        }
                        if matched { masks.targetBits |= 1 << UInt64(token & 63) }
                    }
                }
            }
        }
        return masks
    }
}

/// Where a bead's cost reads the pair masks of its sentences from: the search's window of rows,
/// or one block of pairs computed for a few links after it.
protocol PairMaskLookup {
    func masks(_ s: Int, _ t: Int) -> PairMasks
}

extension PairMaskLookup {
    /// The tokens of source sentence `s` that some sentence of `targets` matches.
    @inline(__always)
    func sourceBits(of s: Int, matchedIn targets: Range<Int>) -> UInt64 {
        var bits: UInt64 = 0
        for t in targets { bits |= masks(s, t).sourceBits }
        return bits
    }

    /// The tokens of target sentence `t` that some sentence of `sources` matches.
    @inline(__always)
    func targetBits(of t: Int, matchedIn sources: Range<Int>) -> UInt64 {
        var bits: UInt64 = 0
        for s in sources { bits |= masks(s, t).targetBits }
        return bits
    }
}

/// The pair masks of every source of `sources` with every target of `targets`.
struct BlockMasks: PairMaskLookup {
    let sources: Range<Int>
    let targets: Range<Int>
    private let values: [PairMasks]

    init(sources: Range<Int>, targets: Range<Int>, problem: inout AlignmentProblem) {
        self.sources = sources
        self.targets = targets
        var values: [PairMasks] = []
        values.reserveCapacity(sources.count * targets.count)
        for s in sources { values.append(contentsOf: problem.computeRow(source: s, targets: targets).masks) }
        self.values = values
    }

    @inline(__always)
    func masks(_ s: Int, _ t: Int) -> PairMasks {
        guard sources.contains(s), targets.contains(t) else { return PairMasks() }
        return values[(s - sources.lowerBound) * targets.count + t - targets.lowerBound]
    }
}

/// The pair masks of the last three source rows, over the target columns their beads can reach:
/// all the search needs at once, so memory stays proportional to the band, not the matrix. The
/// rows live in one flat ring buffer (the search reads it for every bead of every cell).
struct MaskWindow: PairMaskLookup {
    private var masks: [PairMasks] = []
    private var sources = [Int](repeating: -1, count: 3)
    private var los = [Int](repeating: 0, count: 3)
    private var widths = [Int](repeating: 0, count: 3)
    private var stride = 0
    private let band: Band

    init(band: Band) { self.band = band }

    /// The targets source row `i - 1` (the newest a bead ending at row i uses) must be matched
    /// with: every column a bead ending in rows i…i+2 can reach.
    func targets(forRow i: Int) -> Range<Int> {
        let s = i - 1
        let lo = max(0, band.lo[min(band.n, s + 1)] - 4)
        let hi = min(band.m, band.hi[min(band.n, s + 3)])
        return lo..<max(lo, hi)
    }

    /// Holds `row`, replacing the oldest of the three rows held.
    mutating func store(_ row: RowValue) {
        let slot = row.source % 3
        if row.masks.count > stride {
            // Grow every slot to the new width, keeping the rows already held.
            var grown = [PairMasks](repeating: PairMasks(), count: 3 * row.masks.count)
            for other in 0..<3 where sources[other] >= 0 {
                for offset in 0..<widths[other] { grown[other * row.masks.count + offset] = masks[other * stride + offset] }
            }
            masks = grown
            stride = row.masks.count
        }
        sources[slot] = row.source
        los[slot] = row.lo
        widths[slot] = row.masks.count
        for offset in 0..<row.masks.count { masks[slot * stride + offset] = row.masks[offset] }
    }

    @inline(__always)
    func masks(_ s: Int, _ t: Int) -> PairMasks {
        let slot = s % 3
        guard s >= 0, sources[slot] == s else { return PairMasks() }
        let offset = t - los[slot]
        guard offset >= 0 && offset < widths[slot] else { return PairMasks() }
        return masks[slot * stride + offset]
    }

    struct RowValue {
        var source: Int
        var lo: Int
        var masks: [PairMasks]
    }
}

extension PairMatcher {
    /// The pair masks of source sentence `s` (`source`) with the targets `range` of `targets`.
    mutating func row(source s: Int, _ source: SentenceFeatures, targets: [SentenceFeatures], range: Range<Int>)
        -> MaskWindow.RowValue
    {
        load(source: source, id: s)
        var masks: [PairMasks] = []
        masks.reserveCapacity(range.count)
        for t in range { masks.append(match(targets[t])) }
        return MaskWindow.RowValue(source: s, lo: range.lowerBound, masks: masks)
    }
}

extension AlignmentProblem {
    /// The pair masks of source `s` with exactly `targets`: from the rows the searches matched
    /// when they hold them, else from the problem's matcher.
    mutating func computeRow(source s: Int, targets: Range<Int>) -> MaskWindow.RowValue {
        if let cached = maskRows.cached(source: s, covering: targets) {
            let offset = targets.lowerBound - cached.lo
            return MaskWindow.RowValue(
                source: s, lo: targets.lowerBound, masks: Array(cached.masks[offset..<offset + targets.count]))
        }
        return matcher.row(source: s, sourceFeatures[s], targets: targetFeatures, range: targets)
    }
}
