import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing an export or a report the way a shell's `>` would, only safer for regular files.
package enum OutputFile {
    /// `-` is standard output; a symlink is followed; a device, FIFO or socket (`/dev/null`,
    /// `/dev/stdout`, a pipe) is written to, never replaced; a regular file is replaced atomically
    /// (locked, keeping owner, mode and hard links), a missing one created.
    package static func write(_ data: Data, to path: String) throws {
        if let fd = standardDescriptor(path) {
            fflush(nil)  // what print() buffered goes first
            try AtomicWrite.writeAll(fd, data, path)
            return
        }
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG, st.st_mode & S_IFMT != S_IFDIR {
            try AtomicWrite.writeToSpecialFile(path, data)
            return
        }
        if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
            throw MapFileError(path, .io, "cannot write: it is a directory")
        }
        // What a shell's `>` may not overwrite is not replaced either (a 0444 file, someone else's).
        if stat(path, &st) == 0, faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 {
            throw MapFileError(
                path, .io, "not written: \(String(cString: strerror(errno))) (a shell's > could not write it either)")
        }
        let target = try AtomicWrite.resolve(path)
        try FileLock.holding(target) {
            try AtomicWrite.cleanStale(beside: target)
            var current = stat()
            try AtomicWrite.replace(target, with: data, existing: stat(target, &current) == 0 ? current : nil)
        }
    }

    /// `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`: the descriptor itself, as shells treat them.
    static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// Is `output` the same file as `input` (after symlinks)? Writing a report over its map is refused.
    package static func isSameFile(_ output: String, as input: String) -> Bool {
        guard standardDescriptor(output) == nil, let a = try? AtomicWrite.resolve(output),
            let b = try? AtomicWrite.resolve(input)
        else { return false }
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_ino == sb.st_ino && sa.st_dev == sb.st_dev
    }
}
