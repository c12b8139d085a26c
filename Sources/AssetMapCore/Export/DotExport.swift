/// Graphviz DOT for slides and handouts. Deterministic: the same map gives byte-identical DOT.
package struct DotOptions: Equatable, Sendable {
    package enum RankDir: String, CaseIterable, Sendable { case LR, TB }
    /// Graphviz's layout programs: `dot` ranks (flows), the others place by forces or on a circle.
    package enum Engine: String, CaseIterable, Sendable { case dot, sfdp, neato, circo }

    /// Only these kinds (empty: all).
    package var kinds: [String] = []
    /// Only the nodes within `depth` edges of this one (either direction).
    package var focus: String?
    package var depth = 1
    /// One box per kind.
    package var cluster = false
    package var rankdir: RankDir = .LR
    package var legend = false
    /// Keys starting with `private-` stay out unless asked for.
    package var includePrivate = false
    package var engine: Engine = .dot
    package var edgeLabels = true
    /// Width over height of the drawing (16:9 is 16/9); the layout is stretched to fill it.
    package var aspect: Double?
    /// The picture's size in pixels at 96 dpi (1920x1080 for a full-HD slide).
    package var size: PixelSize?
    /// Attributes as hover text (SVG); a page that shows them itself turns this off.
    package var tooltips = true
    /// SVG element ids `n-ID` for nodes and `e-INDEX` for edges, so a page can find them.
    package var elementIDs = false
    /// The map's title above the drawing (a slide has its own).
    package var title = true
    /// Set per drawing: curving edges around nodes is slow on thousands of nodes, so large maps get straight ones.
    var curvedEdges = true
    /// Set per drawing: on large maps force layouts are scaled apart instead of Graphviz's prism overlap
    /// removal, which triangulates the whole drawing (most of sfdp's time on a large map; docs/BENCHMARKS.md).
    var scaleApart = false

    package init() {}
}

package struct PixelSize: Equatable, Sendable {
    package var width: Int
    package var height: Int
    package init(width: Int, height: Int) { self.width = width; self.height = height }

    /// `1920x1080`; nil unless both sides are whole numbers from 1 to 100,000.
    package init?(_ text: String) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...100_000).contains(w),
            (1...100_000).contains(h)
        else { return nil }
        self.init(width: w, height: h)
    }
}

extension DotOptions {
    /// `16:9`, `4:3`, `1.5`: width over height; nil unless positive.
    package static func aspect(_ text: String) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let value: Double?
        if parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]), h > 0 {
            value = w / h
        } else if parts.count == 1 {
            value = Double(parts[0])
        } else {
            value = nil
        }
        guard let value, value.isFinite, value > 0 else { return nil }
        return value
    }
}

package struct DotExportError: Error, CustomStringConvertible, Equatable, Sendable {
    package var description: String
}

package enum DotExport {
    /// Drawings of more nodes than this are scaled apart rather than de-overlapped by prism (`DotOptions.scaleApart`).
    package static let scaleApartAbove = 2_000

    package static func dot(_ graph: MapGraph, options: DotOptions = DotOptions()) throws -> String {
        let shown = try selectNodes(graph, options)
        var options = options
        options.curvedEdges = shown.count <= 1_000
        options.scaleApart = shown.count > scaleApartAbove
        var out = "digraph \(quote("asset map")) {\n"
        let shownEdges = edgesBetween(shown, graph)
        // Room for the whole text at once: growing a string of tens of megabytes copies it and briefly holds both.
        out.reserveCapacity(estimatedSize(shown, shownEdges, graph))
        var graphAttributes = [
            "rankdir=\(options.rankdir.rawValue)", "fontname=\"Helvetica\"", "labelloc=t", "fontsize=20",
        ]
        if options.title, let title = graph.header?.title { graphAttributes.append("label=\(quote(title))") }
        graphAttributes += layoutAttributes(options)
        out += "  graph [\(graphAttributes.joined(separator: ", "))];\n"
        out += "  node [style=\"filled\", fontname=\"Helvetica\", fontsize=12, margin=\"0.15,0.08\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];\n"

        let kindsInOrder = graph.kinds.map(\.name).filter { kind in shown.contains { graph.nodes[$0].kind == kind } }
        for kind in kindsInOrder {
            let members = shown.filter { graph.nodes[$0].kind == kind }
            var indent = "  "
            if options.cluster {
                let plural = graph.kind(named: kind)?.plural ?? kind
                out += "  subgraph \(quote("cluster_" + kind)) {\n"
                out += "    graph [label=\(quote(plural)), style=\"rounded,dashed\", color=\"#888888\"];\n"
                indent = "    "
            }
            for index in members { out += indent + nodeStatement(graph.nodes[index], graph, options) + "\n" }
            if options.cluster { out += "  }\n" }
        }

        for e in shownEdges {
            let edge = graph.edges[e]
            var attributes = options.edgeLabels ? ["label=\(quote(wrap(edge.relation, width: 18)))"] : []
            let tooltip = options.tooltips ? attributeText(edge, options) : ""
            if !tooltip.isEmpty { attributes.append("tooltip=\(quote(tooltip))") }
            if options.elementIDs { attributes.append("id=\"e-\(e)\"") }
            out += "  \(quote(edge.from)) -> \(quote(edge.to)) [\(attributes.joined(separator: ", "))];\n"
        }

        if options.legend { out += legend(kindsInOrder, graph) }
        out += "}\n"
        return out
    }

    /// The layout program and the page shape, written into the DOT so any Graphviz tool draws it the same way.
    private static func layoutAttributes(_ options: DotOptions) -> [String] {
        var attributes: [String] = []
        if options.engine != .dot {
            // Force and circle layouts overlap nodes by default; keep them apart, edges curving around them.
            let overlap = options.scaleApart ? ["overlap=scale"] : ["overlap=prism", "overlap_scaling=2"]
            attributes +=
                ["layout=\(options.engine.rawValue)"] + overlap + ["splines=\(options.curvedEdges)", "sep=\"+8\""]
        }
        if options.engine == .sfdp { attributes.append("K=1.2") }
        let aspect = options.aspect ?? options.size.map { Double($0.width) / Double($0.height) }
        if let size = options.size {
            // Graphviz sizes in inches; at 96 dpi the PNG comes out at the pixels asked for.
            attributes += ["size=\(quote(inches(size.width) + "," + inches(size.height) + "!"))", "dpi=96"]
        }
        if let aspect {
            // Graphviz's ratio is height over width; "fill" (with a size) stretches the layout to the page.
            attributes.append(options.size == nil ? "ratio=\(decimal(1 / aspect))" : "ratio=fill")
            attributes += ["pad=0.3", "bgcolor=white"]
        }
        return attributes
    }

    private static func inches(_ pixels: Int) -> String { decimal(Double(pixels) / 96) }

    private static func decimal(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    // MARK: Selection

    /// A little more than the DOT text will take (statement overheads plus the text of each record).
    private static func estimatedSize(_ shown: [Int], _ edges: [Int], _ graph: MapGraph) -> Int {
        func attributeBytes(_ attributes: [Attribute]) -> Int {
            attributes.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 8 }
        }
        var size = 4096
        for i in shown {
            let node = graph.nodes[i]
            size +=
                180 + node.id.utf8.count + node.kind.utf8.count + node.label.utf8.count * 11 / 10
                + attributeBytes(node.attributes)
        }
        for e in edges {
            let edge = graph.edges[e]
            size +=
                50 + edge.from.utf8.count + edge.to.utf8.count + edge.relation.utf8.count
                + attributeBytes(edge.attributes)
        }
        return size + size / 20
    }

    /// Indices of the edges whose two ends are shown, in file order; ends are found through adjacency, not by id.
    private static func edgesBetween(_ shown: [Int], _ graph: MapGraph) -> [Int] {
        guard graph.outgoing.count == graph.nodes.count, graph.incoming.count == graph.nodes.count else {
            let shownIDs = Set(shown.map { graph.nodes[$0].id })
            return graph.edges.indices.filter {
                shownIDs.contains(graph.edges[$0].from) && shownIDs.contains(graph.edges[$0].to)
            }
        }
        var fromShown = [Bool](repeating: false, count: graph.edges.count), toShown = fromShown
        for i in shown {
            for e in graph.outgoing[i] { fromShown[e] = true }
            for e in graph.incoming[i] { toShown[e] = true }
        }
        return graph.edges.indices.filter { fromShown[$0] && toShown[$0] }
    }

    /// Indices of the nodes to draw, in file order.
    private static func selectNodes(_ graph: MapGraph, _ options: DotOptions) throws -> [Int] {
        for kind in options.kinds where graph.kind(named: kind) == nil {
            throw DotExportError(description: Suggest.unknownKind(kind, among: graph.kinds.map(\.name)))
        }
        var keep = Set(graph.nodes.indices.filter { graph.nodeIndex[graph.nodes[$0].id] == $0 })
        var focusIndex: Int?
        if let focus = options.focus {
            guard let start = graph.nodeIndex[focus] else {
                throw DotExportError(description: Suggest.noSuchNode(focus, in: graph))
            }
            guard options.depth >= 0 else { throw DotExportError(description: "--depth must be 0 or more") }
            focusIndex = start
            var reached: Set<Int> = [start], frontier = [start]
            for _ in 0..<options.depth {
                var next: [Int] = []
                for i in frontier {
                    let neighbours =
                        graph.outgoing[i].compactMap { graph.nodeIndex[graph.edges[$0].to] }
                        + graph.incoming[i].compactMap { graph.nodeIndex[graph.edges[$0].from] }
                    for n in neighbours where reached.insert(n).inserted { next.append(n) }
                }
                frontier = next
            }
            keep.formIntersection(reached)
        }
        if !options.kinds.isEmpty {
            keep = keep.filter { options.kinds.contains(graph.nodes[$0].kind) || $0 == focusIndex }
        }
        return keep.sorted()
    }

    // MARK: Statements

    private static func nodeStatement(_ node: Node, _ graph: MapGraph, _ options: DotOptions) -> String {
        let style = graph.presentation(ofKind: node.kind).dot
        var label = wrap(node.label, width: 22)
        if let status = node.value("status"), !status.isEmpty { label += "\n(\(status))" }
        var attributes = [
            "label=\(quote(label))", "shape=\(style.shape)", "style=\(quote(style.style))",
            "fillcolor=\(quote(style.fill))", "fontcolor=\(quote(style.font))",
        ]
        if node.id == options.focus { attributes.append("penwidth=3") }
        if options.tooltips {
            let tooltip = attributeText(node, options)
            attributes.append("tooltip=\(quote(tooltip.isEmpty ? node.kind : node.kind + "\n" + tooltip))")
        }
        // Ids are letters, digits, '_', '.' and '-': safe in DOT and as an HTML id.
        if options.elementIDs { attributes.append("id=\(quote("n-" + node.id))") }
        return "\(quote(node.id)) [\(attributes.joined(separator: ", "))];"
    }

    /// Attributes as `key: value` lines for tooltips (hover text in SVG).
    private static func attributeText(_ holder: some AttributeHolder, _ options: DotOptions) -> String {
        holder.attributes.filter { options.includePrivate || !$0.isPrivate }
            .map { "\($0.key): \($0.value)" }.joined(separator: "\n")
    }

    private static func legend(_ kinds: [String], _ graph: MapGraph) -> String {
        var out = "  subgraph \(quote("cluster_legend")) {\n"
        out += "    graph [label=\"Key\", style=\"rounded\", color=\"#888888\"];\n"
        // Legend ids contain ':', which map ids cannot, so they never collide.
        for kind in kinds {
            let style = graph.presentation(ofKind: kind).dot
            let name = kind.prefix(1).uppercased() + kind.dropFirst()
            out +=
                "    \(quote("legend:" + kind)) [label=\(quote(name)), shape=\(style.shape), style=\(quote(style.style)), fillcolor=\(quote(style.fill)), fontcolor=\(quote(style.font))];\n"
        }
        // Invisible edges stack the key in one column.
        for (a, b) in zip(kinds, kinds.dropFirst()) {
            out += "    \(quote("legend:" + a)) -> \(quote("legend:" + b)) [style=invis];\n"
        }
        out += "  }\n"
        return out
    }

    // MARK: Text

    /// A DOT double-quoted string that shows `text` literally: backslashes doubled (so a trailing
    /// one cannot escape the closing quote), quotes escaped, newlines as centred line breaks, and
    /// `&` as `&amp;` because Graphviz decodes HTML entities in plain labels too.
    package static func quote(_ text: String) -> String {
        // Byte by byte: every character escaped is ASCII, and UTF-8 never uses ASCII bytes inside a wider character.
        // Control characters (C0 but tab, DEL, C1 = 0xC2 0x80–0x9F) become U+FFFD: XML 1.0 forbids them, so an SVG
        // holding one would not be well-formed.
        let needsEscape = text.utf8.contains {
            $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 < 0x20 || $0 == 0x7F || $0 == 0xC2
                || $0 == UInt8(ascii: "&")
        }
        if !needsEscape { return "\"" + text + "\"" }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        out.append(UInt8(ascii: "\""))
        let replacement = Array("\u{FFFD}".utf8)
        var skipNext = false
        for (i, byte) in zip(text.utf8.indices, text.utf8) {
            if skipNext { skipNext = false; continue }
            switch byte {
            case 0xC2
            where text.utf8.index(after: i) < text.utf8.endIndex
                && (0x80...0x9F).contains(text.utf8[text.utf8.index(after: i)]):
                out += replacement
                skipNext = true
            case 0x09: out.append(byte)
            case 0x00..<0x20 where byte != 0x0A && byte != 0x0D, 0x7F: out += replacement
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): continue
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// Breaks a label into lines of about `width` characters at spaces, for readable boxes.
    package static func wrap(_ text: String, width: Int) -> String {
        // Short and singly spaced: nothing to break or collapse (a character is at least one byte).
        let bytes = text.utf8
        if bytes.count <= width, bytes.first != 0x20, bytes.last != 0x20,
            !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 })
        {
            return text
        }
        // ASCII without "\r": a character is a byte, so lengths need no grapheme counting.
        let bytesAreCharacters = bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D }
        var lines: [String] = []
        var current = ""
        var currentCount = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let wordCount = bytesAreCharacters ? word.utf8.count : word.count
            if !current.isEmpty && (bytesAreCharacters ? currentCount : current.count) + 1 + wordCount > width {
                lines.append(current)
                current = ""
                currentCount = 0
            }
            current += current.isEmpty ? String(word) : " " + word
            currentCount += currentCount == 0 ? wordCount : 1 + wordCount
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? text : lines.joined(separator: "\n")
    }
}
