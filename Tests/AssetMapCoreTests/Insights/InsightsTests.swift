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
        // Ten Core20PLUS5 areas plus "" for the barrier that names none, for each of four communities.
        #expect(insights.coverage.count == 4 * 11)
        #expect(insights.coverage.map(\.community).prefix(11).allSatisfy { $0 == "a" })
        #expect(Array(insights.coverage.prefix(11).map(\.clinical)) == Vocabulary.clinical + [""])
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
        #expect(coverage.count == 44)
        let cancer = try #require(
            coverage.first { $0["community"] as? String == "a" && $0["clinical"] as? String == "cancer" })
        #expect(cancer["barriers"] as? [String] == ["b1", "b2"])
        #expect(cancer["improvements"] as? [String] == ["i1", "i2", "i4"])
        #expect(cancer["resolved"] as? Int == 1)
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
        #expect(text.contains("cancer          2 barriers, 3 improvements, 1 resolved"))
        #expect(text.contains("smi             1 barrier, 0 improvements, 0 resolved  ← no improvement"))
        #expect(text.contains("Barrier one (b1): due 2026-01-01, owner ICB"))
        let md = InsightsReport.markdown(insights, graph, today: "2026-06-01")
        #expect(md.contains("| cancer | 2 | 3 | 1 |"))
        #expect(md.contains("- **Beta** (b)"))
        #expect(!md.contains("secret") && !text.contains("secret"))
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
