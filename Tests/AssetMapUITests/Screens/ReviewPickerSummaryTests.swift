import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

/// The filter picker counts from the cached cards, and the summary is computed once per change: both
/// must say exactly what building them from scratch with the core's `Review` says.
@Suite struct ReviewPickerSummaryTests {
    /// The picker's lines as they were built before the cache: fresh cards, each value counted by a filter.
    func referencePicker(_ graph: MapGraph, current: ReviewFilter) -> [ReviewPicker.Choice] {
        let all = Review.cards(graph)
        var choices = [ReviewPicker.Choice(text: "All barriers (clear the filters)", filter: ReviewFilter())]
        func add(
            _ facet: String, _ value: String, _ shown: String, count: Int, _ set: (inout ReviewFilter, String?) -> Void,
            active: String?
        ) {
            guard count > 0 || active == value else { return }
            var filter = current
            set(&filter, active == value ? nil : value)
            choices.append(.init(text: "\(active == value ? "✓" : " ") \(facet): \(shown) (\(count))", filter: filter))
        }
        let inMap = Review.filterChoices(graph)
        for s in inMap.statuses {
            add("status", s, s, count: all.filter { $0.status == s }.count, { $0.status = $1 }, active: current.status)
        }
        for c in inMap.communities {
            add(
                "community", c.id, c.label, count: all.filter { $0.communities.contains { $0.id == c.id } }.count,
                { $0.community = $1 }, active: current.community)
        }
        for a in inMap.clinical {
            add(
                "clinical", a, a, count: all.filter { $0.clinical.contains(a) }.count, { $0.clinical = $1 },
                active: current.clinical)
        }
        for d in inMap.dimensions {
            add(
                "dimension", d, d, count: all.filter { $0.dimension == d }.count, { $0.dimension = $1 },
                active: current.dimension)
        }
        return choices
    }

    func expectPickerMatchesFreshBuild(_ h: inout Harness, sourceLocation: SourceLocation = #_sourceLocation) throws {
        h.press(.char("f"))
        let picker = try #require(h.app.dialog as? ReviewPicker, "no filter picker", sourceLocation: sourceLocation)
        #expect(
            picker.choices(in: h.app.document.graph)
                == referencePicker(h.app.document.graph, current: h.app.review.filter), sourceLocation: sourceLocation)
        #expect(
            h.app.reviewCache.facetCounts == ReviewCache(graph: h.app.document.graph).facetCounts,
            sourceLocation: sourceLocation)
        h.press(.escape)
    }

    @Test func pickerCountsEqualAFreshCountAfterEdits() throws {
        // A barrier listing a clinical area twice and a community linked twice count once each.
        let map =
            reviewSessionMap
            + "\nbarrier twice \"Named «twice» 二重\"\n  clinical: maternity, maternity\n  status: parked\n  dimension: wholly-new\ntwice -> refugees affects\nrefugees -> twice faces\n"
        var h = try Harness(map)
        h.press(.char("4"))
        try expectPickerMatchesFreshBuild(&h)
        let edits: [(MapDocument) throws -> Change] = [
            { try $0.setBarrierStatus("proof", to: "agreed") },
            { try $0.setAttribute(.node("hotels"), key: "clinical", value: "smi, cancer") },
            { try $0.setAttribute(.node("interpreter"), key: "dimension", value: "a-new-one") },
            { try $0.link(from: "interpreter", to: "refugees", relation: "affects") },
            { try $0.removeNode("proof") },
        ]
        for make in edits {
            #expect(h.app.edit(make) != nil)
            try expectPickerMatchesFreshBuild(&h)
        }
        // With filters active, their lines carry the ✓ and choosing one clears it.
        h.app.setReviewFilter(ReviewFilter(community: "refugees", clinical: "maternity"))
        try expectPickerMatchesFreshBuild(&h)
        h.press(.char("u"), .char("u"))
        try expectPickerMatchesFreshBuild(&h)
    }

    @Test func summaryIsComputedOnceAndEqualsAFreshOne() throws {
        var h = try Harness(reviewSessionMap)
        let start = MapDocument(text: reviewSessionMap).graph
        func expectFresh(sourceLocation: SourceLocation = #_sourceLocation) {
            let cached = h.app.review.summary
            #expect(cached?.version == h.app.version, sourceLocation: sourceLocation)
            #expect(
                cached?.summary == SessionSummary(start: start, now: h.app.document.graph),
                sourceLocation: sourceLocation)
        }
        h.press(.char("4"), .char("m"))
        expectFresh()
        #expect(h.app.review.summary?.summary.discussed.isEmpty == true)
        // Edits made while the summary is open (keys of the tab, and the app's edits) refresh it.
        h.press(.char("t"), .char("+"))
        expectFresh()
        #expect(h.app.edit { try $0.addReviewNote("hotels", date: "2025-03-01", text: "Café «ÉTÉ» 🎉") } != nil)
        expectFresh()
        // The summary looks at the nodes edits touched alone.
        #expect(h.app.changedSinceStart == ["hotels"])
        #expect(h.app.edit { try $0.proposeImprovement(for: "hotels", id: "buddy", label: "Buddy scheme") } != nil)
        expectFresh()
        #expect(h.app.changedSinceStart == ["hotels", "buddy"])
        #expect(h.screen.contains("Buddy scheme"))
        h.press(.char("u"))
        expectFresh()
        #expect(!h.screen.contains("Buddy scheme"))
        // Leaving the summary drops it; opening it again computes it for the current document.
        h.press(.escape)
        #expect(h.app.review.summary == nil)
        h.press(.char("m"))
        expectFresh()
        #expect(h.app.review.summary?.summary.notes.count == 1)
    }
}
