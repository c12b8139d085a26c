import Testing
@testable import AssetMapCore

@Suite struct DateParsing {
    @Test(arguments: [
        ("today", "2026-11-25"), ("Tomorrow", "2026-11-26"), ("yesterday", "2026-11-24"),
        ("+7d", "2026-12-02"), ("+2w", "2026-12-09"), ("+0d", "2026-11-25"), ("+40d", "2027-01-04"),
        ("21/12/2026", "2026-12-21"), ("1/2/2027", "2027-02-01"), ("29/02/2028", "2028-02-29"),
        (" 2026-12-01 ", "2026-12-01"),
    ])
    func readsWhatPeopleType(_ typed: String, _ stored: String) {
        #expect(ReviewDate.parse(typed, today: "2026-11-25") == stored)
    }

    @Test(arguments: [
        "", "next week", "31/02/2027", "12/31/2026", "2026/12/01", "+7", "+d", "-7d", "21/12/26", "2027-02-29",
        "+99999d",
    ])
    func refusesTheRest(_ typed: String) {
        #expect(ReviewDate.parse(typed, today: "2026-11-25") == nil)
    }

    @Test func crossesYearsAndLeapDays() {
        #expect(ReviewDate.parse("+1d", today: "2028-02-28") == "2028-02-29")
        #expect(ReviewDate.parse("+1d", today: "2100-02-28") == "2100-03-01")
        #expect(ReviewDate.parse("tomorrow", today: "2026-12-31") == "2027-01-01")
        #expect(ReviewDate.days("1970-01-01") == 0)
        #expect(ReviewDate.date(ReviewDate.days("1999-12-31")!) == "1999-12-31")
    }
}

@Suite struct HistoryLines {
    @Test func entriesReadBackWhatTheyWrite() {
        let entries = [
            HistoryEntry(date: "2026-11-25", key: "status", value: "agreed", previous: "open"),
            HistoryEntry(date: "2026-11-25", key: "owner", value: "Healthwatch (Walsall) — 通訳", previous: nil),
            HistoryEntry(date: "2026-11-25", key: "due", value: nil, previous: "2026-12-01"),
        ]
        #expect(
            entries.map(\.text) == [
                "2026-11-25 status set to agreed (was open)",
                "2026-11-25 owner set to Healthwatch (Walsall) — 通訳",
                "2026-11-25 due cleared (was 2026-12-01)",
            ])
        for entry in entries { #expect(HistoryEntry(value: entry.text) == entry) }
        #expect(HistoryEntry(value: "written by hand") == nil)
        #expect(HistoryEntry(value: "2026-11-25 status agreed") == nil)
    }

    @Test func onlyBarriersAndImprovementsAndOnlyTrackedKeysGetHistory() throws {
        let doc = MapDocument(text: reviewMap)
        var edited = doc
        edited.perform(try doc.setTracked(.node("refugees"), key: "status", value: "x", date: "2026-11-25"))
        #expect(edited.graph.node("refugees")?.values("history") == [])
        edited.perform(try edited.setTracked(.node("proof"), key: "ward", value: "Pleck", date: "2026-11-25"))
        #expect(edited.graph.node("proof")?.values("history") == [])
        // What a review decides is tracked: votes, impact and effort too.
        edited.perform(try edited.setTracked(.node("proof"), key: "votes", value: "10", date: "2026-11-25"))
        #expect(edited.graph.node("proof")?.values("history") == ["2026-11-25 votes set to 10 (was 9)"])
        edited.perform(
            try edited.setTracked(
                .edge(from: "cards", to: "proof", relation: "addresses"), key: "owner", value: "ICB", date: "2026-11-25"
            ))
        #expect(edited.graph.edges.first { $0.from == "cards" }?.values("history") == [])
        edited.perform(try edited.setTracked(.node("cards"), key: "status", value: "agreed", date: "2026-11-25"))
        #expect(
            edited.graph.node("cards")?.history == [
                HistoryEntry(date: "2026-11-25", key: "status", value: "agreed", previous: "proposed")
            ])
    }

    @Test func aDueDateIsReadOnAnyRecordWithoutHistoryOffBarriers() throws {
        let doc = MapDocument(text: reviewMap)
        var edited = doc
        edited.perform(try doc.setTracked(.node("refugees"), key: "due", value: "21/12/2026", date: "2026-11-25"))
        #expect(edited.graph.node("refugees")?.value("due") == "2026-12-21")
        #expect(edited.graph.node("refugees")?.values("history") == [])
        #expect(throws: EditError.self) {
            try doc.setTracked(.node("refugees"), key: "due", value: "31/02/2026", date: "2026-11-25")
        }
    }

    /// A hand-written record with its history above a repeated status: worked out on a copy, still one undoable change.
    @Test func historyAboveTheChangedLinesStillLandsLast() throws {
        let text =
            "barrier b \"B\"\n  history: 2026-01-01 status set to open\n  status: open\n  note: x\n  status: open\n"
        var doc = MapDocument(text: text)
        let change = try doc.setBarrierStatus("b", to: "agreed", date: "2026-11-25")
        doc.perform(change)
        #expect(
            doc.text
                == "barrier b \"B\"\n  history: 2026-01-01 status set to open\n  history: 2026-11-25 status set to agreed (was open)\n  status: agreed\n  note: x\n"
        )
        doc.perform(change.inverse)
        #expect(doc.text == text)
    }

    /// Stepping through statuses on one day leaves one line; stepping back to where it was leaves none.
    @Test func oneDayOneLinePerKey() throws {
        var doc = MapDocument(text: reviewMap)
        for status in ["discussed", "agreed", "in-progress"] {
            doc.perform(try doc.setBarrierStatus("interpreter", to: status, date: "2026-11-25"))
        }
        doc.perform(try doc.setOwner("interpreter", to: "ICB", date: "2026-11-25"))
        #expect(
            doc.graph.node("interpreter")?.values("history") == [
                "2026-11-25 status set to in-progress (was open)", "2026-11-25 owner set to ICB",
            ])
        doc.perform(try doc.setBarrierStatus("interpreter", to: "resolved", date: "2026-12-01"))
        #expect(
            doc.graph.node("interpreter")?.values("history").last
                == "2026-12-01 status set to resolved (was in-progress)")
        var back = MapDocument(text: reviewMap)
        back.perform(try back.setBarrierStatus("interpreter", to: "agreed", date: "2026-11-25"))
        back.perform(try back.setBarrierStatus("interpreter", to: "open", date: "2026-11-25"))
        #expect(back.text == reviewMap)
    }

    @Test func aNewBarrierStartsItsHistory() throws {
        var doc = MapDocument(text: reviewMap)
        doc.perform(
            try doc.addTrackedNode(
                kind: "barrier", id: "new", label: "New",
                attributes: [("status", "open"), ("due", "+1w"), ("dimension", "availability")], date: "2026-11-25"))
        let node = doc.graph.node("new")
        #expect(node?.value("due") == "2026-12-02")
        #expect(node?.values("history") == ["2026-11-25 status set to open", "2026-11-25 due set to 2026-12-02"])
        doc.perform(
            try doc.addTrackedNode(
                kind: "place", id: "hall", label: "Hall", attributes: [("status", "open")], date: "2026-11-25"))
        #expect(doc.graph.node("hall")?.values("history") == [])
        #expect(throws: EditError.self) {
            try doc.addTrackedNode(kind: "barrier", id: "x", label: "X", attributes: [("due", "soon")])
        }
    }
}

@Suite struct RelationSlips {
    func warnings(_ edges: String) -> [String] {
        let text = "community c \"C\"\nbarrier b \"B\"\nimprovement i \"I\"\nplace p \"P\"\n" + edges
        return MapDocument(text: text).check().filter { $0.line > 4 }.map { "\($0.line):\($0.column): \($0.message)" }
    }

    @Test func reviewRelationsTheRightWayRoundAreFine() {
        #expect(warnings("b -> c affects\ni -> b addresses\nb -> p \"happens at\"\nc -> p \"gathers at\"\n") == [])
    }

    @Test func reversedAffectsAndAddresses() {
        #expect(
            warnings("c -> b affects\nb -> i addresses\n") == [
                "5:8: 'affects' goes from the barrier to the community: write b -> c affects",
                "6:8: 'addresses' goes from the improvement to the barrier: write i -> b addresses",
            ])
    }

    @Test func addressesBetweenOtherKinds() {
        #expect(
            warnings("p -> b addresses\n") == [
                "5:8: 'addresses' links an improvement to a barrier, not a place to a barrier"
            ])
    }

    @Test func nearMissNamesGetADidYouMean() {
        #expect(
            warnings("i -> b address\ni -> b fixes\nb -> c affect\nb -> c \"Affects\"\ni -> b adresses\n") == [
                "5:8: relation 'address' (did you mean 'addresses'? the review reads only 'affects' and 'addresses')",
                "6:8: relation 'fixes' (did you mean 'addresses'? the review reads only 'affects' and 'addresses')",
                "7:8: relation 'affect' (did you mean 'affects'? the review reads only 'affects' and 'addresses')",
                "8:8: relation 'Affects' (did you mean 'affects'? the review reads only 'affects' and 'addresses')",
                "9:8: relation 'adresses' (did you mean 'addresses'? the review reads only 'affects' and 'addresses')",
            ])
    }
}
