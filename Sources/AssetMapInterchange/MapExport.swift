import AssetMapCore
import Foundation

/// A map as other tools take it: Kumu's two sheets (CSV, .xlsx) and Kumu's JSON blueprint (graphs: GraphExport).
/// Private attributes (`private-…`) only when asked for.
package enum MapExport {
    /// The elements sheet (ID, Label, Type, Description, then one column per attribute key) and the connections
    /// sheet (From, To, Type, then one column per key). Repeated keys share a cell, joined by ` | ` as Kumu does.
    package static func sheets(_ graph: MapGraph, includePrivate: Bool) -> (
        elements: [[String]], connections: [[String]]
    ) {
        let nodeKeys = keys(of: graph.nodes, includePrivate: includePrivate).filter { $0 != "note" }
        var elements = [["ID", "Label", "Type", "Description"] + nodeKeys]
        let nodeColumn = columns(nodeKeys)
        for node in graph.nodes {
            elements.append(
                [node.id, node.label, node.kind, node.values("note").joined(separator: "\n")]
                    + cells(node, nodeColumn, count: nodeKeys.count))
        }
        let edgeKeys = keys(of: graph.edges, includePrivate: includePrivate)
        var connections = [["From", "To", "Type"] + edgeKeys]
        let edgeColumn = columns(edgeKeys)
        for edge in graph.edges {
            connections.append([edge.from, edge.to, edge.relation] + cells(edge, edgeColumn, count: edgeKeys.count))
        }
        return (elements, connections)
    }

    /// A sheet has a column per attribute key and a row per record: the cells a map of many distinct keys would
    /// make (a million keys on a million nodes: a trillion) are refused before any is made.
    static let sheetCells = 50_000_000

    package struct TooWide: Error, CustomStringConvertible {
        package var description: String
    }

    static func refuseTooWide(_ graph: MapGraph, includePrivate: Bool, columns limit: Int?) throws {
        let nodeKeys = keys(of: graph.nodes, includePrivate: includePrivate).count
        let edgeKeys = keys(of: graph.edges, includePrivate: includePrivate).count
        if let limit, max(nodeKeys + 4, edgeKeys + 3) > limit {
            throw TooWide(
                description:
                    "the map has \(max(nodeKeys, edgeKeys)) attribute keys, more than a spreadsheet's \(limit) columns; export kumu or gexf instead"
            )
        }
        let cells = max(graph.nodes.count * (nodeKeys + 4), graph.edges.count * (edgeKeys + 3))
        if cells > sheetCells {
            throw TooWide(
                description:
                    "a sheet of one column per attribute key would have \(cells) cells (over \(sheetCells)); export kumu or gexf instead"
            )
        }
    }

    package static func csv(_ graph: MapGraph, includePrivate: Bool) throws -> (elements: Data, connections: Data) {
        try refuseTooWide(graph, includePrivate: includePrivate, columns: nil)
        let tables = sheets(graph, includePrivate: includePrivate)
        return (try CSVTable.write(tables.elements), try CSVTable.write(tables.connections))
    }

    package static func xlsx(_ graph: MapGraph, includePrivate: Bool) throws -> Data {
        try refuseTooWide(graph, includePrivate: includePrivate, columns: InputLimits.columns)
        let tables = sheets(graph, includePrivate: includePrivate)
        return try Workbook.write([("Elements", tables.elements), ("Connections", tables.connections)])
    }

    /// Kumu's JSON blueprint: `name` (the map's title), `elements` (id, label, type, description, attributes) and
    /// `connections` (from, to by element id; type; direction: an edge's `direction` attribute, else directed).
    /// A repeated key becomes a list.
    package static func kumuJSON(_ graph: MapGraph, includePrivate: Bool) throws -> Data {
        func fields(_ record: some AttributeHolder) -> [String: Any] {
            var out: [String: Any] = [:]
            for key in keys(of: [record], includePrivate: includePrivate) where key != "note" && key != "direction" {
                let values = record.values(key)
                out[key] = values.count == 1 ? values[0] : values
            }
            return out
        }
        let elements: [[String: Any]] = graph.nodes.map { node in
            var element = fields(node)
            element["id"] = node.id
            element["label"] = node.label
            element["type"] = node.kind
            let note = node.values("note")
            if !note.isEmpty { element["description"] = note.joined(separator: "\n") }
            return element
        }
        let connections: [[String: Any]] = graph.edges.map { edge in
            var connection = fields(edge)
            connection["from"] = edge.from
            connection["to"] = edge.to
            connection["type"] = edge.relation
            connection["direction"] = direction(edge) ?? "directed"
            return connection
        }
        var project: [String: Any] = ["elements": elements, "connections": connections]
        if let title = graph.header?.title { project["name"] = title }
        var data = try JSONSerialization.data(
            withJSONObject: project,
            options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }

    /// An edge's `direction` when it is one Kumu and GEXF know besides directed: `undirected` or `mutual`.
    static func direction(_ edge: Edge) -> String? {
        edge.value("direction").map { $0.lowercased() }.flatMap { ["undirected", "mutual"].contains($0) ? $0 : nil }
    }

    /// Attribute keys in order of first use.
    private static func keys(of records: [some AttributeHolder], includePrivate: Bool) -> [String] {
        var seen = Set<String>(), keys: [String] = []
        for record in records {
            for attribute in record.attributes
            where (includePrivate || !attribute.isPrivate) && seen.insert(attribute.key).inserted {
                keys.append(attribute.key)
            }
        }
        return keys
    }

    /// Each key's column, from 0.
    private static func columns(_ keys: [String]) -> [String: Int] {
        Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A record's cells, one per column, each its values for that key joined by ` | `.
    private static func cells(_ record: some AttributeHolder, _ column: [String: Int], count: Int) -> [String] {
        var row = Array(repeating: "", count: count)
        for attribute in record.attributes {
            guard let i = column[attribute.key] else { continue }
            row[i] = row[i].isEmpty ? attribute.value : row[i] + " | " + attribute.value
        }
        return row
    }
}
