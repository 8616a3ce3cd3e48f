import Foundation
import PadanCore
import PadanStore
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What went wrong fetching a page, each with what to do next.
public enum FetchError: Error, Equatable, CustomStringConvertible {
    case notPermitted(String)
    case robotsDisallow(String)
    case tooManyRedirects(String, Int)
    case tooLarge(String, Int)
    case timeout(String, Double)
    case http(String, Int)
    case network(String, String)
    case notText(String, String)

    public var description: String {
        switch self {
        case .notPermitted(let url):
            return "\(url): not fetched (only http and https, and only the hosts --allow-hosts names)"
        case .robotsDisallow(let url): return "\(url): robots.txt of its site disallows it; not fetched"
        case .tooManyRedirects(let url, let count): return "\(url): more than \(count) redirects; given up"
        case .tooLarge(let url, let limit): return "\(url): larger than \(limit / (1 << 20)) MB; not read"
        case .timeout(let url, let seconds): return "\(url): no answer within \(Int(seconds)) s"
        case .http(let url, let status): return "\(url): HTTP \(status)"
        case .network(let url, let message): return "\(url): \(message)"
        case .notText(let url, let type): return "\(url): not a page of text (\(type))"
        }
    }
}

/// A page as fetched, with where it really came from.
public struct FetchedPage: Sendable {
    public var provenance: FetchProvenance
    public var text: String
}

/// Fetches pages over HTTP(S) with FoundationNetworking's `URLSession`, politely and safely as a
/// `FetchPolicy` says: mirrors rewritten, robots.txt read once per site and obeyed, one request at
/// a time per host with a delay, redirects followed by hand (each one checked, at most
/// `maximumRedirects`), 429 and 5xx retried with back-off (`Retry-After` honoured), sizes and
/// waits bounded, and the Web Archive's copy tried when a page is gone.
public final class PageFetcher: Sendable {
    public let policy: FetchPolicy
    private let session: URLSession
    private let delegate = TransferDelegate()
    private let hosts = Mutex<[String: Date]>([:])
    private let robots = Mutex<[String: RobotsRules]>([:])

    public init(policy: FetchPolicy) {
        self.policy = policy
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = policy.timeout
        configuration.timeoutIntervalForResource = policy.timeout * 3
        configuration.httpAdditionalHeaders = ["User-Agent": policy.userAgent]
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    /// Fetches `url` (after the mirrors), falling back to the archive's copy near `date` when the
    /// page is gone and the policy allows it.
    /// - Parameter tried: every request the server answered, with its status, in order (a fetch
    ///   that fails throws why; the caller records that once).
    public func fetch(_ url: String, near date: String? = nil, tried: inout [(url: String, outcome: String)]) throws
        -> FetchedPage
    {
        do {
            return try fetchFollowingRedirects(url, tried: &tried)
        } catch FetchError.http(_, let status) where policy.archiveFallback && (status == 404 || status == 410) {
            return try fetchFollowingRedirects(WebArchive.snapshot(of: url, near: date), tried: &tried, askedFor: url)
        }
    }

    private func fetchFollowingRedirects(
        _ url: String, tried: inout [(url: String, outcome: String)], askedFor: String? = nil
    ) throws -> FetchedPage {
        var current = url
        for _ in 0...policy.maximumRedirects {
            let address = MirrorRule.rewrite(current, by: policy.mirrors)
            guard let target = URL(string: address), policy.permits(target) else { throw FetchError.notPermitted(address) }
            try requireRobots(target)
            let answer = try getWithRetries(target, tried: &tried)
            if (300...399).contains(answer.status), let location = answer.location,
                let next = URL(string: location, relativeTo: target)?.absoluteURL
            {
                current = MirrorRule.original(of: next.absoluteString, by: policy.mirrors)
                continue
            }
            guard (200...299).contains(answer.status) else { throw FetchError.http(address, answer.status) }
            let type = answer.contentType ?? "text/html"
            guard type.hasPrefix("text/") || type.contains("html") || type.contains("xml") else {
                throw FetchError.notText(address, type)
            }
            let text = String(data: answer.body, encoding: .utf8) ?? String(decoding: answer.body, as: UTF8.self)
            return FetchedPage(
                provenance: FetchProvenance(
                    url: askedFor ?? url, finalURL: current, status: answer.status, fetchedAt: AlignmentStore.now()), text: text)
        }
        throw FetchError.tooManyRedirects(url, policy.maximumRedirects)
    }

    /// Refuses a URL the site's robots.txt keeps from Padan (read once per site; none: allowed).
    private func requireRobots(_ url: URL) throws {
        guard policy.obeyRobots, let host = url.host, let scheme = url.scheme else { return }
        let site = "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")"
        let known = robots.withLock { $0[site] }
        let rules: RobotsRules
        if let known {
            rules = known
        } else {
            var ignored: [(url: String, outcome: String)] = []
            let answer = URL(string: site + "/robots.txt").flatMap { try? getWithRetries($0, tried: &ignored) }
            if let answer, (200...299).contains(answer.status) {
                rules = RobotsRules(String(decoding: answer.body, as: UTF8.self), agent: "Padan")
            } else {
                rules = RobotsRules()
            }
            robots.withLock { $0[site] = rules }
        }
        let path = url.path.isEmpty ? "/" : url.path + (url.query.map { "?\($0)" } ?? "")
        if !rules.allows(path) { throw FetchError.robotsDisallow(url.absoluteString) }
    }

    /// One GET, tried again on 429 and 5xx.
    private func getWithRetries(_ url: URL, tried: inout [(url: String, outcome: String)]) throws -> Answer {
        var attempt = 0
        while true {
            waitForHost(url.host ?? "")
            let answer = try get(url)
            tried.append((url.absoluteString, "HTTP \(answer.status)"))
            let retryable = answer.status == 429 || (500...599).contains(answer.status)
            guard retryable, attempt < policy.retries else { return answer }
            attempt += 1
            let wait = min(policy.longestRetryWait, answer.retryAfter ?? pow(2, Double(attempt - 1)))
            Thread.sleep(forTimeInterval: wait)
        }
    }

    /// One request at a time per host, `policy.delay` apart.
    private func waitForHost(_ host: String) {
        let wait = hosts.withLock { last -> Double in
            let now = Date()
            let next = (last[host] ?? .distantPast).addingTimeInterval(policy.delay)
            let start = max(now, next)
            last[host] = start
            return start.timeIntervalSince(now)
        }
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }

    struct Answer {
        var status: Int
        var location: String?
        var contentType: String?
        var retryAfter: Double?
        var body: Data
    }

    private func get(_ url: URL) throws -> Answer {
        let transfer = Transfer(limit: policy.maximumBytes)
        let task = session.dataTask(with: URLRequest(url: url))
        delegate.register(transfer, for: task.taskIdentifier)
        defer { delegate.unregister(task.taskIdentifier) }
        task.resume()
        guard transfer.done.wait(timeout: .now() + policy.timeout + 1) == .success else {
            task.cancel()
            throw FetchError.timeout(url.absoluteString, policy.timeout)
        }
        let outcome = transfer.state.withLock { $0 }
        if outcome.tooLarge { throw FetchError.tooLarge(url.absoluteString, policy.maximumBytes) }
        if let error = outcome.error {
            if (error as NSError).code == NSURLErrorTimedOut { throw FetchError.timeout(url.absoluteString, policy.timeout) }
            throw FetchError.network(url.absoluteString, error.localizedDescription)
        }
        guard let response = outcome.response else { throw FetchError.network(url.absoluteString, "no answer") }
        let headers = response.allHeaderFields
        func header(_ name: String) -> String? {
            headers.first { ($0.key as? String)?.lowercased() == name }?.value as? String
        }
        return Answer(
            status: response.statusCode, location: header("location"),
            contentType: header("content-type")?.lowercased(), retryAfter: header("retry-after").flatMap(Double.init),
            body: outcome.body)
    }
}

/// One request's transfer, filled by the session's delegate.
final class Transfer: Sendable {
    struct State {
        var response: HTTPURLResponse?
        var body = Data()
        var error: Error?
        var tooLarge = false
    }

    let limit: Int
    let state = Mutex(State())
    let done = DispatchSemaphore(value: 0)

    init(limit: Int) { self.limit = limit }
}

/// Routes the session's callbacks to each task's `Transfer`: no redirect is followed by the
/// session (the fetcher checks each), and a body past the limit stops the transfer.
final class TransferDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private let transfers = Mutex<[Int: Transfer]>([:])

    func register(_ transfer: Transfer, for task: Int) { transfers.withLock { $0[task] = transfer } }
    func unregister(_ task: Int) { _ = transfers.withLock { $0.removeValue(forKey: task) } }
    private func transfer(_ task: URLSessionTask) -> Transfer? { transfers.withLock { $0[task.taskIdentifier] } }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        guard let transfer = transfer(dataTask) else { return completionHandler(.cancel) }
        let http = response as? HTTPURLResponse
        let declared = response.expectedContentLength
        let tooLarge = declared > Int64(transfer.limit)
        transfer.state.withLock {
            $0.response = http
            $0.tooLarge = tooLarge
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let transfer = transfer(dataTask) else { return }
        let over = transfer.state.withLock { state -> Bool in
            state.body.append(data)
            if state.body.count > transfer.limit { state.tooLarge = true }
            return state.tooLarge
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let transfer = transfer(task) else { return }
        transfer.state.withLock { state in
            if !state.tooLarge { state.error = error }
        }
        transfer.done.signal()
    }
}
