import Testing
@testable import AssetMapCore

/// A small map with known review content, shared by the review and report tests.
let reviewMap = """
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
      due: 2026-11-15
      private-source: SECRET-SOURCE
      review: 2026-09-16 Heard from three communities.
      review: 2026-10-14 Agreed: register without proof.

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
      owner: Trust
      due: 2027-01-31

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

@Suite struct ReviewDeckTests {
    let graph = MapDocument(text: reviewMap).graph

    func deck(_ filter: ReviewFilter = ReviewFilter()) -> [String] { Review.deck(graph, filter: filter).map(\.id) }

    @Test func orderIsOpenFirstThenVotesThenFileOrder() {
        #expect(graph.syntaxErrors == [])
        // hotels has no status (counts as open) and more votes than interpreter.
        #expect(deck() == ["hotels", "interpreter", "proof", "fares"])
    }

    @Test func equalVotesKeepFileOrder() {
        let doc = MapDocument(text: reviewMap.replacingOccurrences(of: "  votes: 3\n", with: "  votes: 5\n"))
        #expect(Review.deck(doc.graph).map(\.id) == ["interpreter", "hotels", "proof", "fares"])
    }

    @Test func filterByCommunityFollowsEdgesBothWays() {
        #expect(deck(ReviewFilter(community: "refugees")) == ["hotels", "proof"])
        // travellers -> proof points at the barrier; interpreter -> travellers points away.
        #expect(deck(ReviewFilter(community: "travellers")) == ["interpreter", "proof"])
    }

    @Test func filterByClinicalDimensionStatusAndTogether() {
        #expect(deck(ReviewFilter(clinical: "maternity")) == ["hotels", "interpreter"])
        #expect(deck(ReviewFilter(clinical: "cancer")) == ["proof"])
        #expect(deck(ReviewFilter(dimension: "affordability")) == ["fares"])
        #expect(deck(ReviewFilter(status: "open")) == ["hotels", "interpreter"])
        #expect(deck(ReviewFilter(status: "agreed")) == ["proof"])
        #expect(deck(ReviewFilter(community: "refugees", clinical: "maternity")) == ["hotels"])
        #expect(deck(ReviewFilter(status: "resolved")) == [])
    }

    @Test func filterLineNamesCommunitiesByLabel() {
        #expect(ReviewFilter().describe(in: graph) == "all barriers")
        #expect(
            ReviewFilter(community: "refugees", status: "open").describe(in: graph)
                == "community: Refugees and people seeking asylum · status: open")
    }

    @Test func cardGathersWhoWhereImprovementsAndNotes() throws {
        let card = try #require(Review.card("proof", in: graph))
        #expect(card.label == "Asked for proof of address")
        #expect(card.dimension == "approachability")
        #expect(card.clinical == ["hypertension", "cancer"])
        #expect(card.status == "agreed" && card.votes == 9)
        #expect(card.communities.map(\.id) == ["refugees", "travellers"])
        #expect(card.places.map(\.id) == ["rmc"])
        #expect(card.improvements.map(\.label) == ["Registration cards"])
        #expect(card.improvements.map(\.status) == ["proposed"])
        #expect(
            card.notes == [
                ReviewNote(date: "2026-09-16", text: "Heard from three communities."),
                ReviewNote(date: "2026-10-14", text: "Agreed: register without proof."),
            ])
        #expect(Review.card("cards", in: graph) == nil)
        let hotels = try #require(Review.card("hotels", in: graph))
        #expect(hotels.statusValue == nil && hotels.status == "open")
        #expect(Review.card("interpreter", in: graph)?.places.map(\.label) == ["Generation Café"])
    }

    @Test func priorityGrid() {
        let grid = Review.grid(Review.cards(graph))
        #expect(grid[.quickWin]?.map(\.id) == ["proof"])
        #expect(grid[.majorProject]?.map(\.id) == ["hotels"])
        #expect(grid[.fillIn]?.map(\.id) == ["fares"])
        #expect(grid[.notNow] == nil)
        #expect(grid[.unrated]?.map(\.id) == ["interpreter"])
    }

    @Test func notesWithoutADateKeepTheirText() {
        #expect(ReviewNote(value: "no date here") == ReviewNote(date: "", text: "no date here"))
        #expect(ReviewNote(value: "2026-02-30 not a day") == ReviewNote(date: "", text: "2026-02-30 not a day"))
        #expect(ReviewNote(value: "2024-02-29 leap day").date == "2024-02-29")
    }

    @Test(arguments: ["2026-11-22", "2024-02-29", "2000-02-29", "1999-12-31"])
    func validDates(_ date: String) { #expect(ReviewDate.isValid(date)) }

    @Test(arguments: [
        "2026-13-01", "2026-00-10", "2026-11-31", "1900-02-29", "2026-1-01", "26-11-22", "2026/11/22", "２026-11-22", "",
    ])
    func invalidDates(_ date: String) { #expect(!ReviewDate.isValid(date)) }
}

@Suite struct ReviewEditTests {
    let doc = MapDocument(text: reviewMap)
    let day = "2026-11-25"

    /// Applies the change, compares with `expected`, then checks that undo gives back the original bytes.
    func expectChange(_ change: Change, gives expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var edited = doc
        edited.perform(change)
        #expect(edited.text == expected, sourceLocation: sourceLocation)
        #expect(edited.graph.syntaxErrors == [], sourceLocation: sourceLocation)
        edited.perform(change.inverse)
        #expect(edited.text == reviewMap, sourceLocation: sourceLocation)
    }

    func replacing(_ old: String, _ new: String) -> String {
        precondition(reviewMap.components(separatedBy: old).count == 2, "ambiguous: \(old)")
        return reviewMap.replacingOccurrences(of: old, with: new)
    }

    @Test func setStatusRewritesOneLineOrAddsOne() throws {
        expectChange(
            try doc.setBarrierStatus("interpreter", to: "discussed", date: day),
            gives: replacing(
                "  status: open\n  votes: 3\n",
                "  status: discussed\n  votes: 3\n  history: 2026-11-25 status set to discussed (was open)\n"))
        // A review key comes in among its fellows in their usual order (status before votes).
        expectChange(
            try doc.setBarrierStatus("hotels", to: "parked", date: day),
            gives: replacing(
                "  clinical: maternity, smi\n  votes: 5\n  impact: high\n  effort: high\n",
                "  clinical: maternity, smi\n  status: parked\n  votes: 5\n  impact: high\n  effort: high\n"
                    + "  history: 2026-11-25 status set to parked\n"))
        #expect(try doc.setBarrierStatus("proof", to: "agreed", date: day).splices.isEmpty)
        #expect(throws: EditError.self) { try doc.setBarrierStatus("hotels", to: "done") }
        #expect(throws: EditError.self) { try doc.setBarrierStatus("cards", to: "open") }
    }

    @Test func votesCountUpAndDownWithHistoryAndTheLastOneGoes() throws {
        expectChange(
            try doc.vote("interpreter", by: 1, date: day),
            gives: replacing("  votes: 3\n", "  votes: 4\n  history: 2026-11-25 votes set to 4 (was 3)\n"))
        expectChange(
            try doc.vote("interpreter", by: -1, date: day),
            gives: replacing("  votes: 3\n", "  votes: 2\n  history: 2026-11-25 votes set to 2 (was 3)\n"))
        let one = MapDocument(text: replacing("  votes: 3\n", "  votes: 1\n"))
        var zero = one
        zero.perform(try one.vote("interpreter", by: -1, date: day))
        #expect(zero.text == replacing("  votes: 3\n", "  history: 2026-11-25 votes cleared (was 1)\n"))
        #expect(throws: EditError.self) { try zero.vote("interpreter", by: -1, date: day) }
        // Back the same day: the line is back where it was and the history line goes.
        var added = zero
        added.perform(try zero.vote("interpreter", by: 1, date: day))
        #expect(added.text == one.text)
        let garbled = MapDocument(text: replacing("  votes: 3\n", "  votes: many\n"))
        #expect(throws: EditError.self) { try garbled.vote("interpreter", by: 1) }
    }

    @Test func impactAndEffort() throws {
        expectChange(
            try doc.setImpact("interpreter", to: "high", date: day),
            gives: replacing("  votes: 3\n", "  votes: 3\n  impact: high\n  history: 2026-11-25 impact set to high\n"))
        expectChange(
            try doc.setEffort("hotels", to: "low", date: day),
            gives: replacing("  effort: high\n", "  effort: low\n  history: 2026-11-25 effort set to low (was high)\n"))
        expectChange(
            try doc.setImpact("hotels", to: nil, date: day),
            gives: replacing(
                "  votes: 5\n  impact: high\n  effort: high\n",
                "  votes: 5\n  effort: high\n  history: 2026-11-25 impact cleared (was high)\n"))
        #expect(throws: EditError.self) { try doc.setImpact("hotels", to: "medium") }
        #expect(try doc.setEffort("interpreter", to: nil).splices.isEmpty)
    }

    /// Cycling impact low → not set → high in a session rewrites the one line in place (and leaves one
    /// history line for the day), not a line removed here and added at the end of the record.
    @Test func impactCycledKeepsItsLine() throws {
        var edited = doc
        edited.perform(try edited.setImpact("fares", to: nil, date: day))
        edited.perform(try edited.setImpact("fares", to: "high", date: day))
        #expect(
            edited.text
                == replacing(
                    "  impact: low\n  effort: low\n  owner: Trust\n  due: 2027-01-31\n",
                    "  impact: high\n  effort: low\n  owner: Trust\n  due: 2027-01-31\n"
                        + "  history: 2026-11-25 impact set to high (was low)\n"))
    }

    @Test func ownerAndDueDate() throws {
        expectChange(
            try doc.setOwner("interpreter", to: "Trust interpreting service — \"Ω\" \\ 通訳", date: day),
            gives: replacing(
                "  votes: 3\n",
                "  votes: 3\n  owner: Trust interpreting service — \"Ω\" \\ 通訳\n"
                    + "  history: 2026-11-25 owner set to Trust interpreting service — \"Ω\" \\ 通訳\n"))
        expectChange(
            try doc.setOwner("fares", to: "  ", date: day),
            gives: replacing(
                "  owner: Trust\n  due: 2027-01-31\n",
                "  due: 2027-01-31\n  history: 2026-11-25 owner cleared (was Trust)\n"))
        expectChange(
            try doc.setDue("proof", to: "28/02/2027", date: day),
            gives: replacing("  due: 2026-11-15\n", "  due: 2027-02-28\n").replacingOccurrences(
                of: "  review: 2026-10-14 Agreed: register without proof.\n",
                with:
                    "  review: 2026-10-14 Agreed: register without proof.\n  history: 2026-11-25 due set to 2027-02-28 (was 2026-11-15)\n"
            ))
        expectChange(
            try doc.setDue("fares", to: "", date: day),
            gives: replacing("  due: 2027-01-31\n", "  history: 2026-11-25 due cleared (was 2027-01-31)\n"))
        expectChange(
            try doc.setDue("interpreter", to: "+2w", date: day),
            gives: replacing(
                "  votes: 3\n", "  votes: 3\n  due: 2026-12-09\n  history: 2026-11-25 due set to 2026-12-09\n"))
        for bad in ["2027-02-29", "next week", "31/02/2027", "02/31/2027"] {
            #expect(throws: EditError.self) { try doc.setDue("proof", to: bad) }
        }
        #expect(throws: EditError.self) { try doc.setOwner("proof", to: "two\nlines") }
    }

    @Test func notesGoAfterTheLastNoteAndNeverRewriteOldOnes() throws {
        expectChange(
            try doc.addReviewNote("proof", date: "2026-11-22", text: "Cards printed in 5 languages"),
            gives: replacing(
                "  review: 2026-10-14 Agreed: register without proof.\n",
                "  review: 2026-10-14 Agreed: register without proof.\n  review: 2026-11-22 Cards printed in 5 languages\n"
            ))
        expectChange(
            try doc.addReviewNote("hotels", date: "2026-11-22", text: "بطاقات 🙂"),
            gives: replacing("  effort: high\n", "  effort: high\n  review: 2026-11-22 بطاقات 🙂\n"))
        #expect(throws: EditError.self) { try doc.addReviewNote("proof", date: "22/11/2026", text: "x") }
        #expect(throws: EditError.self) { try doc.addReviewNote("proof", date: "2026-11-22", text: "  ") }
    }

    @Test func noteAfterAMultiLineNote() throws {
        let text = replacing(
            "  review: 2026-10-14 Agreed: register without proof.\n",
            "  review: 2026-10-14 Agreed: register without proof.\n  + Cards for people.\n")
        var multi = MapDocument(text: text)
        let change = try multi.addReviewNote("proof", date: "2026-11-22", text: "Printed")
        multi.perform(change)
        #expect(
            multi.text
                == text.replacingOccurrences(
                    of: "  + Cards for people.\n", with: "  + Cards for people.\n  review: 2026-11-22 Printed\n"))
        #expect(multi.graph.node("proof")?.values("review").count == 3)
    }

    @Test func proposeAnImprovementIsOneChangeOfNodeAndEdge() throws {
        let change = try doc.proposeImprovement(for: "interpreter", label: "Interpreter line \"Ω\"", date: day)
        expectChange(
            change,
            gives: replacing(
                "  status: proposed\n",
                "  status: proposed\n\nimprovement interpreter-line \"Interpreter line \\\"Ω\\\"\"\n  status: proposed\n"
                    + "  history: 2026-11-25 status set to proposed\n")
                + "interpreter-line -> interpreter addresses\n")
        var after = doc
        after.perform(change)
        #expect(Review.card("interpreter", in: after.graph)?.improvements.map(\.id) == ["interpreter-line"])
        #expect(
            try doc.proposeImprovement(for: "proof", label: "Registration cards").splices.first?.inserted.contains(
                "improvement registration-cards \"Registration cards\"") == true)
        #expect(throws: EditError.self) { try doc.proposeImprovement(for: "proof", id: "cards", label: "Cards") }
        #expect(throws: EditError.self) { try doc.proposeImprovement(for: "proof", label: " ") }
    }

    /// Propose writes what adding the node and then linking it writes, on maps where the edge's place is tricky:
    /// no edges yet, no blank line at the end, no improvements (node at the end), CRLF, no final newline.
    @Test(arguments: [
        "map \"T\"\n\nbarrier b \"B\"\n",
        "barrier b \"B\"",
        "barrier b \"B\"\n  status: open\n\nimprovement i \"I\"\n\nb -> b self\n",
        "barrier b \"B\"\r\n\r\ncommunity c \"C\"\r\nc -> b meets\r\n",
        "barrier b \"B\"\r\ncommunity c \"C\"\r\nc -> b meets",
        "# only a comment\nbarrier b \"B\"\n\n",
    ])
    func proposeWritesWhatAddingThenLinkingWrites(_ text: String) throws {
        var proposed = MapDocument(text: text)
        proposed.perform(try proposed.proposeImprovement(for: "b", id: "idea", label: "Idea"))
        var stepwise = MapDocument(text: text)
        stepwise.perform(
            try stepwise.addNode(kind: "improvement", id: "idea", label: "Idea", attributes: [("status", "proposed")]))
        stepwise.perform(
            try stepwise.addAttribute(
                .node("idea"), key: "history", value: "\(ReviewDate.today()) status set to proposed"))
        stepwise.perform(try stepwise.link(from: "idea", to: "b", relation: "addresses"))
        #expect(proposed.text == stepwise.text)
        #expect(proposed.graph.node("idea")?.value("status") == "proposed")
    }

    @Test func crlfFilesKeepTheirLineEndings() throws {
        let crlf = reviewMap.replacingOccurrences(of: "\n", with: "\r\n")
        var doc = MapDocument(text: crlf)
        doc.perform(try doc.vote("hotels", by: 1, date: "2026-11-22"))
        doc.perform(try doc.addReviewNote("hotels", date: "2026-11-22", text: "ok"))
        #expect(
            doc.text
                == crlf.replacingOccurrences(
                    of: "  votes: 5\r\n  impact: high\r\n  effort: high\r\n",
                    with:
                        "  votes: 6\r\n  impact: high\r\n  effort: high\r\n  history: 2026-11-22 votes set to 6 (was 5)\r\n  review: 2026-11-22 ok\r\n"
                ))
    }
}

@Suite struct SessionSummaryTests {
    @Test func summaryComparesTheStartWithNow() throws {
        let start = MapDocument(text: reviewMap)
        var doc = start
        doc.perform(try doc.vote("interpreter", by: 1))
        doc.perform(try doc.setBarrierStatus("interpreter", to: "agreed"))
        doc.perform(try doc.setOwner("interpreter", to: "Trust"))
        doc.perform(try doc.setDue("interpreter", to: "2027-03-01"))
        doc.perform(try doc.addReviewNote("proof", date: "2026-11-22", text: "Printed"))
        doc.perform(try doc.proposeImprovement(for: "hotels", label: "Keep the GP when moved"))
        // An unrelated edit is not a discussion.
        doc.perform(try doc.setAttribute(.node("fares"), key: "dimension", value: "availability"))

        let summary = SessionSummary(start: start.graph, now: doc.graph)
        #expect(summary.discussed.map(\.id) == ["proof", "interpreter", "hotels"])
        #expect(
            summary.statusChanges.map { "\($0.barrier.id): \($0.from) → \($0.to)" } == ["interpreter: open → agreed"])
        #expect(
            summary.actions.map { "\($0.barrier.id) \($0.owner ?? "-") \($0.due ?? "-")" } == [
                "interpreter Trust 2027-03-01"
            ])
        #expect(summary.proposals.map(\.improvement.id) == ["keep-the-gp-when-moved"])
        #expect(summary.proposals.first?.addresses.map(\.id) == ["hotels"])
        #expect(summary.notes.map { "\($0.barrier.id) \($0.note.value)" } == ["proof 2026-11-22 Printed"])
    }

    @Test func missingStatusToOpenIsNoChange() throws {
        let start = MapDocument(text: reviewMap)
        var doc = start
        doc.perform(try doc.setBarrierStatus("hotels", to: "open"))
        let summary = SessionSummary(start: start.graph, now: doc.graph)
        #expect(summary.statusChanges.isEmpty)
        #expect(summary.discussed.map(\.id) == ["hotels"])
    }

    @Test func nothingDoneIsEmpty() {
        let graph = MapDocument(text: reviewMap).graph
        #expect(
            SessionSummary(start: graph, now: graph)
                == SessionSummary(start: MapGraph(), now: MapDocument(text: "").graph))
        #expect(SessionSummary(start: graph, now: graph).discussed.isEmpty)
    }

    @Test func newBarriersAndBarriersThatWereSomethingElseAreSummarised() {
        let start = MapDocument(
            text: """
                community c "C"
                community was-community "Was a community"
                  owner: Council
                barrier old "Old"
                  status: open
                c -> c self
                """
        ).graph
        let now = MapDocument(
            text: """
                community c "C"
                barrier was-community "Now a barrier"
                  owner: Council
                barrier old "Old"
                  status: open
                barrier fresh "Fresh"
                  due: 2027-01-01
                """
        ).graph
        let summary = SessionSummary(start: start, now: now)
        // Unchanged review values: not discussed; but never a barrier before, so its action is new.
        #expect(summary.discussed.map(\.id) == ["fresh"])
        #expect(summary.actions.map(\.barrier.id) == ["was-community", "fresh"])
        #expect(summary.statusChanges.isEmpty)
    }
}
