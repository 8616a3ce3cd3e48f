import ArgumentParser
import PadanStore
import PadanWorkbench

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quality checks on a pair, or across every pair with --corpus.",
        discussion: """
            On a pair: each finding names the link, its kind (term-missing-in-target, term-missing-in-source, \
            deprecated-term, number-mismatch, untranslated, inconsistent-repeat, length-ratio) and the evidence; \
            --json prints an array of {link, kind, evidence}.
            With --corpus, over every pair (rejected links aside): one source segment translated two ways \
            (source-rendered-two-ways), one translation used for two sources (target-for-two-sources), approved \
            glossary terms not followed (term-not-followed) and deprecated terms used (deprecated-term), each with \
            every link involved as PAIR:LINK; --json prints an array of {kind, evidence, links: [{pair, link}]}.
            Exit status 1 when there are findings (as diff does), 0 when there are none.
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The pair id.") var pair: Int64?
    @Flag(help: "Check every pair together: inconsistencies across the corpus.") var corpus = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if corpus == (pair != nil) { throw ValidationError("give a pair id, or --corpus") }
    }

    func run() throws {
        let opened = try store.openForReading()
        if let pair {
            let findings = try Workbench.check(store: opened, pairID: pair)
            if json {
                try Output.json(findings)
            } else {
                for finding in findings { print("\(finding.link)\t\(finding.kind.rawValue)\t\(finding.evidence)") }
            }
            if !findings.isEmpty { throw FindingsExit(status: 1) }
            return
        }
        let findings = try Workbench.checkCorpus(store: opened)
        if json {
            try Output.json(findings)
        } else {
            for finding in findings {
                let places = finding.links.map { "\($0.pair):\($0.link)" }.joined(separator: " ")
                print("\(finding.kind.rawValue)\t\(finding.evidence)\t\(places)")
            }
        }
        if !findings.isEmpty { throw FindingsExit(status: 1) }
    }
}
