import AssetMapCore
import Foundation

/// Spreadsheets in Kumu's model: an elements sheet (`Label`, or `ID` then `Label`, first) and a connections sheet
/// (`From`, `To`, or `ID`, `From`, `To`, first), told apart by their header as Kumu does.
package enum KumuSheets {
    package enum Role: Equatable { case elements, connections }

    /// The relation of a connection whose `Type` is empty (Kumu's connections need no type; the map's edges do).
    package static let defaultRelation = "connected to"

    static func role(of header: [String]) -> Role? {
        let names = header.prefix(3).map(normalized)
        if names.first == "label" || names.starts(with: ["id", "label"]) { return .elements }
        if names.starts(with: ["from", "to"]) || names.starts(with: ["id", "from", "to"]) { return .connections }
        return nil
    }

    static func normalized(_ header: String) -> String {
        header.trimmed.lowercased()
    }

    /// Reads every table into one import; every problem found is reported, with its file, row and column.
    /// `requireEach`: a table that is neither sheet is an error (a CSV named on the command line), else skipped
    /// (an extra sheet of a workbook, such as notes).
    package static func importSet(_ tables: [(table: Table, required: Bool)]) throws -> ImportSet {
        var set = ImportSet()
        var errors: [InputError] = []
        var connectionTables: [Table] = []
        for (table, required) in tables {
            switch role(of: table.header) {
            case .elements: readElements(table, into: &set, errors: &errors)
            case .connections: connectionTables.append(table)
            case nil:
                if !required {
                    if !table.rows.isEmpty {
                        set.notes.append("\(table.name): skipped (neither an elements nor a connections sheet)")
                    }; continue
                }
                let first = table.header.first ?? ""
                let guess = Suggest.didYouMean(first.trimmed, among: ["Label", "From", "ID"])
                errors.append(
                    InputError(
                        table.name,
                        "not an elements or connections sheet: its header starts '\(table.header.prefix(3).joined(separator: ", "))'\(guess); an elements sheet starts with Label (or ID, Label), a connections sheet with From, To (or ID, From, To)"
                    ))
            }
        }
        for table in connectionTables { readConnections(table, into: &set, errors: &errors) }
        if set.elements.isEmpty && set.connections.isEmpty && errors.isEmpty {
            errors.append(
                InputError(
                    tables.first?.table.name ?? "input",
                    "no elements or connections sheet with any rows: an elements sheet starts with Label (or ID, Label), a connections sheet with From, To"
                ))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return set
    }

    /// Columns other than the ones with a meaning become attributes, their header made into a key.
    private struct Columns {
        var named: [String: Int] = [:]
        var attributes: [(column: Int, key: String)] = []

        init(_ header: [String], meaningful: Set<String>, table: String, errors: inout [InputError]) {
            for (column, text) in header.enumerated() {
                let name = KumuSheets.normalized(text)
                if meaningful.contains(name), named[name] == nil { named[name] = column; continue }
                if name.isEmpty { continue }
                guard let key = KumuSheets.key(forHeader: text) else {
                    errors.append(
                        InputError(
                            table, row: 1, column: column + 1,
                            "the column header '\(text)' cannot name an attribute: it needs a letter first (a-z)"))
                    continue
                }
                attributes.append((column, key))
            }
        }

        func cell(_ row: [String], _ name: String) -> (text: String, column: Int)? {
            guard let column = named[name] else { return nil }
            return (column < row.count ? row[column].trimmed : "", column + 1)
        }
    }

    /// "Private Source" → `private-source`; "Opening hours (winter)" → `opening-hours-winter`; nil without a letter first.
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
        return Syntax.isValidKey(key) ? key : nil
    }

    /// A cell's values: `|` separates several (Kumu's convention); a list key (`clinical`) keeps them on one line.
    static func attributes(key: String, cell: String) -> [(key: String, value: String)] {
        let text = cell.trimmed
        if text.isEmpty { return [] }
        if key == "note" { return [(key, text)] }
        let parts = text.split(separator: "|").map { $0.trimmed }.filter { !$0.isEmpty }
        if Vocabulary.listKeys.contains(key) { return [(key, parts.joined(separator: ", "))] }
        return parts.map { (key, $0) }
    }

    private static func readElements(_ table: Table, into set: inout ImportSet, errors: inout [InputError]) {
        let columns = Columns(
            table.header, meaningful: ["id", "label", "type", "description"], table: table.name, errors: &errors)
        for (index, row) in table.rows.enumerated().dropFirst() where !row.allSatisfy({ $0.trimmed.isEmpty }) {
            let number = index + 1
            let label = columns.cell(row, "label")!
            let at = Position(table.name, row: number, column: label.column)
            guard !label.text.isEmpty else { errors.append(at.error("the element has no Label")); continue }
            guard !label.text.contains(where: \.isNewline) else {
                errors.append(at.error("a Label must fit on one line")); continue
            }
            guard cellsAreText(row, table: table.name, number: number, errors: &errors) else { continue }
            var element = ImportedElement(position: at, label: label.text, kind: nil)
            if let id = columns.cell(row, "id"), !id.text.isEmpty {
                element.idPosition = Position(table.name, row: number, column: id.column)
                guard Syntax.isValidID(id.text), id.text != "map", id.text != "kind" else {
                    errors.append(
                        element.idPosition!.error(
                            "ID '\(id.text)' is not a valid id: use letters, digits, '_', '.' and '-', starting with a letter, digit or '_'"
                        ))
                    continue
                }
                element.id = id.text
            }
            if let type = columns.cell(row, "type"), !type.text.isEmpty {
                let kind = KindWords.kind(for: type.text)
                if let plural = kind.plural { set.declare(kind.name, plural: plural) }
                element.kind = kind.name
            }
            if let description = columns.cell(row, "description") {
                element.attributes += attributes(key: "note", cell: description.text)
            }
            for (column, key) in columns.attributes where column < row.count {
                element.attributes += attributes(key: key, cell: row[column])
            }
            set.elements.append(element)
        }
    }

    private static func readConnections(_ table: Table, into set: inout ImportSet, errors: inout [InputError]) {
        let columns = Columns(
            table.header, meaningful: ["id", "from", "to", "type"], table: table.name, errors: &errors)
        for (index, row) in table.rows.enumerated().dropFirst() where !row.allSatisfy({ $0.trimmed.isEmpty }) {
            let number = index + 1
            let from = columns.cell(row, "from")!, to = columns.cell(row, "to")!
            let fromAt = Position(table.name, row: number, column: from.column),
                toAt = Position(table.name, row: number, column: to.column)
            let relation = columns.cell(row, "type").map(\.text).flatMap { $0.isEmpty ? nil : $0 } ?? defaultRelation
            if relation.contains(where: \.isNewline) {
                errors.append(
                    Position(table.name, row: number, column: columns.named["type"]! + 1).error(
                        "a connection's Type must fit on one line"))
                continue
            }
            guard cellsAreText(row, table: table.name, number: number, errors: &errors) else { continue }
            var attributes: [(key: String, value: String)] = []
            for (column, key) in columns.attributes where column < row.count {
                attributes += Self.attributes(key: key, cell: row[column])
            }
            let sources = ends(from.text), targets = ends(to.text)
            if sources.isEmpty { errors.append(fromAt.error("the connection has no From")) }
            if targets.isEmpty { errors.append(toAt.error("the connection has no To")) }
            for source in sources {
                for target in targets {
                    set.connections.append(
                        ImportedConnection(
                            from: source, fromPosition: fromAt, to: target, toPosition: toAt,
                            relation: relation, attributes: attributes))
                }
            }
        }
    }

    /// No cell holds a control character other than a line break (the map refuses them: they hide in files).
    private static func cellsAreText(_ row: [String], table: String, number: Int, errors: inout [InputError]) -> Bool {
        for (column, cell) in row.enumerated() {
            do { _ = try MapDocument.checkedValue(cell) } catch {
                errors.append(
                    InputError(table, row: number, column: column + 1, (error as? EditError)?.message ?? "\(error)"))
                return false
            }
        }
        return true
    }

    /// `a | b` names two elements: one edge each.
    private static func ends(_ cell: String) -> [String] {
        cell.split(separator: "|").map { $0.trimmed }.filter { !$0.isEmpty }
    }
}
