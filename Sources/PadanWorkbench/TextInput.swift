import Foundation

/// Reads user text files (or standard input for `-`) and refuses what is not text, with an
/// error that names the file and the problem. Nothing is read whole before it is known to be
/// text of a size Padan reads: a regular file's size is checked first, a pipe or device is read
/// in chunks up to the limit, and the first bytes decide binary or UTF-16 before the rest.
public enum TextInput {
    /// The largest input read, in bytes: 256 MiB, or `PADAN_MAX_INPUT_MB`. An article is a few
    /// kilobytes and a whole book a few megabytes; a larger file is almost always a mistake.
    public static var limit: Int {
        let configured = ProcessInfo.processInfo.environment["PADAN_MAX_INPUT_MB"].flatMap(Int.init) ?? 256
        return max(1, min(configured, 1 << 20)) << 20
    }

    /// How many leading bytes decide whether a file is binary.
    static let sniffLength = 8192
    static let chunkSize = 1 << 20

    /// Reads `path` (`-`: standard input) as text.
    /// - Throws: `WorkbenchError` — missing, a folder, unreadable, empty, too large, binary, not UTF-8/UTF-16.
    public static func read(_ path: String) throws -> String {
        let name = path == "-" ? "<stdin>" : path
        let descriptor: Int32
        if path == "-" {
            descriptor = STDIN_FILENO
        } else {
            var status = stat()
            guard stat(path, &status) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { throw WorkbenchError.missingFile(path) }
                throw WorkbenchError.unreadable(path, reason: String(cString: strerror(errno)))
            }
            if status.st_mode & S_IFMT == S_IFDIR { throw WorkbenchError.isDirectory(path) }
            if status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit {
                throw WorkbenchError.tooLarge(path, bytes: Int(status.st_size), limit: limit)
            }
            // open(2) also reads pipes and process substitutions (`<(…)`).
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw WorkbenchError.unreadable(path, reason: String(cString: strerror(errno))) }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        return try decode(try readAll(descriptor, name: name), name: name)
    }

    /// Reads a descriptor to its end in chunks, refusing more than `limit` bytes and binary
    /// content as soon as the first chunk shows it.
    static func readAll(_ descriptor: Int32, name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw WorkbenchError.unreadable(name, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            let first = bytes.isEmpty
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw WorkbenchError.tooLarge(name, bytes: bytes.count, limit: limit) }
            if first, encoding(of: bytes) == .utf8, bytes.prefix(sniffLength).contains(0) {
                throw WorkbenchError.binaryFile(name)
            }
        }
    }

    enum Encoding { case utf8, utf16LittleEndian, utf16BigEndian }

    /// UTF-16 when the text starts with its byte order mark, else UTF-8.
    static func encoding(of bytes: [UInt8]) -> Encoding {
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return .utf16LittleEndian }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return .utf16BigEndian }
        return .utf8
    }

    /// Strict decoding: UTF-8, or UTF-16 with a byte order mark; no replacement characters are
    /// ever invented.
    public static func decode(_ data: Data, name: String) throws -> String { try decode([UInt8](data), name: name) }

    static func decode(_ bytes: [UInt8], name: String) throws -> String {
        if bytes.isEmpty { throw WorkbenchError.emptyFile(name) }
        let text: String
        switch encoding(of: bytes) {
        case .utf8:
            if bytes.withUnsafeBytes({ raw in raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false }) {
                throw WorkbenchError.binaryFile(name)
            }
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                throw WorkbenchError.invalidUTF8(name, byteOffset: firstInvalidByte(bytes))
            }
            text = decoded
        case .utf16LittleEndian, .utf16BigEndian:
            text = try decodeUTF16(bytes, bigEndian: encoding(of: bytes) == .utf16BigEndian, name: name)
        }
        if text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) {
            throw WorkbenchError.emptyFile(name)
        }
        return text
    }

    /// UTF-16 after its byte order mark; an odd length or an unpaired surrogate is refused.
    static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool, name: String) throws -> String {
        guard bytes.count % 2 == 0 else { throw WorkbenchError.invalidUTF16(name, byteOffset: bytes.count - 1) }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        for index in stride(from: 2, to: bytes.count, by: 2) {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
        }
        var scalars = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var offset = 2
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 { throw WorkbenchError.binaryFile(name) }
                scalars.append(scalar)
                offset += scalar.value > 0xFFFF ? 4 : 2
            case .emptyInput: return String(scalars)
            case .error: throw WorkbenchError.invalidUTF16(name, byteOffset: offset)
            }
        }
    }

    /// The names of the entries of a folder.
    /// - Throws: `WorkbenchError.missingFile`, `.notAFolder`, `.unreadable`.
    public static func folderEntries(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw WorkbenchError.missingFile(path)
        }
        guard isDirectory.boolValue else { throw WorkbenchError.notAFolder(path) }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw WorkbenchError.unreadable(path, reason: "permission denied")
        }
    }

    /// The offset of the first byte that is not valid UTF-8 (only called on failure).
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: return offset
            }
        }
    }
}
