import Foundation

/// A report as Markdown (to keep in git or paste where Markdown is read), HTML (to open, print on A4 or attach) and
/// plain text (to paste into an email: no markup characters at all).
extension ReportDocument {
    package enum Format: String, CaseIterable, Sendable {
        case markdown, html, text
    }

    package func rendered(as format: Format) -> String {
        switch format {
        case .markdown: return markdown
        case .html: return html
        case .text: return text
        }
    }

    package var markdown: String {
        var out = ["# \(Self.md(title))", ""]
        out += facts.map { "- \(Self.md($0.label)): \(Self.md($0.value))" }
        if sections.isEmpty { out += ["", Self.md(emptyText)] }
        for section in sections {
            out += ["", "## \(Self.md(section.title))"]
            for block in section.blocks {
                out.append("")
                switch block {
                case .subheading(let text): out.append("### \(Self.md(text))")
                case .items(let items):
                    for item in items {
                        out.append("- " + Self.line(item, strong: { "**\(Self.md($0))**" }, plain: Self.md))
                        out += item.details.map { "  - \(Self.md($0))" }
                    }
                case .table(let table):
                    out.append("| " + table.columns.map(Self.md).joined(separator: " | ") + " |")
                    out.append("|" + String(repeating: "---|", count: table.columns.count))
                    for row in table.rows {
                        out.append(
                            "| "
                                + row.map { cell in
                                    Self.md(cell.text) + (cell.flag.map { " **\(Self.md($0))**" } ?? "")
                                }.joined(separator: " | ") + " |")
                    }
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Safe to paste into Outlook or any email: headings underlined, bullets as "- ", table rows as bullets.
    package var text: String {
        var out = [title, String(repeating: "=", count: title.count), ""]
        out += facts.map { "\($0.label): \($0.value)" }
        if sections.isEmpty { out += ["", emptyText] }
        for section in sections {
            out += ["", section.title.uppercased()]
            for block in section.blocks {
                switch block {
                case .subheading(let text): out += ["", text]
                case .items(let items):
                    for item in items {
                        out.append("- " + Self.line(item, strong: { $0 }, plain: { $0 }))
                        out += item.details.map { "    \($0)" }
                    }
                case .table(let table):
                    for row in table.rows {
                        let cells = row.enumerated().map { i, cell in
                            (i == 0 ? "" : "\(table.columns[i].lowercased()) ") + cell.text
                                + (cell.flag.map { " (\($0.uppercased()))" } ?? "")
                        }
                        out.append(
                            "- " + cells[0] + (cells.count > 1 ? ": " + cells.dropFirst().joined(separator: ", ") : ""))
                    }
                }
            }
        }
        return out.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
    }

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

    /// "Lead: text FLAG", rendering the lead and flag strongly and the rest plainly.
    private static func line(_ item: Item, strong: (String) -> String, plain: (String) -> String) -> String {
        var out = item.lead.map(strong) ?? ""
        if !item.text.isEmpty { out += (out.isEmpty ? "" : ": ") + plain(item.text) }
        if let flag = item.flag { out += " " + strong(flag) }
        return out
    }

    /// Map text shown literally in Markdown: its markup characters escaped, lines joined.
    static func md(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch == "\n" ? " " : ch)
        }
        return out
    }

    /// Map text in HTML: escaped, lines joined.
    static func html(_ text: String) -> String { HTML.escape(text.replacingOccurrences(of: "\n", with: " ")) }
}
