import Foundation
import Testing

/// `E` in the real binary: the screen is put away for the editor (the terminal cooked again, the UI
/// gone), comes back after it, and the map is read again with the editor's change.
@Suite struct EditorTests {
    /// An "editor" that shows what it was given and the terminal's modes, waits for a line typed at
    /// the terminal, then changes the label on the line it was sent to.
    static let script = """
        #!/bin/sh
        line=${1#+}
        echo "EDITOR-RUNNING $1 $(basename "$2")"
        echo "MODES $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' ')"
        read answer
        sed -i "${line}s/\\"Residents of Walsall/\\"$answer of Walsall/" "$2"

        """

    @Test func eRunsTheEditorAtTheRecordAndReadsTheMapAgain() throws {
        let scratch = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let editor = scratch.appendingPathComponent("fake-editor.sh")
        try Data(Self.script.utf8).write(to: editor)
        // Run through sh, not exec'd: a process forked by a test running alongside can still hold the file just written
        // open, and exec then fails with "Text file busy".
        let (session, folder, map) = try AppSession.openExample(environment: ["EDITOR": "sh \(editor.path)"])
        defer { session.kill(); try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: map, encoding: .utf8)
        let line =
            try #require(
                original.split(separator: "\n", omittingEmptySubsequences: false)
                    .firstIndex { $0.hasPrefix("community core20-neighbourhoods ") }) + 1

        try session.waitFor("id: core20-neighbo")
        try session.press("E")
        let running = try session.waitFor("MODES ")  // the editor's last line before it reads
        #expect(running.contains("EDITOR-RUNNING +\(line) walsall.map"), "\(running)")
        // The UI is put away and the terminal is cooked for the editor.
        #expect(!running.contains(UIText.tabBar), "\(running)")
        #expect(running.contains("MODES icanon echo"), "\(running)")
        try session.type("People")
        try session.press("Enter")
        let back = try session.waitFor("Reloaded walsall.map after")
        #expect(back.contains(UIText.tabBar))
        #expect(back.contains("People of Walsall"), "\(back)")
        #expect(!back.contains("EDITOR-RUNNING"), "the editor's output is still on screen: \(back)")
        #expect(
            try String(contentsOf: map, encoding: .utf8)
                == original.replacingOccurrences(
                    of: "\"Residents of Walsall", with: "\"People of Walsall"))
        // The UI still answers keys, and quits leaving the terminal as it was.
        try session.press("4")
        try session.waitFor("barrier 1 of")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
    }
}
