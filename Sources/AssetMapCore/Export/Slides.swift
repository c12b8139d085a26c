import Foundation

/// A slide deck for a meeting: a title slide, the whole map, then one slide per node of the chosen kinds
/// (communities and barriers by default): its neighbourhood drawn, and a caption saying what it needs.
package struct SlideOptions: Sendable {
    /// Kinds that get a slide per node.
    package var kinds: [String] = [BuiltinKind.community.rawValue, BuiltinKind.barrier.rawValue]
    package var size = PixelSize(width: 1920, height: 1080)
    package var edgeLabels = true
    package var date: String

    package init(date: String) { self.date = date }
}

/// One slide before drawing: its file name, its text, and the DOT of its picture (nil: text only).
package struct SlidePlan: Equatable, Sendable {
    /// `NN-ID`, without extension.
    package var name: String
    package var title: String
    package var subtitle: String
    package var dot: String?
    package var caption: [String]
    /// A coverage grid drawn instead of a picture.
    package var grid: SlideGrid? = nil
}

/// A coverage grid on a slide: communities down, areas across, a tag and a state per cell (nil: does not apply).
package struct SlideGrid: Equatable, Sendable {
    package struct Row: Equatable, Sendable {
        package var label: String
        package var cells: [(tag: String, state: Insights.State)?]

        package static func == (a: Row, b: Row) -> Bool {
            a.label == b.label && a.cells.map { $0?.tag } == b.cells.map { $0?.tag }
                && a.cells.map { $0?.state } == b.cells.map { $0?.state }
        }
    }
    package var columns: [String]
    package var rows: [Row]
    /// What the column headings stand for ("mat maternity · smi severe mental illness …").
    package var key = ""

    init<C: CoverageCell>(_ cells: [C], graph: MapGraph, heading: (String) -> String) {
        let areas = InsightsReport.columns(cells)
        rows = InsightsReport.rows(cells).map { row in
            Row(
                label: graph.node(row.community)?.label ?? row.community,
                cells: areas.map { column in row.cells[column].map { (InsightsReport.tag($0), $0.state) } })
        }
        columns = areas.map(heading)
        key = zip(areas, columns).filter { $0.0 != $0.1 && !$0.0.isEmpty }.map { area, short in
            "\(short) \(area)"
        }.joined(separator: " · ")
    }
}

package enum Slides {
    /// Communities on one slide of a coverage grid.
    static let gridRows = 10

    package static func plan(_ graph: MapGraph, options: SlideOptions) throws -> [SlidePlan] {
        for kind in options.kinds where graph.kind(named: kind) == nil {
            throw DotExportError(description: Suggest.unknownKind(kind, among: graph.kinds.map(\.name)))
        }
        let title = graph.header?.title ?? "Asset map"
        let live = graph.nodes.indices.filter { graph.nodeIndex[graph.nodes[$0].id] == $0 }
        var counts = graph.kinds.compactMap { kind -> String? in
            let n = live.filter { graph.nodes[$0].kind == kind.name }.count
            return n == 0 ? nil : "\(n) \(kind.plural.lowercased())"
        }
        counts.append("\(graph.edges.count) links")
        var slides = [
            SlidePlan(
                name: "title", title: title,
                subtitle: [graph.header?.value("area"), options.date].compactMap { $0 }.joined(separator: " · "),
                dot: nil, caption: [counts.joined(separator: ", ")])
        ]
        var overview = DotOptions()
        overview.engine = live.count <= HtmlExport.dotLimit ? .dot : .sfdp
        overview.edgeLabels = false
        overview.legend = true
        overview.tooltips = false
        overview.title = false
        slides.append(
            SlidePlan(
                name: "overview", title: "The whole map", subtitle: title,
                dot: try DotExport.dot(graph, options: overview), caption: []))
        let insights = Insights(graph, today: options.date)
        for (name, title, cells, gaps) in [
            (
                "coverage", "Where we are blind: clinical areas",
                SlideGrid(insights.coverage, graph: graph) {
                    $0.isEmpty ? "none named" : Vocabulary.shortNames[$0] ?? $0
                }, insights.gaps.count
            ),
            (
                "dimensions", "Where we are blind: access dimensions",
                SlideGrid(insights.dimensions, graph: graph) {
                    $0.isEmpty ? "none named" : Vocabulary.shortNames[$0] ?? $0
                }, insights.dimensionGaps.count
            ),
        ] where !cells.rows.isEmpty {
            // A slide holds `gridRows` communities; more go on the next.
            let pages = stride(from: 0, to: cells.rows.count, by: Self.gridRows).map {
                Array(cells.rows[$0..<min($0 + Self.gridRows, cells.rows.count)])
            }
            for (n, rows) in pages.enumerated() {
                var grid = cells
                grid.rows = rows
                slides.append(
                    SlidePlan(
                        name: pages.count == 1 ? name : "\(name)-\(n + 1)",
                        title: title, subtitle: "\(gaps) blind spots: cells with nothing recorded",
                        dot: nil, caption: [InsightsReport.tagKey], grid: grid))
            }
        }
        for i in live where options.kinds.contains(graph.nodes[i].kind) {
            let node = graph.nodes[i]
            var focus = DotOptions()
            focus.focus = node.id
            focus.depth = 1
            focus.edgeLabels = options.edgeLabels
            focus.tooltips = false
            focus.title = false
            // Top to bottom: what addresses it above, what it affects below; a row of neighbours fills a wide slide.
            focus.rankdir = .TB
            let kindName =
                graph.kind(named: node.kind).map { $0.name.prefix(1).uppercased() + $0.name.dropFirst() } ?? node.kind
            slides.append(
                SlidePlan(
                    name: node.id, title: node.label, subtitle: kindName,
                    dot: try DotExport.dot(graph, options: focus), caption: caption(node, graph, insights)))
        }
        let width = max(2, String(slides.count).count)
        for n in slides.indices {
            let number = String(n + 1)
            slides[n].name = String(repeating: "0", count: width - number.count) + number + "-" + slides[n].name
        }
        return slides
    }

    /// What the meeting needs to know, in a few lines.
    static func caption(_ node: Node, _ graph: MapGraph, _ insights: Insights) -> [String] {
        if node.hasKind(.barrier), let card = Review.card(node.id, in: graph) {
            var lines = [
                "Status: \(card.status) · \(card.votes) vote\(card.votes == 1 ? "" : "s")"
                    + (card.impact.map { " · impact \($0)" } ?? "") + (card.effort.map { " · effort \($0)" } ?? "")
                    + (card.owner.map { " · owner \($0)" } ?? "") + (card.due.map { " · due \($0)" } ?? "")
            ]
            lines.append(
                "Clinical areas: " + (card.clinical.isEmpty ? "none recorded" : card.clinical.joined(separator: ", ")))
            lines.append(
                "Improvements: "
                    + (card.improvements.isEmpty
                        ? "none yet"
                        : card.improvements.map { $0.label + ($0.status.map { " (\($0))" } ?? "") }.joined(
                            separator: "; ")))
            return lines
        }
        if node.hasKind(.community) {
            let cells = insights.coverage.filter { $0.community == node.id && !$0.barriers.isEmpty }
            let barriers = Set(cells.flatMap(\.barriers)),
                groups = [node.value("core20") == "yes" ? "Core20" : nil, node.value("plus") == "yes" ? "PLUS" : nil]
                    .compactMap { $0 }
            var lines = [
                (groups.isEmpty ? "" : groups.joined(separator: " and ") + " group · ")
                    + "\(barriers.count) barrier\(barriers.count == 1 ? "" : "s") recorded"
                    + (barriers.isEmpty && !groups.isEmpty ? ": silent, which is not the same as no barriers" : "")
            ]
            if !cells.isEmpty {
                lines.append(
                    "Clinical areas: "
                        + cells.map {
                            "\(InsightsReport.clinicalName($0.clinical)) (\($0.barriers.count) barrier\($0.barriers.count == 1 ? "" : "s"), \($0.improvements.count) improvement\($0.improvements.count == 1 ? "" : "s"))"
                        }.joined(separator: ", "))
            }
            let gaps = cells.filter { $0.improvements.isEmpty }.map { InsightsReport.clinicalName($0.clinical) }
            if !gaps.isEmpty { lines.append("No improvement yet in: " + gaps.joined(separator: ", ")) }
            let blind = insights.gaps.filter { $0.community == node.id }.map(\.clinical)
            if !blind.isEmpty { lines.append("Nothing recorded for: " + blind.joined(separator: ", ")) }
            return lines
        }
        return [
            node.value("status").map { "Status: \($0)" },
            node.list("clinical").isEmpty ? nil : "Clinical areas: " + node.list("clinical").joined(separator: ", "),
        ].compactMap { $0 }
    }

    /// The slide as an SVG of exactly `size`: title band, the drawing fitted in the middle, the caption below.
    package static func svg(_ slide: SlidePlan, drawing: String?, size: PixelSize) -> String {
        let w = Double(size.width), h = Double(size.height), unit = h / 1080
        func px(_ value: Double) -> String { String(format: "%.1f", value) }
        let margin = 60 * unit, titleSize = 52 * unit, subtitleSize = 30 * unit, captionSize = 28 * unit
        let charactersPerLine = max(20, Int((w - 2 * margin) / (captionSize * 0.52)))
        let captionLines = slide.caption.flatMap {
            DotExport.wrap($0, width: charactersPerLine).split(separator: "\n").map(String.init)
        }
        let titleLines = DotExport.wrap(slide.title, width: max(20, Int((w - 2 * margin) / (titleSize * 0.55)))).split(
            separator: "\n"
        ).prefix(2)
        var out =
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(size.width)" height="\#(size.height)" viewBox="0 0 \#(size.width) \#(size.height)">"#
        out += "\n<title>\(HTML.escape(slide.title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        var y = margin + titleSize
        let font = ##"font-family="Helvetica, Arial, sans-serif" fill="#1a1a1a""##
        let isTitleSlide = slide.dot == nil && slide.grid == nil
        if isTitleSlide { y = h * 0.4 }
        for line in titleLines {
            out +=
                #"<text x="\#(px(isTitleSlide ? w / 2 : margin))" y="\#(px(y))" font-size="\#(px(titleSize))" font-weight="bold" \#(isTitleSlide ? #"text-anchor="middle" "# : "")\#(font)>\#(HTML.escape(String(line)))</text>"#
                + "\n"
            y += titleSize * 1.15
        }
        let anchor = isTitleSlide ? #"text-anchor="middle" "# : ""
        out +=
            ##"<text x="\##(px(isTitleSlide ? w / 2 : margin))" y="\##(px(y))" font-size="\##(px(subtitleSize))" \##(anchor)font-family="Helvetica, Arial, sans-serif" fill="#4b5257">\##(HTML.escape(slide.subtitle))</text>"##
            + "\n"
        y += subtitleSize
        let captionHeight = Double(captionLines.count) * captionSize * 1.3 + (captionLines.isEmpty ? 0 : margin / 2)
        if let grid = slide.grid {
            out += gridSVG(grid, x: margin, y: y + margin / 2, width: w - 2 * margin, unit: unit)
        }
        if let drawing {
            let top = y + margin / 3, bottom = h - margin / 2 - captionHeight
            out += HtmlExport.inlineSVG(
                drawing,
                attributes:
                    #"x="\#(px(margin))" y="\#(px(top))" width="\#(px(w - 2 * margin))" height="\#(px(max(bottom - top, 10)))" preserveAspectRatio="xMidYMid meet""#
            )
            out += "\n"
        }
        var captionY = isTitleSlide ? y + margin : h - margin / 2 - captionHeight + captionSize + margin / 4
        for line in captionLines {
            out +=
                #"<text x="\#(px(isTitleSlide ? w / 2 : margin))" y="\#(px(captionY))" font-size="\#(px(captionSize))" \#(isTitleSlide ? #"text-anchor="middle" "# : "")\#(font)>\#(HTML.escape(line))</text>"#
                + "\n"
            captionY += captionSize * 1.3
        }
        return out + "</svg>\n"
    }

    /// Fills that stay apart in grey (light, mid, pale, white with a dashed edge), each with its text tag.
    static let stateFill: [Insights.State: String] = [
        .barriers: "#f6c7bd", .improvements: "#fbe7a1", .resolved: "#c9e6d0", .nothing: "#ffffff",
    ]

    static func gridSVG(_ grid: SlideGrid, x: Double, y: Double, width: Double, unit: Double) -> String {
        func px(_ value: Double) -> String { String(format: "%.1f", value) }
        let font = 24 * unit, lineHeight = font * 1.25
        let labelWidth = min(width * 0.34, 560 * unit)
        let cellWidth = (width - labelWidth) / Double(max(1, grid.columns.count))
        let perLine = max(12, Int(labelWidth / (font * 0.52)))
        let labels = grid.rows.map {
            Array(DotExport.wrap($0.label, width: perLine).split(separator: "\n").prefix(2).map(String.init))
        }
        let rowHeight = lineHeight * 2 + 8 * unit
        let text = ##"font-family="Helvetica, Arial, sans-serif" fill="#1a1a1a""##
        var out = "<g class=\"grid\">\n"
        for (c, column) in grid.columns.enumerated() {
            let cx = x + labelWidth + (Double(c) + 0.5) * cellWidth
            out +=
                #"<text x="\#(px(cx))" y="\#(px(y + font))" font-size="\#(px(font))" font-weight="bold" text-anchor="middle" \#(text)>\#(HTML.escape(column))</text>"#
                + "\n"
        }
        var top = y + lineHeight + 10 * unit
        for (r, row) in grid.rows.enumerated() {
            for (l, line) in labels[r].enumerated() {
                let ly = top + rowHeight / 2 + font * 0.35 + (Double(l) - Double(labels[r].count - 1) / 2) * lineHeight
                out +=
                    #"<text x="\#(px(x))" y="\#(px(ly))" font-size="\#(px(font))" \#(text)>\#(HTML.escape(line))</text>"#
                    + "\n"
            }
            for (c, cell) in row.cells.enumerated() {
                let cx = x + labelWidth + Double(c) * cellWidth
                guard let cell else {
                    out +=
                        ##"<rect x="\##(px(cx + 2))" y="\##(px(top + 2))" width="\##(px(cellWidth - 4))" height="\##(px(rowHeight - 4))" fill="#e9e9e9"/>"##
                        + "\n"
                    continue
                }
                let dashed =
                    cell.state == .nothing ? ##" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="8 5""## : ""
                out +=
                    #"<rect x="\#(px(cx + 2))" y="\#(px(top + 2))" width="\#(px(cellWidth - 4))" height="\#(px(rowHeight - 4))" fill="\#(stateFill[cell.state]!)"\#(dashed)/>"#
                    + "\n"
                out +=
                    #"<text x="\#(px(cx + cellWidth / 2))" y="\#(px(top + rowHeight / 2 + font * 0.35))" font-size="\#(px(font))" font-weight="bold" text-anchor="middle" \#(text)>\#(HTML.escape(cell.tag))</text>"#
                    + "\n"
            }
            top += rowHeight
        }
        let keyLines = DotExport.wrap(grid.key, width: max(20, Int(width / (font * 0.5)))).split(separator: "\n")
        top += font * 0.5
        for line in keyLines where !grid.key.isEmpty {
            top += lineHeight
            out +=
                #"<text x="\#(px(x))" y="\#(px(top))" font-size="\#(px(font))" \#(text)>\#(HTML.escape(String(line)))</text>"#
                + "\n"
        }
        return out + "</g>\n"
    }
}
