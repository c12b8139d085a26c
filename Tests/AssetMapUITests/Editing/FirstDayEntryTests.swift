import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// What a first day enters beyond nodes: the map's own title and area, links the review's rule reads the
/// other way round, the Matrix's affects links, and impact changed on its own line.
@Suite struct FirstDayEntryTests {
    @Test func theMapsTitleAndAreaAreSetInOneUndoableEdit() throws {
        var h = try Harness()
        h.press(.char("M"))
        #expect(h.screen.contains("Title of the map:"))
        h.press(.ctrl("u"))
        h.type("Pleck map")
        h.press(.enter, .ctrl("u"))
        h.type("Pleck, Walsall")
        h.press(.enter)
        #expect(h.app.dialog == nil)
        let after = sampleMap.replacingOccurrences(
            of: "map \"Test town asset map\"\n  area: Test town\n", with: "map \"Pleck map\"\n  area: Pleck, Walsall\n")
        #expect(h.documentText == after)
        #expect(h.screen.contains("Pleck map"))
        h.press(.char("u"))
        #expect(h.documentText == sampleMap)
    }

    @Test func aWrongWayLinkIsFlaggedAndTabSwapsIt() throws {
        var h = try Harness()
        h.press(.down)  // Roma communities
        h.press(.char("L"))
        h.type("Asked for proof")
        h.press(.enter)
        // The known relations, the review's first; the rule `check` knows, said before the link is made.
        #expect(h.screen.contains("Roma communities  →  Asked for proof of address"))
        #expect(h.screen.contains("check: 'affects' goes from the barrier to the community; Tab swaps"))
        // Typing narrows the list (j is typed here, not a move).
        h.type("add")
        #expect(h.screen.contains("check: 'addresses' links an improvement to a barrier"))
        h.press(.ctrl("u"))
        h.press(.tab)
        #expect(h.screen.contains("Asked for proof of address  →  Roma communities"))
        #expect(!h.screen.contains("check: "))
        h.press(.enter)
        #expect(h.documentText.contains("proof-of-address -> roma affects\n"))
        #expect(!h.app.document.check().contains { $0.message.contains("goes from the barrier") })
    }

    @Test func spaceInTheMatrixTogglesAnAffectsLink() throws {
        var h = try Harness()
        h.press(.char("3"))
        #expect(h.hints.contains("Space affects"))
        // Refugees × Asked for proof of address: linked; Space unlinks, Space links again, u undoes.
        h.press(.char(" "))
        #expect(!h.documentText.contains("proof-of-address -> refugees affects"))
        h.press(.char(" "))
        #expect(h.documentText.contains("proof-of-address -> refugees affects"))
        h.press(.char("l"), .char(" "))  // No interpreter offered: linked too
        #expect(!h.documentText.contains("language -> refugees affects"))
        h.press(.char("j"), .char(" "))  // Roma: linked
        #expect(!h.documentText.contains("language -> roma affects"))
        h.press(.char("j"), .char(" "))  // Unpaid carers: not linked
        #expect(h.documentText.contains("language -> carers affects"))
        h.press(.char("u"), .char("u"), .char("u"))
        #expect(h.documentText.contains("language -> refugees affects"))
        #expect(h.documentText.contains("language -> roma affects"))
        #expect(!h.documentText.contains("language -> carers affects"))
    }

    @Test func impactCycledFromLowToHighIsOneLineChangedInPlace() throws {
        var h = try Harness(reviewSessionMap)
        h.press(.char("4"), .char("/"))
        h.type("Bus fares")
        h.press(.enter)
        #expect(h.app.review.barrier == "fares")
        h.press(.char("i"), .char("i"))  // low → not set → high
        #expect(h.screen.contains("impact high"))
        let lines = h.documentText.split(separator: "\n", omittingEmptySubsequences: false)
        let old = reviewSessionMap.split(separator: "\n", omittingEmptySubsequences: false)
        let at = try #require(old.firstIndex(of: "  impact: low"))
        #expect(lines[at] == "  impact: high")
        // The rest of the record as it was, and the day's one history line.
        #expect(Array(lines[..<at]) == Array(old[..<at]))
        #expect(lines.filter { $0.hasPrefix("  history: ") } == ["  history: 2025-03-01 impact set to high (was low)"])
        #expect(lines.count == old.count + 1)
    }
}
