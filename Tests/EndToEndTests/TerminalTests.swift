import Foundation
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// The real binary in a tmux pane: set-up, resize, and the terminal put back on every way out.
@Suite(.serialized)
struct TerminalTests {
    @Test func quitWithQRestoresTheTerminal() throws {
        let (session, folder, map) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: map)
        #expect(try session.paneFlag("alternate_on") == "1")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
        #expect(try Data(contentsOf: map) == original, "quitting without edits must not touch the file")
    }

    @Test func ctrlCQuitsLikeQ() throws {
        let (session, folder, _) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        try session.press("C-c")
        try AppSession.expectRestored(session, exitStatus: 0)
    }

    /// Terminals send Alt-Enter as Esc and Enter at once: a new line in a value, while Esc alone still cancels.
    @Test func altEnterAddsALineAndEscStillCancels() throws {
        let (session, folder, map) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        try session.press("e")
        try session.waitFor("Attributes of")
        try session.press("a")  // a free-text key: those with a vocabulary open a picker
        try session.waitFor("Key, or key: value")
        try session.type("note")
        try session.press("Enter")
        try session.waitFor("Alt-Enter or Ctrl-O: new line")
        try session.type("first")
        try session.press("M-Enter")
        try session.type("second")
        try session.press("Enter")
        try session.waitFor("first  (+1 line)")
        try session.press("Escape")
        try session.waitForAbsence(of: "Attributes of")
        try session.press("s")
        try session.waitFor("Saved walsall.map")
        let saved = try String(contentsOf: map, encoding: .utf8)
        #expect(saved.contains("  note: first\n  + second\n"), "\(saved.prefix(600))")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
    }

    @Test func noFileOpensTheBundledExample() throws {
        // From an empty folder, so the map is found through the executable's location.
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try TmuxSession(shellCommand: Fixture.appCommand([], in: folder))
        defer { session.kill() }
        let screen = try session.waitFor(UIText.tabBar)
        #expect(screen.contains("walsall.map"), "\(screen)")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
    }

    @Test func resizeReflowsAndSaysWhenTooSmall() throws {
        let (session, folder, _) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let before = try session.screen()

        try session.resize(width: 120, height: 40)
        let wide = try session.waitUntil("a 120×40 layout") { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            // The status lines moved to the new bottom rows and some row uses the extra width.
            return rows.count >= 40 && rows[36..<40].contains { $0.contains(UIText.statusFileName) }
                && rows.contains { $0.count > 80 }
        }
        #expect(wide.contains(UIText.tabBar))

        try session.resize(width: 50, height: 12)
        try session.waitFor(UIText.tooSmall)

        try session.resize(width: 80, height: 24)
        let after = try session.waitUntil("the 80×24 layout back") { $0 == before }
        #expect(after == before, "state kept across the too-small screen")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let (session, folder, map) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let original = try Data(contentsOf: map)
        let pid = try session.childPID(named: Fixture.binary)
        #expect(kill(pid, SIGTERM) == 0)
        try AppSession.expectRestored(session, exitStatus: 128 + SIGTERM)
        #expect(try Data(contentsOf: map) == original)
        #expect(!FileManager.default.fileExists(atPath: map.path + ".recovered"), "nothing to recover")
    }

    @Test func sighupRestoresTheTerminal() throws {
        let (session, folder, _) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let pid = try session.childPID(named: Fixture.binary)
        #expect(kill(pid, SIGHUP) == 0)
        try AppSession.expectRestored(session, exitStatus: 128 + SIGHUP)
    }

    @Test func closingTheTerminalEndsTheApp() throws {
        let (session, folder, _) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let pid = try session.childPID(named: Fixture.binary)
        session.kill()  // the window goes away: reads fail whether or not a SIGHUP arrives
        let deadline = Date().addingTimeInterval(session.timeout)
        while Date() < deadline && FileManager.default.fileExists(atPath: "/proc/\(pid)") && !isZombie(pid) {
            usleep(50_000)
        }
        #expect(!FileManager.default.fileExists(atPath: "/proc/\(pid)") || isZombie(pid), "assetmap kept running")
    }

    private func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }

    @Test(arguments: [SIGSEGV, SIGABRT])
    func crashRestoresTheTerminalAndKeepsTheSignal(signal: Int32) throws {
        let (session, folder, _) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let pid = try session.childPID(named: Fixture.binary)
        #expect(kill(pid, signal) == 0)
        // The shell reports death by the signal itself: the handler re-raised it after restoring.
        try AppSession.expectRestored(session, exitStatus: 128 + signal)
    }

    @Test func noColorDrawsWithoutColoursButKeepsTheSelectionVisible() throws {
        let (session, folder, _) = try AppSession.openExample(environment: ["NO_COLOR": "1"])
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let styled = try session.tmux(["capture-pane", "-p", "-e"])
        let colours = try Regex(#"\x1B\[[0-9;]*(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)[;m]"#)
        #expect(styled.firstMatch(of: colours) == nil, "colour escape in NO_COLOR mode")
        #expect(
            styled.contains("\u{1B}[7m") || styled.contains(";7m") || styled.contains("[7;"),
            "no reverse video for the selection")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
    }

    @Test func coloursAreUsedWhenAllowed() throws {
        let (session, folder, _) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let styled = try session.tmux(["capture-pane", "-p", "-e"])
        let colours = try Regex(#"\x1B\[[0-9;]*(3[0-7]|4[0-7])[;m]"#)
        #expect(styled.firstMatch(of: colours) != nil, "\(styled.debugDescription.prefix(300))")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
    }
}

/// Text the UI shows that these tests look for.
enum UIText {
    static let tabBar = "1 Browse"
    static let tooSmall = "terminal too small"
    static let statusFileName = "walsall.map"
}
