import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

let reviewSessionMap = """
    map "Test borough"
      area: Testham

    community refugees "Refugees and people seeking asylum"
    community travellers "Roma, Gypsy and Traveller communities"

    organisation rmc "Refugee and Migrant Centre"
    place cafe "Generation Café"

    barrier proof "Asked for proof of address"
      dimension: approachability
      clinical: hypertension, cancer
      status: agreed
      votes: 9
      impact: high
      effort: low
      owner: Primary care team
      due: 2025-02-15
      private-source: SECRET-SOURCE
      review: 2025-01-16 Heard from three communities.
      review: 2025-02-14 Agreed: register without proof.

    barrier interpreter "No interpreter by phone"
      dimension: availability
      clinical: maternity
      status: open
      votes: 3

    barrier hotels "Moved between hotels"
      dimension: appropriateness
      clinical: maternity, smi
      votes: 5
      impact: high
      effort: high

    barrier fares "Bus fares"
      dimension: affordability
      status: discussed
      votes: 7
      impact: low
      effort: low

    improvement cards "Registration cards"
      status: proposed

    proof -> refugees affects
    travellers -> proof "faces"
    proof -> rmc "happens at"
    cafe -> interpreter "heard at"
    interpreter -> travellers affects
    cards -> proof addresses
    hotels -> refugees affects

    """

@Suite struct ReviewTabTests {
    /// Opens the filter picker and chooses the line containing `text`.
    func chooseFilter(_ h: inout Harness, _ text: String) throws {
        h.press(.char("f"))
        let picker = try #require(h.app.dialog as? ReviewPicker, "no filter picker")
        let index = try #require(picker.choices(in: h.app.document.graph).firstIndex { $0.text.contains(text) })
        for _ in 0..<index { h.press(.down) }
        h.press(.enter)
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func cardShowsEverythingAboutOneBarrier(width: Int, height: Int) throws {
        var h = try Harness(reviewSessionMap, width: width, height: height, today: "2025-03-01")
        h.press(.char("4"))
        let screen = h.screen
        #expect(screen.contains("4 Review"))
        #expect(screen.contains("Filter: all barriers"))
        #expect(screen.contains("barrier 1 of 4"))
        // Open barriers first, most votes first: hotels (no status, 5 votes) before interpreter.
        #expect(screen.contains("Moved between hotels"))
        h.press(.char("n"), .char("n"))
        let proof = h.screen
        #expect(proof.contains("barrier 3 of 4"))
        #expect(proof.contains("Asked for proof of address"))
        #expect(proof.contains("agreed"))
        #expect(proof.contains("9 votes"))
        #expect(proof.contains("quick win"))
        #expect(proof.contains("Primary care team, due 2025-02-15 (overdue)"))
        #expect(proof.contains("hypertension, cancer"))
        #expect(proof.contains("Refugees and people seeking asylum; Roma, Gypsy and Traveller"))
        #expect(proof.contains("Refugee and Migrant Centre"))
        #expect(proof.contains("• Registration cards [proposed]"))
        #expect(proof.contains("2025-01-16 Heard from three communities."))
        #expect(proof.contains("2025-02-14 Agreed: register without proof."))
        #expect(!proof.contains("SECRET"))
    }

    @Test func helpAndHintsComeFromTheKeymap() throws {
        var h = try Harness(reviewSessionMap)
        h.press(.char("4"))
        // At 80 columns the hint line says what the letters that mean something else in Browse or Insights
        // mean here.
        for hint in ["n next", "t status", "i impact", "e effort", "o owner", "d due", "a propose", "? help"] {
            #expect(h.hints.contains(hint), "\(hint)")
        }
        h.press(.char("?"))
        let help = h.screen
        #expect(help.contains("add a vote"))
        #expect(help.contains("propose an improvement"))
        #expect(Keymap.action(for: .char("+"), in: [.tab(.review), .global]) == .review(.voteUp))
        // Outside Review, n is still "next search match".
        #expect(Keymap.action(for: .char("n"), in: [.tab(.browse), .global]) == .nextMatch)
    }

    @Test func wholeSession() throws {
        var h = try Harness(reviewSessionMap, width: 100, height: 30, today: "2025-03-01")
        h.press(.char("4"))

        // Filter, then step through.
        try chooseFilter(&h, "clinical: maternity")
        #expect(h.screen.contains("Filter: clinical: maternity"))
        #expect(h.screen.contains("barrier 1 of 2"))
        h.press(.char("n"))
        #expect(h.screen.contains("barrier 2 of 2") && h.screen.contains("No interpreter by phone"))
        h.press(.char("n"))
        #expect(h.status.contains("Last barrier"))
        h.press(.char("p"))
        #expect(h.screen.contains("barrier 1 of 2") && h.screen.contains("Moved between hotels"))

        // Votes, then a vote taken back with undo; the card stays on screen.
        h.press(.char("+"), .char("+"), .char("-"))
        #expect(h.screen.contains("6 votes"))
        h.press(.char("+"))
        #expect(h.screen.contains("7 votes"))
        h.press(.char("u"))
        #expect(h.screen.contains("6 votes"))
        #expect(h.screen.contains("Moved between hotels"))

        // Status: no status counts as open; t moves it on.
        h.press(.char("t"))
        #expect(h.screen.contains("discussed"))
        #expect(h.screen.contains("barrier 1 of 2"))

        // A note dated today (from the environment).
        h.press(.char("c"))
        h.type("Invite the housing provider")
        h.press(.enter)
        #expect(h.screen.contains("2025-03-01 Invite the housing provider"))

        // Propose an improvement: its label (the id is made from it).
        h.press(.char("a"))
        h.type("Keep the GP when moved")
        h.press(.enter)
        #expect(h.app.dialog == nil)
        #expect(h.screen.contains("• Keep the GP when moved [proposed]"))
        // One undo removes node and edge; redo brings both back.
        h.press(.char("u"))
        #expect(!h.documentText.contains("keep-the-gp-when-moved"))
        h.press(.ctrl("r"))
        #expect(h.documentText.contains("keep-the-gp-when-moved -> hotels addresses"))

        // Due date is validated; the prompt stays open on a bad date.
        h.press(.char("d"))
        h.type("next week")
        h.press(.enter)
        #expect(h.status.contains("not a date"))
        h.press(.ctrl("u"))
        h.type("2025-04-30")
        h.press(.enter)
        h.press(.char("o"))
        h.type("Housing team")
        h.press(.enter)
        #expect(h.screen.contains("Housing team, due 2025-04-30"))

        // Priority grid and summary.
        h.press(.char("g"))
        #expect(h.screen.contains("Major projects"))
        #expect(h.screen.contains("▸  6 Moved between hotels"))
        h.press(.char("m"))
        let summary = h.screen
        #expect(summary.contains("1 barrier discussed this session"))
        #expect(summary.contains("Moved between hotels: open → discussed"))
        #expect(summary.contains("Moved between hotels: votes 5 → 6"))
        #expect(summary.contains("Moved between hotels: Housing team, due 2025-04-30"))
        #expect(summary.contains("Keep the GP when moved → Moved between hotels"))
        #expect(summary.contains("Moved between hotels: 2025-03-01 Invite the housing provider"))
        h.press(.escape)
        #expect(h.screen.contains("barrier 1 of 2"))

        // Save: only the expected lines differ.
        h.press(.char("s"))
        #expect(h.status.contains("Saved"))
        let expected =
            reviewSessionMap
            .replacingOccurrences(
                of: "  votes: 5\n  impact: high\n  effort: high\n",
                // Review keys land among their fellows in their usual order; history and notes after them.
                with: """
                      status: discussed
                      votes: 6
                      impact: high
                      effort: high
                      owner: Housing team
                      due: 2025-04-30
                      history: 2025-03-01 votes set to 6 (was 5)
                      history: 2025-03-01 status set to discussed
                      history: 2025-03-01 due set to 2025-04-30
                      history: 2025-03-01 owner set to Housing team
                      review: 2025-03-01 Invite the housing provider

                    """
            )
            .replacingOccurrences(
                of: "improvement cards \"Registration cards\"\n  status: proposed\n",
                with: """
                    improvement cards "Registration cards"
                      status: proposed

                    improvement keep-the-gp-when-moved "Keep the GP when moved"
                      status: proposed
                      history: 2025-03-01 status set to proposed

                    """)
            + "keep-the-gp-when-moved -> hotels addresses\n"
        #expect(h.fileText == expected)
        #expect(MapDocument(text: h.fileText).check().filter { $0.severity == .error }.isEmpty)
    }

    @Test func filterPickerTogglesAndClears() throws {
        var h = try Harness(reviewSessionMap)
        h.press(.char("4"))
        try chooseFilter(&h, "community: Refugees and people seeking asylum")
        #expect(h.screen.contains("barrier 1 of 2"))
        try chooseFilter(&h, "status: open")
        #expect(h.app.review.filter == ReviewFilter(community: "refugees", status: "open"))
        #expect(h.screen.contains("Filter: community: Refugees and people seeking asylum · stat"))
        #expect(h.screen.contains("barrier 1 of 1"))
        // Choosing an active value again removes it.
        try chooseFilter(&h, "✓ status: open")
        #expect(h.screen.contains("barrier 1 of 2"))
        h.press(.char("F"))
        #expect(h.screen.contains("Filter: all barriers"))
        #expect(h.screen.contains("barrier 1 of 4"))
        h.press(.char("f"), .escape)
        #expect(h.app.modal == nil)
    }

    @Test func votesDoNotReshuffleTheDeckUntilTheFilterChanges() throws {
        var h = try Harness(reviewSessionMap)
        h.press(.char("4"), .char("n"))
        #expect(h.screen.contains("barrier 2 of 4") && h.screen.contains("No interpreter by phone"))
        h.press(.char("+"), .char("+"), .char("+"))
        #expect(h.screen.contains("6 votes"))
        #expect(h.screen.contains("barrier 2 of 4"))
        h.press(.char("F"))
        // Re-sorted: interpreter (open, 6 votes) now leads.
        #expect(h.screen.contains("barrier 1 of 4") && h.screen.contains("No interpreter by phone"))
    }

    @Test func aCardThatLeavesTheFilterStaysUntilYouMoveOn() throws {
        var h = try Harness(reviewSessionMap)
        h.press(.char("4"))
        try chooseFilter(&h, "status: open")
        #expect(h.screen.contains("barrier 1 of 2") && h.screen.contains("Moved between hotels"))
        h.press(.char("t"))
        #expect(h.screen.contains("barrier 1 of 2") && h.screen.contains("discussed"))
        h.press(.char("n"))
        #expect(h.screen.contains("No interpreter by phone"))
        h.press(.char("p"))
        #expect(h.screen.contains("Moved between hotels"))
    }

    @Test func editsAreRefusedOnAReadOnlyMap() throws {
        var h = try Harness(reviewSessionMap + "ghost -> hotels affects\n")
        h.press(.escape, .char("4"), .char("+"))
        #expect(h.status.contains("Read-only"))
        h.press(.char("c"))
        #expect(h.app.modal == nil)
        #expect(h.documentText == reviewSessionMap + "ghost -> hotels affects\n")
    }

    @Test func emptyMapSaysSo() throws {
        var h = try Harness("map \"Empty\"\n")
        h.press(.char("4"))
        #expect(h.screen.contains("no barriers"))
        #expect(h.screen.contains("This map has no barriers yet."))
        h.press(.char("+"), .char("n"), .char("g"), .char("m"))
        #expect(h.screen.contains("0 barriers discussed this session"))
    }
}

@Suite struct ReviewFollowsTheSelection {
    /// `/` in Review still shows the match in Browse (left for the next session); `4` then opens its card.
    @Test func fourOpensTheBarrierSelectedElsewhere() throws {
        var h = try Harness(reviewSessionMap, width: 100, height: 30)
        h.press(.char("/"))
        h.type("No interpreter by phone")
        h.press(.enter)
        h.press(.char("4"))
        #expect(h.screen.contains("No interpreter by phone"))
        #expect(!h.screen.contains("barrier 1 of"))
        h.press(.char("/"))
        h.type("Moved between hotels")
        h.press(.enter)
        h.press(.char("4"))
        #expect(h.screen.contains("┏━ hotels"))
    }
}
