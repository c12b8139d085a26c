import AssetMapCore
import Foundation

/// GEXF 1.3 (Gephi) and GraphML (yEd, networkx, igraph) of a map: nodes with their kind and attributes, edges with
/// their relation and direction. Attributes are declared with the type their values share (numbers as numbers,
/// yes/no as booleans), a repeated key as a list; both read back into the same map.
package enum GraphExport {
    /// Each key's declared type from all its values, in one pass over the records: `long`, `double`, `boolean`,
    /// `liststring` (a key repeated on a record), else `string`. A number is one that reads back as the same text
    /// (`007` stays a string).
    static func types(_ keys: [String], _ column: [String: Int], in records: [some AttributeHolder]) -> [String] {
        var numbers = [Bool](repeating: true, count: keys.count), integers = numbers, booleans = numbers
        var repeated = [Bool](repeating: false, count: keys.count)
        for record in records {
            var seen = Set<Int>()
            for attribute in record.attributes {
                guard let i = column[attribute.key] else { continue }
                if !seen.insert(i).inserted { repeated[i] = true }
                let value = attribute.value
                let isNumber = Double(value) != nil && CellText.number(value) == value
                numbers[i] = numbers[i] && isNumber
                integers[i] = integers[i] && isNumber && Int64(value) != nil
                booleans[i] = booleans[i] && (value == "yes" || value == "no")
            }
        }
        return keys.indices.map { i in
            repeated[i]
                ? "liststring" : integers[i] ? "long" : numbers[i] ? "double" : booleans[i] ? "boolean" : "string"
        }
    }

    /// A record's values by column (only the columns it has), each as its declared type writes it.
    static func values(_ record: some AttributeHolder, _ column: [String: Int], _ types: [String]) -> [(Int, String)] {
        var found: [Int: [String]] = [:]
        for attribute in record.attributes {
            if let i = column[attribute.key] { found[i, default: []].append(attribute.value) }
        }
        return found.keys.sorted().map { i in
            let values = found[i]!
            switch types[i] {
            case "boolean": return (i, values[0] == "yes" ? "true" : "false")
            case "liststring": return (i, values.joined(separator: "|"))
            default: return (i, values[0])
            }
        }
    }

    /// Each key's column, from `first`.
    static func columns(_ keys: [String], from first: Int = 0) -> [String: Int] {
        Dictionary(keys.enumerated().map { ($1, $0 + first) }, uniquingKeysWith: { first, _ in first })
    }

    /// XML attribute text: markup escaped, and line breaks and tabs as character references so that XML's
    /// attribute normalisation does not turn them into spaces.
    static func attribute(_ text: String) -> String {
        Workbook.escape(text).replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\t", with: "&#9;")
    }

    /// Attribute keys in order of first use (the edge's `direction` is the edge's own, not a column).
    static func keys(of records: [some AttributeHolder], includePrivate: Bool, leaving: Set<String> = []) -> [String] {
        var seen = leaving, keys: [String] = []
        for record in records {
            for attribute in record.attributes
            where (includePrivate || !attribute.isPrivate) && seen.insert(attribute.key).inserted {
                keys.append(attribute.key)
            }
        }
        return keys
    }

    package static func gexf(_ graph: MapGraph, includePrivate: Bool) -> Data {
        let nodeKeys = keys(of: graph.nodes, includePrivate: includePrivate, leaving: ["kind"])
        let edgeKeys = keys(of: graph.edges, includePrivate: includePrivate)
        // Column 0 is the node's kind.
        let nodeColumn = columns(nodeKeys, from: 1), edgeColumn = columns(edgeKeys)
        let nodeTypes = ["string"] + types(nodeKeys, columns(nodeKeys), in: graph.nodes)
        let edgeTypes = types(edgeKeys, edgeColumn, in: graph.edges)
        let a = attribute
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<gexf xmlns="http://gexf.net/1.3" version="1.3">"# + "\n"
        xml += "  <meta><creator>AssetMap</creator>"
        if let title = graph.header?.title { xml += "<description>\(Workbook.escape(title))</description>" }
        xml += "</meta>\n"
        xml += #"  <graph mode="static" defaultedgetype="directed">"# + "\n"
        func declarations(_ keys: [String], _ types: [String], _ kind: String) {
            xml += #"    <attributes class="\#(kind)">"# + "\n"
            for (i, key) in keys.enumerated() {
                xml += #"      <attribute id="\#(i)" title="\#(a(key))" type="\#(types[i])"/>"# + "\n"
            }
            xml += "    </attributes>\n"
        }
        func attvalues(_ cells: [(Int, String)]) -> String {
            cells.isEmpty
                ? ""
                : "<attvalues>" + cells.map { #"<attvalue for="\#($0.0)" value="\#(a($0.1))"/>"# }.joined()
                    + "</attvalues>"
        }
        declarations(["kind"] + nodeKeys, nodeTypes, "node")
        declarations(edgeKeys, edgeTypes, "edge")
        xml += "    <nodes>\n"
        for node in graph.nodes {
            let cells = [(0, node.kind)] + values(node, nodeColumn, nodeTypes)
            xml += #"      <node id="\#(a(node.id))" label="\#(a(node.label))">\#(attvalues(cells))</node>"# + "\n"
        }
        xml += "    </nodes>\n    <edges>\n"
        let directionColumn = edgeColumn["direction"]
        for (i, edge) in graph.edges.enumerated() {
            let direction = MapExport.direction(edge)
            // A direction GEXF knows is the edge's type, not a column.
            let cells = values(edge, edgeColumn, edgeTypes).filter { direction == nil || $0.0 != directionColumn }
            let type = direction.map { #" type="\#($0)""# } ?? ""
            xml +=
                #"      <edge id="\#(i)" source="\#(a(edge.from))" target="\#(a(edge.to))"\#(type) label="\#(a(edge.relation))">\#(attvalues(cells))</edge>"#
                + "\n"
        }
        xml += "    </edges>\n  </graph>\n</gexf>\n"
        return Data(xml.utf8)
    }

    /// GraphML: `title`, `label`, `kind` and every attribute as declared keys (a repeated key is one string, its
    /// values joined by `|`, as GEXF 1.2 lists are); undirected edges `directed="false"`, mutual ones with a
    /// `direction` key.
    package static func graphML(_ graph: MapGraph, includePrivate: Bool) -> Data {
        let nodeKeys = keys(of: graph.nodes, includePrivate: includePrivate, leaving: ["kind", "label"])
        let edgeKeys = keys(of: graph.edges, includePrivate: includePrivate, leaving: ["relation"])
        let nodeColumn = columns(nodeKeys), edgeColumn = columns(edgeKeys)
        let nodeTypes = types(nodeKeys, nodeColumn, in: graph.nodes)
        let edgeTypes = types(edgeKeys, edgeColumn, in: graph.edges)
        // GraphML's types have no list: a list is a string, its separator said on the key (as yEd adds yfiles.type).
        func declared(_ type: String) -> String {
            type == "liststring" ? #"attr.type="string" list.separator="|""# : #"attr.type="\#(type)""#
        }
        let e = Workbook.escape
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"# + "\n"
        xml += #"  <key id="title" for="graph" attr.name="title" attr.type="string"/>"# + "\n"
        xml += #"  <key id="label" for="node" attr.name="label" attr.type="string"/>"# + "\n"
        xml += #"  <key id="kind" for="node" attr.name="kind" attr.type="string"/>"# + "\n"
        for (i, key) in nodeKeys.enumerated() {
            xml += #"  <key id="n\#(i)" for="node" attr.name="\#(e(key))" \#(declared(nodeTypes[i]))/>"# + "\n"
        }
        xml += #"  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>"# + "\n"
        for (i, key) in edgeKeys.enumerated() {
            xml += #"  <key id="e\#(i)" for="edge" attr.name="\#(e(key))" \#(declared(edgeTypes[i]))/>"# + "\n"
        }
        xml += #"  <graph id="map" edgedefault="directed">"# + "\n"
        if let title = graph.header?.title { xml += #"    <data key="title">\#(e(title))</data>"# + "\n" }
        func data(_ cells: [(Int, String)], _ prefix: String) -> String {
            cells.map { #"<data key="\#(prefix)\#($0.0)">\#(e($0.1))</data>"# }.joined()
        }
        for node in graph.nodes {
            xml += #"    <node id="\#(e(node.id))"><data key="label">\#(e(node.label))</data>"#
            xml += #"<data key="kind">\#(e(node.kind))</data>\#(data(values(node, nodeColumn, nodeTypes), "n"))</node>"#
            xml += "\n"
        }
        let directionColumn = edgeColumn["direction"]
        for edge in graph.edges {
            let undirected = MapExport.direction(edge) == "undirected"
            let cells = values(edge, edgeColumn, edgeTypes).filter { !undirected || $0.0 != directionColumn }
            xml +=
                #"    <edge source="\#(e(edge.from))" target="\#(e(edge.to))"\#(undirected ? #" directed="false""# : "")>"#
            xml += #"<data key="relation">\#(e(edge.relation))</data>\#(data(cells, "e"))</edge>"# + "\n"
        }
        xml += "  </graph>\n</graphml>\n"
        return Data(xml.utf8)
    }
}
