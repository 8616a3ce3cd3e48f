/// Errors of the workflows that the user can fix, each naming the problem and what to do.
public enum WorkbenchError: Error, Equatable, CustomStringConvertible {
    case missingFile(String)
    case isDirectory(String)
    case notAFolder(String)
    case emptyFile(String)
    case invalidUTF8(String, byteOffset: Int)
    case invalidUTF16(String, byteOffset: Int)
    case binaryFile(String)
    case unreadable(String, reason: String)
    case noSentences(String)
    case malformedLine(String, line: Int, reason: String)
    case missingResource(String)
    case invalidArgument(String)
    case outputIsFolder(String)
    case missingOutputFolder(String, folder: String)
    case outputNotWritable(String, reason: String)
    case writeFailed(String, reason: String)
    case tooLarge(String, bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .missingFile(let path): return "\(path): no such file"
        case .isDirectory(let path): return "\(path): is a directory, not a text file"
        case .notAFolder(let path): return "\(path): not a folder; give a folder of files here"
        case .emptyFile(let path): return "\(path): the file is empty"
        case .invalidUTF8(let path, let offset):
            return "\(path): not valid UTF-8 (first bad byte at offset \(offset)); convert it, e.g. `iconv -f latin1 -t utf-8`"
        case .invalidUTF16(let path, let offset):
            return
                "\(path): UTF-16 (it starts with a byte order mark) but not valid at byte \(offset); convert it, e.g. `iconv -f utf-16 -t utf-8`"
        case .binaryFile(let path): return "\(path): looks like a binary file (it contains NUL bytes), not text"
        case .unreadable(let path, let reason): return "\(path): cannot be read (\(reason))"
        case .noSentences(let path): return "\(path): no text left to align after cleaning"
        case .malformedLine(let path, let line, let reason): return "\(path):\(line): \(reason)"
        case .missingResource(let name):
            return "bundled resource \(name) is missing; rebuild Padan (`make build`)"
        case .invalidArgument(let message): return message
        case .outputIsFolder(let path):
            return "\(path) is a folder; give the output a file name (e.g. \(path)/out.tmx), nothing was written"
        case .missingOutputFolder(let path, let folder):
            return "cannot write \(path): the folder \(folder) does not exist; create it first"
        case .outputNotWritable(let path, let reason): return "cannot write \(path) (\(reason)); nothing was written"
        case .writeFailed(let path, let reason): return "cannot write \(path): \(reason)"
        case .tooLarge(let path, let bytes, let limit):
            return
                "\(path): \(bytes) bytes is more than Padan reads (\(limit / 1_048_576) MiB, PADAN_MAX_INPUT_MB to change); split it first"
        }
    }
}
