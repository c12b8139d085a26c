import Foundation

package struct HtmlOptions: Sendable {
    package var includePrivate = false
    /// Shown under the title: the day the page was made.
    package var date: String
    /// Allows the page's own script and nothing else (Content-Security-Policy); new for every page.
    package var nonce: String

    package init(date: String, nonce: String = UUID().uuidString.replacingOccurrences(of: "-", with: "")) {
        self.date = date
        self.nonce = nonce
    }
}

/// One self-contained page: the map drawn (Graphviz's SVG, made by the caller), search, filters,
/// details, a legend and the same map as lists for screen readers. Nothing is fetched from anywhere.
package enum HtmlExport {
    /// Up to this many nodes `dot` draws the map (flows read well); above, `sfdp` (compact, and fast on thousands).
    package static let dotLimit = 40

    /// How the page's drawing is made: every node has an SVG id the script can find; attributes stay out
    /// of the drawing (the details panel shows them, minus private ones).
    package static func dotOptions(_ graph: MapGraph, engine: DotOptions.Engine? = nil) -> DotOptions {
        var options = DotOptions()
        options.engine = engine ?? (graph.nodes.count <= dotLimit ? .dot : .sfdp)
        options.tooltips = false
        options.elementIDs = true
        options.edgeLabels = graph.nodes.count <= dotLimit * 5
        return options
    }

    package static func page(_ graph: MapGraph, svg: String?, options: HtmlOptions) -> String {
        let title = graph.header?.title ?? "Asset map"
        let data = pageData(graph, options)
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-\(options.nonce)'; style-src 'unsafe-inline'; img-src data:">
            <title>\(HTML.escape(title))</title>
            <style>\(HtmlPage.style)</style>
            </head>
            <body>
            <a class="skip" href="#lists">Skip to the map as lists</a>
            <header>
            <h1>\(HTML.escape(title))</h1>
            <p class="meta">Exported \(HTML.escape(options.date)) · \(graph.nodes.count) nodes, \(graph.edges.count) links\(options.includePrivate ? " · <strong>includes private attributes</strong>" : "")</p>
            </header>
            <main>
            <section class="controls" aria-label="Search and filters">
            <div><label for="search">Search</label><input id="search" type="search" placeholder="label, id or value"></div>
            <div><label for="f-kind">Kind</label><select id="f-kind"><option value="">All kinds</option></select></div>
            <div><label for="f-community">Community</label><select id="f-community"><option value="">All communities</option></select></div>
            <div><label for="f-clinical">Clinical area</label><select id="f-clinical"><option value="">All areas</option></select></div>
            <div><label for="f-status">Status</label><select id="f-status"><option value="">Any status</option></select></div>
            <div><button type="button" id="clear">Clear all</button></div>
            <p id="count" role="status" aria-live="polite"></p>
            </section>
            <div class="layout">
            <section class="drawing" aria-labelledby="drawing-title">
            <h2 id="drawing-title">Map drawing</h2>
            <p class="hint">Click a shape (or Tab to it and press Enter) for its details. Faded shapes do not match the search or filters.</p>
            <div class="zoom"><button type="button" id="zoom-in">Zoom in</button><button type="button" id="zoom-out">Zoom out</button><button type="button" id="zoom-fit">Fit</button></div>
            <div id="svg-box" class="svg-box">

            """
        out +=
            svg.map {
                inlineSVG(
                    $0,
                    attributes:
                        #"id="drawing" role="group" aria-label="Map drawing: each shape is a node you can choose""#)
            }
            ?? "<p>No drawing: Graphviz was not available when this page was made. The lists below hold the whole map.</p>"
        out += """
            </div>
            <h3>Key</h3>
            <ul id="legend" class="legend"></ul>
            </section>
            <aside id="details" class="details" aria-labelledby="details-title" tabindex="-1">
            <h2 id="details-title">Details</h2>
            <p>Choose a node on the map or in the lists to see its details and neighbours.</p>
            </aside>
            </div>
            \(HtmlCoverage.section(Insights(graph, today: options.date), graph))
            <section id="lists" aria-labelledby="lists-title" tabindex="-1">
            <h2 id="lists-title">The map as lists</h2>
            <div id="tables"></div>
            </section>
            </main>
            <script type="application/json" id="map-data">\(data)</script>
            <script nonce="\(options.nonce)">\(HtmlPage.script)</script>
            </body>
            </html>

            """
        return out
    }

    // MARK: Data for the script

    struct KindData: Encodable { var name, plural, tag, fill, font, shape: String }
    struct NodeData: Encodable {
        var id, kind, label: String
        var attributes: [[String]]
        var status: String?
        /// Its own clinical areas, and for an improvement those of the barriers it addresses.
        var areas: [String]
        /// The communities it concerns: itself, its neighbours, and through a barrier the improvements addressing it.
        var communities: [String]
    }
    struct EdgeData: Encodable { var index: Int; var from, to, relation: String }
    struct PageData: Encodable {
        var kinds: [KindData]
        var nodes: [NodeData]
        var edges: [EdgeData]
        var clinical: [String]
        var statuses: [String]
    }

    static func pageData(_ graph: MapGraph, _ options: HtmlOptions) -> String {
        let live = graph.nodes.indices.filter { graph.nodeIndex[graph.nodes[$0].id] == $0 }
        var areas = [[String]](repeating: [], count: graph.nodes.count)
        var communities = [Set<Int>](repeating: [], count: graph.nodes.count)
        for i in live {
            areas[i] = graph.nodes[i].list("clinical")
            if graph.nodes[i].hasKind(.community) { communities[i].insert(i) }
        }
        let ends = graph.edges.map { (graph.nodeIndex[$0.from], graph.nodeIndex[$0.to]) }
        for (a, b) in ends {
            guard let a, let b else { continue }
            if graph.nodes[a].hasKind(.community) { communities[b].insert(a) }
            if graph.nodes[b].hasKind(.community) { communities[a].insert(b) }
        }
        // Improvements inherit from the barriers they address (after the pass above has filled the barriers).
        for (e, (a, b)) in zip(graph.edges.indices, ends) where graph.edges[e].relation == "addresses" {
            guard let a, let b, graph.nodes[a].hasKind(.improvement), graph.nodes[b].hasKind(.barrier) else { continue }
            communities[a].formUnion(communities[b])
            areas[a] += areas[b].filter { !areas[a].contains($0) }
        }
        let usedKinds = Set(live.map { graph.nodes[$0].kind })
        let kinds = graph.kinds.filter { usedKinds.contains($0.name) }.map { kind in
            let look = graph.presentation(ofKind: kind.name)
            return KindData(
                name: kind.name, plural: kind.plural, tag: look.tag, fill: look.dot.fill, font: look.dot.font,
                shape: look.dot.shape)
        }
        let nodes = live.map { i in
            let node = graph.nodes[i]
            return NodeData(
                id: node.id, kind: node.kind, label: node.label,
                attributes: node.attributes.filter { options.includePrivate || !$0.isPrivate }.map {
                    [$0.key, $0.value]
                },
                status: node.value("status"), areas: areas[i],
                communities: communities[i].sorted().map { graph.nodes[$0].id })
        }
        let edges = graph.edges.indices.filter { ends[$0].0 != nil && ends[$0].1 != nil }
            .map {
                EdgeData(
                    index: $0, from: graph.edges[$0].from, to: graph.edges[$0].to, relation: graph.edges[$0].relation)
            }
        let used = Set(nodes.flatMap(\.areas))
        let clinical = Vocabulary.clinical.filter(used.contains) + used.subtracting(Vocabulary.clinical).sorted()
        let statusesUsed = Set(nodes.compactMap(\.status))
        let statuses =
            (Vocabulary.barrierStatus + Vocabulary.improvementStatus).reduce(into: [String]()) {
                if statusesUsed.contains($1) && !$0.contains($1) { $0.append($1) }
            }
            + statusesUsed.subtracting(Vocabulary.barrierStatus + Vocabulary.improvementStatus).sorted()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, arrays and optionals only: encoding cannot fail.
        let json = String(
            decoding: try! encoder.encode(
                PageData(kinds: kinds, nodes: nodes, edges: edges, clinical: clinical, statuses: statuses)),
            as: UTF8.self)
        return HTML.scriptJSON(json)
    }

    // MARK: The drawing

    /// Graphviz's SVG as an element inside a page or another SVG: its XML prolog, doctype, comments and
    /// fixed width/height dropped, `attributes` (id, size, role…) added to its root.
    static func inlineSVG(_ svg: String, attributes: String) -> String {
        // Bytes, not Foundation's range(of:), which copies the whole text on every call: a drawing of
        // thousands of nodes has thousands of comments (Graphviz's version and each node's name).
        let bytes = Array(svg.utf8)
        func find(_ needle: String, from: Int) -> Int? {
            let n = Array(needle.utf8)
            guard bytes.count >= n.count else { return nil }
            var i = from
            while i <= bytes.count - n.count {
                if bytes[i] == n[0] && bytes[i..<(i + n.count)].elementsEqual(n) { return i }
                i += 1
            }
            return nil
        }
        guard let start = find("<svg", from: 0), let tagEnd = find(">", from: start) else { return "" }
        // Graphviz writes width/height in points; the page sizes the drawing itself (zoom).
        var tag = String(decoding: bytes[start..<tagEnd], as: UTF8.self)
            .replacingOccurrences(of: #" width="[^"]*""#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #" height="[^"]*""#, with: "", options: .regularExpression)
        tag += " " + attributes
        var body = Array(tag.utf8)
        body.reserveCapacity(bytes.count)
        var position = tagEnd
        while let open = find("<!--", from: position) {
            body += bytes[position..<open]
            guard let close = find("-->", from: open + 4) else { position = bytes.count; break }
            position = close + 3
        }
        body += bytes[position...]
        return String(decoding: body, as: UTF8.self)
    }
}
