import Foundation
import Testing
@testable import AssetMapCore

/// A map whose insights are known by hand, cell by cell.
let insightsMap = """
    map "Insights test"

    community a "Alpha"
      core20: yes
    community b "Beta"
      plus: yes
    community c "Gamma"
      core20: no
    community d "Delta"
      plus: yes
    organisation o1 "Org one"
    organisation o2 "Org two"
    place p1 "Place one"
    place lonely "Lonely place"
    barrier b1 "Barrier one"
      clinical: maternity, cancer
      due: 2026-01-01
      owner: ICB
      private-source: secret
    barrier b2 "Barrier two"
      clinical: cancer
      status: resolved
      due: 2026-01-01
    barrier b3 "Barrier three"
      status: parked
    barrier b4 "Barrier four"
      clinical: smi
      status: agreed
    improvement i1 "Improvement one"
      status: proposed
    improvement i2 "Improvement two"
      status: agreed
      due: 2026-05-01
    improvement i3 "Improvement three"
      status: dropped
    improvement i4 "Improvement four"
      status: done
      due: 2026-01-01

    b1 -> a affects
    b2 -> a affects
    b3 -> a affects
    b4 -> c affects
    d -> b1 affects
    i1 -> b1 addresses
      owner: Healthwatch
    i2 -> b1 addresses
    i2 -> b2 addresses
    i3 -> b4 addresses
    i4 -> b2 addresses
    a -> o1 trusts
    c -> o1 trusts
    o1 -> p1 runs
    b1 -> p1 "happens at"
    b4 -> o2 "happens at"

    """

@Suite struct InsightsOfAKnownMap {
    let graph = MapDocument(text: insightsMap).graph
    var insights: Insights { Insights(graph, today: "2026-06-01") }

    func cell(_ community: String, _ clinical: String) throws -> Insights.Cell {
        try #require(insights.coverage.first { $0.community == community && $0.clinical == clinical })
    }

    @Test func coverageHasEveryCommunityTimesEveryArea() throws {
        #expect(graph.syntaxErrors.isEmpty)
        // No `ages`: all ten Core20PLUS5 areas apply to each of four communities; Alpha also has "" for
        // the barrier that names none.
        #expect(insights.coverage.count == 4 * 10 + 1)
        #expect(insights.coverage.map(\.community).prefix(11).allSatisfy { $0 == "a" })
        #expect(Array(insights.coverage.prefix(11).map(\.clinical)) == Vocabulary.clinical + [""])
        #expect(insights.gaps.count == 41 - 4)
    }

    @Test func coverageCellByCell() throws {
        #expect(
            try cell("a", "maternity")
                == .init(
                    community: "a", clinical: "maternity", barriers: ["b1"], improvements: ["i1", "i2"], resolved: 0))
        #expect(
            try cell("a", "cancer")
                == .init(
                    community: "a", clinical: "cancer", barriers: ["b1", "b2"], improvements: ["i1", "i2", "i4"],
                    resolved: 1))
        #expect(
            try cell("a", "") == .init(community: "a", clinical: "", barriers: ["b3"], improvements: [], resolved: 0))
        // A dropped improvement addresses nothing.
        #expect(
            try cell("c", "smi")
                == .init(community: "c", clinical: "smi", barriers: ["b4"], improvements: [], resolved: 0))
        // Delta -> b1 affects points the wrong way (a community does not affect a barrier).
        #expect(try cell("d", "maternity").barriers.isEmpty)
        let filled = insights.coverage.filter { !$0.barriers.isEmpty }.map { "\($0.community)/\($0.clinical)" }
        #expect(filled == ["a/maternity", "a/cancer", "a/", "c/smi"])
    }

    @Test func silentUnaddressedUnownedOverdueIsolated() {
        #expect(insights.silent == ["b", "d"])
        #expect(insights.unaddressed == ["b4"])
        #expect(insights.unowned == ["i2"])
        #expect(
            insights.overdue == [
                .init(id: "b1", due: "2026-01-01", owner: "ICB"), .init(id: "i2", due: "2026-05-01", owner: nil),
            ])
        #expect(Insights(graph, today: "2026-01-01").overdue.isEmpty)
        #expect(insights.isolated == ["b", "lonely"])
    }

    @Test func degreeOfOrganisationsAndPlacesHighestFirst() {
        #expect(insights.degree.map(\.id) == ["o1", "p1", "o2", "lonely"])
        #expect(insights.degree.map(\.degree) == [3, 2, 1, 0])
    }

    @Test func jsonFollowsTheContract() throws {
        let json = InsightsReport.json(insights)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let coverage = try #require(object["coverage"] as? [[String: Any]])
        #expect(coverage.count == 41)
        let gaps = try #require(object["gaps"] as? [[String: String]])
        #expect(gaps.count == 37)
        #expect(gaps.first == ["community": "a", "clinical": "smi"])
        let cancer = try #require(
            coverage.first { $0["community"] as? String == "a" && $0["clinical"] as? String == "cancer" })
        #expect(cancer["barriers"] as? [String] == ["b1", "b2"])
        #expect(cancer["improvements"] as? [String] == ["i1", "i2", "i4"])
        #expect(cancer["resolved"] as? Int == 1)
        #expect(cancer["state"] as? String == "improvements")
        #expect(object["silent"] as? [String] == ["b", "d"])
        #expect(object["unaddressed"] as? [String] == ["b4"])
        let degree = try #require(object["degree"] as? [[String: Any]])
        #expect(degree.first?["id"] as? String == "o1")
        #expect(degree.first?["degree"] as? Int == 3)
        #expect(!json.contains("secret"))
    }

    @Test func textAndMarkdownNameTheGaps() {
        let text = InsightsReport.text(insights, graph, today: "2026-06-01")
        #expect(text.contains("Alpha (a)"))
        #expect(text.contains("    improvements proposed:        maternity\u{00A0}(1), cancer\u{00A0}(2)\n"))
        #expect(text.contains("    barriers, no improvement yet: no clinical area\u{00A0}(1)\n"))
        #expect(text.contains("  • Gamma (c): maternity, respiratory, cancer, hypertension, asthma, diabetes,"))
        #expect(text.contains("Barrier one (b1): due 2026-01-01, owner ICB"))
        let md = InsightsReport.markdown(insights, graph, today: "2026-06-01")
        #expect(md.contains("| **Alpha** (a) | I 1 | **none** | **none** | I 2 |"))
        #expect(md.contains("- **Beta** (b)"))
        #expect(!md.contains("secret") && !text.contains("secret"))
    }
}

/// Communities for whom different fives apply, with barriers whose cells are known one by one.
let gridMap = """
    map "Grid test"

    community kids "Kids"
      ages: children
    community adults "Adults"
      ages: adults
    community everyone "Everyone"
    barrier b1 "One"
      clinical: asthma, maternity
      dimension: affordability
    barrier b2 "Two"
      clinical: smi
      dimension: approachability
      status: resolved
    barrier b3 "Three"
      clinical: hypertension
      dimension: availability
    barrier b4 "Four"
    improvement i1 "Fix three"
    improvement i2 "Dropped"
      status: dropped

    b1 -> kids affects
    b2 -> adults affects
    b3 -> adults affects
    b3 -> everyone affects
    b4 -> everyone affects
    i1 -> b3 addresses
    i2 -> b4 addresses

    """

@Suite struct CoverageGrid {
    let graph = MapDocument(text: gridMap).graph
    var insights: Insights { Insights(graph, today: "2026-06-01") }

    func row(_ community: String) -> [String: Insights.State] {
        Dictionary(
            uniqueKeysWithValues: insights.coverage.filter { $0.community == community }.map { ($0.clinical, $0.state) }
        )
    }

    @Test func onlyTheAreasThatApplyAndEveryOneOfThem() throws {
        #expect(graph.syntaxErrors.isEmpty)
        // Children's five, and maternity because a barrier affecting them names it.
        #expect(
            insights.coverage.filter { $0.community == "kids" }.map(\.clinical) == ["maternity"]
                + Vocabulary.clinicalChildren)
        #expect(
            row("kids") == [
                "maternity": .barriers, "asthma": .barriers, "diabetes": .nothing, "epilepsy": .nothing,
                "oral-health": .nothing, "mental-health": .nothing,
            ])
        #expect(
            row("adults") == [
                "maternity": .nothing, "smi": .resolved, "respiratory": .nothing, "cancer": .nothing,
                "hypertension": .improvements,
            ])
        var everyone = Dictionary(uniqueKeysWithValues: Vocabulary.clinical.map { ($0, Insights.State.nothing) })
        everyone["hypertension"] = .improvements
        // The dropped improvement addresses nothing: barrier four stays "barriers".
        everyone[""] = .barriers
        #expect(row("everyone") == everyone)
    }

    @Test func gapsAreTheEmptyCellsThatApply() {
        let gaps = insights.gaps.map { "\($0.community)/\($0.clinical)" }
        #expect(
            gaps == [
                "kids/diabetes", "kids/epilepsy", "kids/oral-health", "kids/mental-health", "adults/maternity",
                "adults/respiratory", "adults/cancer",
            ] + Vocabulary.clinical.filter { $0 != "hypertension" }.map { "everyone/\($0)" })
    }

    @Test func theSameGridForTheFiveDimensions() {
        func row(_ community: String) -> [String: Insights.State] {
            Dictionary(
                uniqueKeysWithValues: insights.dimensions.filter { $0.community == community }.map {
                    ($0.dimension, $0.state)
                })
        }
        var kids = Dictionary(uniqueKeysWithValues: Vocabulary.dimensions.map { ($0, Insights.State.nothing) })
        kids["affordability"] = .barriers
        #expect(row("kids") == kids)
        var adults = Dictionary(uniqueKeysWithValues: Vocabulary.dimensions.map { ($0, Insights.State.nothing) })
        adults["approachability"] = .resolved
        adults["availability"] = .improvements
        #expect(row("adults") == adults)
        #expect(row("everyone")["availability"] == .improvements && row("everyone")[""] == .barriers)
        #expect(insights.dimensionGaps.count == 4 + 3 + 4)
        #expect(!insights.dimensionGaps.contains { $0.dimension.isEmpty })
    }

    @Test func textNamesEveryEmptyCellAndJsonListsThem() throws {
        let text = InsightsReport.text(insights, graph, today: "2026-06-01")
        #expect(text.contains("  • Kids (kids): diabetes, epilepsy, oral-health, mental-health\n"))
        #expect(text.contains("  • Adults (adults): maternity, respiratory, cancer\n"))
        #expect(text.contains("    resolved:                     smi\u{00A0}(1)\n"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(InsightsReport.json(insights).utf8)) as? [String: Any])
        let gaps = try #require(object["gaps"] as? [[String: String]])
        #expect(gaps.count == 16)
        #expect(gaps.contains(["community": "adults", "clinical": "cancer"]))
        #expect(!gaps.contains(["community": "kids", "clinical": "cancer"]))
        let dimensionGaps = try #require(object["dimensionGaps"] as? [[String: String]])
        #expect(dimensionGaps.contains(["community": "kids", "dimension": "availability"]))
    }

    @Test func theDeckAndThePageShowEveryCell() throws {
        let slides = try Slides.plan(graph, options: SlideOptions(date: "2026-06-01"))
        let grid = try #require(slides.first { $0.name.hasSuffix("-coverage") }?.grid)
        #expect(
            grid.columns == ["mat", "smi", "resp", "canc", "hyp", "asth", "diab", "epil", "oral", "mh", "none named"])
        #expect(grid.rows.map(\.label) == ["Kids", "Adults", "Everyone"])
        // Kids: maternity (named by its barrier) and asthma have barriers, smi to hypertension do not apply.
        #expect(
            grid.rows[0].cells.map { $0?.tag } == [
                "B 1", nil, nil, nil, nil, "B 1", "none", "none", "none", "none", nil,
            ])
        #expect(
            grid.rows[1].cells.map { $0?.tag } == ["none", "R 1", "none", "none", "I 1", nil, nil, nil, nil, nil, nil])
        #expect(grid.rows[2].cells.compactMap { $0 }.count == 11)
        let svg = Slides.svg(
            try #require(slides.first { $0.grid != nil }), drawing: nil, size: .init(width: 1920, height: 1080))
        #expect(svg.components(separatedBy: ">none<").count - 1 == 16)
        let page = HtmlCoverage.section(insights, graph)
        #expect(page.components(separatedBy: "class=\"s-nothing\"").count - 1 == 16 + 11)
        #expect(
            page.contains(
                "<th scope=\"row\">Kids</th><td class=\"s-barriers\" title=\"barriers, no improvement yet\">B 1"))
        #expect(page.components(separatedBy: "class=\"na\"").count - 1 == 5 + 5 + 0 + 2 + 1)
    }

    @Test func theExampleMapsChildrenAreBlindOnDiabetesEpilepsyAndMentalHealth() throws {
        let root = try #require(
            sequence(first: URL(fileURLWithPath: #filePath)) { $0.deletingLastPathComponent() }.first {
                FileManager.default.fileExists(atPath: $0.appendingPathComponent("Package.swift").path)
            })
        let text = try String(contentsOf: root.appendingPathComponent("maps/walsall.map"), encoding: .utf8)
        let insights = Insights(MapDocument(text: text).graph, today: "2026-12-01")
        let children = insights.gaps.filter { $0.community == "core20-families" }.map(\.clinical)
        #expect(["diabetes", "epilepsy", "mental-health"].allSatisfy(children.contains))
        // Maternity does not apply to the children, and is not counted as a gap there.
        #expect(!insights.coverage.contains { $0.community == "core20-families" && $0.clinical == "maternity" })
    }
}

@Suite struct WhoHoldsTheMapTogether {
    @Test func groupsWithNoOtherLinkBetweenThem() throws {
        // o links c1 and c2; c1 also reaches p, which links c1 and c3 only; the square s-x-y-t holds without any one of them.
        let text = """
            community c1 "C1"
            community c2 "C2"
            community c3 "C3"
            organisation o "O"
            place p "P"
            organisation s "S"
            organisation t "T"
            community x "X"
            community y "Y"
            o -> c1 serves
            o -> c2 serves
            p -> c1 serves
            p -> c3 serves
            s -> x serves
            x -> t uses
            t -> y serves
            y -> s uses

            """
        let insights = Insights(MapDocument(text: text).graph, today: "2026-01-01")
        let separates = Dictionary(uniqueKeysWithValues: insights.degree.map { ($0.id, $0.separates) })
        #expect(separates == ["o": 2, "p": 2, "s": 1, "t": 1])
        let graph = MapDocument(text: text).graph
        let o = try #require(insights.degree.first { $0.id == "o" })
        #expect(
            InsightsReport.connection(o, graph, betweenness: 3, linkedNodes: 9)
                == "links to 2 communities; links 2 groups that have no other link between them")
        let s = try #require(insights.degree.first { $0.id == "s" })
        #expect(
            InsightsReport.connection(s, graph, betweenness: 1, linkedNodes: 9).hasSuffix(
                "; on 4% of the shortest routes between others"))
    }
}

@Suite struct Betweenness {
    func brokers(_ text: String) -> [String: Double] {
        let insights = Insights(MapDocument(text: text).graph, today: "2026-01-01")
        return Dictionary(uniqueKeysWithValues: (insights.betweenness ?? []).map { ($0.id, $0.betweenness) })
    }

    @Test func aHubBetweenFourCommunitiesLiesOnEveryPairsPath() {
        // Four leaves: C(4,2) = 6 pairs, every shortest path through the hub; links read both ways.
        let star =
            "place hub \"Hub\"\n" + (1...4).map { "community c\($0) \"C\($0)\"\n" }.joined()
            + (1...4).map { $0 % 2 == 0 ? "c\($0) -> hub meets\n" : "hub -> c\($0) serves\n" }.joined()
        #expect(brokers(star) == ["hub": 6])
    }

    @Test func twoEqualPathsShareTheCredit() {
        // x reaches y through o or through p: each carries half of that one pair.
        let square = """
            community x "X"
            community y "Y"
            organisation o "O"
            place p "P"
            x -> o uses
            o -> y serves
            x -> p uses
            p -> y serves

            """
        #expect(brokers(square) == ["o": 0.5, "p": 0.5])
    }

    @Test func leftOutAboveTheLimit() {
        let big = (0...Insights.betweennessLimit).map { "place p\($0) \"P\($0)\"\n" }.joined()
        let insights = Insights(MapDocument(text: big).graph, today: "2026-01-01")
        #expect(insights.betweenness == nil)
        #expect(insights.degree.count == Insights.betweennessLimit + 1)
    }
}
