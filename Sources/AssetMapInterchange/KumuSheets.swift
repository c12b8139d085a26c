import AssetMapCore
import Foundation

/// Spreadsheets in Kumu's model: an elements sheet (`Label`, or `ID` then `Label`, first) and a connections sheet
/// (`From`, `To`, or `ID`, `From`, `To`, first), told apart by their header as Kumu does.
package enum KumuSheets {
    package enum Role: Equatable { case elements, connections, edgeList }

    /// The relation of a connection whose `Type` is empty (Kumu's connections need no type; the map's edges do).
    package static let defaultRelation = "connected to"

    static func role(of header: [String]) -> Role? {
        let names = header.prefix(3).map(normalized)
        if names.first == "label" || names.starts(with: ["id", "label"]) { return .elements }
        if names.starts(with: ["from", "to"]) || names.starts(with: ["id", "from", "to"]) { return .connections }
        // Gephi's and NodeXL's edge lists.
        if names.starts(with: ["source", "target"]) || names.starts(with: ["id", "source", "target"])
            || names.starts(with: ["vertex 1", "vertex 2"])
        {
            return .edgeList
        }
        return nil
    }

    static func normalized(_ header: String) -> String {
        header.trimmed.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Reads every table into one import; every problem found is reported, with its file, row and column.
    package static func importSet(_ tables: [(table: Table, required: Bool)], kind: String? = nil) throws -> ImportSet {
        try records(tables).importSet(kind: kind)
    }

    /// The records of every table. `required`: a table that is neither sheet is an error (a CSV named on the command
    /// line), else skipped (an extra sheet of a workbook, such as notes, or one whose name says `(ignore)`, as Kumu
    /// reads it). A sheet may hold several sections, each starting after two blank rows (Kumu's one-sheet layout).
    package static func records(_ tables: [(table: Table, required: Bool)]) throws -> RecordGraph {
        var graph = RecordGraph()
        var errors: [InputError] = []
        var connectionSections: [(Section, Role)] = []
        var any = false
        for (table, required) in tables {
            if !required && table.name.lowercased().contains("(ignore)") {
                graph.notes.append("\(table.name): skipped (its name says ignore)")
                continue
            }
            for section in required ? [Section(name: table.name, first: 1, rows: table.rows)] : sections(of: table) {
                switch role(of: section.header) {
                case .elements:
                    any = true
                    readElements(section, into: &graph)
                case let role?:
                    any = true
                    connectionSections.append((section, role))
                case nil:
                    if !required {
                        if !section.rows.isEmpty {
                            graph.notes.append(
                                "\(table.name)\(section.first > 1 ? " from row \(section.first)" : ""): skipped (neither an elements nor a connections sheet)"
                            )
                        }
                        continue
                    }
                    let first = section.header.first ?? ""
                    let guess = Suggest.didYouMean(first.trimmed, among: ["Label", "From", "ID", "Source"])
                    errors.append(
                        InputError(
                            table.name, row: section.first,
                            "not an elements or connections sheet: its header starts '\(section.header.prefix(3).joined(separator: ", "))'\(guess); an elements sheet starts with Label (or ID, Label), a connections sheet with From, To (or ID, From, To), an edge list with Source, Target"
                        ))
                }
            }
        }
        for (section, role) in connectionSections { readConnections(section, role: role, into: &graph) }
        if !any && errors.isEmpty {
            errors.append(
                InputError(
                    tables.first?.table.name ?? "input",
                    "no elements or connections sheet with any rows: an elements sheet starts with Label (or ID, Label), a connections sheet with From, To"
                ))
        }
        graph.errors += errors
        return graph
    }

    /// Rows of a table from its header (row `first`, counted as the spreadsheet does) to the next two blank rows.
    struct Section {
        var name: String
        var first: Int
        var rows: [[String]]
        var header: [String] { rows.first ?? [] }
    }

    static func sections(of table: Table) -> [Section] {
        var sections: [Section] = []
        var current: Section?
        var blanks = 0
        for (index, row) in table.rows.enumerated() {
            if row.allSatisfy({ $0.trimmed.isEmpty }) {
                blanks += 1
                if blanks >= 2, let done = current {
                    sections.append(done)
                    current = nil
                } else {
                    current?.rows.append(row)
                }
                continue
            }
            blanks = 0
            if current == nil { current = Section(name: table.name, first: index + 1, rows: []) }
            current!.rows.append(row)
        }
        if let current { sections.append(current) }
        return sections
    }

    /// A cell's values: `|` separates several (Kumu's convention), except in a description.
    private static func values(_ cell: String, name: String) -> [String] {
        if RecordGraph.noteFields.contains(RecordGraph.normalized(name)) { return [cell] }
        return cell.split(separator: "|").map { $0.trimmed }.filter { !$0.isEmpty }
    }

    /// The named columns of a section; every other column with a header is a field.
    private struct Columns {
        var named: [String: Int] = [:]
        var fields: [Int] = []

        init(_ header: [String], meaningful: Set<String>) {
            for (column, text) in header.enumerated() {
                let name = KumuSheets.normalized(text)
                if meaningful.contains(name), named[name] == nil { named[name] = column; continue }
                if !name.isEmpty { fields.append(column) }
            }
        }
    }

    private static func field(_ section: Section, _ row: [String], _ number: Int, _ column: Int) -> RecordField {
        let name = section.header[column]
        let cell = column < row.count ? row[column] : ""
        return RecordField(
            name, values(cell, name: name), at: Position(section.name, row: number, column: column + 1),
            nameAt: Position(section.name, row: section.first, column: column + 1))
    }

    /// A cell as one value (a label, an id).
    private static func whole(_ section: Section, _ row: [String], _ number: Int, _ column: Int) -> RecordField {
        RecordField(
            section.header[column], [column < row.count ? row[column] : ""],
            at: Position(section.name, row: number, column: column + 1))
    }

    private static func readElements(_ section: Section, into graph: inout RecordGraph) {
        let columns = Columns(section.header, meaningful: ["id", "label"])
        for (index, row) in section.rows.enumerated().dropFirst() where !row.allSatisfy({ $0.trimmed.isEmpty }) {
            let number = section.first + index
            let label = whole(section, row, number, columns.named["label"]!)
            graph.nodes.append(
                RecordGraph.Node(
                    position: label.position,
                    id: columns.named["id"].map { whole(section, row, number, $0) },
                    label: label,
                    fields: columns.fields.map { field(section, row, number, $0) }))
        }
    }

    private static func readConnections(_ section: Section, role: Role, into graph: inout RecordGraph) {
        let ends = role == .edgeList ? ["source", "target", "vertex 1", "vertex 2"] : ["from", "to"]
        let columns = Columns(section.header, meaningful: Set(ends + ["id"]))
        if role == .edgeList { graph.endsMakeNodes = true }
        let fromColumn = columns.named[ends[0]] ?? columns.named[ends[2]]!
        let toColumn = columns.named[ends[1]] ?? columns.named[ends[3]]!
        for (index, row) in section.rows.enumerated().dropFirst() where !row.allSatisfy({ $0.trimmed.isEmpty }) {
            let number = section.first + index
            var fields = columns.fields.map { field(section, row, number, $0) }
            // Gephi's edge tables say Directed or Undirected under Type: that is the direction, not a relation.
            if role == .edgeList, let i = fields.firstIndex(where: { RecordGraph.normalized($0.name) == "type" }),
                let direction = fields[i].values.first.map(normalized),
                ["directed", "undirected", "mutual"].contains(direction)
            {
                fields[i].name = "direction"
                fields[i].values = direction == "directed" ? [] : [direction]
            }
            graph.edges.append(
                RecordGraph.Edge(
                    from: field(section, row, number, fromColumn), to: field(section, row, number, toColumn),
                    fields: fields))
        }
    }

    /// "Private Source" → `private-source`; "Opening hours (winter)" → `opening-hours-winter`; nil without a letter or
    /// digit.
    package static func key(forHeader header: String) -> String? {
        var key = ""
        for scalar in header.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" {
                key.unicodeScalars.append(scalar)
            } else if !key.isEmpty && !key.hasSuffix("-") {
                key.append("-")
            }
        }
        while key.hasSuffix("-") { key.removeLast() }
        // A key starts with a letter: `2010 Population` → `population-2010`, `2010` → `column-2010`.
        var words = key.split(separator: "-")
        if let first = words.first?.first, !("a"..."z").contains(first) {
            let leading = words.prefix { !("a"..."z").contains($0.first!) }
            words = Array(words.dropFirst(leading.count)) + leading
            key =
                (words.first.map { ("a"..."z").contains($0.first!) } == true ? "" : "column-")
                + words.joined(separator: "-")
        }
        return Syntax.isValidKey(key) ? key : nil
    }
}
