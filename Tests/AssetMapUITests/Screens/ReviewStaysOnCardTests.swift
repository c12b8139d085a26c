import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// The projected session stays on the card on show after every edit, however Review was entered: the
/// room never sees another card than the one it is deciding on.
@Suite struct ReviewStaysOnCardTests {
    /// Ways into Review, each leaving the Browse selection on a barrier other than the one reviewed next.
    enum Entry: String, CaseIterable, CustomTestStringConvertible {
        case barrierSelectedInBrowse, tabKey, searchFromReview, gridEnter
        var testDescription: String { rawValue }

        func enter(_ h: inout Harness) {
            switch self {
            case .barrierSelectedInBrowse:
                h.press(.char("/"))
                h.type("No interpreter by phone")
                h.press(.enter, .char("4"))
            case .tabKey: h.press(.char("4"))
            case .searchFromReview:
                h.press(.char("4"), .char("/"))
                h.type("Moved between hotels")
                h.press(.enter)
            case .gridEnter: h.press(.char("4"), .char("g"), .enter)
            }
        }
    }

    /// Each edit key of a card, with what completes its dialog (if it opens one).
    enum EditKey: String, CaseIterable, CustomTestStringConvertible {
        case statusForward, statusBack, voteUp, voteDown, impact, effort, owner, due, note, dimension, clinical,
            propose
        var testDescription: String { rawValue }

        func perform(_ h: inout Harness) {
            switch self {
            case .statusForward: h.press(.char("t"))
            case .statusBack: h.press(.char("T"))
            case .voteUp: h.press(.char("+"))
            case .voteDown: h.press(.char("-"))
            case .impact: h.press(.char("i"))
            case .effort: h.press(.char("e"))
            case .owner:
                h.press(.char("o"), .ctrl("u"))
                h.type("Health team")
                h.press(.enter)
            case .due:
                h.press(.char("d"), .ctrl("u"))
                h.type("2025-03-20")
                h.press(.enter)
            case .note:
                h.press(.char("c"))
                h.type("Heard again")
                h.press(.enter)
            case .dimension: h.press(.char("D"), .down, .enter)
            case .clinical: h.press(.char("A"), .down, .char(" "), .enter)
            case .propose:
                h.press(.char("a"))
                h.type("Text the reminder")
                h.press(.enter)
            }
        }
    }

    @Test(arguments: Entry.allCases, EditKey.allCases)
    func editKeepsTheCardOnShow(entry: Entry, key: EditKey) throws {
        var h = try Harness(reviewSessionMap)
        entry.enter(&h)
        #expect(h.app.tab == .review)
        h.press(.char("n"))
        let shown = try #require(h.app.review.barrier)
        let before = h.app.document.text
        key.perform(&h)
        #expect(h.app.dialog == nil, "the edit's dialog is closed")
        #expect(h.app.document.text != before, "the edit was made")
        #expect(h.app.review.barrier == shown)
        #expect(h.screen.contains("━ \(shown) "), "the card on show is still \(shown)")
        let edited = try #require(h.app.document.graph.node(shown))
        let original = try MapDocument(data: Data(reviewSessionMap.utf8)).graph.node(shown)
        #expect(
            edited.attributes.map(\.value) != original?.attributes.map(\.value) || key == .propose,
            "the edit landed on \(shown)")
        // Undo keeps it there too.
        h.press(.char("u"))
        #expect(h.app.review.barrier == shown)
    }

    @Test func aNewSelectionElsewhereStillChoosesTheCard() throws {
        var h = try Harness(reviewSessionMap)
        h.press(.char("4"), .char("n"), .char("t"))
        h.press(.char("/"))
        h.type("Bus fares")
        h.press(.enter)
        #expect(h.app.review.barrier == "fares")
        h.press(.char("1"), .char("/"))
        h.type("No interpreter by phone")
        h.press(.enter, .char("4"))
        #expect(h.app.review.barrier == "interpreter")
    }
}
