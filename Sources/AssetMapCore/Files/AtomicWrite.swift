import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replacing a regular file so that a kill at any moment leaves the old or the new content: a temp
/// file beside it (`.NAME.assetmap-save-XXXXXX`, the one pattern stale-temp cleanup removes), fsync,
/// rename over it, fsync the folder. Owner, group and mode are kept; a file with several hard links
/// is written in place (after its old and new content are safely in `.NAME.assetmap-inplace`, which
/// the next locked command uses to finish the write if a kill interrupted it), so the links are not
/// split. Sidecars are never followed: a symlink or a hard link planted under their names is refused.
/// Callers hold the target's `FileLock`.
package enum AtomicWrite {
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
    package static func resolve(_ path: String) throws -> String {
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

    /// Opens a sidecar (lock, in-place copy) without following a symlink, and only when it is a regular
    /// file with one link: a planted symlink or hard link to someone else's file is never read, written
    /// or truncated. Nil with errno set (ENOENT: absent; ESTALE: removed since it was opened; ELOOP: a symlink;
    /// EPERM: not a plain file).
    package static func openSidecar(_ path: String, _ flags: Int32, mode: mode_t = 0o600) -> (fd: Int32, stat: stat)? {
        let fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, mode)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_nlink <= 1 else {
            close(fd)
            errno = EPERM
            return nil
        }
        if st.st_nlink == 0 {  // its holder removed it meanwhile
            close(fd)
            errno = ESTALE
            return nil
        }
        return (fd, st)
    }

    /// Why a sidecar could not be opened, in words (see `openSidecar`).
    package static func sidecarProblem(_ path: String, _ code: Int32) -> String {
        switch code {
        case ELOOP: return "\(path) is a symlink, which is never followed; remove it if no one planted it"
        case EPERM: return "\(path) is not a plain file of its own (a hard link or a special file); remove it"
        case EACCES: return "\(path): no permission (\(String(cString: strerror(code))))"
        default: return "\(path): \(String(cString: strerror(code)))"
        }
    }

    /// Whose leftovers beside `target` may be removed or used: ours, or (written by root for them) its owner's.
    static func mayClean(_ st: stat, besideOwner owner: uid_t?) -> Bool {
        st.st_mode & S_IFMT == S_IFREG && (st.st_uid == geteuid() || st.st_uid == owner)
    }

    /// Removes temps a killed save left beside `target` (regular files of ours only), and finishes an
    /// interrupted in-place write, but only over the map that write left: a map changed since is refused.
    static func cleanStale(beside target: String) throws {
        let prefix = tempPrefix(of: target)
        let directory = folder(target)
        var targetStat = stat()
        let owner = lstat(target, &targetStat) == 0 ? targetStat.st_uid : nil
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(prefix)
        {
            var st = stat()
            if lstat(directory + "/" + name, &st) == 0, mayClean(st, besideOwner: owner) {
                unlink(directory + "/" + name)
            }
        }
        let copyPath = inPlaceCopy(of: target)
        guard let (fd, st) = openSidecar(copyPath, O_RDONLY) else {
            if errno == ENOENT || errno == ESTALE { return }
            throw MapFileError(target, .io, "not changed: \(sidecarProblem(copyPath, errno))")
        }
        let copy = readAll(fd)
        close(fd)
        guard mayClean(st, besideOwner: owner), let copy, let saved = InPlaceCopy(copy) else {
            throw MapFileError(
                target, .io,
                "not changed: \(copyPath) is not a copy this program left (or is another user's); remove it")
        }
        guard let now = FileManager.default.contents(atPath: target) else {
            throw failure(target, "cannot read it to finish an interrupted save")
        }
        if now != saved.new {
            guard saved.couldBeTorn(now) else {
                throw MapFileError(
                    target, .io,
                    "not changed: an interrupted save left \(copyPath) (the map before and after it), but the map "
                        + "changed since, so it was not applied; check the map, then remove \(copyPath)")
            }
            do { try writeInPlace(target, saved.new, restoring: now) } catch let torn as TornWrite { throw torn.error }
        }
        unlink(copyPath)
        syncFolder(directory)
    }

    /// `existing`: the target's stat, nil for a new file (then the mode is 0666 less the umask, as a shell makes it).
    static func replace(_ target: String, with data: Data, existing: stat?) throws {
        let hardLinked = (existing?.st_nlink ?? 0) > 1
        var old = Data()
        if hardLinked {
            guard let bytes = FileManager.default.contents(atPath: target) else {
                throw failure(target, "cannot read it")
            }
            old = bytes
        }
        let temp = try writeTemp(
            beside: target, hardLinked ? InPlaceCopy.encode(old: old, new: data) : data, existing: existing,
            keepPrivate: hardLinked)
        var renamed = false
        let directory = folder(target)
        defer { if !renamed { unlink(temp) } }
        if hardLinked {
            let copy = inPlaceCopy(of: target)
            guard rename(temp, copy) == 0 else { throw failure(target, "cannot keep a copy beside it") }
            renamed = true
            syncFolder(directory)
            do {
                try writeInPlace(target, data, restoring: old)
            } catch let torn as TornWrite {
                throw torn.error  // the copy stays: the next command finishes the write from it
            } catch {
                unlink(copy)  // the old bytes are back in place
                syncFolder(directory)
                throw error
            }
            unlink(copy)
        } else {
            guard rename(temp, target) == 0 else { throw failure(target, "cannot replace it") }
            renamed = true
        }
        syncFolder(directory)
    }

    /// A new temp beside `target` holding `data`, flushed, with the target's owner and mode (a copy that
    /// holds the map twice stays 0600). Created 0600 so no one reads it before its mode is set.
    private static func writeTemp(beside target: String, _ data: Data, existing: stat?, keepPrivate: Bool) throws
        -> String
    {
        let directory = folder(target)
        var fd: Int32 = -1
        var temp = ""
        for _ in 0..<100 where fd < 0 {
            temp = directory + "/" + tempPrefix(of: target) + String(UInt64.random(in: 0..<(1 << 36)), radix: 36)
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 && errno != EEXIST { break }
        }
        guard fd >= 0 else { throw failure(target, "cannot create a temp file in \(directory)") }
        do {
            defer { close(fd) }
            try writeAll(fd, data, target)
            var mode = 0o666 & ~currentUmask()
            if let existing {
                mode = existing.st_mode & 0o7777
                // Root editing someone's map leaves it theirs; others keep the group when they may.
                if geteuid() == 0 {
                    fchown(fd, existing.st_uid, existing.st_gid)
                } else {
                    fchown(fd, uid_t.max, existing.st_gid)
                }
            }
            guard fchmod(fd, keepPrivate ? 0o600 : mode) == 0 else {
                throw failure(target, "cannot set its permissions")
            }
            guard fsync(fd) == 0 else { throw failure(target, "cannot flush it to disk") }
        } catch {
            unlink(temp)
            throw error
        }
        return temp
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Writes `data` into the existing inode of a regular file (hard links keep sharing it). The space is
    /// reserved first, so a full disk fails before a byte changes; should a write still fail, `restoring`
    /// (the bytes it had) is written back, and the error says whether that worked.
    static func writeInPlace(_ target: String, _ data: Data, restoring old: Data) throws {
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(target, "cannot open it for writing") }
        defer { close(fd) }
        if data.count > old.count {
            let code = posix_fallocate(fd, 0, off_t(data.count))
            if code != 0 && code != EOPNOTSUPP && code != EINVAL {
                errno = code
                throw failure(target, "not enough room for it; the map was left as it was")
            }
        }
        do {
            try writeAll(fd, data, target)
            guard ftruncate(fd, off_t(data.count)) == 0, fsync(fd) == 0 else {
                throw failure(target, "cannot flush it to disk")
            }
        } catch let error as MapFileError {
            let restored =
                (try? writeAll(fd, old, target, at: 0)) != nil && ftruncate(fd, off_t(old.count)) == 0 && fsync(fd) == 0
            guard restored else {
                throw TornWrite(
                    error: MapFileError(
                        target, .io,
                        error.message + "; it could not be put back: the next command finishes it from "
                            + inPlaceCopy(of: target)))
            }
            throw MapFileError(target, .io, error.message + "; the map was left as it was")
        }
    }

    /// Writes to a device, FIFO or socket (`-o /dev/null`, a pipe): they stay what they are.
    static func writeToSpecialFile(_ target: String, _ data: Data) throws {
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(target, "cannot open it for writing") }
        defer { close(fd) }
        try writeAll(fd, data, target)
    }

    package static func writeAll(_ fd: Int32, _ data: Data, _ target: String, at start: Int? = nil) throws {
        let complete = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n =
                    start.map { pwrite(fd, raw.baseAddress! + offset, raw.count - offset, off_t($0 + offset)) }
                    ?? write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard complete else { throw failure(target, "cannot write it") }
    }

    package static func readAll(_ fd: Int32) -> Data? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return data }
            data.append(buffer, count: n)
        }
    }

    /// Writes a new file at `base`, else `base-2`, `base-3`, … (never over an existing file or through a
    /// symlink), flushed, with `mode`. Returns the name used, nil when none could be made.
    package static func createNumbered(_ base: String, _ data: Data, mode: mode_t) -> String? {
        for number in 1...1000 {
            let candidate = number == 1 ? base : "\(base)-\(number)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd < 0 {
                if errno == EEXIST { continue }
                return nil
            }
            let written = (try? writeAll(fd, data, candidate)) != nil && fchmod(fd, mode) == 0 && fsync(fd) == 0
            close(fd)
            if written { return candidate }
            unlink(candidate)
            return nil
        }
        return nil
    }

    /// `$XDG_STATE_HOME/assetmap` (else `~/.local/state/assetmap`), made 0700, and used only while it is a
    /// real folder of ours that no one else may enter.
    package static func privateFolder() -> String? {
        let environment = ProcessInfo.processInfo.environment
        guard
            let state = environment["XDG_STATE_HOME"].flatMap({ $0.hasPrefix("/") ? $0 : nil })
                ?? environment["HOME"].flatMap({ $0.hasPrefix("/") ? $0 + "/.local/state" : nil })
        else { return nil }
        let folder = state + "/assetmap"
        try? FileManager.default.createDirectory(
            atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        mkdir(folder, 0o700)
        var st = stat()
        guard lstat(folder, &st) == 0, st.st_mode & S_IFMT == S_IFDIR, st.st_uid == geteuid(), st.st_mode & 0o077 == 0
        else { return nil }
        return folder
    }

    static func syncFolder(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    static func failure(_ path: String, _ what: String) -> MapFileError {
        MapFileError(path, .io, "cannot save: \(what) (\(String(cString: strerror(errno))))")
    }
}

/// An in-place write failed and its old bytes could not be put back either.
struct TornWrite: Error {
    var error: MapFileError
}

/// `.NAME.assetmap-inplace`: a hard-linked map before and after an in-place save. With both, the next
/// command can tell a map a kill left half-written (new bytes up to some point, old bytes after) from
/// one edited since, which it must never overwrite.
struct InPlaceCopy {
    static let magic = "assetmap-inplace 1 "
    var old: Data
    var new: Data

    static func encode(old: Data, new: Data) -> Data {
        Data((magic + "\(old.count) \(new.count)\n").utf8) + old + new
    }

    init?(_ data: Data) {
        guard data.starts(with: Data(Self.magic.utf8)), let end = data.firstIndex(of: UInt8(ascii: "\n")) else {
            return nil
        }
        let counts = String(decoding: data[data.startIndex + Self.magic.utf8.count..<end], as: UTF8.self)
            .split(separator: " ").compactMap { Int($0) }
        let body = end + 1
        guard counts.count == 2, counts.allSatisfy({ $0 >= 0 }), data.endIndex - body == counts[0] + counts[1] else {
            return nil
        }
        old = data[body..<body + counts[0]]
        new = data[(body + counts[0])...]
    }

    /// Is `now` what writing `new` over `old` from the start leaves when cut at some byte k: the first k
    /// bytes new, the rest (if the old file was longer) old?
    func couldBeTorn(_ now: Data) -> Bool {
        let a = [UInt8](now), o = [UInt8](old), n = [UInt8](new)
        var prefix = 0  // bytes of `now` that are `new`'s
        while prefix < min(a.count, n.count) && a[prefix] == n[prefix] { prefix += 1 }
        if a.count > o.count { return prefix == a.count }  // grew past the old end: all new so far
        guard a.count == o.count else { return false }
        var suffixStart = a.count  // from here on `now` is `old`'s, at the same offsets
        while suffixStart > 0 && a[suffixStart - 1] == o[suffixStart - 1] { suffixStart -= 1 }
        return suffixStart <= prefix
    }
}
