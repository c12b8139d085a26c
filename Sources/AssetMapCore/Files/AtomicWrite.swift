import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replacing a regular file so that a kill at any moment leaves the old or the new content: a temp
/// file beside it (`.NAME.assetmap-save-XXXXXX`, the one pattern stale-temp cleanup removes), fsync,
/// rename over it, fsync the folder. Owner, group and mode are kept; a file with several hard links
/// is written in place (after its new content is safely in `.NAME.assetmap-inplace`, which the next
/// locked command finishes copying if a kill interrupted it), so the links are not split.
/// Callers hold the target's `FileLock`.
enum AtomicWrite {
    static func tempPrefix(of target: String) -> String { "." + fileName(target) + ".assetmap-save-" }
    static func inPlaceCopy(of target: String) -> String {
        folder(target) + "/." + fileName(target) + ".assetmap-inplace"
    }

    static func folder(_ path: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return folder.isEmpty ? "." : folder
    }

    static func fileName(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

    /// Follows symlinks (a dangling one too: a new file is created where it points).
    static func resolve(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else {
                throw MapFileError(path, .io, "cannot follow the symlink: \(String(cString: strerror(errno)))")
            }
            let destination = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : folder(current) + "/" + destination
        }
        throw MapFileError(path, .io, "cannot follow the symlink: too many levels of symlinks")
    }

    /// Removes temps a killed save left beside `target`, and finishes an interrupted in-place write.
    static func cleanStale(beside target: String) throws {
        let prefix = tempPrefix(of: target)
        let directory = folder(target)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(prefix)
        {
            unlink(directory + "/" + name)
        }
        let copy = inPlaceCopy(of: target)
        if let data = FileManager.default.contents(atPath: copy) {
            try writeInPlace(target, data)
            unlink(copy)
            syncFolder(directory)
        }
    }

    /// `existing`: the target's stat, nil for a new file (then the mode is 0666 less the umask, as a shell makes it).
    static func replace(_ target: String, with data: Data, existing: stat?) throws {
        let directory = folder(target)
        var fd: Int32 = -1
        var temp = ""
        for _ in 0..<100 where fd < 0 {
            temp = directory + "/" + tempPrefix(of: target) + String(UInt64.random(in: 0..<(1 << 36)), radix: 36)
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd < 0 && errno != EEXIST { break }
        }
        guard fd >= 0 else { throw failure(target, "cannot create a temp file in \(directory)") }
        var renamed = false
        defer { if !renamed { unlink(temp) } }
        do {
            defer { close(fd) }
            try writeAll(fd, data, target)
            if let existing {
                // Root editing someone's map leaves it theirs; others keep the group when they may.
                if geteuid() == 0 {
                    fchown(fd, existing.st_uid, existing.st_gid)
                } else {
                    fchown(fd, uid_t.max, existing.st_gid)
                }
                guard fchmod(fd, existing.st_mode & 0o7777) == 0 else {
                    throw failure(target, "cannot set its permissions")
                }
            }
            guard fsync(fd) == 0 else { throw failure(target, "cannot flush it to disk") }
        }
        if let existing, existing.st_nlink > 1 {
            let copy = inPlaceCopy(of: target)
            guard rename(temp, copy) == 0 else { throw failure(target, "cannot keep a copy beside it") }
            renamed = true
            syncFolder(directory)
            try writeInPlace(target, data)
            unlink(copy)
        } else {
            guard rename(temp, target) == 0 else { throw failure(target, "cannot replace it") }
            renamed = true
        }
        syncFolder(directory)
    }

    /// Writes into the existing inode (hard links, devices, FIFOs keep being what they are).
    static func writeInPlace(_ target: String, _ data: Data, truncate: Bool = true) throws {
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(target, "cannot open it for writing") }
        defer { close(fd) }
        try writeAll(fd, data, target)
        if truncate {
            guard ftruncate(fd, off_t(data.count)) == 0, fsync(fd) == 0 else {
                throw failure(target, "cannot flush it to disk")
            }
        }
    }

    static func writeAll(_ fd: Int32, _ data: Data, _ target: String) throws {
        let complete = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard complete else { throw failure(target, "cannot write it") }
    }

    static func syncFolder(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    static func failure(_ path: String, _ what: String) -> MapFileError {
        MapFileError(path, .io, "cannot save: \(what) (\(String(cString: strerror(errno))))")
    }
}
