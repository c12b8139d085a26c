import Foundation

/// The report as a page of its own (`ReportDocument.Format.html`).
extension ReportDocument {
    /// A standalone page with its own CSS: readable on screen, one column on A4 paper, headings and table headers for
    /// screen readers, text colours at AA contrast or better, and flags in words, never by colour alone.
    package var html: String {
        let h = Self.html
        var out = [
            "<!DOCTYPE html>", "<html lang=\"en-GB\">", "<head>", "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(h(title))</title>", "<style>", Self.css, "</style>", "</head>", "<body>", "<main>",
            "<h1>\(h(title))</h1>",
        ]
        if !facts.isEmpty {
            out.append("<dl class=\"facts\">")
            out += facts.map { "<dt>\(h($0.label))</dt><dd>\(h($0.value))</dd>" }
            out.append("</dl>")
        }
        if sections.isEmpty { out.append("<p>\(h(emptyText))</p>") }
        for section in sections {
            out += ["<section>", "<h2>\(h(section.title))</h2>"]
            for block in section.blocks {
                switch block {
                case .subheading(let text): out.append("<h3>\(h(text))</h3>")
                case .items(let items):
                    out.append("<ul>")
                    for item in items {
                        let line = Self.line(item, strong: { "<strong>\(h($0))</strong>" }, plain: h)
                        if item.details.isEmpty {
                            out.append("<li>\(line)</li>")
                        } else {
                            out +=
                                ["<li>\(line)", "<ul>"] + item.details.map { "<li>\(h($0))</li>" } + ["</ul>", "</li>"]
                        }
                    }
                    out.append("</ul>")
                case .table(let table):
                    out += [
                        "<table>", "<thead>",
                        "<tr>" + table.columns.map { "<th scope=\"col\">\(h($0))</th>" }.joined() + "</tr>",
                        "</thead>", "<tbody>",
                    ]
                    for row in table.rows {
                        out.append(
                            "<tr>"
                                + row.enumerated().map { i, cell in
                                    let flag = cell.flag.map { " <strong class=\"flag\">\(h($0))</strong>" } ?? ""
                                    return i == 0
                                        ? "<th scope=\"row\">\(h(cell.text))\(flag)</th>"
                                        : "<td>\(h(cell.text))\(flag)</td>"
                                }.joined() + "</tr>")
                    }
                    out += ["</tbody>", "</table>"]
                }
            }
            out.append("</section>")
        }
        out += ["</main>", "</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    private static let css = """
        body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; color: #212b32; background: #fff; line-height: 1.5;
               max-width: 48rem; margin: 2rem auto; padding: 0 1rem; font-size: 1rem; }
        h1 { font-size: 1.75rem; border-bottom: 4px solid #005eb8; padding-bottom: .25rem; margin-bottom: .75rem; }
        h2 { font-size: 1.3rem; color: #003087; margin: 2rem 0 .5rem; }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 .25rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        ul { padding-left: 1.4rem; margin: .25rem 0 .75rem; }
        li { margin: .2rem 0; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        th, td { border: 1px solid #768692; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #e8edee; }
        tbody th { font-weight: 600; }
        .flag { color: #8a1538; text-transform: uppercase; font-size: .85em; letter-spacing: .03em; }
        @page { size: A4; margin: 18mm 16mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
          h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
          tr, li { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
        }
        """

    /// Map text in HTML: escaped, lines joined.
    static func html(_ text: String) -> String { HTML.escape(text.replacingOccurrences(of: "\n", with: " ")) }
}
