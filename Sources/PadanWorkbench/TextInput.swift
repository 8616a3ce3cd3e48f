import Foundation

/// Reads user text files (or standard input for `-`) and refuses what is not text, with an
/// error that names the file and the problem.
public enum TextInput {
    public static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw WorkbenchError.missingFile(path)
            }
            if isDirectory.boolValue { throw WorkbenchError.isDirectory(path) }
            // A FileHandle also reads pipes and process substitutions (`<(…)`).
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw WorkbenchError.unreadable(path, reason: "permission denied")
            }
            defer { try? handle.close() }
            do {
                data = try handle.readToEnd() ?? Data()
            } catch {
                throw WorkbenchError.unreadable(path, reason: (error as NSError).localizedDescription)
            }
        }
        return try decode(data, name: path == "-" ? "<stdin>" : path)
    }

    /// Strict UTF-8 decoding: no replacement characters are ever invented.
    public static func decode(_ data: Data, name: String) throws -> String {
        if data.isEmpty { throw WorkbenchError.emptyFile(name) }
        // Straight from the file's bytes: no intermediate copy, memchr for the NUL test.
        let hasNUL = data.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false }
        if hasNUL { throw WorkbenchError.binaryFile(name) }
        guard let text = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) else {
            throw WorkbenchError.invalidUTF8(name, byteOffset: firstInvalidByte([UInt8](data)))
        }
        if text.allSatisfy({ $0.isWhitespace }) {
            throw WorkbenchError.emptyFile(name)
        }
        return text
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
