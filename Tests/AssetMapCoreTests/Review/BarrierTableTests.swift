import Testing
@testable import AssetMapCore

@Suite struct BarrierTableTests {
    static let map = """
        map "Sorting"
        barrier a "Alpha"
          status: agreed
          votes: 2
          owner: bea
        barrier b "beta"
          status: someday
          impact: low
          due: 2026-02-01
        barrier c "Gamma"
          votes: 2
          impact: high
          owner: Al
          due: 2026-01-15
        barrier d "delta"
          status: resolved
          votes: 10

        """

    func order(_ column: BarrierTable.Column, descending: Bool) throws -> [String] {
        let table = BarrierTable(MapDocument(text: Self.map).graph)
        return table.sorted(by: column, descending: descending).map(\.id)
    }

    @Test func columnsSortByTheirMeaningWithBlanksLastBothWays() throws {
        // Votes as numbers (10 after 2), ties in file order whichever way.
        #expect(try order(.votes, descending: true) == ["d", "a", "c", "b"])
        #expect(try order(.votes, descending: false) == ["b", "a", "c", "d"])
        // Status in the review's order (no status is open); a value outside the vocabulary after it.
        #expect(try order(.status, descending: false) == ["c", "a", "d", "b"])
        #expect(try order(.status, descending: true) == ["b", "d", "a", "c"])
        // high above low; blanks last either way.
        #expect(try order(.impact, descending: true) == ["c", "b", "a", "d"])
        #expect(try order(.impact, descending: false) == ["b", "c", "a", "d"])
        // Text ignores case.
        #expect(try order(.barrier, descending: false) == ["a", "b", "d", "c"])
        #expect(try order(.owner, descending: false) == ["c", "a", "b", "d"])
        #expect(try order(.owner, descending: true) == ["a", "c", "b", "d"])
        #expect(try order(.due, descending: false) == ["c", "b", "a", "d"])
        #expect(BarrierTable.Column.votes.descendingFirst && !BarrierTable.Column.due.descendingFirst)
    }

    @Test func cellsAreTheCardsValues() throws {
        let card = try #require(BarrierTable(MapDocument(text: Self.map).graph).cards.first { $0.id == "b" })
        #expect(
            BarrierTable.Column.allCases.map { BarrierTable.cell(card, $0) } == [
                "beta", "someday", "0", "low", "", "", "2026-02-01",
            ])
    }
}
