import Foundation

/// How Padan fetches pages: politely (one request at a time per host, a delay, robots.txt, a user
/// agent that names Padan and a contact) and safely (http and https only, redirects and sizes
/// bounded, only the hosts allowed when a list is given).
public struct FetchPolicy: Sendable, Hashable {
    /// Seconds between two requests to one host (0: no delay).
    public var delay: Double = 1
    /// Seconds before a request that does not answer is given up.
    public var timeout: Double = 20
    /// The largest page read, in bytes.
    public var maximumBytes = 10 << 20
    /// Redirects followed before giving up.
    public var maximumRedirects = 10
    /// Tries again after a 429 or a 5xx answer, waiting as the server says (`Retry-After`) or
    /// longer each time.
    public var retries = 3
    /// The longest wait for a retry, in seconds (a `Retry-After` asking more is capped).
    public var longestRetryWait = 60.0
    /// Who asks: `User-Agent` names Padan and how to reach whoever runs it.
    public var contact = "https://github.com/padan-aligner/padan"
    /// When given, only these hosts (and their subdomains) are fetched, redirects included.
    public var allowedHosts: Set<String>?
    /// URL prefixes rewritten before a fetch (an archive mirror, a local copy of a site).
    public var mirrors: [MirrorRule] = []
    /// When the page is gone (404, 410), try the Web Archive's copy nearest the translation's date.
    public var archiveFallback = false
    /// Whether robots.txt is read and obeyed.
    public var obeyRobots = true

    public init() {}

    /// The `User-Agent` header.
    public var userAgent: String { "Padan/0.1 (bilingual alignment workbench; +\(contact))" }

    /// Whether `url` may be fetched at all: http or https, and an allowed host.
    public func permits(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host?.lowercased()
        else { return false }
        guard let allowedHosts else { return true }
        return allowedHosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }
}

/// One `--mirror FROM=TO`: a URL starting with FROM is fetched from TO followed by the rest.
public struct MirrorRule: Sendable, Hashable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// Reads `FROM=TO`.
    /// - Returns: nil when there is no `=` or a side is empty.
    public init?(_ text: String) {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let from = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let to = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard !from.isEmpty, !to.isEmpty else { return nil }
        self.init(from: from, to: to)
    }

    /// A URL of a mirror read back as the URL it stands for (the inverse of `rewrite`): a
    /// redirect from a mirror names the page as the mirror serves it.
    public static func original(of url: String, by rules: [MirrorRule]) -> String {
        guard let rule = rules.filter({ url.hasPrefix($0.to) }).max(by: { $0.to.count < $1.to.count }) else { return url }
        return rule.from + url.dropFirst(rule.to.count)
    }

    /// `url` rewritten by the rule with the longest matching prefix (unchanged when none matches).
    public static func rewrite(_ url: String, by rules: [MirrorRule]) -> String {
        guard let rule = rules.filter({ url.hasPrefix($0.from) }).max(by: { $0.from.count < $1.from.count }) else { return url }
        return rule.to + url.dropFirst(rule.from.count)
    }
}

/// The Web Archive's address for a page as it was near a date.
public enum WebArchive {
    public static let prefix = "https://web.archive.org/web/"

    /// The archive's URL of `url` nearest `date` (ISO 8601; the archive redirects to its closest
    /// snapshot); without a date, the newest.
    public static func snapshot(of url: String, near date: String?) -> String {
        let stamp = date.map { String($0.prefix(10)).replacingOccurrences(of: "-", with: "") } ?? "2"
        return prefix + stamp + "/" + url
    }
}

/// What a site's robots.txt allows a user agent: the rules of the group naming it (or `*`),
/// longest matching rule winning, `Allow` over `Disallow` on a tie (RFC 9309).
public struct RobotsRules: Sendable, Hashable {
    private var rules: [(allow: Bool, path: String)] = []

    public static func == (a: RobotsRules, b: RobotsRules) -> Bool {
        a.rules.map(\.allow) == b.rules.map(\.allow) && a.rules.map(\.path) == b.rules.map(\.path)
    }

    public func hash(into hasher: inout Hasher) {
        for rule in rules {
            hasher.combine(rule.allow)
            hasher.combine(rule.path)
        }
    }

    /// Everything allowed (no robots.txt, or one that says nothing about us).
    public init() {}

    /// Reads robots.txt for `agent` (a product token such as `Padan`).
    public init(_ text: String, agent: String) {
        var groups: [(agents: [String], rules: [(Bool, String)])] = []
        var readingAgents = false
        for rawLine in text.lines() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch field {
            case "user-agent":
                if !readingAgents { groups.append(([], [])) }
                groups[groups.count - 1].agents.append(value.lowercased())
                readingAgents = true
            case "allow", "disallow":
                readingAgents = false
                guard !groups.isEmpty, !(field == "disallow" && value.isEmpty) else { continue }
                groups[groups.count - 1].rules.append((field == "allow", value))
            default: continue
            }
        }
        let name = agent.lowercased()
        let chosen = groups.filter { $0.agents.contains(name) }
        let group = chosen.isEmpty ? groups.filter { $0.agents.contains("*") } : chosen
        rules = group.flatMap(\.rules).map { (allow: $0.0, path: $0.1) }
    }

    /// Whether `path` (with its query) may be fetched.
    public func allows(_ path: String) -> Bool {
        var best: (length: Int, allow: Bool)?
        for rule in rules where Self.matches(rule.path, path) {
            let length = rule.path.count
            guard let current = best else {
                best = (length, rule.allow)
                continue
            }
            if length > current.length || (length == current.length && rule.allow) { best = (length, rule.allow) }
        }
        return best?.allow ?? true
    }

    /// A rule's path against a URL path: a prefix, with `*` for any run and `$` for the end.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var regex = "^"
        for character in pattern {
            switch character {
            case "*": regex += ".*"
            case "$": regex += "$"
            default: regex += NSRegularExpression.escapedPattern(for: String(character))
            }
        }
        return path.range(of: regex, options: .regularExpression) != nil
    }
}
