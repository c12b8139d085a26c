import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a sidecar `.NAME.assetmap-lock` beside a (resolved) file. A sidecar, not the
/// file itself: every save renames a new inode over the file, so a lock on the file's own descriptor
/// would stop meaning anything after the first save. The holder writes its pid into the sidecar so
/// a waiter can name it, and removes the sidecar when done (a waiter that locked a removed sidecar
/// starts again), so no lock file is left lying beside the map.
struct FileLock {
    let path: String
    private let descriptor: Int32
    /// Made by us: only then is the pid written into it and the file removed at the end.
    private var owned = false

    /// How long to wait for another process: `ASSETMAP_LOCK_TIMEOUT` seconds, else 10.
    static var defaultTimeout: Double {
        ProcessInfo.processInfo.environment["ASSETMAP_LOCK_TIMEOUT"].flatMap(Double.init) ?? 10
    }

    static func sidecar(of target: String) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".assetmap-lock")
            .path
    }

    /// Waits up to `timeout` seconds, then fails naming the pid that holds the lock. The sidecar is never
    /// followed (see `AtomicWrite.openSidecar`), and written (the pid) and removed only when it is ours.
    init(for target: String, timeout: Double = FileLock.defaultTimeout) throws {
        path = Self.sidecar(of: target)
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 2_000
        while true {
            var opened = AtomicWrite.openSidecar(path, O_RDWR | O_CREAT, mode: 0o644)
            if opened == nil && errno == ESTALE { continue }  // the previous holder removed it: make it again
            if opened == nil && errno == EACCES {
                opened = AtomicWrite.openSidecar(path, O_RDONLY)
                if opened == nil && errno == ENOENT {
                    throw MapFileError(
                        target, .io,
                        "not changed: you have no write permission in its folder \(AtomicWrite.folder(path))")
                }
            }
            guard let (fd, st) = opened else {
                throw MapFileError(
                    target, .io, "not changed: cannot lock it: \(AtomicWrite.sidecarProblem(path, errno))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                // The sidecar may have been removed (or replaced) by the previous holder meanwhile.
                var current = stat()
                if lstat(path, &current) == 0, st.st_ino == current.st_ino, st.st_dev == current.st_dev {
                    owned = st.st_uid == geteuid()
                    if owned {
                        let pid = Data("\(getpid())\n".utf8)
                        if ftruncate(fd, 0) == 0 { _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
                    }
                    descriptor = fd
                    return
                }
                close(fd)
                continue
            }
            let holder = Self.holder(fd)
            close(fd)
            if Date() >= deadline {
                let who = holder.map { "process \($0)" } ?? "another process"
                throw MapFileError(
                    target, .locked(pid: holder),
                    "not changed: \(who) has held its lock (\(path)) for the \(timeout.formatted()) s waited; try again, or end that process if it hung"
                )
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
    }

    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Removes the sidecar, then releases the lock (in this order, see the type's comment).
    func release() {
        if owned { unlink(path) }
        close(descriptor)
    }

    /// Runs `body` holding the lock on `target`.
    static func holding<T>(_ target: String, timeout: Double = FileLock.defaultTimeout, _ body: () throws -> T) throws
        -> T
    {
        let lock = try FileLock(for: target, timeout: timeout)
        defer { lock.release() }
        return try body()
    }
}
