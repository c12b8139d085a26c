import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a map (or an output file) was not read or written.
package struct MapFileError: Error, CustomStringConvertible, Sendable {
    package enum Kind: Equatable, Sendable {
        /// Another process holds the lock (its pid, when it wrote one).
        case locked(pid: Int32?)
        /// No write permission (for its owner, or for us): `force` edits it anyway.
        case readOnly
        /// The file cannot be read, is not UTF-8, or has errors: `diagnostics` says where.
        case hasErrors
        /// The file changed on disk since it was read (UI save).
        case changedOnDisk
        case io
    }

    package var path: String
    package var kind: Kind
    package var message: String
    /// The map's errors at their positions (for `.hasErrors`).
    package var diagnostics: [Diagnostic]

    package init(_ path: String, _ kind: Kind, _ message: String, diagnostics: [Diagnostic] = []) {
        self.path = path
        self.kind = kind
        self.message = message
        self.diagnostics = diagnostics
    }

    package var description: String { "\(path): \(message)" }
}

/// Reading maps, and the one safe way to change one.
package enum MapFile {
    /// Reads and parses a map (through the one loader, `MapDocument(contentsOf:mapped:)`); a file that cannot be
    /// read or is not UTF-8 fails with a positioned diagnostic.
    package static func read(_ path: String, mapped: Bool = false) -> Result<MapDocument, MapFileError> {
        do {
            return .success(try MapDocument(contentsOf: path, mapped: mapped))
        } catch {
            let diagnostic =
                (error as? MapLoadError)?.diagnostic
                ?? Diagnostic(.error, line: 1, column: 1, "cannot read the file: \(error)")
            return .failure(MapFileError(path, .hasErrors, "cannot read the file", diagnostics: [diagnostic]))
        }
    }

    /// Edits a map without losing anyone's edit: takes the exclusive lock beside the (resolved) map,
    /// removes stale temps, re-reads the file under the lock, refuses a map with errors or a read-only
    /// one (unless `force`), applies `change`, and saves atomically keeping owner, mode, symlinks and
    /// hard links. Nothing is written when the text did not change, or when the result has errors.
    package static func edit<T>(_ path: String, force: Bool = false, _ change: (inout MapDocument) throws -> T) throws
        -> T
    {
        let target = try AtomicWrite.resolve(path)
        return try FileLock.holding(target) {
            try AtomicWrite.cleanStale(beside: target)
            var st = stat()
            if stat(target, &st) == 0, st.st_mode & S_IFMT != S_IFREG, st.st_mode & S_IFMT != S_IFDIR {
                throw MapFileError(path, .io, "not changed: it is not a regular file")
            }
            var doc = try read(target).mapError {
                MapFileError(path, $0.kind, "not changed", diagnostics: $0.diagnostics)
            }.get()
            if !force, let reason = readOnlyReason(target, st) {
                throw MapFileError(path, .readOnly, "not changed: it is read-only (\(reason))")
            }
            try refuseErrors(in: doc, path: path)
            let before = doc.data
            let result = try change(&doc)
            let after = doc.data
            guard after != before else { return result }
            try refuseErrors(in: doc, path: path, after: true)
            try AtomicWrite.replace(target, with: after, existing: st)
            return result
        }
    }

    /// Saves a whole new text of the map (the UI's save) under the same lock and atomic write as `edit`.
    /// With `expecting` (what the file was when last read or saved), it first compares the file now on
    /// disk, all of it, under the lock: changed, or deleted or moved away, it throws `.changedOnDisk`
    /// and writes nothing. Returns the saved file's fingerprint.
    @discardableResult
    package static func save(_ data: Data, to path: String, expecting: Fingerprint? = nil, force: Bool = false) throws
        -> Fingerprint
    {
        let target = try AtomicWrite.resolve(path)
        return try FileLock.holding(target) {
            try AtomicWrite.cleanStale(beside: target)
            if let expecting {
                guard let now = fingerprint(of: target) else {
                    throw MapFileError(
                        path, .changedOnDisk, "not saved: it was deleted or moved away since it was read")
                }
                if !now.hasSameContent(as: expecting) {
                    throw MapFileError(path, .changedOnDisk, "not saved: it changed on disk since it was read")
                }
            }
            var st = stat()
            let exists = stat(target, &st) == 0
            if exists, !force, let reason = readOnlyReason(target, st) {
                throw MapFileError(path, .readOnly, "not saved: it is read-only (\(reason))")
            }
            try AtomicWrite.replace(target, with: data, existing: exists ? st : nil)
            // Of the bytes written, not read back: a change slipping in right after still shows as a change.
            return fingerprint(of: target, content: data)
        }
    }

    /// Writes a new map where no file is, under the same lock and atomic write as `edit`: an existing file
    /// (or a symlink to one) is never replaced.
    package static func create(_ data: Data, at path: String) throws {
        let target = try AtomicWrite.resolve(path)
        try FileLock.holding(target) {
            var st = stat()
            guard lstat(target, &st) != 0 else {
                throw MapFileError(path, .io, "not created: the file already exists")
            }
            try AtomicWrite.replace(target, with: data, existing: nil)
        }
    }

    /// Why a map may not be edited without `force`, or nil when it may: its owner may not write it, or
    /// we may not (as the kernel decides, groups and ACLs included).
    static func readOnlyReason(_ path: String, _ st: stat) -> String? {
        if st.st_mode & S_IWUSR == 0 { return "its owner has no write permission" }
        if faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 {
            return errno == EROFS ? "it is on a read-only file system" : "you have no write permission"
        }
        return nil
    }

    private static func refuseErrors(in doc: MapDocument, path: String, after: Bool = false) throws {
        let errors = doc.check().filter { $0.severity == .error }
        guard !errors.isEmpty else { return }
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        let message =
            after
            ? "not changed: the edit would leave \(count)"
            : "not changed: the map has \(count); fix \(errors.count == 1 ? "it" : "them") first"
        throw MapFileError(path, .hasErrors, message, diagnostics: errors)
    }

    /// Is the map read-only for an edit (see `edit`'s `force`)? Nil when it may be edited.
    package static func readOnlyReason(of path: String) -> String? {
        guard let target = try? AtomicWrite.resolve(path) else { return nil }
        var st = stat()
        guard stat(target, &st) == 0 else { return nil }
        return readOnlyReason(target, st)
    }

    /// What the file on disk looked like, to notice when someone else changed it: all of its content
    /// (hashed), its size, inode and modification time.
    package struct Fingerprint: Equatable, Sendable {
        package var size: Int
        package var inode: UInt64
        package var modified: Double
        package var contentHash: UInt64

        /// The same bytes: a file replaced by an identical copy (another inode, a newer time) loses no one's edit.
        package func hasSameContent(as other: Fingerprint) -> Bool {
            size == other.size && contentHash == other.contentHash
        }
    }

    package static func fingerprint(of path: String) -> Fingerprint? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return fingerprint(of: path, content: data)
    }

    /// For content already read (a document saves back the exact bytes it was loaded from), so a
    /// change made between reading and fingerprinting cannot slip through.
    package static func fingerprint(of path: String, content data: Data) -> Fingerprint {
        var st = stat()
        let found = stat(path, &st) == 0
        return Fingerprint(
            size: data.count, inode: found ? UInt64(st.st_ino) : 0,
            modified: found ? Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9 : 0,
            contentHash: contentHash(data))
    }

    /// FNV-1a over every byte: a change anywhere in the file changes it (unlike `Data.hashValue`,
    /// which reads only the start).
    static func contentHash(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { raw in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in raw { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
    }
}
