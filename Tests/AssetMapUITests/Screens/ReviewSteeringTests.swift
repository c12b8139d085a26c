import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// The review session map plus a resolved quick win with a long label of wide characters, and a parked one.
let steeringMap =
    reviewSessionMap + """

        barrier old "二重二重二重二重二重二重二重二重二重二重二重二重二重二重 solved long ago"
          status: resolved
          votes: 12
          impact: high
          effort: low

        barrier shelved "Shelved for now"
          status: parked
          impact: low
          effort: high

        """

/// Steering a review from the Review tab: search opens the card, the grid chooses one, the summary
/// pages and writes the minutes, private attributes stay hidden unless asked for.
@Suite struct ReviewSteeringTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: sizes)
    func searchOpensTheCardItFinds(width: Int, height: Int) throws {
        var h = try Harness(steeringMap, width: width, height: height)
        h.press(.char("4"), .char("/"))
        h.type("No interpreter by phone")
        h.press(.enter)
        #expect(h.app.tab == .review)
        #expect(h.screen.contains("┏━ interpreter"))
        #expect(h.screen.contains("barrier 2 of 6"))
        // A barrier the filter leaves out: the filter is cleared to show it.
        try ReviewTabTests().chooseFilter(&h, "status: open")
        #expect(h.screen.contains("barrier 1 of 2"))
        h.press(.char("/"))
        h.type("Bus fares")
        h.press(.enter)
        #expect(h.screen.contains("┏━ fares"))
        #expect(h.screen.contains("Filter: all barriers"))
        // From the grid too: the card opens.
        h.press(.char("g"), .char("/"))
        h.type("Moved between hotels")
        h.press(.enter)
        #expect(h.screen.contains("┏━ hotels"))
        // Anything but a barrier is shown in Browse, as before.
        h.press(.char("/"))
        h.type("Generation Café")
        h.press(.enter)
        #expect(h.app.tab == .browse)
    }

    @Test(arguments: sizes)
    func gridSelectionOpensTheCard(width: Int, height: Int) throws {
        var h = try Harness(steeringMap, width: width, height: height)
        h.press(.char("4"), .char("g"))
        // Opened on the card on screen (hotels: a major project); closed barriers hidden and counted.
        var screen = h.screen
        #expect(screen.contains("▸  5 Moved between hotels"))
        #expect(screen.contains("Quick wins (1)"))
        #expect(screen.contains("Not now (0)"))
        #expect(screen.contains("1 unrated · 2 resolved/parked hidden"))
        #expect(!screen.contains("Shelved"))
        #expect(h.hints.hasPrefix(" Enter open  r resolved/parked"))
        // ← to the quick wins, ↓ into the fill-ins, ↑ back; Enter opens the card.
        h.press(.left)
        #expect(h.screen.contains("▸  9 Asked for proof of address"))
        h.press(.down)
        #expect(h.screen.contains("▸  7 Bus fares"))
        h.press(.up, .enter)
        screen = h.screen
        #expect(screen.contains("┏━ proof"))
        #expect(screen.contains("barrier 4 of 6"))
        #expect(!screen.contains("Quick wins ("))
        // r shows the resolved and parked ones, marked, with a long label cut by display width with "…".
        h.press(.char("g"), .char("r"))
        screen = h.screen
        #expect(screen.contains("Quick wins (2)"))
        #expect(screen.contains("Not now (1)"))
        #expect(screen.contains("resolved/parked shown"))
        let row = try #require(screen.split(separator: "\n").first { $0.contains("12 二重") })
        #expect(row.contains("… [resolved]"))
        #expect(!row.contains("solved long ago"))
        // Cut between whole characters: the label part is a run of whole 二重 pairs or one more 二.
        let cut = try #require(row.range(of: "12 ")).upperBound
        let label = row[cut...].prefix { $0 != "…" }
        #expect(label.allSatisfy { $0 == "二" || $0 == "重" } && label.count >= 4)
        #expect(TextWidth.of(String(row)) == width)
        // The selection stays on its barrier when r changes the lists; r again hides them.
        h.press(.char("r"))
        #expect(h.screen.contains("▸  9 Asked for proof of address"))
        #expect(h.screen.contains("Quick wins (1)"))
    }

    @Test func gridHasItsOwnHelp() throws {
        var h = try Harness(steeringMap)
        h.press(.char("4"), .char("g"), .char("?"))
        let help = h.screen
        #expect(help.contains("Help: Review grid"))
        #expect(help.contains("show or hide resolved and parked"))
        #expect(help.contains("open the selected barrier's card"))
        #expect(!help.contains("add a vote"))
        h.press(.escape, .escape, .char("?"))
        #expect(h.screen.contains("Help: Review"))
        #expect(h.screen.contains("add a vote"))
    }

    /// A map of `count` barriers, each given a note this session, so the summary is long.
    func longSummary(width: Int, height: Int, count: Int = 60) throws -> Harness {
        let barriers = (1...count).map { "barrier b\($0) \"Barrier number \($0)\"\n" }.joined(separator: "\n")
        var h = try Harness("map \"Long\"\n\n" + barriers, width: width, height: height)
        for i in 1...count {
            #expect(
                h.app.edit { try $0.addReviewNote("b\(i)", date: "2025-03-01", text: "Note number \(i) taken") } != nil)
        }
        h.press(.char("4"), .char("m"))
        return h
    }

    @Test(arguments: sizes)
    func summaryPagesByPageAndLine(width: Int, height: Int) throws {
        var h = try longSummary(width: width, height: height)
        let rows = height - 3 - 1 - 2  // content area, less the filter line and the box
        #expect(h.screen.contains("60 barriers discussed this session"))
        #expect(h.screen.contains(" 1–\(rows)/"))
        h.press(.pageDown)
        #expect(h.app.review.scroll == rows - 1)
        #expect(!h.screen.contains("60 barriers discussed this session"))
        h.press(.pageUp)
        #expect(h.app.review.scroll == 0)
        h.press(.end)
        let end = h.screen
        #expect(end.contains("Note number 60 taken"))
        #expect(end.contains("w writes the minutes"))
        #expect(!end.contains("60 barriers discussed this session"))
        // Past the end nothing moves, and ↑ answers at once.
        let last = h.app.review.scroll
        h.press(.pageDown, .down)
        #expect(h.app.review.scroll == last)
        h.press(.up)
        #expect(h.app.review.scroll == last - 1)
        h.press(.home)
        #expect(h.screen.contains("60 barriers discussed this session"))
        h.press(.down)
        #expect(h.app.review.scroll == 1)
        // Card keys still reach the card under the summary; Esc goes back to it.
        h.press(.escape)
        #expect(h.screen.contains("barrier 1 of 60"))
    }

    @Test(arguments: sizes)
    func summaryWritesTheMinutesBesideTheMap(width: Int, height: Int) throws {
        var h = try Harness(steeringMap, width: width, height: height, today: "2025-03-01")
        h.press(.char("4"), .char("t"), .char("c"))
        h.type("Invite the housing provider")
        h.press(.enter, .char("s"), .char("m"))
        #expect(h.hints.contains("w write minutes"))
        h.press(.char("w"))
        let path = h.folderPath + "/minutes-2025-03-01.md"
        #expect(h.status.contains("Wrote the minutes since 2025-03-01 to"))
        #expect(h.app.message == "Wrote the minutes since 2025-03-01 to \(path)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        // What `assetmap report FILE --since 2025-03-01` writes for the saved map.
        let saved = MapDocument(text: h.fileText).graph
        #expect(
            written == ReviewReport.minutes(saved, since: "2025-03-01", today: "2025-03-01").rendered(as: .markdown))
        #expect(written.contains("Invite the housing provider"))
        #expect(written.contains("Moved between hotels"))
        // The card's keys do not reach a card hidden behind the summary, and are not offered there.
        #expect(!h.hints.contains("next"))
        let text = h.fileText
        h.press(.char("+"), .char("t"))
        #expect(h.app.document.text == text)
        // With unsaved changes, w offers to save first (`assetmap report` reads the file); n writes only. A
        // second w asks before replacing the minutes; n keeps them as they were.
        h.press(.escape, .char("+"), .char("m"), .char("w"))
        let offer = try #require(h.app.dialog as? ConfirmDialog, "no offer to save")
        #expect(offer.question.hasPrefix("test.map has unsaved changes. Save it first"))
        h.press(.char("n"))
        let confirm = try #require(h.app.dialog as? ConfirmDialog, "no confirmation")
        #expect(confirm.question == "\(path) already exists. Replace it with the minutes since 2025-03-01?")
        #expect(h.screen.contains("already exists. Replace it"))
        h.press(.char("n"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
        #expect(h.app.message == "Minutes not written; \(path) kept as it was")
        // y saves the map, then writes the minutes of the saved map.
        h.press(.char("w"), .char("y"), .char("y"))
        #expect(h.app.message == "Wrote the minutes since 2025-03-01 to \(path)")
        #expect(!h.app.hasUnsavedChanges)
        let replaced = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            replaced
                == ReviewReport.minutes(MapDocument(text: h.fileText).graph, since: "2025-03-01", today: "2025-03-01")
                .rendered(as: .markdown))
        #expect(replaced != written)
        // Written atomically: nothing left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: h.folderPath).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func theExampleCopyAsksWhereTheMinutesGo() throws {
        var h = try Harness(steeringMap)
        h.app.savesAsCopy = true
        h.press(.char("4"), .char("t"), .char("m"), .char("w"), .char("n"))  // n: not saved first
        #expect(h.screen.contains("The example is a copy; write the minutes since 2025-03-01 to:"))
        let prompt = try #require(h.app.dialog as? TextPrompt, "no prompt")
        #expect(prompt.field.text == "minutes-2025-03-01.md")
        let target = h.folderPath + "/session-minutes.md"
        h.press(.ctrl("u"))
        h.type(target)
        h.press(.enter)
        #expect(
            h.app.message
                == "Wrote the minutes since 2025-03-01 to \(target); the map itself is not saved yet (s saves)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("Moved between hotels"))
    }

    @Test func noMinutesFromAMapWithErrors() throws {
        var h = try Harness(steeringMap + "ghost -> hotels affects\n")
        h.press(.escape, .char("4"), .char("m"), .char("w"))
        #expect(h.status.contains("No minutes written: test.map has errors"))
        #expect(!FileManager.default.fileExists(atPath: h.folderPath + "/minutes-2025-03-01.md"))
    }

    @Test(arguments: sizes)
    func privateAttributesAreHiddenUntilAsked(width: Int, height: Int) throws {
        var h = try Harness(
            steeringMap + "\nbarrier quiet \"Quiet one\"\n  note: said openly\n  private-note: PRIVATE-WORDS\n",
            width: width, height: height)
        h.press(.char("4"), .char("/"))
        h.type("Asked for proof")
        h.press(.enter)
        for _ in 0..<30 { h.press(.down) }  // the card's end, where "About" is
        var screen = h.screen
        #expect(screen.contains("1 private attribute hidden (P shows)"))
        #expect(!screen.contains("SECRET"))
        #expect(!screen.contains("PRIVATE SHOWN"))
        h.press(.char("P"))
        screen = h.screen
        #expect(screen.contains("PRIVATE SHOWN (P hides)"))
        #expect(screen.contains("private-source [private]: SECRET-SOURCE"))
        // The indicator stays on every view of the tab while they show.
        h.press(.char("g"))
        #expect(h.screen.contains("PRIVATE SHOWN"))
        h.press(.escape, .char("P"))
        screen = h.screen
        #expect(!screen.contains("SECRET") && !screen.contains("PRIVATE SHOWN"))
        // Other attributes show; the private one does not.
        h.press(.char("/"))
        h.type("Quiet one")
        h.press(.enter)
        screen = h.screen
        #expect(screen.contains("note: said openly"))
        #expect(!screen.contains("PRIVATE-WORDS"))
    }
}

extension ReviewSteeringTests {
    @Test func aClickInTheGridSelectsThenOpens() throws {
        var h = try Harness(steeringMap, width: 100, height: 30)
        h.press(.char("4"), .char("g"))
        let screen = h.buffer
        let y = try #require((0..<screen.height).first { screen.row($0).contains("7 Bus fares") })
        let x = try #require(screen.row(y).firstRange(of: "Bus fares")).lowerBound.utf16Offset(in: screen.row(y))
        h.app.update(.mouse(MouseEvent(x: x, y: y, action: .press)))
        #expect(h.screen.contains("▸  7 Bus fares"))
        h.app.update(.mouse(MouseEvent(x: x, y: y, action: .press)))
        #expect(h.screen.contains("┏━ fares"))
    }
}

extension ReviewSteeringTests {
    /// A search made in Browse shows its match there and leaves Review's filter alone.
    @Test func aSearchInBrowseKeepsTheReviewFilter() throws {
        var h = try Harness(steeringMap)
        h.press(.char("4"))
        try ReviewTabTests().chooseFilter(&h, "status: open")
        h.press(.char("1"), .char("/"))
        h.type("Bus fares")
        h.press(.enter)
        #expect(h.app.tab == .browse)
        #expect(h.screen.contains("id: fares"))
        h.press(.char("4"))
        #expect(h.screen.contains("Filter: status: open"))
        #expect(h.screen.contains("barrier 1 of 2"))
    }
}

extension ReviewSteeringTests {
    /// A search from Review leaves out matches in private attributes until P shows them.
    @Test func aSearchInReviewKeepsPrivateValuesOut() throws {
        var h = try Harness(steeringMap)
        h.press(.char("4"), .char("/"))
        h.type("SECRET")
        #expect(h.screen.contains("0 matches"))
        #expect(!h.screen.contains("private-source"))
        h.press(.escape, .char("P"), .char("/"))
        h.type("SECRET")
        #expect(h.screen.contains("1 match"))
        #expect(h.screen.contains("private-source: proof"))
        h.press(.escape, .char("P"), .char("1"), .char("/"))
        h.type("SECRET")
        #expect(h.screen.contains("1 match"))
    }
}
