import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// Entering data with guidance (issue 11): the vocabulary pickers on the card and in the attribute list, the
/// questions when adding a barrier, `key: value` in the key field, dates as people type them. All at 80x24.
@Suite struct EntryTests {
    /// The Review tab on the first card, "Moved between hotels" (dimension appropriateness, clinical maternity, smi).
    func onHotels() throws -> Harness {
        var h = try Harness(reviewSessionMap, today: "2025-03-01")
        h.press(.char("4"))
        #expect(h.screen.contains("Moved between hotels"))
        return h
    }

    @Test func cardDimensionPickerOffersTheFiveAndSavesOneUndoably() throws {
        var h = try onHotels()
        h.press(.char("D"))
        let picker = h.screen
        #expect(picker.contains("dimension of \"Moved between hotels\":"))
        for word in Vocabulary.dimensions { #expect(picker.contains(word)) }
        #expect(picker.contains("• appropriateness"))
        #expect(picker.contains("(not set)"))
        #expect(picker.contains("Enter choose  Esc cancel"))
        h.press(.up, .up, .enter)  // availability
        #expect(h.app.modal == nil)
        let before = reviewSessionMap
        let after = before.replacingOccurrences(
            of: "  dimension: appropriateness\n", with: "  dimension: availability\n")
        #expect(h.documentText == after)
        #expect(h.screen.contains("availability"))
        #expect(!h.screen.contains("appropriateness"))
        h.press(.char("u"))
        #expect(h.documentText == before)
        // Esc changes nothing; "(not set)" removes it.
        h.press(.char("D"), .escape)
        #expect(h.documentText == before)
        h.press(.char("D"), .end, .up, .enter)
        #expect(h.documentText == before.replacingOccurrences(of: "  dimension: appropriateness\n", with: ""))
    }

    @Test func cardClinicalPickerTicksAdultAndChildrenAreas() throws {
        var h = try onHotels()
        h.press(.char("A"))
        let picker = h.screen
        #expect(picker.contains("Adults"))
        #expect(picker.contains("Children and young people"))
        #expect(picker.contains("[x] maternity"))
        #expect(picker.contains("[x] smi (severe mental illness)"))
        #expect(picker.contains("[ ] asthma"))
        #expect(picker.contains("[ ] mental-health"))
        #expect(picker.contains("Space tick  Enter save"))
        // From maternity: down to smi (untick), past the heading to asthma (tick).
        h.press(.down, .char(" "))
        #expect(h.screen.contains("[ ] smi"))
        h.press(.down, .down, .down, .down, .char(" "))
        #expect(h.screen.contains("[x] asthma"))
        h.press(.enter)
        let after = reviewSessionMap.replacingOccurrences(
            of: "  clinical: maternity, smi\n", with: "  clinical: maternity, asthma\n")
        #expect(h.documentText == after)
        #expect(h.screen.contains("maternity, asthma"))
        h.press(.char("u"))
        #expect(h.documentText == reviewSessionMap)
    }

    @Test func aSlipInTheFileShowsInThePickerAndCanBeUnticked() throws {
        let map = reviewSessionMap.replacingOccurrences(
            of: "  clinical: maternity, smi\n", with: "  clinical: maternaty, smi\n")
        var h = try Harness(map)
        h.press(.char("4"), .char("A"))
        #expect(h.screen.contains("Not in the list"))
        #expect(h.screen.contains("[x] maternaty"))
        #expect(h.screen.contains("[ ] maternity"))
        h.press(.end, .up, .char(" "), .enter)  // the slip, just above "Type another value…"
        #expect(
            h.documentText
                == reviewSessionMap.replacingOccurrences(of: "  clinical: maternity, smi\n", with: "  clinical: smi\n"))
    }

    @Test func cardPickersAreRefusedOnAReadOnlyMap() throws {
        var h = try Harness(reviewSessionMap + "\nbarrier proof \"again\"\n")
        h.press(.escape, .char("4"), .char("D"))
        #expect(h.app.modal == nil)
        #expect(h.status.contains("read-only"))
    }

    @Test func helpListsThePickerKeys() throws {
        var h = try onHotels()
        h.press(.char("?"))
        #expect(h.screen.contains("dimension: pick one of the five"))
        #expect(h.screen.contains("clinical areas: tick them in a list"))
        #expect(Keymap.action(for: .char("D"), in: [.tab(.review), .global]) == .review(.dimension))
        #expect(Keymap.action(for: .char("A"), in: [.tab(.review), .global]) == .review(.clinical))
    }

    // MARK: Adding a barrier

    /// Browse: `a`, the barrier kind and a label (the id is made from it).
    func addBarrier(_ h: inout Harness, label: String) {
        h.press(.char("a"))
        let kinds = h.app.session.graph.kinds.map(\.name)
        for _ in 0..<(kinds.firstIndex(of: "barrier") ?? 0) { h.press(.char("j")) }
        h.press(.enter)
        h.type(label)
        h.press(.enter)
    }

    @Test func addingABarrierAsksCommunitiesPlacesDimensionAndClinical() throws {
        var h = try Harness()
        addBarrier(&h, label: "No step-free access")
        // Which communities it affects: a tick list; typing narrows it (j is a letter here), Space ticks.
        #expect(h.screen.contains("New barrier: affects (1 of 4)"))
        #expect(h.screen.contains("Which communities does \"No step-free access\" affect?"))
        #expect(h.screen.contains("[ ] Unpaid carers"))
        h.type("roma")
        #expect(!h.screen.contains("[ ] Unpaid carers"))
        h.press(.char(" "), .ctrl("u"))
        h.type("unpaid")
        h.press(.char(" "))
        #expect(h.screen.contains("2 ticked"))
        h.press(.enter)
        // Where it happens: places and organisations.
        #expect(h.screen.contains("New barrier: happens at (2 of 4)"))
        #expect(h.screen.contains("[ ] Central Library"))
        #expect(h.screen.contains("[ ] Refugee and Migrant Centre"))
        h.press(.enter)  // nothing ticked: the selected one
        #expect(h.screen.contains("New barrier: dimension (3 of 4)"))
        #expect(h.hints.contains("Enter choose  Esc skip"))
        h.press(.char("j"), .char("j"), .char("j"), .char("k"), .enter)  // availability (j and k move as ↓ and ↑)
        #expect(h.screen.contains("New barrier: clinical (4 of 4)"))
        #expect(h.screen.contains("[ ] maternity"))
        h.press(.char(" "), .down, .down, .down, .down, .down, .char(" "), .enter)  // maternity, asthma
        #expect(h.app.modal == nil)
        #expect(h.app.currentID == "no-step-free-access")
        // Status starts open, without asking; the links come in the same edit.
        let text = h.documentText
        #expect(
            text.contains(
                """
                barrier no-step-free-access "No step-free access"
                  dimension: availability
                  clinical: maternity, asthma
                  status: open
                  history: 2025-03-01 status set to open

                """))
        #expect(
            text.hasSuffix(
                """
                no-step-free-access -> roma affects
                no-step-free-access -> carers affects
                no-step-free-access -> library "happens at"

                """))
        #expect(!h.app.document.check().contains { $0.message.contains("'no-step-free-access' affects no community") })
        // One edit: one undo takes it all away.
        h.press(.char("u"))
        #expect(h.documentText == sampleMap)
    }

    @Test func eachQuestionCanBeSkipped() throws {
        var h = try Harness()
        addBarrier(&h, label: "Letters in English only")
        h.press(.escape, .escape, .escape, .escape)
        #expect(h.app.modal == nil)
        let text = h.documentText
        #expect(
            text.contains(
                "barrier letters-in-english-only \"Letters in English only\"\n  status: open\n  history: 2025-03-01 status set to open\n"
            ))
        #expect(!text.contains("letters-in-english-only ->"))
    }

    @Test func addingACommunityAsksItsCore20AndPlusFlags() throws {
        var h = try Harness()
        h.press(.char("a"), .enter)  // community
        h.type("Somali elders")
        h.press(.enter)
        #expect(h.screen.contains("New community: core20 (1 of 2)"))
        h.press(.down, .enter)  // no
        #expect(h.screen.contains("New community: plus (2 of 2)"))
        h.press(.enter)  // yes
        #expect(h.documentText.contains("community somali-elders \"Somali elders\"\n  core20: no\n  plus: yes\n"))
        #expect(h.app.currentID == "somali-elders")
    }

    // MARK: The attribute list

    @Test func aVocabularyKeyIsPickedAndAStatusLeavesHistory() throws {
        var h = try Harness()
        h.app.run(.selectID("proof-of-address", remember: false))
        h.press(.char("e"))
        #expect(h.screen.contains("status: open"))
        h.press(.enter)
        #expect(h.screen.contains("• open"))
        #expect(h.screen.contains("Type another value…"))
        h.press(.down, .down, .enter)  // agreed
        #expect(h.screen.contains("Attributes of Asked for proof of address"))
        #expect(h.documentText.contains("  status: agreed\n  history: 2025-03-01 status set to agreed (was open)\n"))
        // A key with a vocabulary typed alone opens its picker.
        h.press(.char("a"))
        h.type("impact")
        h.press(.enter)
        #expect(h.screen.contains("high"))
        #expect(h.screen.contains("low"))
        h.press(.down, .enter)
        #expect(h.documentText.contains("  impact: low\n"))
    }

    @Test func keyColonValueIsSplitAndASlipGetsChecksWarning() throws {
        var h = try Harness()
        h.press(.char("e"), .char("a"))
        #expect(h.screen.contains("Key, or key: value"))
        h.type("ward: Central")
        h.press(.enter)
        #expect(h.documentText.contains("  private-contact: ask the hotel desk\n  ward: Central\n"))
        h.press(.char("a"))
        h.type("clinical: maternaty")
        h.press(.enter)
        let expected = h.app.session.document.warnings(about: .node("refugees")).map { $0.formatted(file: "test.map") }
        #expect(
            expected == [
                "test.map:10:13: warning: unknown clinical 'maternaty' for a community (did you mean 'maternity'?)"
            ])
        let screen = h.screen
        #expect(screen.contains("Saved, with a warning"))
        #expect(screen.contains("test.map:10:13: warning: unknown clinical 'maternaty' for a community (did"))
        #expect(screen.contains("you mean 'maternity'?)"))
        h.press(.escape)
        #expect(h.screen.contains("Attributes of Refugees"))
        #expect(h.screen.contains("clinical: maternaty"))
    }

    @Test func aSlipInAnotherKeyDoesNotInterruptAnEdit() throws {
        let map = reviewSessionMap.replacingOccurrences(
            of: "  clinical: maternity, smi\n", with: "  clinical: maternaty, smi\n")
        var h = try Harness(map)
        h.press(.char("4"), .char("D"), .up, .enter)
        #expect(h.app.modal == nil)
        #expect(h.documentText.contains("  dimension: affordability\n  clinical: maternaty, smi\n"))
        #expect(!h.screen.contains("warning"))
    }

    @Test func typingAnotherValueInAPickerAlsoWarns() throws {
        var h = try Harness()
        h.press(.char("e"), .char("a"))
        h.type("core20")
        h.press(.enter, .end, .enter)
        #expect(h.screen.contains("Another value"))
        h.type("maybe")
        h.press(.enter)
        #expect(h.screen.contains("unknown core20 'maybe' for a community"))
        #expect(h.documentText.contains("  core20: maybe\n"))
    }

    // MARK: Dates

    @Test func dueDatesTypedTheUKWayAreStoredAsISO() throws {
        var h = try Harness()
        h.app.run(.selectID("proof-of-address", remember: false))
        h.press(.char("e"), .char("a"))
        h.type("due: 21/12/2025")
        h.press(.enter)
        #expect(h.documentText.contains("  due: 2025-12-21\n  history: 2025-03-01 due set to 2025-12-21\n"))
        #expect(h.screen.contains("due: 2025-12-21"))
        // Changing it in the list: +2w from today.
        let row = try #require(h.app.session.graph.node("proof-of-address")?.attributes.firstIndex { $0.key == "due" })
        h.app.dialog = AttributesDialog(node: "proof-of-address", selected: row)
        h.press(.enter, .ctrl("u"))
        h.type("+2w")
        h.press(.enter)
        #expect(h.documentText.contains("  due: 2025-03-15\n"))
        #expect(h.documentText.contains("  history: 2025-03-01 due set to 2025-03-15\n"))
        // A bad date is refused with what is accepted; the prompt stays open.
        h.press(.enter, .ctrl("u"))
        h.type("31/02/2025")
        h.press(.enter)
        #expect(h.status.contains("'31/02/2025' is not a date; write DD/MM/YYYY"))
        #expect(h.screen.contains("due of proof-of-address"))
        #expect(h.documentText.contains("  due: 2025-03-15\n"))
    }

    @Test func theCardsDuePromptTakesUKDatesAndRefusesBadOnes() throws {
        var h = try onHotels()
        h.press(.char("d"))
        h.type("13/13/2025")
        h.press(.enter)
        #expect(h.status.contains("'13/13/2025' is not a date"))
        #expect(h.screen.contains("Due date"))
        h.press(.ctrl("u"))
        h.type("21/12/2025")
        h.press(.enter)
        #expect(h.app.modal == nil)
        #expect(h.screen.contains("due 2025-12-21"))
        #expect(h.documentText.contains("  due: 2025-12-21\n  history: 2025-03-01 due set to 2025-12-21\n"))
    }
}

@Suite struct OwnerSuggestionTests {
    @Test func theOwnerPromptSuggestsWhatTheMapHoldsOrganisationsFirst() throws {
        var h = try Harness(reviewSessionMap)
        h.press(.char("4"), .char("n"), .char("o"))  // interpreter: no owner yet
        let lines = h.screen.split(separator: "\n").map(String.init)
        let organisation = try #require(lines.firstIndex { $0.contains("  Refugee and Migrant Centre") })
        let owner = try #require(lines.firstIndex { $0.contains("  Primary care team") })
        #expect(organisation < owner)
        // Typing narrows the suggestions; ↓ chooses one, Enter takes it as written in the map.
        h.type("migr")
        #expect(!h.screen.contains("Primary care team"))
        h.press(.down)
        #expect(h.screen.contains("▸ Refugee and Migrant Centre"))
        h.press(.enter)
        #expect(h.app.dialog == nil)
        #expect(h.app.document.graph.node("interpreter")?.value("owner") == "Refugee and Migrant Centre")
        // Typed text that matches nothing is taken as typed.
        h.press(.char("o"), .ctrl("u"))
        h.type("Ward nurse")
        h.press(.enter)
        #expect(h.app.document.graph.node("interpreter")?.value("owner") == "Ward nurse")
    }

    @Test func anOwnerAddedInTheAttributesListIsSuggestedToo() throws {
        var h = try Harness()
        h.app.run(.selectID("cards", remember: false))
        h.press(.char("e"), .char("a"))
        h.type("owner")
        h.press(.enter)
        #expect(h.screen.contains("  Refugee and Migrant Centre"))
        h.type("migr")
        h.press(.down, .enter)
        #expect(h.app.document.graph.node("cards")?.value("owner") == "Refugee and Migrant Centre")
    }
}
