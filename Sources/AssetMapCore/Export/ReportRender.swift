import Foundation

/// A report as Markdown (to keep in git or paste where Markdown is read), HTML (to open, print on A4 or attach;
/// HTML/ReportHTML.swift) and plain text (to paste into an email: no markup characters at all).
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

    /// "Lead: text FLAG", rendering the lead and flag strongly and the rest plainly.
    static func line(_ item: Item, strong: (String) -> String, plain: (String) -> String) -> String {
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
}
