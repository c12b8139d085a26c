import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit
import AssetMapTestSupport

/// The caches the app keeps up to date after each edit (search keys, review cards and deck) must give
/// exactly what building them afresh from the edited document gives.
@Suite struct IncrementalCacheTests {
    static let queries = [
        "r", "re", "ref", "refu", "o", "op", "open", "9", "maternity", "smi", "é", "café", "zz", "proof", "hot", "p",
        "a b",
    ]

    /// The deck as the core defines it, built from scratch.
    func referenceDeck(_ graph: MapGraph, filter: ReviewFilter, order: [String]?) -> [String] {
        (order.map { Review.deck(graph, filter: filter, order: $0) } ?? Review.deck(graph, filter: filter)).map(\.id)
    }

    func expectCachesMatchFreshBuild(_ app: AssetMapApp, sourceLocation: SourceLocation = #_sourceLocation) {
        // The caches themselves, not what would be made afresh without them.
        #expect(app.session.madeSearchIndex != nil && app.review.madeCache != nil, sourceLocation: sourceLocation)
        let graph = app.document.graph
        let fresh = SearchIndex(graph: graph, version: 0)
        for query in Self.queries {
            #expect(
                app.searchIndex.matches(query) == fresh.matches(query), "query \(query)", sourceLocation: sourceLocation
            )
        }
        let cards = Review.cards(graph)
        #expect(app.reviewCache.cards == cards, sourceLocation: sourceLocation)
        let deck = app.reviewDeck
        #expect(
            deck.map(\.id) == referenceDeck(graph, filter: app.review.filter, order: app.review.order),
            sourceLocation: sourceLocation)
        let byID = Dictionary(cards.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(deck.allSatisfy { byID[$0.id] == $0 }, sourceLocation: sourceLocation)
        #expect(app.reviewCache.grid() == Review.grid(Array(deck)), sourceLocation: sourceLocation)
        for (i, card) in deck.enumerated() {
            #expect(app.reviewCache.deckIndex(of: card.id) == i, sourceLocation: sourceLocation)
        }
        #expect(app.reviewCache.facetCounts == ReviewCache(graph: graph).facetCounts, sourceLocation: sourceLocation)
        let index = DocumentIndex(graph: graph)
        #expect(
            app.index.kindNodes == index.kindNodes && app.index.kindOfNode == index.kindOfNode
                && app.index.rowOfNode == index.rowOfNode,
            sourceLocation: sourceLocation)
        #expect(app.index.relations == index.relations, sourceLocation: sourceLocation)
    }

    /// Random edits of every kind, each followed by the caches; now and then undone. The session summary,
    /// which looks only at the nodes edits touched, must equal one that compares every node.
    @Test(arguments: 1...4)
    func randomEditsKeepEveryCacheExact(_ seed: UInt64) throws {
        var h = try Harness(reviewSessionMap)
        while h.app.idle() {}  // as the backend does after the first frame
        let start = MapDocument(text: reviewSessionMap).graph
        h.press(.char("4"))
        if seed % 2 == 0 { h.press(.char("n")) }  // a fixed order
        var random = SeededRandom(seed: seed)
        var serial = 0
        for step in 0..<60 {
            let graph = h.app.document.graph
            func anyNode() -> String { graph.nodes[random.below(graph.nodes.count)].id }
            serial += 1
            let kinds = ["community", "organisation", "place", "barrier", "improvement"]
            let made = h.app.edit { document in
                switch random.below(10) {
                case 0:
                    return try document.addNode(
                        kind: kinds[random.below(5)], id: "n\(serial)", label: "Node \(serial)",
                        attributes: random.below(2) == 0 ? [("status", "agreed")] : [])
                case 1:
                    return try document.link(
                        from: anyNode(), to: anyNode(), relation: ["affects", "addresses", "meets"][random.below(3)])
                case 2: return try document.removeNode(anyNode())
                case 3:
                    guard let edge = graph.edges.isEmpty ? nil : graph.edges[random.below(graph.edges.count)] else {
                        throw EditError("none")
                    }
                    return try document.unlink(from: edge.from, to: edge.to, relation: edge.relation)
                case 4: return try document.changeID(anyNode(), to: "renamed\(serial)")
                case 5: return try document.renameNode(anyNode(), label: "Relabelled \(serial)")
                case 6:
                    let barriers = graph.nodes.filter { $0.kind == "barrier" }
                    guard !barriers.isEmpty else { throw EditError("none") }
                    return try document.proposeImprovement(
                        for: barriers[random.below(barriers.count)].id, label: "Idea \(serial)")
                case 7:
                    let key = ["status", "votes", "clinical"][random.below(3)]
                    return try document.setAttribute(
                        .node(anyNode()), key: key, value: key == "votes" ? String(random.below(4)) : "maternity")
                case 8:
                    // An edge's relation rewritten by hand.
                    guard let edge = graph.edges.isEmpty ? nil : graph.edges[random.below(graph.edges.count)] else {
                        throw EditError("none")
                    }
                    let line = "\(edge.from) -> \(edge.to) \(["affects", "meets", "\"gathers at\""][random.below(3)])"
                    return Change(
                        "relate \(edge.from)",
                        [Splice(start: edge.line, removed: [document.lines[edge.line]], inserted: [line])])
                default:
                    // A node changes kind: its record line rewritten by hand.
                    let node = graph.nodes[random.below(graph.nodes.count)]
                    let line = "\(kinds[random.below(5)]) \(node.id) \"\(node.label)\""
                    return Change(
                        "retype \(node.id)",
                        [Splice(start: node.line, removed: [document.lines[node.line]], inserted: [line])])
                }
            }
            if made == nil { continue }
            expectCachesMatchFreshBuild(h.app)
            #expect(
                h.app.reviewSummaryFromScratch == SessionSummary(start: start, now: h.app.document.graph),
                "seed \(seed), step \(step)")
            if random.below(4) == 0 {
                h.press(.char("u"))
                expectCachesMatchFreshBuild(h.app)
                #expect(
                    h.app.reviewSummaryFromScratch == SessionSummary(start: start, now: h.app.document.graph),
                    "seed \(seed), undo \(step)")
            }
        }
        #expect(h.app.changedSinceStart != nil, "the edits were followed, not re-read")
    }

    @Test func attributeEditsKeepSearchAndReviewCachesExact() throws {
        var h = try Harness(reviewSessionMap)
        while h.app.idle() {}  // as the backend does after the first frame
        expectCachesMatchFreshBuild(h.app)
        h.press(.char("4"), .char("n"))  // fixes the deck's order
        let edits: [(MapDocument) throws -> Change] = [
            { try $0.vote("interpreter", by: 10) },
            { try $0.setBarrierStatus("proof", to: "open") },
            { try $0.addReviewNote("hotels", date: "2025-03-01", text: "Refugee café «ÉTÉ» heard it") },
            // An improvement's status shows on the cards of the barriers it addresses.
            { try $0.setAttribute(.node("cards"), key: "status", value: "agreed") },
            { try $0.setAttribute(.node("refugees"), key: "note", value: "Meets at the Café") },
            { try $0.removeAttribute(.node("proof"), key: "clinical") },
            {
                try $0.setAttribute(
                    .edge(from: "proof", to: "refugees", relation: "affects"), key: "since", value: "2024")
            },
        ]
        for make in edits {
            #expect(h.app.edit(make) != nil)
            expectCachesMatchFreshBuild(h.app)
        }
        for _ in edits {
            h.press(.char("u"))
            expectCachesMatchFreshBuild(h.app)
        }
        #expect(h.app.document.text == reviewSessionMap)
        h.press(.ctrl("r"))
        expectCachesMatchFreshBuild(h.app)
    }

    @Test func structuralEditsAndFiltersRebuildTheCaches() throws {
        var h = try Harness(reviewSessionMap)
        while h.app.idle() {}  // as the backend does after the first frame
        h.press(.char("4"))
        h.app.setReviewFilter(ReviewFilter(clinical: "maternity"))
        expectCachesMatchFreshBuild(h.app)
        // A barrier that comes to match the filter joins the end of the fixed order.
        #expect(h.app.edit { try $0.setAttribute(.node("fares"), key: "clinical", value: "maternity") } != nil)
        expectCachesMatchFreshBuild(h.app)
        #expect(h.app.reviewDeck.last?.id == "fares")
        // One that stops matching stays until the filter changes.
        #expect(h.app.edit { try $0.removeAttribute(.node("interpreter"), key: "clinical") } != nil)
        expectCachesMatchFreshBuild(h.app)
        #expect(h.app.reviewDeck.contains { $0.id == "interpreter" })
        #expect(
            h.app.edit {
                try $0.addNode(
                    kind: "barrier", id: "queue", label: "Queue outside", attributes: [("clinical", "maternity")])
            } != nil)
        expectCachesMatchFreshBuild(h.app)
        #expect(h.app.edit { try $0.link(from: "queue", to: "refugees", relation: "affects") } != nil)
        expectCachesMatchFreshBuild(h.app)
        #expect(h.app.edit { try $0.removeNode("hotels") } != nil)
        expectCachesMatchFreshBuild(h.app)
        h.app.setReviewFilter(ReviewFilter())
        expectCachesMatchFreshBuild(h.app)
        #expect(h.app.edit { try $0.renameNode("cards", label: "Registration cards for all") } != nil)
        expectCachesMatchFreshBuild(h.app)
    }

    /// Random keys and mouse events (every dialog, edit, undo and tab), as a restless user would press them:
    /// nothing traps, the screen always draws, and the caches still equal a fresh build at the end.
    @Test(arguments: 1...3)
    func randomKeysNeverBreakTheAppOrItsCaches(_ seed: UInt64) throws {
        // Seed 3: labels and values a map from anywhere might hold, on an odd-sized screen.
        let hostile =
            reviewSessionMap + """

                community rtl "مجتمع اللاجئين والمهاجرين في وسط المدينة"
                  note: 👨‍👩‍👧 families «quoted» \\ back\\slash
                  + 第二行 second line
                place wide "中文社区中心中文社区中心中文社区中心中文社区中心中文社区中心"
                barrier long "\(String(repeating: "Very long barrier label ", count: 12))"
                  clinical: maternity, smi
                rtl -> long affects
                long -> wide "happens at"

                """
        let sizes = [(100, 30), (60, 16), (61, 17)]
        var h = try Harness(
            seed == 3 ? hostile : reviewSessionMap, width: sizes[Int(seed) - 1].0, height: sizes[Int(seed) - 1].1)
        while h.app.idle() {}  // as the backend does after the first frame
        var random = SeededRandom(seed: seed)
        let keys: [Key] =
            [
                .up, .down, .left, .right, .enter, .backspace, .tab, .escape, .pageUp, .pageDown, .home, .end,
                .altEnter, .ctrl("o"), .ctrl("u"), .ctrl("r"),
            ]
            // Not q (it would end the session) nor s (it would write the file: fine, but not the point).
            + "1234aeilrdnNu+-tfFmgcpo/yx?!".map { .char($0) } + "refugée 9".map { .char($0) }
        for _ in 0..<2000 {
            if random.chance(2) {
                // Now and then the terminal is resized, sometimes below the smallest usable size.
                h.app.update(.resize(width: 40 + random.below(90), height: 10 + random.below(35)))
            } else if random.chance(10) {
                let action = random.pick([MouseEvent.Action.press, .scrollUp, .scrollDown])
                h.app.update(
                    .mouse(MouseEvent(x: random.below(h.app.width), y: random.below(h.app.height), action: action)))
            } else {
                h.press(random.pick(keys))
            }
            _ = h.screen
            #expect(!h.app.isFinished)
        }
        h.app.modal = nil
        expectCachesMatchFreshBuild(h.app)
        let fresh = MapDocument(text: h.app.document.text).graph
        #expect(h.app.document.graph.nodes == fresh.nodes && h.app.document.graph.edges == fresh.edges)
        #expect(h.app.document.graph.outgoing == fresh.outgoing && h.app.document.graph.incoming == fresh.incoming)
        #expect(h.app.version > 5, "the keys made edits (and undid them): \(h.app.version)")
    }

    @Test func narrowingSearchGivesTheFullScansResults() throws {
        var index = SearchIndex(
            graph: MapDocument(
                text: reviewSessionMap + sampleMap.split(separator: "\n").dropFirst(2).joined(separator: "\n")
            ).graph, version: 0)
        let typed = [
            "r", "re", "ref", "refu", "ref", "re", "rea", "", "c", "ca", "caf", "café", "cafés", "P", "Pr", "pro",
            "proo", "proof",
        ]
        for query in typed {
            #expect(index.narrowingMatches(query) == index.matches(query), "query \(query)")
        }
    }

    @Test func scanSplitOverTwoCoresGivesTheSameResults() {
        // More matches than the limit, with ties in score and label length, so joining the halves' top lists matters.
        var text = ""
        for n in 0..<900 {
            text +=
                "place p\(n) \"\(["Refuge", "Open refuge", "Café \(n % 7)", "Proof room", "Library"][n % 5]) \(n % 13)\"\n"
            text += "  note: \(["free", "ramp", "open late", ""][n % 4])\n\n"
        }
        let graph = MapDocument(text: text).graph
        var split = SearchIndex(graph: graph, version: 0)
        split.parallelFrom = 1
        var whole = SearchIndex(graph: graph, version: 0)
        whole.parallelFrom = Int.max
        #expect(whole.matches("r").count == SearchIndex.limit)
        for query in ["r", "re", "ref", "e", "o", "op", "café", "1", "zz", "pr"] {
            #expect(split.matches(query) == whole.matches(query), "query \(query)")
            #expect(split.narrowingMatches(query) == whole.narrowingMatches(query), "query \(query)")
        }
    }

    @Test func oneByteQueriesScoreExactPrefixWordStartSubstring() {
        func reference(_ q: UInt8, _ f: [UInt8]) -> Int? {
            if f == [q] { return 1000 }
            if f.first == q { return 800 }
            let at = f.indices.filter { f[$0] == q }
            if at.contains(where: {
                !(f[$0 - 1] >= 0x61 && f[$0 - 1] <= 0x7A || f[$0 - 1] >= 0x30 && f[$0 - 1] <= 0x39 || f[$0 - 1] >= 0x80)
            }) {
                return 600
            }
            return at.isEmpty ? nil : 400
        }
        let fields = [
            "r", "e", "", "roma", "open refuge", "free-range", "caf\u{E9} r\u{E9}", "9 r", "xx", "a_r", "rr r",
        ]
        for field in fields {
            let f = Array(field.utf8)
            for q in Array("r e9_ x".utf8) {
                #expect(SearchIndex.score([q], in: f) == reference(q, f), "\(UnicodeScalar(q)) in \(field)")
            }
        }
    }

    /// The scan asks only for scores above a node's best so far; that must give the full score or nothing.
    @Test func scoresAboveAThresholdAreTheFullScoreOrNothing() {
        let fields = [
            "r", "re", "refugee", "free-range", "are", "r e", "xre", "rxe", "", "ref", "caf\u{E9} r\u{E9}", "ee r",
        ]
        let queries = ["r", "re", "ref", "e", "x", "", "ré", "rr"]
        for field in fields {
            let f = Array(field.utf8)
            for query in queries {
                let q = Array(query.utf8)
                let full = SearchIndex.score(q, in: f)
                for above in [Int.min, -1, 9, 10, 150, 199, 200, 399, 400, 599, 600, 799, 800, 999, 1000] {
                    let limited = q.withUnsafeBufferPointer { q in
                        f.withUnsafeBufferPointer { SearchIndex.score(q, in: $0, above: above) }
                    }
                    #expect(limited == full.flatMap { $0 > above ? $0 : nil }, "\(query) in \(field) above \(above)")
                }
            }
        }
    }

    @Test func lowercasedKeysMatchStringLowercased() {
        for text in ["Plain ASCII", "ÉTÉ Café", "ΣΟΦΙΑ", "İstanbul", "Straße", "日本語 Text", "emoji 🎉 OK", ""] {
            var bytes: [UInt8] = [0x21], text = text
            text.withUTF8 { SearchIndex.appendLowercased($0, to: &bytes) }
            #expect(bytes == [0x21] + Array(text.lowercased().utf8))
        }
    }
}

/// The search index and Review's cards are put off from opening the map and made while no key waits, as
/// the backend's idle does; asked for sooner, they are made afresh.
@Suite struct WorkAfterTheFirstFrame {
    @Test func idleMakesTheSearchIndexThenTheCardsOnceAndTheTabShowsThem() throws {
        var h = try Harness()
        #expect(h.app.session.madeSearchIndex == nil && h.app.review.madeCache == nil)
        #expect(
            h.app.searchIndex.matches("refu") == SearchIndex(graph: h.app.document.graph, version: 0).matches("refu"))
        let first = h.app.idle()
        #expect(first && h.app.session.madeSearchIndex != nil && h.app.review.madeCache == nil)
        var pieces = 1
        while h.app.idle() { pieces += 1 }
        #expect(pieces == 3)  // the search index, the session's start, the cards
        let made = try #require(h.app.review.madeCache)
        #expect(made.cards.map(\.id) == ReviewCache(graph: h.app.document.graph).cards.map(\.id))
        h.press(.char("4"))
        #expect(h.screen.contains("barrier 1 of \(made.cards.count)"))
    }

    /// Edits made before the idle work ran still count from the map as it was opened.
    @Test func theSessionStartsFromTheMapAsOpenedEvenWhenEditedBeforeIdle() throws {
        var h = try Harness(reviewSessionMap)
        let opened = h.app.document.graph
        h.press(.char("4"), .char("t"), .char("+"))
        while h.app.idle() {}
        let summary = h.app.reviewSummaryFromScratch
        #expect(summary == SessionSummary(start: ReviewSnapshot(opened), now: h.app.document.graph, changedIDs: nil))
        #expect(
            summary
                != SessionSummary(
                    start: ReviewSnapshot(h.app.document.graph), now: h.app.document.graph, changedIDs: nil))
    }
}
