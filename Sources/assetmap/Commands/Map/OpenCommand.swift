import ArgumentParser
import AssetMapCore
import AssetMapRoom
import AssetMapUI
import Foundation
import TerminalBackend
#if canImport(Glibc)
    import Glibc
    import TerminalKit
#endif

/// `assetmap [FILE]`: the full-screen UI. Everything that can fail is checked before the terminal is
/// touched, so errors land on a normal screen.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a map in the terminal UI (the default).",
        discussion: """
            With no FILE, opens a copy of the bundled example maps/walsall.map (looked for in the current \
            directory, then above the assetmap executable, then in its share/assetmap): the first save asks \
            where to keep your copy (./walsall.map unless you say otherwise), so the example is never changed.

            A map with errors (syntax errors, or what `assetmap check` calls an error) opens read-only \
            with its errors listed (E there opens $EDITOR, else $VISUAL, else vi, at the first one, and \
            the map is read again after; E elsewhere opens it at the selected record); --strict refuses \
            it instead, listing them as FILE:LINE:COL. A file \
            that is not valid UTF-8 or cannot be read is refused the same way. If FILE does not exist, \
            assetmap offers to start a new map there, asking its title and area, as assetmap new does \
            (and creates nothing unless you answer y).

            If assetmap is stopped by SIGTERM, SIGHUP, SIGINT or SIGQUIT (or its terminal closes) with \
            unsaved changes, they are written to FILE.recovered (never over FILE; FILE.recovered-2, … if \
            that exists) and the path is printed.

            The live review room: R on the Review tab lists this machine's addresses and opens the room on \
            the one chosen (port 8080, or a free one), with its join address and QR code; R again closes it. \
            --room ADDRESS:PORT opens it there at the start (127.0.0.1:8080; port 0 picks one). While it is \
            open, phones join at the address written to FILE.room-address (owner only, removed when the room \
            closes); W lists their notes and suggestions to accept (an edit of the map, saved), edit or \
            discard. Every vote, note and suggestion a phone is told was received is kept in \
            FILE.room-journal first; the votes land in the map when the room closes or the program quits, \
            and a journal left by a crash or a kill is offered when the room next opens.

            Exit status: 0 normally, 1 for a file that cannot be opened, 2 when not run in a terminal, \
            128+N when stopped by signal N.
            """
    )

    @Argument(help: "The map file (default: the bundled maps/walsall.map).")
    var file: String?

    @Flag(help: "Refuse a map with errors (listing them) instead of opening it read-only.")
    var strict = false

    @Option(name: .customLong("room"), help: "Open the live review room on ADDRESS:PORT (phones join it).")
    var roomAddress: String?

    func run() throws {
        do {
            try open()
        } catch let failure as OpenFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            throw ExitCode(failure.status)
        }
    }

    private func open() throws {
        guard let path = file ?? BundledMap.find() else {
            throw OpenFailure(message: "assetmap: the bundled maps/walsall.map was not found; give a FILE", status: 1)
        }
        if let file, !FileManager.default.fileExists(atPath: file) { try NewMap.offer(file) }
        let document = try load(path)
        let errors = AssetMapApp.errors(in: document).sortedByPosition()
        if strict, !errors.isEmpty {
            throw OpenFailure(message: errors.map { $0.formatted(file: path) }.joined(separator: "\n"), status: 1)
        }
        guard Terminal.isInteractive else {
            throw OpenFailure(
                message:
                    "assetmap: the map UI needs a terminal (stdin and stdout); for scripts use the subcommands, see assetmap --help",
                status: 2)
        }

        // Closed until the facilitator opens it (R on the Review tab), or open already with --room.
        let room = LiveRoom(mapPath: path)
        if let roomAddress {
            guard let (host, port) = LiveRoom.parse(roomAddress) else {
                throw OpenFailure(
                    message: "assetmap: --room takes ADDRESS:PORT (e.g. 127.0.0.1:8080), not '\(roomAddress)'",
                    status: 1)
            }
            try room.open(
                host: host, ports: [port], communities: LiveRoom.communities(document),
                recovered: try RoomRecovery.offer(path))
        } else if let notice = RoomRecovery.notice(path) {
            FileHandle.standardError.write(Data((notice + "\n").utf8))
        }
        var environment = AppEnvironment.live
        environment.room = room
        var app = AssetMapApp(document: document, path: path, loadErrors: errors, environment: environment)
        app.savesAsCopy = file == nil
        let ending: TerminalExit
        let unsaved = UnsavedWork()
        do {
            ending = try Terminal.run(
                &app, publish: { unsaved.keep($0.hasUnsavedChanges ? $0.document : nil) },
                whenStuck: { signal in
                    // The UI is busy (a long frame or edit): save from the last state it published.
                    Terminal.restoreForExit()
                    if let document = unsaved.document {
                        FileHandle.standardError.write(Data((Recovery.save(document.text, besides: path) + "\n").utf8))
                    }
                    _exit(128 + signal)
                })
        } catch let error as TerminalError {
            _ = room.close(landing: false)
            throw OpenFailure(message: "assetmap: \(error.description)", status: 2)
        }
        // Still open at the end: a normal quit lands the votes through the one locked save (the UI has let go
        // of the map); a signal keeps them in the journal.
        var landing = true
        if case .signal = ending { landing = false }
        let said = room.close(landing: landing)
        if !said.isEmpty { FileHandle.standardError.write(Data(("assetmap: " + said + "\n").utf8)) }
        if case .signal(let signal) = ending {
            if let text = app.recoveryText() {
                FileHandle.standardError.write(Data((Recovery.save(text, besides: path) + "\n").utf8))
            }
            throw ExitCode(128 + signal)
        }
    }

    private func load(_ path: String) throws -> MapDocument {
        do {
            return try MapDocument(contentsOf: path)
        } catch let error as MapLoadError where error.reason == .noSuchFile {
            throw OpenFailure(
                message: "\(path): error: no such file (to start a map there: assetmap new \(Escaping.shellWord(path))"
                    + ")",
                status: 1)
        } catch let error as MapLoadError {
            throw OpenFailure(message: error.diagnostic.formatted(file: path), status: 1)
        }
    }
}

/// A journal an earlier room left (a crash, a kill, undecided items): never taken in silently.
enum RoomRecovery {
    static func summary(_ events: [RoomEvent], _ path: String) -> String {
        let room = Room.replay(events + [RoomLanding.settle(events, mapPath: path)].compactMap { $0 })
        let votes = room.unlandedVotes.reduce(0) { $0 + $1.added }
        return
            "\(room.participants.count) joined, \(votes) votes not yet in the map, \(room.pending.count) notes and suggestions waiting"
    }

    /// Asks whether to go on from the journal; its events, or none when there is none. A no leaves it as it
    /// is and opens nothing.
    static func offer(_ path: String) throws -> [RoomEvent] {
        let journal = RoomJournal.path(besides: path)
        let events: [RoomEvent]
        do {
            guard let read = try RoomJournal.read(journal), !read.isEmpty else { return [] }
            events = read
        } catch {
            throw OpenFailure(message: "assetmap: \(error)", status: 1)
        }
        FileHandle.standardError.write(
            Data("\(journal) holds an earlier room (\(summary(events, path))). Go on from it [Y/n]? ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? "n"
        guard answer.isEmpty || answer == "y" || answer == "yes" else {
            throw OpenFailure(message: "Nothing opened; \(journal) is left as it is.", status: 1)
        }
        return events
    }

    /// For a plain open: says a journal waits, so it is never forgotten.
    static func notice(_ path: String) -> String? {
        let journal = RoomJournal.path(besides: path)
        guard let events = try? RoomJournal.read(journal), !events.isEmpty else { return nil }
        return "assetmap: \(journal) holds an earlier room (\(summary(events, path))); open with --room to take it in"
    }
}

/// An error already worded for the user, with its exit status.
struct OpenFailure: Error {
    var message: String
    var status: Int32
}

enum BundledMap {
    static let relativePath = "maps/walsall.map"

    /// The example map: in the current directory, else above the executable (`.build/debug/assetmap`
    /// sits inside the checkout; an installed one has it in PREFIX/share/assetmap), else above this source file.
    static func find(_ relativePath: String = relativePath) -> String? {
        let fileManager = FileManager.default
        if fileManager.isReadableFile(atPath: relativePath) { return relativePath }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let starts = [
            executable.deletingLastPathComponent(), URL(fileURLWithPath: #filePath).deletingLastPathComponent(),
        ]
        for start in starts {
            var directory = start
            while directory.path != "/" {
                for candidate in [relativePath, "share/assetmap/" + relativePath].map({
                    directory.appendingPathComponent($0).path
                })
                where fileManager.isReadableFile(atPath: candidate) { return candidate }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }
}

/// `assetmap NEW.map`: asks on the terminal whether to start a map there, then its title and area (as
/// `assetmap new` does), and writes it only on a yes.
enum NewMap {
    static func offer(_ path: String) throws {
        guard Terminal.isInteractive else {
            throw OpenFailure(
                message:
                    "\(path): error: no such file (to start a map there: assetmap new \(Escaping.shellWord(path)) --title TITLE --area AREA)",
                status: 1)
        }
        FileHandle.standardError.write(Data("\(path) does not exist. Start a new map there [y/N]? ".utf8))
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased(),
            answer == "y" || answer == "yes"
        else {
            throw OpenFailure(message: "Nothing created.", status: 1)
        }
        try StartMap.create(path, title: nil, area: nil)
    }
}

/// The session's document after its last update, when it has unsaved changes: what a signal that finds
/// the UI busy saves (from the watchdog's thread; a document is a value, so this copy is unchanged).
final class UnsavedWork: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: MapDocument?

    func keep(_ document: MapDocument?) { lock.withLock { kept = document } }
    var document: MapDocument? { lock.withLock { kept } }
}

/// Unsaved work when a signal ends the session: written beside the map, never over it.
enum Recovery {
    /// Saves `text` to FILE.recovered (or FILE.recovered-2, … so an older copy is never lost) with the
    /// map's mode (0600 at most in a folder anyone may write to); if FILE's folder is not writable, to
    /// a private folder of the user's (0700, never a predictable name in /tmp). Returns where it went.
    static func save(_ text: String, besides path: String) -> String {
        let data = Data(text.utf8)
        let name = (path as NSString).lastPathComponent
        let folder = (path as NSString).deletingLastPathComponent
        var st = stat(), folderStat = stat()
        var mode: mode_t = stat(path, &st) == 0 ? st.st_mode & 0o666 : 0o600
        if stat(folder.isEmpty ? "." : folder, &folderStat) == 0, folderStat.st_mode & S_IWOTH != 0 { mode &= 0o600 }
        var places = [(folder.isEmpty ? "." : folder, mode)]
        if let own = AtomicWrite.privateFolder() { places.append((own, 0o600)) }
        for (place, mode) in places {
            let base = (place as NSString).appendingPathComponent(name + ".recovered")
            if let written = AtomicWrite.createNumbered(base, data, mode: mode) {
                return "assetmap: unsaved changes to \(path) were written to \(written)"
            }
        }
        return "assetmap: unsaved changes to \(path) could not be written anywhere"
    }
}
