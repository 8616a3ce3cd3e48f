import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An output that never destroys what is at its path and never shows half a file.
///
/// A regular file (or a new one) is written to a temporary file in the same folder, flushed to
/// disk and renamed over the target only when complete, keeping the old file's permissions; a
/// signal (SIGINT, SIGTERM, SIGHUP) removes the temporary file before the process ends. `-`, a pipe
/// (FIFO) or a character device (a terminal, `/dev/null`) is written directly. A folder, a socket or
/// a block device is refused before anything is written. Every write error is a `WorkbenchError`
/// that names the path and the system's reason ("No space left on device").
public final class OutputFile {
    /// What the user named: a path, or `-` for standard output.
    public let path: String
    private let descriptor: Int32
    private let temporary: String?
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var committed = false

    /// Buffered bytes are written once the buffer holds this many.
    static let bufferSize = 1 << 20

    /// Opens `path` for writing; nothing at `path` changes before `commit()`.
    /// - Throws: `WorkbenchError.outputIsFolder`, `.outputNotWritable`, `.missingOutputFolder`.
    public init(_ path: String) throws {
        self.path = path
        buffer.reserveCapacity(Self.bufferSize)
        if path == "-" {
            descriptor = STDOUT_FILENO
            temporary = nil
            ownsDescriptor = false
            return
        }
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFDIR: throw WorkbenchError.outputIsFolder(path)
            case S_IFIFO, S_IFCHR:
                let opened = open(path, O_WRONLY | O_CLOEXEC)
                guard opened >= 0 else { throw WorkbenchError.outputNotWritable(path, reason: Self.reason()) }
                descriptor = opened
                temporary = nil
                ownsDescriptor = true
                return
            case S_IFREG: break
            default: throw WorkbenchError.outputNotWritable(path, reason: "not a regular file, pipe or terminal")
            }
        }
        // A symbolic link stays a link: the file it points to is replaced.
        let target =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { destination in
                destination.hasPrefix("/")
                    ? destination : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
            } ?? path
        let folder = (target as NSString).deletingLastPathComponent
        var folderStatus = stat()
        guard stat(folder.isEmpty ? "." : folder, &folderStatus) == 0, folderStatus.st_mode & S_IFMT == S_IFDIR else {
            throw WorkbenchError.missingOutputFolder(path, folder: folder)
        }
        // The file is made and registered for removal with the signals held back, so that no
        // signal can end the process between the two and leave the file behind.
        PendingTemporaryFiles.installHandlers()
        var held = PendingTemporaryFiles.signalSet
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        var template = Array((target + ".padan-tmp-XXXXXX").utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        let failure = errno
        let temporaryPath = String(cString: template)
        if opened >= 0 { PendingTemporaryFiles.add(temporaryPath) }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        guard opened >= 0 else {
            throw WorkbenchError.outputNotWritable(path, reason: String(cString: strerror(failure)))
        }
        // mkstemp makes the file private; give it the old file's mode, or what the umask allows.
        let mask = umask(0)
        umask(mask)
        let mode = stat(target, &status) == 0 ? status.st_mode & 0o7777 : 0o666 & ~mask
        fchmod(opened, mode)
        descriptor = opened
        temporary = temporaryPath
        ownsDescriptor = true
        self.realTarget = target
    }

    private var realTarget: String?

    /// Appends `text`.
    /// - Throws: `WorkbenchError.writeFailed` (a full disk, a closed pipe).
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw WorkbenchError.writeFailed(displayName, reason: Self.reason())
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private var displayName: String { path == "-" ? "standard output" : path }

    /// Makes the output visible: flushes it and, for a file, syncs and renames it over the target.
    /// - Throws: `WorkbenchError.writeFailed`; the target is then as it was.
    public func commit() throws {
        try flush()
        guard let temporary, let realTarget else {
            committed = true
            return
        }
        if fsync(descriptor) != 0 { throw WorkbenchError.writeFailed(displayName, reason: Self.reason()) }
        if close(descriptor) != 0 { throw WorkbenchError.writeFailed(displayName, reason: Self.reason()) }
        committed = true
        if rename(temporary, realTarget) != 0 {
            let reason = Self.reason()
            unlink(temporary)
            PendingTemporaryFiles.remove(temporary)
            throw WorkbenchError.writeFailed(displayName, reason: reason)
        }
        PendingTemporaryFiles.remove(temporary)
        // The rename itself reaches the disk with the folder's entry.
        let parent = (realTarget as NSString).deletingLastPathComponent
        let folder = open(parent.isEmpty ? "." : parent, O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    deinit {
        if let temporary, !committed {
            close(descriptor)
            unlink(temporary)
            PendingTemporaryFiles.remove(temporary)
        } else if ownsDescriptor && temporary == nil {
            close(descriptor)
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}

/// Temporary output files not yet renamed into place, removed by a signal handler before the
/// process ends. Paths are kept as C strings in a fixed table so the handler does nothing but
/// `unlink` and re-raise.
enum PendingTemporaryFiles {
    static let capacity = 16
    nonisolated(unsafe) private static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    nonisolated(unsafe) private static var handlersInstalled = false
    private static let lock = NSLock()

    /// The signals whose default action would end the process with a temporary file left.
    static var signalSet: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        return set
    }

    static func add(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for index in 0..<capacity where table[index] == nil {
            table[index] = strdup(path)
            return
        }
    }

    static func remove(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for index in 0..<capacity {
            if let entry = table[index], String(cString: entry) == path {
                table[index] = nil
                free(entry)
            }
        }
    }

    static func installHandlers() {
        lock.lock()
        defer { lock.unlock() }
        guard !handlersInstalled else { return }
        handlersInstalled = true
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { received in
                for index in 0..<PendingTemporaryFiles.capacity {
                    if let entry = PendingTemporaryFiles.table[index] { unlink(entry) }
                }
                Glibc.signal(received, SIG_DFL)
                raise(received)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
        // A parent may have started us with these blocked (threads of a thread pool block signals,
        // and a spawned child inherits the mask): the cleanup only helps if they arrive.
        var unblock = signalSet
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}
