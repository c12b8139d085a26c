/// The page's "where we are blind" section: the two coverage grids as tables, every cell with a text tag
/// beside its colour, so they read in grey and to a screen reader alike.
enum HtmlCoverage {
    static func section(_ insights: Insights, _ graph: MapGraph) -> String {
        func label(_ id: String) -> String { HTML.escape(graph.node(id)?.label ?? id) }
        var out = """
            <section id="coverage" aria-labelledby="coverage-title">
            <h2 id="coverage-title">Where we are blind</h2>
            <p class="hint">Each community against the clinical areas that apply to it and the five access dimensions. \(HTML.escape(InsightsReport.tagKey)).</p>

            """
        out += table(
            insights.coverage, caption: "Coverage by clinical area: \(insights.gaps.count) blind spots",
            heading: InsightsReport.clinicalName, label: label)
        out += table(
            insights.dimensions, caption: "Coverage by access dimension: \(insights.dimensionGaps.count) blind spots",
            heading: InsightsReport.dimensionName, label: label)
        return out + "</section>\n"
    }

    static func table<C: CoverageCell>(
        _ cells: [C], caption: String, heading: (String) -> String, label: (String) -> String
    ) -> String {
        let columns = InsightsReport.columns(cells)
        guard !columns.isEmpty else { return "" }
        var out = "<div class=\"grid-box\"><table class=\"grid\">\n<caption>\(HTML.escape(caption))</caption>\n"
        out += "<thead><tr><th scope=\"col\">Community</th>"
        out +=
            columns.map { "<th scope=\"col\">\(HTML.escape(heading($0)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in InsightsReport.rows(cells) {
            out += "<tr><th scope=\"row\">\(label(row.community))</th>"
            for column in columns {
                guard let cell = row.cells[column] else {
                    out += "<td class=\"na\"><span class=\"visually-hidden\">does not apply</span></td>"
                    continue
                }
                let words = InsightsReport.words(cell.state)
                out +=
                    "<td class=\"s-\(cell.state.rawValue)\" title=\"\(HTML.escape(words))\">\(HTML.escape(InsightsReport.tag(cell)))<span class=\"visually-hidden\">: \(HTML.escape(words))</span></td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}
