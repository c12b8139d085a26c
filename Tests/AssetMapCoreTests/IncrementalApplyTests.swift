import Testing
@testable import AssetMapCore

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
        ("set on a node of a declared kind", { try $0.setAttribute(.node("hall"), key: "when", value: "Sundays\nand Mondays") }),
        ("set header", { try $0.setAttribute(.header, key: "area", value: "Walsall and\nWednesbury") }),
        ("set new header key", { try $0.setAttribute(.header, key: "owner", value: "ICS") }),
        ("set edge", { try $0.setAttribute(.edge(from: "poa", to: "refugees", relation: "affects"), key: "owner", value: "x\ny") }),
        ("set new edge key", { try $0.setAttribute(.edge(from: "hall", to: "refugees", relation: "gathers at"), key: "since", value: "2021") }),
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

    /// The attribute edits above really take the short path (else the tests above prove nothing about it);
    /// a map with a syntax error is always re-read whole.
    @Test(arguments: variants.indices)
    func attributeEditsReReadOnlyTheirRecord(_ variant: Int) throws {
        let text = Self.variants[variant].1
        for (name, makeChange) in Self.edits {
            let document = MapDocument(text: text)
            let change = try makeChange(document)
            var edited = document
            edited.perform(change)
            var graph = document.graph
            let short = Parser.reparse(&graph, lines: edited.lines, splices: change.splices)
            let isAttributeEdit = ["set", "add", "remove"].contains { name.hasPrefix($0 + " ") } && name != "add node"
                && name != "remove node"
            #expect(short == isAttributeEdit, "\(name)")
        }
        let broken = MapDocument(text: text + "bad line here\n")
        let change = try broken.setAttribute(.node("poa"), key: "status", value: "agreed")
        var edited = broken
        edited.perform(change)
        var graph = broken.graph
        #expect(!Parser.reparse(&graph, lines: edited.lines, splices: change.splices))
        Self.expectSameGraph(edited.graph, MapDocument(text: edited.text).graph, "map with an error")
    }

    /// Many edits in a row, each on the result of the last, like a review session.
    @Test func aSequenceOfEditsStaysExact() throws {
        var document = MapDocument(text: Self.base)
        var undo: [Change] = []
        for round in 0..<12 {
            for ref in [RecordRef.node("refugees"), .node("poa"), .header, .edge(from: "poa", to: "refugees", relation: "affects")] {
                let value = round % 3 == 0 ? "v\(round)" : round % 3 == 1 ? "v\(round)\nmore" : "v\(round)\nmore\nand more"
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
