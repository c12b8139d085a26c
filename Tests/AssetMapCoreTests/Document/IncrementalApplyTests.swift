import Foundation
import Testing
@testable import AssetMapCore
import AssetMapTestSupport

/// `apply` re-reads only the edited record for attribute edits; the graph must be exactly what
/// parsing the whole edited text gives, for every kind of edit, before and after undo.
@Suite struct IncrementalApply {
    static let base = """
        # a comment
        map "T"
          area: Walsall

        kind venue "Venues"

        community refugees "Refugees — لاجئون"
          plus: yes
          note: first
          + second
          note: repeated

        # between records
        organisation rmc "RMC"

        venue hall "Hall"
          when: Fridays

        barrier poa "Proof of address"
          status: open
          # a comment among attributes
          clinical: smi, cancer

        community orphan "No edges"

        refugees -> rmc trusts
        poa -> refugees affects
          owner: someone
        hall -> refugees "gathers at"

        """

    static let variants: [(String, String)] = [
        ("lf", base),
        ("crlf", base.replacingOccurrences(of: "\n", with: "\r\n")),
        ("no final newline", String(base.dropLast())),
    ]

    typealias Edit = @Sendable (MapDocument) throws -> Change

    static let edits: [(String, Edit)] = [
        ("set existing, same length", { try $0.setAttribute(.node("poa"), key: "status", value: "agreed") }),
        ("set to several lines", { try $0.setAttribute(.node("poa"), key: "status", value: "a\nb\nc") }),
        ("set several lines to one", { try $0.setAttribute(.node("refugees"), key: "note", value: "one") }),
        ("set new key", { try $0.setAttribute(.node("rmc"), key: "when", value: "Mondays") }),
        (
            "set on a node of a declared kind",
            { try $0.setAttribute(.node("hall"), key: "when", value: "Sundays\nand Mondays") }
        ),
        ("set header", { try $0.setAttribute(.header, key: "area", value: "Walsall and\nWednesbury") }),
        ("set new header key", { try $0.setAttribute(.header, key: "owner", value: "ICS") }),
        (
            "set edge",
            {
                try $0.setAttribute(
                    .edge(from: "poa", to: "refugees", relation: "affects"), key: "owner", value: "x\ny")
            }
        ),
        (
            "set new edge key",
            {
                try $0.setAttribute(
                    .edge(from: "hall", to: "refugees", relation: "gathers at"), key: "since", value: "2021")
            }
        ),
        ("add repeated key", { try $0.addAttribute(.node("refugees"), key: "note", value: "third") }),
        ("remove one occurrence", { try $0.removeAttribute(.node("refugees"), key: "note", occurrence: 0) }),
        ("remove all", { try $0.removeAttribute(.node("refugees"), key: "note") }),
        ("remove last attribute of a record", { try $0.removeAttribute(.node("hall"), key: "when") }),
        ("set on a record without attributes", { try $0.setAttribute(.node("orphan"), key: "plus", value: "no") }),
        ("add node", { try $0.addNode(kind: "community", id: "new", label: "New", attributes: [("plus", "yes")]) }),
        ("link", { try $0.link(from: "rmc", to: "hall", relation: "runs") }),
        ("remove node", { try $0.removeNode("refugees") }),
        ("rename", { try $0.renameNode("rmc", label: "Refugee and Migrant Centre") }),
        ("change id", { try $0.changeID("poa", to: "proof") }),
    ]

    static func expectSameGraph(_ a: MapGraph, _ b: MapGraph, _ context: String) {
        #expect(a.header == b.header, "\(context): header")
        #expect(a.kinds == b.kinds, "\(context): kinds")
        #expect(a.nodes == b.nodes, "\(context): nodes")
        #expect(a.edges == b.edges, "\(context): edges")
        #expect(a.syntaxErrors == b.syntaxErrors, "\(context): syntax errors")
        #expect(a.nodeIndex == b.nodeIndex, "\(context): node index")
        #expect(a.outgoing == b.outgoing && a.incoming == b.incoming, "\(context): adjacency")
        #expect(a.unresolvedEnds == b.unresolvedEnds, "\(context): unresolved edge ends")
    }

    @Test(arguments: variants.indices, edits.indices)
    func graphMatchesAFullParse(_ variant: Int, _ edit: Int) throws {
        let (variantName, text) = Self.variants[variant]
        let (editName, makeChange) = Self.edits[edit]
        var document = MapDocument(text: text)
        let change = try makeChange(document)
        document.perform(change)
        Self.expectSameGraph(document.graph, MapDocument(text: document.text).graph, "\(variantName), \(editName)")
        document.perform(change.inverse)
        #expect(document.text == text)
        Self.expectSameGraph(document.graph, MapDocument(text: text).graph, "\(variantName), \(editName), undone")
    }

    /// The edits above really take the short path (else the tests above prove nothing about it): attribute
    /// edits and renames keep every index, the others splice records; a map with a syntax error is re-read whole.
    @Test(arguments: variants.indices)
    func editsReReadOnlyTheirRecords(_ variant: Int) throws {
        let text = Self.variants[variant].1
        for (name, makeChange) in Self.edits {
            var document = MapDocument(text: text)
            let delta = document.apply(try makeChange(document))
            #expect(delta != nil, "\(name)")
            let keepsIndices =
                ["set", "add", "remove", "rename"].contains { name.hasPrefix($0 + " ") || name == $0 }
                && name != "add node" && name != "remove node"
            #expect(delta?.splices.isEmpty == keepsIndices, "\(name)")
        }
        var broken = MapDocument(text: text + "bad line here\n")
        #expect(broken.apply(try broken.setAttribute(.node("poa"), key: "status", value: "agreed")) == nil)
        Self.expectSameGraph(broken.graph, MapDocument(text: broken.text).graph, "map with an error")
    }

    /// A node's edges on touching lines go in one splice (each splice costs the graph a pass over its tail).
    @Test func touchingLinesAreRemovedInOneSplice() throws {
        var document = MapDocument(text: Self.base)
        let change = try document.removeNode("refugees")
        #expect(change.splices.count == 2)
        #expect(change.splices.map(\.removed.count) == [4, 5])
        document.perform(change)
        #expect(!document.text.contains("refugees"))
        document.perform(change.inverse)
        #expect(document.text == Self.base)
    }

    /// What each kind of edit reports, for the caches that follow it.
    @Test func deltasNameWhatChanged() throws {
        var document = MapDocument(text: Self.base)
        let added = document.apply(try document.addNode(kind: "community", id: "new", label: "New"))
        #expect(added?.splices == [RecordSplice(nodes: 5..<5, insertedNodes: 1, edges: 0..<0, insertedEdges: 0)])
        #expect(added?.touched == ["new"])
        let linked = document.apply(try document.link(from: "new", to: "poa", relation: "meets"))
        #expect(linked?.splices == [RecordSplice(nodes: 6..<6, insertedNodes: 0, edges: 3..<3, insertedEdges: 1)])
        #expect(linked?.touched == ["new", "poa"])
        // Removing a node reports the nodes its remaining links reached.
        var bare = document
        let lines = bare.graph.nodes[bare.graph.nodeIndex["refugees"]!]
        let removed = bare.apply(
            Change(
                "drop a line",
                [Splice(start: lines.line, removed: Array(bare.lines[lines.line..<lines.endLine]), inserted: [])]))
        #expect(removed?.touched == ["refugees", "rmc", "poa", "hall"])
        #expect(bare.graph.unresolvedEnds == 3)
        let voted = document.apply(try document.setAttribute(.node("poa"), key: "votes", value: "3"))
        #expect(voted?.splices == [])
        #expect(voted?.touched == ["poa"])
    }

    /// A map large enough for the two-core passes (line shifts, adjacency shifts) to run on both cores.
    @Test func largeMapsTakeTheTwoCorePathsExactly() throws {
        var text = "map \"Large\"\n\n"
        for n in 0..<12_000 { text += "community c\(n) \"C \(n)\"\n  note: \(n)\n" }
        text += "\n"
        for n in 0..<12_000 {
            text += "c\(n) -> c\((n * 7 + 1) % 12_000) meets\nc\(n) -> c\((n * 13 + 5) % 12_000) trusts\n"
        }
        var document = MapDocument(text: text)
        let edits: [(MapDocument) throws -> Change] = [
            { try $0.link(from: "c10", to: "c11000", relation: "knows") },
            { try $0.removeNode("c20") },
            { try $0.addNode(kind: "community", id: "new", label: "New") },
            { try $0.unlink(from: "c100", to: "c701", relation: "meets") },
        ]
        for make in edits {
            let change = try make(document)
            #expect(document.apply(change) != nil)
            Self.expectSameGraph(document.graph, MapDocument(text: document.text).graph, change.summary)
        }
    }

    /// Random splices of whole lines, records or not, valid or not, on small maps: after each, the graph is
    /// exactly what parsing the text afresh gives, and undoing them all gives back the text.
    @Test(arguments: 1...6)
    func randomSplicesMatchAFullParse(_ seed: UInt64) {
        let pool = [
            "community c\(seed) \"Community\"", "barrier b1 \"Barrier one\"", "barrier b2 \"Barrier two\"",
            "improvement i1 \"Idea\"", "organisation o1 \"Org\"", "venue v1 \"Venue\"", "place refugees \"Again\"",
            "b1 -> c\(seed) affects", "b2 -> refugees affects", "i1 -> b1 addresses", "o1 -> ghost runs",
            "ghost -> b2 \"is near\"",
            "refugees -> refugees self", "c\(seed) -> o1 trusts",
            "  status: open", "  votes: 2", "  + more", "  note: x", "# comment", "", "   ", "\r",
            "kind club \"Clubs\"", "map \"Second\"", "bad line", "  Bad: key", "community", "hall -> \"unterminated",
        ]
        var random = SeededRandom(seed: seed)
        var document = MapDocument(text: Self.base)
        var history: [Change] = []
        for step in 0..<250 {
            let count = document.lines.count
            let start = random.below(count + 1)
            let removed = random.below(3) == 0 ? 0 : min(count - start, random.below(4))
            let inserted = (0..<random.below(4)).map { _ in pool[random.below(pool.count)] }
            let change = Change(
                "step \(step)",
                [Splice(start: start, removed: Array(document.lines[start..<(start + removed)]), inserted: inserted)])
            document.apply(change)
            history.append(change)
            Self.expectSameGraph(document.graph, MapDocument(text: document.text).graph, "seed \(seed), step \(step)")
            // Now and then undo a few, checking on the way.
            if random.below(5) == 0 {
                for _ in 0..<min(history.count, 1 + random.below(3)) {
                    document.apply(history.removeLast().inverse)
                    Self.expectSameGraph(
                        document.graph, MapDocument(text: document.text).graph, "seed \(seed), undo after step \(step)")
                }
            }
            // Keep most maps free of errors, so the short path is what gets exercised.
            if !document.graph.syntaxErrors.isEmpty && random.below(4) != 0 {
                document.apply(history.removeLast().inverse)
            }
        }
        for change in history.reversed() { document.apply(change.inverse) }
        #expect(document.text == Self.base)
    }

    /// Many edits in a row, each on the result of the last, like a review session.
    @Test func aSequenceOfEditsStaysExact() throws {
        var document = MapDocument(text: Self.base)
        var undo: [Change] = []
        for round in 0..<12 {
            for ref in [
                RecordRef.node("refugees"), .node("poa"), .header,
                .edge(from: "poa", to: "refugees", relation: "affects"),
            ] {
                let value =
                    round % 3 == 0 ? "v\(round)" : round % 3 == 1 ? "v\(round)\nmore" : "v\(round)\nmore\nand more"
                let change = try document.setAttribute(ref, key: round % 2 == 0 ? "note" : "votes", value: value)
                document.perform(change)
                undo.append(change)
                Self.expectSameGraph(document.graph, MapDocument(text: document.text).graph, "round \(round), \(ref)")
            }
        }
        for change in undo.reversed() { document.perform(change.inverse) }
        #expect(document.text == Self.base)
        Self.expectSameGraph(document.graph, MapDocument(text: Self.base).graph, "all undone")
    }
}

/// Found by the fuzzer: deleting the first record put a mid-file U+FEFF at the start of the file, where a
/// fresh read takes it for a byte-order mark; the edited document now agrees with that read.
@Suite struct ByteOrderMarkFromMidFile {
    @Test func aFEFFThatBecomesTheFirstCharacterIsAByteOrderMark() throws {
        var document = MapDocument(text: "place a \"A\"\n\u{FEFF}place b \"B\"\n")
        document.perform(try document.removeNode("a"))
        #expect(document.hasByteOrderMark)
        #expect(RandomEdits.differenceFromFullParse(document) == nil)
        #expect(document.data == Data("\u{FEFF}place b \"B\"\n".utf8))
    }
}
