import Foundation
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// Other terminals, the mouse, and wide characters through the real ncursesw.
@Suite(.serialized)
struct TerminalKindsTests {
    static let colourEscape = #"\x1B\[[0-9;]*(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)[;m]"#

    /// xterm has 8 colours and 64 pairs; vt220 has none and no alternate screen. Both must stay usable:
    /// the selection in reverse video, and the screen cleared on the way out.
    @Test(arguments: [("xterm", true), ("vt220", false)])
    func worksOnSmallerTerminals(term: String, hasColour: Bool) throws {
        let (session, folder, _) = try AppSession.openExample(environment: ["TERM": term])
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        // Show a kind whose nodes carry coloured tags, then look at the escapes tmux keeps.
        try session.press("2")
        try session.waitFor("┏━")
        let styled = try session.tmux(["capture-pane", "-p", "-e"])
        #expect((styled.firstMatch(of: try Regex(Self.colourEscape)) != nil) == hasColour, "\(term)")
        #expect(
            styled.contains("\u{1B}[7m") || styled.contains(";7m") || styled.contains("[7;"),
            "selection not in reverse video")
        try session.press("q")
        let after = try session.waitFor("EXITED 0")
        #expect(!after.contains(UIText.tabBar), "the UI was left on screen")
    }

    @Test func unknownTerminalTypeIsRefusedClearly() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try Fixture.copyOfExampleMap(in: folder)
        let session = try TmuxSession(
            shellCommand: Fixture.appCommand([map.path], in: folder),
            environment: ["TERM": "no-such-terminal"])
        defer { session.kill() }
        let screen = try session.waitFor("EXITED")
        #expect(screen.contains("assetmap: cannot use terminal type 'no-such-terminal'"), "\(screen)")
        #expect(screen.contains("EXITED 2"))
    }

    /// A terminal that cannot move the cursor (TERM=dumb: an editor's shell buffer, a serial console) gets a
    /// message, not a blank screen.
    @Test func aTerminalWithoutCursorAddressingIsRefusedWithAMessage() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try Fixture.copyOfExampleMap(in: folder)
        let session = try TmuxSession(
            shellCommand: Fixture.appCommand([map.path], in: folder), environment: ["TERM": "dumb"])
        defer { session.kill() }
        let screen = try session.waitFor("EXITED")
        #expect(screen.contains("assetmap: terminal type 'dumb' cannot move the cursor"), "\(screen)")
        #expect(screen.contains("EXITED 2"))
    }

    /// A locale that is not UTF-8: the whole screen in ASCII, boxes of `+-|` and labels cut with "...".
    @Test func aNonUTF8LocaleGetsASCII() throws {
        let (session, folder, _) = try AppSession.openExample(environment: ["LANG": "C", "LC_ALL": "C"])
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let screen = try session.screen()
        let nonASCII = screen.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "\(screen)")
        #expect(screen.contains("+-") && screen.contains("|"), "ASCII boxes: \(screen)")
        #expect(screen.contains("..."), "labels cut with ...: \(screen)")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
    }

    @Test func clickSelectsAndTheWheelScrolls() throws {
        let (session, folder, _) = try AppSession.openExample()
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let start = try session.screen()
        // Click on the Kinds pane's "Barriers" row: the app reads the SGR mouse report ncurses decodes.
        let rows = start.split(separator: "\n", omittingEmptySubsequences: false)
        let barriersRow = try #require(rows.firstIndex { $0.contains("Barriers") && $0.hasPrefix("│") })
        try session.type("\u{1B}[<0;3;\(barriersRow + 1)M\u{1B}[<0;3;\(barriersRow + 1)m")
        let clicked = try session.waitFor("─ Barriers ")
        let details = { (screen: String) in
            screen.split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: "id: ") else { return nil }
                return String(line[range.upperBound...].prefix { $0 != " " && $0 != "│" && $0 != "┃" })
            }.first
        }
        let firstBarrier = details(clicked)
        #expect(firstBarrier != nil)
        // Wheel down over the list moves on from the first barrier.
        try session.type("\u{1B}[<65;30;\(barriersRow + 1)M")
        let scrolled = try session.waitUntil("the wheel to move the selection") { details($0) != firstBarrier }
        #expect(details(scrolled) != nil)
    }

    /// CJK, emoji and Arabic labels: drawn whole, and the pane border after them stays in its column.
    @Test func wideCharactersKeepTheLayout() throws {
        let (session, folder, map) = try AppSession.openExample(width: 120, height: 30)
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let label = "巴士 help 🚌 مساعدة"
        try session.press("a")
        try session.waitFor("which kind?")
        for _ in 0..<10 { try session.press("Up") }
        try session.press("Enter")
        try session.waitFor("Add community")
        try session.type(label)
        try session.press("Enter")
        // The id is made from the label; a community is asked its two flags.
        try session.waitFor("New community: core20 (1 of 2)")
        try session.press("Enter")
        try session.waitFor("New community: plus (2 of 2)")
        try session.press("Enter")
        let screen = try session.waitFor("[+]")
        let rows = screen.split(separator: "\n").map(String.init)
        let withLabel = rows.filter { $0.contains("巴士 help 🚌") }
        #expect(!withLabel.isEmpty, "\(screen)")
        // Every framed row has the same display width as the top border.
        let widths = Set(rows.filter { $0.hasPrefix("│") || $0.hasPrefix("┃") }.map(Self.displayWidth))
        #expect(widths.count == 1, "rows of different widths: \(widths)\n\(screen)")
        try session.press("s")
        try session.waitFor("Saved")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
        let saved = try String(contentsOf: map, encoding: .utf8)
        #expect(
            saved.split(separator: "\n").contains { $0.hasPrefix("community ") && $0.hasSuffix(" \"\(label)\"") },
            "\(saved)")
    }

    static func displayWidth(_ line: String) -> Int {
        _ = setlocale(LC_CTYPE, "C.UTF-8")
        return line.unicodeScalars.reduce(0) { $0 + max(0, Int(systemWcwidth(Int32(bitPattern: $1.value)))) }
    }
}

/// The C library's wcwidth, which ncursesw and the app both use.
@_silgen_name("wcwidth") private func systemWcwidth(_ c: Int32) -> Int32
