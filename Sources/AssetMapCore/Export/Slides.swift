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
}

package enum Slides {
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
        let isTitleSlide = slide.dot == nil
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
}
