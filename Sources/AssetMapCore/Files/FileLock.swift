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

    /// How long to wait for another process: `ASSETMAP_LOCK_TIMEOUT` seconds, else 10.
    static var defaultTimeout: Double {
        ProcessInfo.processInfo.environment["ASSETMAP_LOCK_TIMEOUT"].flatMap(Double.init) ?? 10
    }

    static func sidecar(of target: String) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".assetmap-lock")
            .path
    }

    /// Waits up to `timeout` seconds, then fails naming the pid that holds the lock.
    init(for target: String, timeout: Double = FileLock.defaultTimeout) throws {
        path = Self.sidecar(of: target)
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 2_000
        while true {
            var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if fd < 0 && errno == EACCES { fd = open(path, O_RDONLY | O_CLOEXEC) }
            guard fd >= 0 else {
                throw MapFileError(target, .io, "cannot lock it (\(path)): \(String(cString: strerror(errno)))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                // The sidecar may have been removed (or replaced) by the previous holder meanwhile.
                var held = stat(), current = stat()
                if fstat(fd, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino,
                    held.st_dev == current.st_dev
                {
                    let pid = Data("\(getpid())\n".utf8)
                    if ftruncate(fd, 0) == 0 { _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
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
        unlink(path)
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
