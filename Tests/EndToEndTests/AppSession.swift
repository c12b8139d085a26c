import Foundation
import Testing

/// Starting the app in tmux and checking how it left the terminal.
enum AppSession {
    /// Starts the app on a copy of the example map and waits for its first frame.
    static func openExample(
        width: Int = 80, height: Int = 24, environment: [String: String] = [:],
        arguments: [String]? = nil
    ) throws -> (TmuxSession, URL, URL) {
        let folder = try Fixture.scratchFolder()
        let map = try Fixture.copyOfExampleMap(in: folder)
        let session = try TmuxSession(
            shellCommand: Fixture.appCommand(arguments ?? [map.lastPathComponent], in: folder),
            width: width, height: height, environment: environment)
        try session.waitFor(UIText.tabBar)
        return (session, folder, map)
    }

    /// `s` (waiting for the save of the example's copy), then `q`, and the terminal back to normal.
    static func saveAndQuit(_ session: TmuxSession) throws {
        try session.press("s")
        try session.waitFor("Saved walsall.map")
        try session.press("q")
        try expectRestored(session, exitStatus: 0)
    }

    /// After the app has gone: how it exited, and the terminal back to normal.
    static func expectRestored(_ session: TmuxSession, exitStatus: Int32) throws {
        let screen = try session.waitFor("STTY")
        #expect(screen.contains("EXITED \(exitStatus)"), "\(screen)")
        // stty ran after the app: the line discipline is cooked again.
        let modes = screen.split(separator: "\n").first { $0.hasPrefix("STTY") }.map(String.init) ?? ""
        for mode in ["icanon", "echo", "icrnl", "opost"] {
            #expect(modes.split(separator: " ").contains(Substring(mode)), "\(mode) not restored: \(modes)")
        }
        #expect(try session.paneFlag("alternate_on") == "0", "still on the alternate screen")
        #expect(try session.paneFlag("cursor_flag") == "1", "cursor still hidden")
        #expect(try session.paneFlag("mouse_any_flag") == "0", "mouse reporting left on")
        #expect(!screen.contains(UIText.tabBar), "the UI is still on screen")
    }
}
