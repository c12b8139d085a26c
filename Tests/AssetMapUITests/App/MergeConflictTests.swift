import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// A merged map's conflicts are listed and settled one by one (ours or theirs, undoable, saved like any
/// edit); a file changed on disk can be merged into the session through the core's merge.
@Suite struct MergeConflictTests {
    static let conflicted = sampleMap.replacingOccurrences(
        of: "  status: open\n",
        with: """
              status: agreed
              conflict: status
              + ours: agreed
              + theirs: parked

            """
    ).replacingOccurrences(
        of: "community roma \"Roma communities\"\n",
        with: """
            community roma "Roma communities"
              conflict: (label)
              + ours: Roma communities
              + theirs: Roma and Traveller communities

            """)

    @Test func conflictsOpenEditableListedAndEachIsSettledByPickingASide() throws {
        var h = try Harness(Self.conflicted, width: 80, height: 24)
        #expect(!h.app.isReadOnly)
        var screen = h.screen
        #expect(screen.contains("Merge conflicts (2)"))
        #expect(screen.contains("roma: (label)"))
        #expect(screen.contains("theirs: Roma and Traveller communities"))
        #expect(screen.contains("proof-of-address: status"))
        #expect(screen.contains("theirs: parked"))
        // The first (roma's label): theirs.
        h.press(.char("t"))
        #expect(h.app.document.graph.node("roma")?.label == "Roma and Traveller communities")
        screen = h.screen
        #expect(screen.contains("Merge conflicts (1)"))
        // Undo brings it back; the dialog follows the document.
        h.press(.escape, .char("u"))
        #expect(h.app.document.conflicts.count == 2)
        h.press(.char("C"))
        h.press(.char("t"), .char("o"))
        #expect(h.app.document.conflicts.isEmpty)
        #expect(h.status.contains("Every conflict settled"))
        h.press(.char("s"))
        #expect(
            h.fileText
                == sampleMap.replacingOccurrences(of: "  status: open\n", with: "  status: agreed\n")
                .replacingOccurrences(of: "\"Roma communities\"", with: "\"Roma and Traveller communities\""))
        #expect(!MapDocument(text: h.fileText).check().hasErrors)
        h.press(.char("C"))
        #expect(h.status.contains("No merge conflicts"))
    }

    @Test func aFileChangedOnDiskIsMergedIntoTheSession() throws {
        var h = try Harness()
        // Ours: a new label in the session.
        h.press(.char("r"))
        h.type("!")
        h.press(.enter)
        // Theirs: another record changed on disk.
        let theirs = sampleMap.replacingOccurrences(
            of: "  when: Mondays and Thursdays\n", with: "  when: Mondays only\n")
        try Data(theirs.utf8).write(to: URL(fileURLWithPath: h.path))
        h.press(.char("s"))
        #expect(h.screen.contains("m merge: keep your edits and take theirs"))
        h.press(.char("m"))
        #expect(h.status.contains("Merged 1 change from disk and saved test.map"))
        #expect(h.fileText == theirs.replacingOccurrences(of: "seeking asylum\"", with: "seeking asylum!\""))
        // One undoable change: undo takes theirs out of the session again.
        h.press(.char("u"))
        #expect(h.app.document.graph.node("rmc")?.value("when") == "Mondays and Thursdays")
    }

    @Test func theSameFieldChangedOnDiskAndInTheSessionIsListedToSettle() throws {
        var h = try Harness()
        h.app.run(.edit({ try $0.setAttribute(.node("proof-of-address"), key: "status", value: "agreed") }))
        try Data(sampleMap.replacingOccurrences(of: "status: open", with: "status: parked").utf8).write(
            to: URL(fileURLWithPath: h.path))
        h.press(.char("s"), .char("m"))
        #expect(h.screen.contains("Merge conflicts (1)"))
        #expect(h.status.contains("1 conflict to settle"))
        h.press(.char("t"), .char("s"))
        #expect(MapDocument(text: h.fileText).graph.node("proof-of-address")?.value("status") == "parked")
        #expect(MapDocument(text: h.fileText).conflicts.isEmpty)
    }
}
