import ArgumentParser
import Foundation
import PadanCore
import PadanWorkbench

/// `--mirror`, `--archive-fallback`, `--rate` and the rest: how pages are fetched.
struct FetchOptions: ParsableArguments {
    @Option(
        name: .customLong("mirror"),
        help: ArgumentHelp(
            "Rewrite URLs starting with FROM to start with TO before fetching (repeatable; also $PADAN_MIRRORS, comma-separated).",
            valueName: "FROM=TO"))
    var mirrors: [String] = []
    @Flag(help: "When a page is gone (404, 410), try the Web Archive's copy nearest the translation's date.")
    var archiveFallback = false
    @Option(help: "Seconds between two requests to one host (0: none).") var rate: Double = 1
    @Option(help: "Seconds before a request that does not answer is given up.") var timeout: Double = 20
    @Option(help: "The largest page read, in MB.") var maxSize: Int = 10
    @Option(help: "Fetch only these hosts (comma-separated; their subdomains too), redirects included.")
    var allowHosts: String?
    @Option(help: "How the sites you fetch can reach you (in the User-Agent).") var contact: String?

    func policy() throws -> FetchPolicy {
        var policy = FetchPolicy()
        guard rate.isFinite, rate >= 0, rate <= 3600 else { throw ValidationError("--rate must be 0…3600 seconds") }
        guard timeout.isFinite, timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be 1…600 seconds") }
        guard (1...1024).contains(maxSize) else { throw ValidationError("--max-size must be 1…1024 MB") }
        policy.delay = rate
        policy.timeout = timeout
        policy.maximumBytes = maxSize << 20
        policy.archiveFallback = archiveFallback
        if let contact { policy.contact = contact }
        if let allowHosts {
            policy.allowedHosts = Set(
                allowHosts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        }
        let environment = ProcessInfo.processInfo.environment["PADAN_MIRRORS"]?.split(separator: ",").map(String.init) ?? []
        for text in mirrors + environment {
            guard let rule = MirrorRule(text) else { throw ValidationError("--mirror takes FROM=TO, not \(text)") }
            policy.mirrors.append(rule)
        }
        return policy
    }
}

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch one page and print (or write) the article Padan reads from it.",
        discussion: """
            Prints the title, date, cited links and the article's paragraphs as Padan extracts them (what `add \
            --fetch-original` would store), after the mirrors, robots.txt, redirects and retries of a fetch.
            """)
    @Argument(help: "The page's URL (http or https).") var url: String
    @Option(name: .shortAndLong, help: "Write to this file instead (- for standard output).") var output: String?
    @Option(help: "The page's language.") var lang = "en"
    @OptionGroup var fetch: FetchOptions

    func run() throws {
        let fetcher = PageFetcher(policy: try fetch.policy())
        var tried: [(url: String, outcome: String)] = []
        let page = try fetcher.fetch(url, tried: &tried)
        let document = Workbench.prepare(text: page.text, language: try languageCode(lang), path: nil)
        var text = ""
        if let title = document.article.title { text += "title: \(title)\n" }
        if let date = document.article.date { text += "date: \(date)\n" }
        text += "url: \(page.provenance.finalURL) (HTTP \(page.provenance.status))\n"
        for cited in document.article.sourceURLs { text += "cites: \(cited)\n" }
        text += "\n" + document.article.text + (document.article.text.hasSuffix("\n") ? "" : "\n")
        if let output, output != "-" {
            let file = try OutputFile(output)
            try file.write(text)
            try file.commit()
            Output.note("wrote \(document.sentences.count) sentences from \(page.provenance.finalURL) to \(output)\n")
        } else {
            print(text, terminator: "")
        }
    }
}
