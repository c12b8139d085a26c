import Testing
@testable import AssetMapCore

/// Labels that break naive DOT writers. Shared with the CLI test that feeds them to the real `dot`.
let hostileMap = #"""
    map "Title with \"quotes\" and a trailing backslash \\"
    community node "He said \"hi\" {braces} [brackets] <b>bold</b> & co; a=b"
      private-source: told in confidence
      note: edge -> graph; "quoted" \ backslash
    community edge "Trailing backslash \\"
    place graph "C:\\path\\n\\N\\G \\l not an escape"
    organisation subgraph "# not a comment // nor this /* or this */"
    barrier strict "مجتمع اللاجئين"
      status: open
    improvement digraph "难民社区 🏳️‍🌈 👩🏽‍⚕️ emoji"
    community 42 "Starts with a digit"
    community _x.y-z "&amp; &lt; entity-like text"
    place Node "Different case: Node, NODE"
    node -> edge "relation with \"quotes\" \\"
    edge -> graph affects
    strict -> node affects
      private-note: secret edge note
    digraph -> strict addresses
    42 -> subgraph "<html> & {x}"
    _x.y-z -> Node "#"
    Node -> node "->"
    """#

@Suite struct Dot {
    let graph = MapDocument(text: hostileMap).graph

    @Test func hostileMapParsesCleanly() {
        #expect(graph.syntaxErrors == [])
        #expect(graph.nodes.count == 9)
        #expect(graph.edges.count == 7)
    }

    /// XML 1.0 forbids control characters, so Graphviz's SVG of one would not be well-formed.
    @Test func controlCharactersBecomeReplacementCharacters() {
        #expect(DotExport.quote("a\u{1b}[2Jb\u{7f}c\u{9b}d\te\u{a3}") == "\"a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d\te\u{a3}\"")
    }

    @Test func quoteEscapesQuotesBackslashesNewlinesAndAmpersands() {
        #expect(DotExport.quote(#"a"b"#) == #""a\"b""#)
        #expect(DotExport.quote(#"ends with \"#) == #""ends with \\""#)
        #expect(DotExport.quote("two\nlines") == #""two\nlines""#)
        #expect(DotExport.quote(#"\N"#) == #""\\N""#)
        #expect(DotExport.quote("a & b") == #""a &amp; b""#)
        #expect(DotExport.quote("{x} <y> #z") == #""{x} <y> #z""#)
    }

    @Test func everyIDIsQuotedAndEveryQuotedStringCloses() throws {
        let dot = try DotExport.dot(
            graph,
            options: {
                var o = DotOptions(); o.legend = true; o.cluster = true; return o
            }())
        for id in ["node", "edge", "graph", "subgraph", "strict", "digraph", "42", "_x.y-z", "Node"] {
            #expect(dot.contains("\n  \"\(id)\" [") || dot.contains("\n    \"\(id)\" ["), "node statement for \(id)")
        }
        // Every line is balanced: outside strings, quotes come in pairs, and `\"` never ends a string.
        for line in dot.split(separator: "\n") {
            var inString = false, escaped = false
            for ch in line {
                if escaped { escaped = false; continue }
                if inString && ch == "\\" { escaped = true; continue }
                if ch == "\"" { inString.toggle() }
            }
            #expect(!inString, "unterminated string in: \(line)")
        }
        #expect(dot.contains(#"label="Trailing backslash \\""#))
        #expect(dot.contains("&amp;amp; &amp;lt;"))
    }

    @Test func sameMapGivesByteIdenticalDOT() throws {
        var options = DotOptions()
        options.legend = true
        options.cluster = true
        let first = try DotExport.dot(graph, options: options)
        let second = try DotExport.dot(MapDocument(text: hostileMap).graph, options: options)
        #expect(first == second)
    }

    @Test func privateAttributesOnlyWhenAskedFor() throws {
        let plain = try DotExport.dot(graph)
        #expect(!plain.contains("private-"))
        #expect(!plain.contains("told in confidence"))
        #expect(!plain.contains("secret edge note"))
        #expect(plain.contains("note: edge -&gt;") == false)  // values are not HTML-escaped beyond &
        #expect(plain.contains("note: edge -> graph"))
        var options = DotOptions()
        options.includePrivate = true
        let all = try DotExport.dot(graph, options: options)
        #expect(all.contains("private-source: told in confidence"))
        #expect(all.contains("private-note: secret edge note"))
    }

    func nodeIDs(_ dot: String) -> [String] {
        dot.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("\""), let close = trimmed.dropFirst().firstIndex(of: "\""),
                trimmed[trimmed.index(after: close)...].hasPrefix(" [")
            else { return nil }
            return String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
        }
    }

    @Test func focusKeepsTheNeighbourhoodWithinDepth() throws {
        var options = DotOptions()
        options.focus = "strict"
        options.depth = 1
        #expect(nodeIDs(try DotExport.dot(graph, options: options)) == ["node", "strict", "digraph"])
        options.depth = 2
        #expect(nodeIDs(try DotExport.dot(graph, options: options)) == ["node", "edge", "Node", "strict", "digraph"])
        options.depth = 0
        let only = try DotExport.dot(graph, options: options)
        #expect(nodeIDs(only) == ["strict"])
        #expect(!only.contains("->"))
        #expect(only.contains("penwidth=3"))
    }

    @Test func kindFilterIsRepeatableAndDropsDanglingEdges() throws {
        var options = DotOptions()
        options.kinds = ["community", "place"]
        let dot = try DotExport.dot(graph, options: options)
        #expect(nodeIDs(dot) == ["node", "edge", "42", "_x.y-z", "graph", "Node"])
        #expect(dot.contains(#""node" -> "edge""#))
        #expect(!dot.contains(#""strict" -> "node""#))
    }

    @Test func unknownKindOrFocusIsAnErrorWithASuggestion() {
        var options = DotOptions()
        options.kinds = ["organization"]
        #expect(throws: DotExportError(description: "unknown kind 'organization' (did you mean 'organisation'?)")) {
            try DotExport.dot(graph, options: options)
        }
        options = DotOptions()
        options.focus = "stric"
        #expect(throws: DotExportError(description: "no node with id 'stric' (did you mean 'strict'?)")) {
            try DotExport.dot(graph, options: options)
        }
    }

    @Test func clusterLegendAndRankdir() throws {
        var options = DotOptions()
        options.cluster = true
        options.legend = true
        options.rankdir = .TB
        let dot = try DotExport.dot(graph, options: options)
        #expect(dot.contains("rankdir=TB"))
        #expect(dot.contains(#"subgraph "cluster_community" {"#))
        #expect(dot.contains(#"graph [label="Communities""#))
        #expect(dot.contains(#""legend:barrier" [label="Barrier", shape=octagon"#))
        let plain = try DotExport.dot(graph)
        #expect(!plain.contains("subgraph \"cluster"))
        #expect(plain.contains("rankdir=LR"))
    }

    @Test func eachBuiltinKindHasItsOwnTagColourRoleShapeAndColour() {
        let looks = BuiltinKind.allCases.map { graph.presentation(ofKind: $0.name) }
        #expect(looks.map(\.tag) == ["[C]", "[O]", "[P]", "[B]", "[I]"])
        #expect(Set(looks.map(\.colorRole)).count == 5 && !looks.contains { $0.colorRole == .declared })
        #expect(Set(looks.map(\.dot.shape)).count == 5)
        #expect(Set(looks.map(\.dot.fill)).count == 5)
    }

    @Test func declaredKindsTakeTheirFirstLetterAndTheExtraStylesInDeclarationOrder() {
        let doc = MapDocument(text: "kind event \"Events\"\nkind venue \"Venues\"\n")
        let event = doc.graph.presentation(ofKind: "event"), venue = doc.graph.presentation(ofKind: "venue")
        #expect(event.tag == "[E]" && venue.tag == "[V]")
        #expect(event.colorRole == .declared)
        #expect(event.dot.shape == "note" && venue.dot.shape == "component")
    }

    @Test func wrapBreaksAtSpacesOnly() {
        #expect(
            DotExport.wrap("Refugees and people seeking asylum", width: 22) == "Refugees and people\nseeking asylum")
        #expect(
            DotExport.wrap("Supercalifragilistic-expialidocious", width: 10) == "Supercalifragilistic-expialidocious")
    }

    @Test func largeForceLayoutsAreScaledApartRatherThanTriangulated() throws {
        func graphLine(nodes: Int, engine: DotOptions.Engine) throws -> String {
            var text = ""
            for i in 0..<nodes { text += "place p\(i) \"Place \(i)\"\n" }
            var options = DotOptions()
            options.engine = engine
            let dot = try DotExport.dot(MapDocument(text: text).graph, options: options)
            return try #require(dot.split(separator: "\n").first { $0.hasPrefix("  graph [") }.map(String.init))
        }
        let small = try graphLine(nodes: DotExport.scaleApartAbove, engine: .sfdp)
        #expect(small.contains("overlap=prism, overlap_scaling=2"))
        let large = try graphLine(nodes: DotExport.scaleApartAbove + 1, engine: .sfdp)
        #expect(large.contains("overlap=scale, splines=false"))
        #expect(!large.contains("prism"))
        // dot ranks and never removes overlaps.
        #expect(!(try graphLine(nodes: DotExport.scaleApartAbove + 1, engine: .dot)).contains("overlap"))
    }
}
