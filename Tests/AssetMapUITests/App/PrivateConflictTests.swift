import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// A merge conflict on a `private-` key holds both private values: it is hidden wherever they are.
@Suite struct PrivateConflictTests {
    static let map = reviewSessionMap.replacingOccurrences(
        of: "  private-source: SECRET-SOURCE\n",
        with:
            "  private-source: SECRET-OURS\n  conflict: private-source\n  + ours: SECRET-OURS\n  + theirs: SECRET-THEIRS\n"
    )

    @Test func theConflictsDialogAndTheReviewCardHideBothValues() throws {
        var h = try Harness(Self.map, width: 120, height: 40, today: "2025-03-01")
        var screen = h.screen
        #expect(screen.contains("Merge conflicts (1)"))
        #expect(screen.contains("proof: private-source"))
        #expect(screen.contains("ours:   (private value hidden"))
        #expect(!screen.contains("SECRET"), "\(screen)")
        h.press(.escape, .char("4"), .char("n"), .char("n"))
        screen = h.screen
        #expect(screen.contains("Asked for proof of address"))
        #expect(!screen.contains("SECRET"), "\(screen)")
        #expect(screen.contains("2 private attributes hidden (P shows)"))
        h.press(.char("P"))
        #expect(h.screen.contains("SECRET-THEIRS"))
    }

    @Test func aConflictLineIsPrivateWhenItsFieldIs() {
        let document = MapDocument(text: Self.map)
        let attributes = document.graph.node("proof")?.attributes ?? []
        #expect(attributes.filter(\.isPrivate).map(\.key) == ["private-source", "conflict"])
        #expect(document.conflicts.first?.conflict?.isPrivate == true)
    }
}
