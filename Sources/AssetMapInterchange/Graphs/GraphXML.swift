import AssetMapCore
import Foundation

/// GEXF (Gephi; 1.1 to 1.3) and GraphML (yEd, networkx, igraph) read into records: attributes by their declared
/// titles and types, `label` as the label, undirected and mutual edges noted as `direction`.
package enum GraphXML {
    /// A declared attribute (GEXF `<attribute>`, GraphML `<key>`): its title, type and default.
    struct Declared {
        var title: String
        var type: String
        var initial: String?
    }

    /// A stored value as AssetMap keeps it: booleans yes/no, numbers in their shortest form, lists as their items.
    static func values(_ text: String, type: String) -> [String] {
        let trimmed = text.trimmed
        switch type.lowercased() {
        case "boolean":
            switch trimmed.lowercased() {
            case "true", "1": return ["yes"]
            case "false", "0": return ["no"]
            default: return [text]
            }
        case "float", "double", "integer", "long", "int", "short", "byte", "bigdecimal", "biginteger":
            return trimmed.isEmpty ? [] : [CellText.number(trimmed)]
        case "liststring", "listboolean", "listint", "listinteger", "listlong", "listfloat", "listdouble":
            // GEXF 1.2 separates items with `|`; Gephi 0.9 writes `[a, b]`.
            let items =
                trimmed.hasPrefix("[") && trimmed.hasSuffix("]")
                ? trimmed.dropFirst().dropLast().split(separator: ",") : trimmed.split(separator: "|")
            return items.map { $0.trimmed }.filter { !$0.isEmpty }
        default:
            return [text]
        }
    }

    /// A file's own node id as the map's id, when it can be one and says more than a number (Gephi numbers nodes).
    static func mapID(_ id: String, at position: Position) -> RecordField? {
        guard Syntax.isValidID(id), id != "map", id != "kind", !id.allSatisfy(\.isNumber) else { return nil }
        return RecordField("id", [id], at: position)
    }

    static func direction(_ type: String?) -> [String] {
        switch type?.lowercased() {
        case "undirected": return ["undirected"]
        case "mutual": return ["mutual"]
        default: return []
        }
    }

    // MARK: GEXF

    package static func readGEXF(_ data: Data, name: String) throws -> RecordGraph {
        let root = try XMLTree.parse(data, name: name)
        guard root.name == "gexf", let graphElement = root.child("graph") else {
            throw InputError(name, row: root.line, "not a GEXF file: it needs <gexf> with a <graph>")
        }
        var graph = RecordGraph()
        graph.fieldNoun = "attribute"
        if let description = root.child("meta")?.child("description")?.text.trimmed, !description.isEmpty,
            !description.contains(where: \.isNewline)
        {
            graph.title = description
        }
        var declared: [String: [String: Declared]] = ["node": [:], "edge": [:]]
        var order: [String: [String]] = [:]
        for block in graphElement.children("attributes") {
            let kind = block.attributes["class"] ?? "node"
            for attribute in block.children("attribute") {
                guard let id = attribute.attributes["id"], declared[kind]?[id] == nil else { continue }
                order[kind, default: []].append(id)
                declared[kind, default: [:]][id] = Declared(
                    title: attribute.attributes["title"] ?? id, type: attribute.attributes["type"] ?? "string",
                    initial: attribute.child("default")?.text)
            }
        }
        func fields(_ element: XMLTree, _ kind: String) -> [RecordField] {
            let at = element.position(name)
            var given: [String: String] = [:]
            var undeclared: [String] = []
            for value in element.child("attvalues")?.children("attvalue") ?? [] {
                guard let id = value.attributes["for"] ?? value.attributes["id"], let text = value.attributes["value"]
                else { continue }
                if given[id] == nil && declared[kind]?[id] == nil { undeclared.append(id) }
                given[id] = text
            }
            var fields: [RecordField] = []
            for id in order[kind] ?? [] {
                let attribute = declared[kind]![id]!
                guard let text = given[id] ?? attribute.initial else { continue }
                fields.append(RecordField(attribute.title, values(text, type: attribute.type), at: at))
            }
            // Values for undeclared attributes are kept under their id.
            for id in undeclared {
                fields.append(RecordField(id, [given[id]!], at: at))
            }
            return fields
        }
        let defaultType = graphElement.attributes["defaultedgetype"]
        for node in graphElement.descendants("node") {
            guard let id = node.attributes["id"] else {
                graph.errors.append(node.position(name).error("a <node> has no id"))
                continue
            }
            let at = node.position(name)
            graph.nodes.append(
                RecordGraph.Node(
                    position: at, key: id, id: mapID(id, at: at),
                    label: RecordField("label", [node.attributes["label"] ?? id], at: at),
                    fields: fields(node, "node")))
        }
        for edge in graphElement.descendants("edge") {
            let at = edge.position(name)
            var fields = fields(edge, "edge")
            if let label = edge.attributes["label"] { fields.insert(RecordField("label", [label], at: at), at: 0) }
            if let weight = edge.attributes["weight"], CellText.number(weight) != "1" {
                fields.append(RecordField("weight", [CellText.number(weight)], at: at))
            }
            let direction = direction(edge.attributes["type"] ?? defaultType)
            if !direction.isEmpty { fields.append(RecordField("direction", direction, at: at)) }
            graph.edges.append(
                RecordGraph.Edge(
                    from: RecordField("source", [edge.attributes["source"] ?? ""], at: at),
                    to: RecordField("target", [edge.attributes["target"] ?? ""], at: at), fields: fields))
        }
        return graph
    }

    // MARK: GraphML

    package static func readGraphML(_ data: Data, name: String) throws -> RecordGraph {
        let root = try XMLTree.parse(data, name: name)
        guard root.name == "graphml", let graphElement = root.child("graph") else {
            throw InputError(name, row: root.line, "not a GraphML file: it needs <graphml> with a <graph>")
        }
        var graph = RecordGraph()
        graph.fieldNoun = "key"
        var keys: [String: Declared] = [:]
        var keyOrder: [(id: String, for: String)] = []
        var graphics: Set<String> = []
        for key in root.children("key") {
            guard let id = key.attributes["id"], keys[id] == nil else { continue }
            // yEd's nodegraphics/edgegraphics keys hold the label it draws; others are data.
            if let yfiles = key.attributes["yfiles.type"] {
                if yfiles.hasSuffix("graphics") { graphics.insert(id) }
                continue
            }
            keyOrder.append((id, key.attributes["for"] ?? "all"))
            // AssetMap's own GraphML says which strings are lists of `|`-separated items.
            let list = key.attributes["list.separator"] == "|"
            keys[id] = Declared(
                title: key.attributes["attr.name"] ?? id,
                type: list ? "liststring" : key.attributes["attr.type"] ?? "string", initial: key.child("default")?.text
            )
        }
        func read(_ element: XMLTree, for kind: String) -> (fields: [RecordField], drawn: String?) {
            let at = element.position(name)
            var given: [String: String] = [:]
            var drawn: String?
            for data in element.children("data") {
                guard let key = data.attributes["key"] else { continue }
                if graphics.contains(key) {
                    let label = data.descendants(kind == "node" ? "NodeLabel" : "EdgeLabel").first?.text.trimmed
                    if let label, !label.isEmpty { drawn = drawn ?? label }
                    continue
                }
                given[key] = data.text
            }
            var fields: [RecordField] = []
            for (id, target) in keyOrder where target == kind || target == "all" {
                let key = keys[id]!
                guard let text = given[id] ?? key.initial else { continue }
                fields.append(RecordField(key.title, values(text, type: key.type), at: at))
            }
            for (id, text) in given.sorted(by: { $0.key < $1.key }) where keys[id] == nil {
                fields.append(RecordField(id, [text], at: at))
            }
            return (fields, drawn)
        }
        let undirected = graphElement.attributes["edgedefault"] == "undirected"
        for data in graphElement.children("data") {
            let title = keys[data.attributes["key"] ?? ""].map { RecordGraph.normalized($0.title) }
            if title == "title" || title == "name", !data.text.trimmed.isEmpty { graph.title = data.text.trimmed }
        }
        for node in graphElement.descendants("node") {
            guard let id = node.attributes["id"] else {
                graph.errors.append(node.position(name).error("a <node> has no id"))
                continue
            }
            let at = node.position(name)
            var (fields, drawn) = read(node, for: "node")
            // The label: a `label` or `name` key, else what yEd draws, else the id.
            let labelIndex = fields.firstIndex { ["label", "name"].contains(RecordGraph.normalized($0.name)) }
            let label = labelIndex.map { fields.remove(at: $0) }?.values.first ?? drawn ?? id
            graph.nodes.append(
                RecordGraph.Node(
                    position: at, key: id, id: mapID(id, at: at), label: RecordField("label", [label], at: at),
                    fields: fields))
        }
        for edge in graphElement.descendants("edge") {
            let at = edge.position(name)
            var (fields, drawn) = read(edge, for: "edge")
            if let drawn, !fields.contains(where: { RecordGraph.normalized($0.name) == "label" }) {
                fields.append(RecordField("label", [drawn], at: at))
            }
            let directed = edge.attributes["directed"].map { $0 == "true" } ?? !undirected
            if !directed { fields.append(RecordField("direction", ["undirected"], at: at)) }
            graph.edges.append(
                RecordGraph.Edge(
                    from: RecordField("source", [edge.attributes["source"] ?? ""], at: at),
                    to: RecordField("target", [edge.attributes["target"] ?? ""], at: at), fields: fields))
        }
        return graph
    }
}
