import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// A map whose insights are known by hand (today is 2025-03-01 in the harness).
let insightsTabMap = """
    map "Insights tab test"

    community a "Alpha"
      core20: yes
    community b "Beta"
      plus: yes
    community c "Gamma"
    organisation o1 "Org one"
    place p1 "Place one"
    place lonely "Lonely place"
    barrier b1 "Bus fares"
      clinical: cancer
      status: agreed
      votes: 3
      impact: high
      effort: low
      owner: Zed
      due: 2025-01-10
    barrier b2 "Letters only in English"
      clinical: cancer, maternity
      status: open
      votes: 7
      impact: low
      owner: Amy
    barrier b3 "No interpreter"
      status: resolved
      votes: 1
      effort: high
      due: 2025-06-01
    barrier b4 "Hospital parking"
      status: discussed
    improvement i1 "Free bus pass"
      status: proposed
    improvement i2 "Translated letters"
      status: agreed
      owner: ICB

    b1 -> a affects
    b2 -> a affects
    b3 -> c affects
    i1 -> b1 addresses
    i2 -> b2 addresses
    a -> o1 trusts
    o1 -> p1 runs
    c -> p1 "gathers at"

    """

/// Which row of the screen holds `text` (the first one).
func rowIndex(_ screen: String, _ text: String) -> Int? {
    screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }
}

@Suite struct InsightsTabTests {
    static let sizes = [(80, 24), (120, 40)]

    /// The inner text of the table box on row `y` (borders and the side list left out), trailing blanks trimmed.
    static func tableRow(_ h: Harness, _ y: Int) -> String {
        var row = h.buffer.row(y)
        if h.app.width >= InsightsScreen.sideBySideWidth { row = String(row.dropFirst(InsightsScreen.sectionsWidth)) }
        return String(row.dropFirst().dropLast()).replacingOccurrences(
            of: #" +$"#, with: "", options: .regularExpression)
    }

    /// The table's rows below its header (above the selected row's footer), as trimmed text.
    static func tableRows(_ h: Harness, header: String) -> [String] {
        let y = rowIndex(h.screen, header)!
        return (y + 1..<footerY(h)).map { tableRow(h, $0) }.filter { !$0.isEmpty }
    }

    /// The first line of the footer (the selected row in full), above the box's bottom line.
    static func footerY(_ h: Harness) -> Int { h.app.height - 3 - InsightsScreen.footerHeight }

    static func open(_ section: InsightsSection, width: Int, height: Int) throws -> Harness {
        var h = try Harness(insightsTabMap, width: width, height: height)
        h.press(.char("5"), .home)
        for _ in 0..<section.rawValue { h.press(.down) }
        h.press(.enter)
        return h
    }

    @Test(arguments: sizes)
    func sectionsAreListedWithTheirCounts(width: Int, height: Int) throws {
        var h = try Harness(insightsTabMap, width: width, height: height)
        h.press(.char("5"))
        #expect(h.app.tab == .insights)
        #expect(h.screen.contains(" 5 Insights "))
        let expected = [
            "Coverage         3", "Dimensions       3", "Silent groups    1", "Unaddressed      1",
            "No owner         1",
            "Overdue          1", "Who connects     3", "Isolated         3", "Barriers         4",
        ]
        for (i, line) in expected.enumerated() {
            #expect(h.buffer.row(2 + i).hasPrefix("┃" + line), "row \(2 + i): \(h.buffer.row(2 + i))")
        }
        // The list has the focus (reverse video on the selected section).
        #expect(h.buffer[1, 2].style.reverse)
        #expect(!h.buffer[1, 3].style.reverse)
        if width < InsightsScreen.sideBySideWidth {
            // One pane at a time: the explanations beside the names, no table yet.
            #expect(h.buffer.row(4).contains("Core20 or PLUS communities that no barrier affects"))
            #expect(!h.screen.contains("mat  smi"))
        } else {
            // Side by side: the chosen section's table is already there.
            #expect(h.screen.contains("mat  smi"))
        }
    }

    @Test(arguments: sizes)
    func coverageCellByCell(width: Int, height: Int) throws {
        let h = try Self.open(.coverage, width: width, height: height)
        #expect(h.screen.contains("Coverage (3)"))
        #expect(h.screen.contains("28 of 30 cells have nothing recorded (clinical areas that apply)."))
        let header = "mat  smi  resp canc hyp  asth diab epil oral mh   unset"
        let y = try #require(rowIndex(h.screen, header))
        // Every cell: Alpha's two with improvements, Gamma's resolved barrier that names no area, blind spots.
        #expect(
            [Self.tableRow(h, y)] + Self.tableRows(h, header: header)
                == Self.widened(
                    [
                        "Community              " + header,
                        "Alpha                  I 1  none none I 2  none none none none none none",
                        "Beta                   none none none none none none none none none none",
                        "Gamma                  none none none none none none none none none none R 1",
                    ], name: 23, width: width))
    }

    @Test(arguments: sizes)
    func dimensionsCellByCell(width: Int, height: Int) throws {
        let h = try Self.open(.dimensions, width: width, height: height)
        #expect(h.screen.contains("15 of 15 cells have nothing recorded (access dimensions that apply)."))
        let header = "reach accept avail afford approp unset"
        let y = try #require(rowIndex(h.screen, header))
        #expect(
            [Self.tableRow(h, y)] + Self.tableRows(h, header: header)
                == Self.widened(
                    [
                        "Community                               " + header,
                        "Alpha                                   none  none   none  none   none   I 2",
                        "Beta                                    none  none   none  none   none",
                        "Gamma                                   none  none   none  none   none   R 1",
                    ], name: 40, width: width))
    }

    /// `rows` as drawn at 80 columns, with the flexible first column as wide as `name`, widened by what a
    /// wider terminal adds (the first column takes the room).
    static func widened(_ rows: [String], name: Int, width: Int) -> [String] {
        let extra = width >= InsightsScreen.sideBySideWidth ? width - InsightsScreen.sectionsWidth - 80 : width - 80
        return rows.map { row in
            let cut = row.index(row.startIndex, offsetBy: min(name, row.count))
            return (String(row[..<cut]) + String(repeating: " ", count: extra) + row[cut...])
                .replacingOccurrences(of: #" +$"#, with: "", options: .regularExpression)
        }
    }

    @Test(arguments: sizes)
    func gapSectionsListWhatCoreFindsCellByCell(width: Int, height: Int) throws {
        func check(_ section: InsightsSection, _ header: String, name: Int, _ expected: [String]) throws {
            let h = try Self.open(section, width: width, height: height)
            let y = try #require(rowIndex(h.screen, header))
            let drawn = [Self.tableRow(h, y)] + Self.tableRows(h, header: header)
            #expect(drawn == Self.widened(expected, name: name, width: width), "\(section)")
        }
        try check(
            .silent, "Group", name: 72,
            [
                "Community                                                                Group",
                "Beta                                                                     PLUS",
            ])
        try check(
            .unaddressed, "Status", name: 53,
            [
                "Barrier                                               Status    Clinical areas",
                "Hospital parking                                      discussed",
            ])
        try check(
            .unowned, "Status", name: 69,
            [
                "Improvement                                                           Status",
                "Free bus pass                                                         proposed",
            ])
        try check(
            .overdue, "Due", name: 53,
            [
                "Action                                                Kind    Due        Owner",
                "Bus fares                                             barrier 2025-01-10 Zed",
            ])
        let connectors = try Self.open(.connectors, width: width, height: height)
        #expect(
            Self.tableRows(connectors, header: "What it connects").first?.hasPrefix(
                "Org one          organisation     2 links to 1 community and 1 place; links 2") == true)
        #expect(
            Self.tableRow(connectors, Self.footerY(connectors)).hasPrefix(
                "Org one · kind organisation · links 2 · what it connects links to 1 community"))
        try check(
            .isolated, "Kind", name: 68,
            [
                "Node                                                                 Kind",
                "Beta                                                                 community",
                "Lonely place                                                         place",
                "Hospital parking                                                     barrier",
            ])
    }

    @Test(arguments: sizes)
    func barrierTableSortsLikeASpreadsheet(width: Int, height: Int) throws {
        var h = try Self.open(.barriers, width: width, height: height)
        let name = 30
        // Most votes first; empty cells stay empty.
        #expect(
            [Self.tableRow(h, rowIndex(h.screen, "Status")!)] + Self.tableRows(h, header: "Status")
                == Self.widened(
                    [
                        "Barrier                        Status    Votes▼ Impact Effort Owner Due",
                        "Letters only in English        open           7 low           Amy",
                        "Bus fares                      agreed         3 high   low    Zed   2025-01-10",
                        "No interpreter                 resolved       1        high         2025-06-01",
                        "Hospital parking               discussed      0",
                    ], name: name, width: width))
        func order() -> [String] {
            Self.tableRows(h, header: "Status").map { String($0.prefix(name)).trimmingCharacters(in: .whitespaces) }
        }
        // o: the next column, highest first; blanks last whichever way.
        // The selected row in full under the table.
        #expect(
            Self.tableRow(h, Self.footerY(h))
                == "Letters only in English · status open · votes 7 · impact low · owner Amy")
        h.press(.char("o"))
        #expect(h.screen.contains("Impact▼"))
        #expect(order() == ["Bus fares", "Letters only in English", "No interpreter", "Hospital parking"])
        #expect(h.status.contains("Barriers sorted by impact, descending"))
        h.press(.char("O"))
        #expect(h.screen.contains("Impact▲"))
        #expect(order() == ["Letters only in English", "Bus fares", "No interpreter", "Hospital parking"])
        h.press(.char("o"))  // effort
        #expect(order() == ["No interpreter", "Bus fares", "Letters only in English", "Hospital parking"])
        h.press(.char("o"))  // owner, A to Z
        #expect(h.screen.contains("Owner▲"))
        #expect(order() == ["Letters only in English", "Bus fares", "No interpreter", "Hospital parking"])
        h.press(.char("o"))  // due, soonest first
        #expect(order() == ["Bus fares", "No interpreter", "Letters only in English", "Hospital parking"])
        h.press(.char("O"))
        #expect(order() == ["No interpreter", "Bus fares", "Letters only in English", "Hospital parking"])
        h.press(.char("o"))  // barrier, A to Z
        #expect(order() == ["Bus fares", "Hospital parking", "Letters only in English", "No interpreter"])
        h.press(.char("o"))  // status, in the review's order
        #expect(h.screen.contains("Status▲"))
        #expect(order() == ["Letters only in English", "Hospital parking", "Bus fares", "No interpreter"])
        h.press(.char("o"))  // round to votes
        #expect(order() == ["Letters only in English", "Bus fares", "No interpreter", "Hospital parking"])
    }

    @Test(arguments: sizes)
    func arrowsSelectAndEnterOpensTheBarrierInBrowseAndItsCardIn4(width: Int, height: Int) throws {
        var h = try Self.open(.barriers, width: width, height: height)
        let first = try #require(rowIndex(h.screen, "Letters only in English"))
        let x = width >= InsightsScreen.sideBySideWidth ? InsightsScreen.sectionsWidth + 1 : 1
        #expect(h.buffer[x, first].style.reverse)
        h.press(.down)
        #expect(!h.buffer[x, first].style.reverse)
        #expect(h.buffer[x, first + 1].style.reverse)
        #expect(h.buffer.row(first + 1).contains("Bus fares"))
        // Sorting keeps the selected barrier selected.
        h.press(.char("o"))
        let bus = try #require(rowIndex(h.screen, "Bus fares"))
        #expect(h.buffer[x, bus].style.reverse)
        h.press(.enter)
        #expect(h.app.tab == .browse)
        #expect(h.app.currentID == "b1")
        #expect(h.screen.contains("[B] barrier  id: b1"))
        // 4 shows the same barrier's card; Backspace in Browse goes back to where we were.
        h.press(.char("4"))
        #expect(h.app.tab == .review)
        #expect(h.screen.contains("Bus fares"))
        #expect(h.screen.contains("agreed"))
    }

    @Test func narrowTerminalsDropColumnsInTheStatedOrderAndCutLongCells() throws {
        var text = insightsTabMap.replacingOccurrences(
            of: "\"Bus fares\"", with: "\"Bus fares to the hospital are too dear for families on benefits\"")
        text = text.replacingOccurrences(of: "owner: Amy", with: "owner: Amy from the Refugee and Migrant Centre")
        var h = try Harness(text, width: 60, height: 20)
        h.press(.char("5"), .end, .enter)
        let header = Self.tableRow(h, try #require(rowIndex(h.screen, "Status")))
        // At 60 columns: the barrier keeps at least 20 columns, the owner is cut to 8, effort and impact give way.
        #expect(header == "Barrier               Status    Votes▼ Owner    Due")
        let bus = Self.tableRow(h, try #require(rowIndex(h.screen, "Bus fares")))
        #expect(bus == "Bus fares to the hos… agreed         3 Zed      2025-01-10")
        h.resize(80, 24)
        #expect(
            Self.tableRow(h, try #require(rowIndex(h.screen, "Status")))
                == "Barrier              Status    Votes▼ Impact Effort Owner           Due")
        #expect(
            Self.tableRow(h, try #require(rowIndex(h.screen, "Letters")))
                == "Letters only in Eng… open           7 low           Amy from the R…")
        h.resize(140, 30)
        #expect(
            Self.tableRow(h, try #require(rowIndex(h.screen, "Letters"))).hasPrefix("Letters only in English        "))
        #expect(Self.tableRow(h, try #require(rowIndex(h.screen, "Letters"))).hasSuffix("Amy from the Refuge…"))
    }

    @Test func anEditShowsInTheTabAtOnce() throws {
        var h = try Self.open(.unowned, width: 80, height: 24)
        #expect(h.screen.contains("No owner (1)"))
        h.press(.enter)
        #expect(h.app.currentID == "i1")
        h.app.run(.edit { try $0.setAttribute(.node("i1"), key: "owner", value: "Walsall Council") })
        h.press(.char("5"))
        #expect(h.screen.contains("No owner (0)"))
        h.press(.char("u"))
        #expect(h.screen.contains("No owner (1)"))
    }

    @Test func clicksChooseASectionAndARow() throws {
        var h = try Harness(insightsTabMap, width: 120, height: 40)
        h.press(.char("5"))
        // The side list: row 2 is the first section; click the eighth (Barriers).
        h.app.update(.mouse(MouseEvent(x: 3, y: 2 + InsightsSection.barriers.rawValue, action: .press)))
        #expect(h.screen.contains("Barriers (4)"))
        let bus = try #require(rowIndex(h.screen, "Bus fares"))
        h.app.update(.mouse(MouseEvent(x: 40, y: bus, action: .press)))
        #expect(h.buffer[InsightsScreen.sectionsWidth + 1, bus].style.reverse)
        h.press(.enter)
        #expect(h.app.currentID == "b1")
    }
}
