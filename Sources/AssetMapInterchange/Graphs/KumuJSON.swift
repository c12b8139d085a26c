import Foundation

/// Kumu's JSON: a blueprint (`elements` with `label`, `type`, `description` and any other keys; `connections` with
/// `from`, `to` naming ids or labels) or a project export (each record's `_id`, its fields under `attributes`
/// keyed by display names such as `element type`; `maps`, `perspectives`, `loops` beside them).
package enum KumuJSON {
    /// Kumu's own bookkeeping on a record, read for its meaning or left out.
    private static let system: Set<String> = [
        "_id", "id", "from", "to", "attributes", "direction", "delayed", "reversed",
    ]

    package static func read(_ data: Data, name: String) throws -> RecordGraph {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw InputError(name, "not JSON: \(jsonProblem(error)); save Kumu's export (Export JSON) or a blueprint")
        }
        guard let root = object as? [String: Any], root["elements"] is [Any] || root["connections"] is [Any] else {
            throw InputError(
                name, "not a Kumu blueprint or project: it needs \"elements\" or \"connections\", each a list")
        }
        var graph = RecordGraph()
        graph.fieldNoun = "field"
        graph.title = (root["name"] as? String).flatMap { $0.trimmed.isEmpty ? nil : $0.trimmed }
        var errors: [InputError] = []
        let elements = root["elements"] as? [Any] ?? []
        for (index, item) in elements.enumerated() {
            let at = Position("\(name)[elements]", row: index + 1, column: 1)
            guard let record = item as? [String: Any] else {
                errors.append(at.error("an element is not an object"))
                continue
            }
            let fields = self.fields(record, at: at)
            let label = fields.first { RecordGraph.normalized($0.name) == "label" }
            let id = (record["id"] as? String).map { RecordField("id", [$0], at: at) }
            graph.nodes.append(
                RecordGraph.Node(
                    position: at, key: record["_id"] as? String ?? id?.values[0], id: id, label: label,
                    fields: fields.filter { RecordGraph.normalized($0.name) != "label" }))
        }
        let connections = root["connections"] as? [Any] ?? []
        for (index, item) in connections.enumerated() {
            let at = Position("\(name)[connections]", row: index + 1, column: 1)
            guard let record = item as? [String: Any] else {
                errors.append(at.error("a connection is not an object"))
                continue
            }
            var fields = self.fields(record, at: at)
            // Kumu's default; undirected and mutual are kept on the edge.
            if let direction = record["direction"] as? String, direction.lowercased() != "directed" {
                fields.append(RecordField("direction", [direction.lowercased()], at: at))
            }
            for flag in ["delayed", "reversed"] where record[flag] as? Bool == true {
                fields.append(RecordField(flag, ["yes"], at: at))
            }
            graph.edges.append(
                RecordGraph.Edge(
                    from: RecordField("from", values(record["from"]), at: at),
                    to: RecordField("to", values(record["to"]), at: at), fields: fields))
        }
        let left = ["maps", "perspectives", "loops"].compactMap { key -> String? in
            guard let list = root[key] as? [Any], !list.isEmpty else { return nil }
            return "\(list.count) \(list.count == 1 ? String(key.dropLast()) : key)"
        }
        if !left.isEmpty {
            graph.notes.append("\(name): left out \(left.joined(separator: ", ")) (layouts and views are Kumu's own)")
        }
        graph.errors = errors
        return graph
    }

    /// A record's fields: its own keys (a blueprint) and those under `attributes` (a project export), in order.
    private static func fields(_ record: [String: Any], at: Position) -> [RecordField] {
        var fields: [RecordField] = []
        for (key, value) in record.sorted(by: { $0.key < $1.key }) where !system.contains(key) {
            fields.append(RecordField(key, values(value), at: at))
        }
        if let attributes = record["attributes"] as? [String: Any] {
            for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
                fields.append(RecordField(key, values(value), at: at))
            }
        }
        return fields
    }

    /// A JSON value as text: numbers in their shortest form, booleans yes/no, a list as its items, null as none.
    static func values(_ value: Any?) -> [String] {
        switch value {
        case nil, is NSNull: return []
        case let list as [Any]: return list.flatMap { values($0) }
        case let text as String: return [text]
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return [number.boolValue ? "yes" : "no"] }
            return [CellText.number(number.doubleValue)]
        case let object as [String: Any]:
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return [data.map { String(decoding: $0, as: UTF8.self) } ?? ""]
        default: return ["\(value!)"]
        }
    }

    static func jsonProblem(_ error: Error) -> String {
        let info = (error as NSError).userInfo
        return (info["NSDebugDescription"] as? String) ?? error.localizedDescription
    }
}
