import ArgumentParser
import PadanCore
import PadanWorkbench

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quality checks on a pair: glossary terms, numbers, untranslated text, inconsistent repeats, length ratios.",
        discussion: """
            Each finding names the link, its kind (term-missing-in-target, term-missing-in-source, number-mismatch, \
            untranslated, inconsistent-repeat, length-ratio) and the evidence; --json prints an array of \
            {link, kind, evidence}. Exit status 1 when there are findings (as diff does), 0 when there are none.
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The pair id.") var pair: Int64
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let findings = try Workbench.check(store: try store.openForReading(), pairID: pair)
        if json {
            try Output.json(findings)
        } else {
            for finding in findings { print("\(finding.link)\t\(finding.kind.rawValue)\t\(finding.evidence)") }
        }
        if !findings.isEmpty { throw FindingsExit(status: 1) }
    }
}
