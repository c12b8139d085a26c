import AssetMapCore
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// What the room acknowledged, one JSON event a line in `FILE.room-journal` beside the map (owner
/// only, never through a symlink, as FILE.recovered is written). Each line is appended and flushed
/// to the disk before the phone hears "done", so a crash or a kill loses nothing acknowledged; the
/// next start reads it back (`read`) and offers it.
package final class RoomJournal {
    package let path: String
    private let fd: Int32
    private let encoder = JSONEncoder()

    /// The journal of the map at `mapPath` (beside the file a symlink points to).
    package static func path(besides mapPath: String) -> String {
        ((try? AtomicWrite.resolve(mapPath)) ?? mapPath) + ".room-journal"
    }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// The events of an earlier room, nil when there is no journal. A last line cut short (the program
    /// died writing it, before acknowledging it) is left out; any other unreadable line is an error
    /// naming it, and the journal is left as it is.
    package static func read(_ path: String) throws -> [RoomEvent]? {
        guard let (fd, _) = AtomicWrite.openSidecar(path, O_RDONLY) else {
            if errno == ENOENT { return nil }
            throw Failure(description: AtomicWrite.sidecarProblem(path, errno))
        }
        defer { close(fd) }
        guard let data = AtomicWrite.readAll(fd) else {
            throw Failure(description: "\(path): cannot read it: \(String(cString: strerror(errno)))")
        }
        var events: [RoomEvent] = []
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() where number < lines.count - 1 {
            do {
                events.append(try JSONDecoder().decode(RoomEvent.self, from: Data(line)))
            } catch {
                throw Failure(
                    description: "\(path):\(number + 1):1: error: not a room event; the journal is left as it is")
            }
        }
        return events
    }

    /// Opens the journal to append, creating it 0600; a last line cut short is cut off first.
    package init(path: String) throws {
        guard let (fd, st) = AtomicWrite.openSidecar(path, O_RDWR | O_CREAT, mode: 0o600) else {
            throw Failure(description: AtomicWrite.sidecarProblem(path, errno))
        }
        guard st.st_uid == geteuid(), fchmod(fd, 0o600) == 0 else {
            close(fd)
            throw Failure(description: "\(path) is not yours; remove it if no one else is running a room")
        }
        // One room a map: a second would interleave its events with this one's.
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Failure(description: "\(path): another room is open on this map")
        }
        if let data = AtomicWrite.readAll(fd), let last = data.last, last != UInt8(ascii: "\n") {
            let keep = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            _ = ftruncate(fd, off_t(keep))
        }
        lseek(fd, 0, SEEK_END)
        self.path = path
        self.fd = fd
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    deinit { close(fd) }

    /// Appends the event and waits until it is on the disk.
    package func append(_ event: RoomEvent) throws {
        try write(event)
        guard fsync(fd) == 0 else {
            throw Failure(description: "\(path): cannot flush it to the disk: \(String(cString: strerror(errno)))")
        }
    }

    /// Appends the event without waiting for the disk: `flush` then makes it (and every event written
    /// before it) durable. A kill after `write` keeps it (the kernel has it); a power cut may not.
    package func write(_ event: RoomEvent) throws {
        var line = try encoder.encode(event)
        line.append(UInt8(ascii: "\n"))
        do {
            try AtomicWrite.writeAll(fd, line, path)
        } catch {
            throw Failure(description: "\(path): cannot write it: \(String(cString: strerror(errno)))")
        }
    }

    /// Waits until everything written so far is on the disk, on a thread of its own, so the room
    /// takes more events while the disk works. Returns why not, or nil.
    package var flusher: @Sendable () async -> String? {
        let fd = fd, path = path
        return { await Self.flush(fd, path) }
    }

    private static func flush(_ fd: Int32, _ path: String) async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let failed = fsync(fd) != 0
                continuation.resume(
                    returning: failed
                        ? "\(path): cannot flush it to the disk: \(String(cString: strerror(errno)))" : nil)
            }
        }
    }

    /// Removes the journal once everything in it has landed.
    package func remove() { unlink(path) }
}
