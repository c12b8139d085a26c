import Foundation
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// The end-to-end walk through the real binary: search, follow, back, add, link, save, quit;
/// then the file on disk. The keys are the UI's keymap (Sources/AssetMapUI/Input/Keymap.swift).
@Suite(.serialized)
struct EditScenarioTests {
    static let label = "Bus fare refunds at the desk"
    static let id = "bus-fare-refunds-at-the-desk"

    @Test func searchFollowBackAddLinkSaveQuit() throws {
        let (session, folder, map) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: map, encoding: .utf8)

        // Search, and jump to the match.
        try session.press("/")
        try session.type("bus fares")
        try session.waitFor("[B] Bus fares to hospital appointments")
        try session.press("Enter")
        try session.waitFor("id: travel-cost")

        // Into the details pane, follow the second link, then come back.
        try session.press("Enter")
        try session.waitFor("┏━ Details")
        try session.press("Down", "Enter")
        let followed = try session.waitUntil("another node") { !$0.contains("id: travel-cost") && $0.contains("id: ") }
        // Shown from the top: the node's label and id, not scrolled down to its links.
        #expect(
            followed.contains("Refugees and people seeking asylum┃") && followed.contains("id: refugees"), "\(followed)"
        )
        try session.press("BSpace")
        try session.waitFor("id: travel-cost")

        try addImprovement(session)

        // Link it to the barrier, chosen by search, with an existing relation.
        try session.press("L")
        try session.waitFor("Type part of a label")
        try session.type("bus fares")
        try session.waitFor("travel-cost")
        try session.press("Enter")
        try session.waitFor("Relation:")
        try session.type("addresses")
        try session.press("Enter")
        try session.waitFor("addresses → Bus fares")

        try session.press("s")
        try session.waitFor("Saved walsall.map")
        #expect(try !session.screen().contains("[+]"))
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)

        let saved = try String(contentsOf: map, encoding: .utf8)
        let change = LineDiff(from: original, to: saved)
        #expect(change.removed.isEmpty, "\(change.removed)")
        #expect(
            change.added == [
                "improvement \(Self.id) \"\(Self.label)\"",
                "",
                "\(Self.id) -> travel-cost addresses",
            ], "\(change.added)")
        let check = try Fixture.run(["check", map.path])
        #expect(check.status == 0, "\(check.output)\(check.errors)")
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func signalWithUnsavedChangesWritesARecoveryCopy(signal: Int32) throws {
        let (session, folder, map) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: map)
        try addImprovement(session)

        // A private map's unsaved work stays private: the copy gets the map's mode, not 0644.
        #expect(chmod(map.path, 0o600) == 0)
        let pid = try session.childPID(named: Fixture.binary)
        #expect(kill(pid, signal) == 0)
        try AppSession.expectRestored(session, exitStatus: 128 + signal)

        let recovered = map.path + ".recovered"
        var st = stat()
        #expect(
            stat(recovered, &st) == 0 && st.st_mode & 0o777 == 0o600, "mode \(String(st.st_mode & 0o777, radix: 8))")
        #expect(try session.screen().contains("were written to"), "the user is told where the work went")
        #expect(try Data(contentsOf: map) == original, "the map itself is never written on a signal")
        let text = try String(contentsOfFile: recovered, encoding: .utf8)
        #expect(
            LineDiff(from: String(decoding: original, as: UTF8.self), to: text).added
                == ["improvement \(Self.id) \"\(Self.label)\"", ""])
    }

    /// A 20 MB unbroken label (one of 250 KB took 26 s to draw, during which signals waited): the map draws,
    /// and a signal writes the unsaved work as for any map.
    @Test func aHugeLabelDrawsAndASignalStillWritesARecoveryCopy() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = folder.appendingPathComponent("huge.map")
        let label = String(repeating: "x", count: 20 << 20)
        try Data("map \"Huge\"\n\ncommunity big \"\(label)\"\n".utf8).write(to: map)
        let session = try TmuxSession(
            shellCommand: Fixture.appCommand(["huge.map"], in: folder), width: 80, height: 24, environment: [:])
        defer { session.kill() }
        try session.waitFor(String(repeating: "x", count: 30))
        try addImprovement(session)
        let pid = try session.childPID(named: Fixture.binary)
        #expect(kill(pid, SIGTERM) == 0)
        try AppSession.expectRestored(session, exitStatus: 128 + SIGTERM)
        let text = try String(contentsOfFile: map.path + ".recovered", encoding: .utf8)
        #expect(text.contains("improvement \(Self.id) \"\(Self.label)\""))
        #expect(text.utf8.count > 20 << 20)
    }

    /// A signal the main loop cannot take (busy: here its save waits for a lock another process holds) is taken
    /// by the watchdog thread: the unsaved work is written beside the map and the terminal put back, while the
    /// main thread is still waiting.
    @Test func aSignalWhileTheUIIsBusyIsTakenByTheWatchdog() throws {
        // The save waits up to 120 s for the lock, longer than the session waits for the app to end (20 s): an
        // app that ends in time was ended by the watchdog.
        let (session, folder, map) = try AppSession.openExample(environment: ["ASSETMAP_LOCK_TIMEOUT": "120"])
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: map)
        try addImprovement(session)
        let lock = open(folder.appendingPathComponent(".walsall.map.assetmap-lock").path, O_RDWR | O_CREAT, 0o644)
        try #require(lock >= 0)
        defer { close(lock) }
        try #require(flock(lock, LOCK_EX) == 0)
        let pid = try session.childPID(named: Fixture.binary)
        try session.press("s")
        try Self.waitUntilSleeping(pid)
        #expect(kill(pid, SIGTERM) == 0)
        try AppSession.expectRestored(session, exitStatus: 128 + SIGTERM)
        #expect(try session.screen().contains("were written to"), "the user is told where the work went")
        #expect(try Data(contentsOf: map) == original, "the map itself is never written on a signal")
        let text = try String(contentsOfFile: map.path + ".recovered", encoding: .utf8)
        #expect(text.contains("improvement \(Self.id) \"\(Self.label)\""))
    }

    /// Until the app's main thread sleeps in the lock's back-off (clock_nanosleep or nanosleep, three looks in
    /// a row): waiting for keys, the main loop polls the terminal instead.
    private static func waitUntilSleeping(_ pid: pid_t) throws {
        let deadline = Date().addingTimeInterval(20)
        var inARow = 0, last = ""
        while inARow < 3 {
            last = (try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8)) ?? ""
            let number = last.split(separator: " ").first.map(String.init) ?? ""
            inARow = number == "230" || number == "35" ? inARow + 1 : 0
            try #require(Date() < deadline, "the app's main thread never waited for the lock: \(last)")
            usleep(10_000)
        }
    }

    @Test func quitWithUnsavedChangesAsksFirst() throws {
        let (session, folder, map) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: map)
        try addImprovement(session)
        try session.press("q")
        try session.waitFor("discard")
        try session.press("c")
        try session.waitForAbsence(of: "discard")
        try session.press("q")
        try session.waitFor("discard")
        try session.press("d")
        try AppSession.expectRestored(session, exitStatus: 0)
        #expect(try Data(contentsOf: map) == original)
    }

    @Test func aMapWithErrorsOpensReadOnlyAndIsNeverWritten() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = folder.appendingPathComponent("broken.map")
        let text = "community locals \"Locals\"\n  note: fine\n\n+ a continuation with nothing to continue\n"
        try Data(text.utf8).write(to: map)
        let session = try TmuxSession(shellCommand: Fixture.appCommand([map.lastPathComponent], in: folder))
        defer { session.kill() }
        let screen = try session.waitFor("broken.map:4:1: error:")
        #expect(screen.contains("read-only"))
        try session.press("Escape")
        try session.waitForAbsence(of: "broken.map:4:1")
        // Keys are read in order: the save attempt is handled before the quit.
        try session.press("s")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
        #expect(try String(contentsOf: map, encoding: .utf8) == text)
    }

    /// `a`, the improvement kind, the label, the suggested id.
    private func addImprovement(_ session: TmuxSession) throws {
        try session.press("a")
        try session.waitFor("which kind?")
        // The kinds in file order: community, organisation, place, barrier, improvement, …
        for _ in 0..<10 { try session.press("Up") }
        for _ in 0..<4 { try session.press("Down") }
        try session.press("Enter")
        try session.waitFor("Add improvement")
        try session.type(Self.label)
        try session.press("Enter")
        // No id asked: it is made from the label.
        try session.waitFor(Self.id)
        try session.waitFor("[+]")
    }
}

/// Lines added and removed between two texts, for an edit made of insertions and deletions in place.
struct LineDiff {
    var added: [String] = []
    var removed: [String] = []

    init(from old: String, to new: String) {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Longest common subsequence; maps are a few thousand lines at most.
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                i += 1; j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                added.append(b[j]); j += 1
            } else {
                removed.append(a[i]); i += 1
            }
        }
    }
}
