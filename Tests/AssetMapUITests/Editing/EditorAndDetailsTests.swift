import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit
import AssetMapTestSupport

/// `E` opens the map in the user's editor (an effect the backend carries out) and reads it again after;
/// the details pane comes back to its top.
@Suite struct EditorAndDetailsTests {
    /// A hub with a few attributes and 40 links, and a place linked to it.
    static let hubMap: String = {
        var text =
            "map \"Hub\"\n\ncommunity hub \"The hub community with many links\"\n"
            + (1...10).map { "  a\($0): value \($0)\n" }.joined() + "\nplace door \"The door\"\n\n"
        text += (1...40).map { "organisation o\($0) \"Organisation \($0)\"\n" }.joined()
        text += "\ndoor -> hub \"opens onto\"\n" + (1...40).map { "hub -> o\($0) \"works with\"\n" }.joined()
        return text
    }()

    @Test(arguments: [(80, 24), (120, 30)])
    func detailsComeBackToTheirTop(width: Int, height: Int) throws {
        var h = try Harness(Self.hubMap, width: width, height: height)
        // Select the door (Places), go to its link and follow it into the hub.
        h.press(.char("/"))
        h.type("The door")
        h.press(.enter, .enter, .enter)
        #expect(h.app.currentID == "hub")
        #expect(h.screen.contains("id: hub"))
        #expect(h.screen.contains("The hub community"))
        for _ in 0..<30 { h.press(.down) }
        #expect(!h.screen.contains("id: hub"))
        h.press(.home)
        #expect(h.screen.contains("id: hub") && h.screen.contains("The hub community"))
        for _ in 0..<30 { h.press(.down) }
        for _ in 0..<30 { h.press(.up) }
        #expect(h.screen.contains("id: hub") && h.screen.contains("The hub community"))
        // ↑ on the first link after the list scrolled another way brings the top back too.
        h.press(.pageDown, .pageDown, .pageUp, .pageUp, .pageUp, .up)
        #expect(h.screen.contains("id: hub"))
    }

    @Test func theEditorCommandFollowsTheConvention() {
        let path = "/maps/my map.map"
        #expect(
            AssetMapApp.editorCommand(variables: ["EDITOR": "nano", "VISUAL": "code"], path: path, line: 12).arguments
                == ["/bin/sh", "-c", "nano \"$@\"", "nano", "+12", path])
        #expect(
            AssetMapApp.editorCommand(variables: ["VISUAL": "emacs -nw"], path: path, line: 3).arguments
                == ["/bin/sh", "-c", "emacs -nw \"$@\"", "emacs -nw", "+3", path])
        #expect(
            AssetMapApp.editorCommand(variables: ["EDITOR": "  "], path: path, line: 0).arguments
                == ["/bin/sh", "-c", "vi \"$@\"", "vi", "+1", path])
    }

    @Test func eAsksForTheEditorAtTheSelectedRecord() throws {
        var h = try Harness(sampleMap, variables: ["EDITOR": "myeditor --wait"])
        // Browse: the selected node (the first community, line 4).
        h.press(.char("E"))
        #expect(
            h.app.pendingCommand?.arguments == [
                "/bin/sh", "-c", "myeditor --wait \"$@\"", "myeditor --wait", "+4", h.path,
            ])
        h.app.commandFinished(.exited(0))
        #expect(h.app.pendingCommand == nil)
        #expect(h.status.contains("No change to test.map"))
        // Review: the barrier on the card.
        h.press(.char("4"), .char("n"), .char("E"))
        let line = try #require(h.app.pendingCommand?.arguments[4])
        #expect(line == "+\(MapDocument(text: sampleMap).graph.node("language")!.line + 1)")
        #expect(h.screen.contains("No interpreter offered"))
        h.app.commandFinished(.failedToStart("No such file or directory"))
        #expect(h.status.contains("Could not start myeditor --wait: No such file or directory"))
        h.press(.char("E"))
        h.app.commandFinished(.exited(127))
        #expect(h.app.message == "Could not start myeditor --wait: not found; set EDITOR to your editor")
    }

    @Test func unsavedChangesAreSavedFirstAndTheExampleIsNeverEdited() throws {
        var h = try Harness(sampleMap, variables: ["EDITOR": "ed"])
        h.press(.char("r"))
        h.type("!")
        h.press(.enter, .char("E"))
        #expect(h.app.pendingCommand == nil)
        #expect(h.screen.contains("Save your changes to test.map before opening it in the editor?"))
        h.press(.char("y"))
        #expect(h.fileText.contains("asylum!\""))
        #expect(h.app.pendingCommand?.arguments[3...] == ["ed", "+4", h.path])
        var copy = try Harness(sampleMap, variables: ["EDITOR": "ed"])
        copy.app.savesAsCopy = true
        copy.press(.char("E"))
        #expect(copy.app.pendingCommand == nil)
        #expect(copy.status.contains("The example opens as a copy"))
    }

    /// A real editor process: a script that changes the file, then the map is read again.
    @Test func aRealEditorChangesTheFileAndTheMapIsReadAgain() throws {
        let folder = try TemporaryFolder()
        let script = folder.url.appendingPathComponent("editor.sh").path
        let log = folder.url.appendingPathComponent("args.log").path
        try Data(
            """
            #!/bin/sh
            printf '%s\\n' "$@" > '\(log)'
            sed -i 's/"Roma communities"/"Roma and Traveller communities"/' "$2"
            [ -n "$BREAK_IT" ] && printf 'community broken "no end quote\\n' >> "$2"
            exit 0

            """.utf8
        ).write(to: URL(fileURLWithPath: script))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        // Through sh: exec of a file just written can fail with "Text file busy" while other tests fork.
        let editor = "sh \(script)"
        var h = try Harness(sampleMap, variables: ["EDITOR": editor])
        h.press(.down, .char("E"))
        let command = try #require(h.app.pendingCommand)
        #expect(try run(command) == 0)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "+10\n\(h.path)\n")
        h.app.commandFinished(.exited(0))
        #expect(h.screen.contains("Roma and Traveller communities"))
        #expect(h.app.message == "Reloaded test.map after \(editor)")
        #expect(!h.app.isReadOnly)

        // The file now has a syntax error: listed, read-only, never written; E offers the editor there.
        h.press(.char("E"))
        let second = try #require(h.app.pendingCommand)
        #expect(try run(second, extra: ["BREAK_IT": "1"]) == 0)
        let broken = h.fileText
        h.app.commandFinished(.exited(0))
        #expect(h.app.isReadOnly)
        #expect(h.screen.contains("E opens $EDITOR at the first one"))
        h.press(.char("E"))
        let errorLine = try #require(h.app.loadErrors.first?.line)
        #expect(h.app.pendingCommand?.arguments[4] == "+\(errorLine)")
        h.app.commandFinished(.exited(1))
        #expect(h.app.message?.hasPrefix("\(editor) exited with status 1; ") == true)
        h.press(.char("s"))
        #expect(h.fileText == broken)
    }

    /// Runs the command as the backend would (with the terminal's place taken by no terminal here).
    func run(_ command: ExternalCommand, extra: [String: String] = [:]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.arguments[0])
        process.arguments = Array(command.arguments.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func aMapWithErrorsOffersTheEditorAtTheFirstError() throws {
        var h = try Harness(sampleMap + "ghost -> refugees affects\nbad line here\n", variables: ["EDITOR": "vim"])
        #expect(h.screen.contains("E opens $EDITOR at the first one"))
        #expect(h.hints.contains("E edit"))
        let first = try #require(h.app.loadErrors.first)
        h.press(.char("E"))
        #expect(h.app.modal == nil)
        #expect(h.app.pendingCommand?.arguments == ["/bin/sh", "-c", "vim \"$@\"", "vim", "+\(first.line)", h.path])
    }
}
