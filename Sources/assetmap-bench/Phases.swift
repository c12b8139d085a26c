import Foundation
import AssetMapCore

/// `--phases MAP ID`: the public steps of load, check, edit, save and export timed one by one
/// (best of 3), to see where the time goes before profiling deeper.
enum Phases {
    static func run(map: String, id: String) throws {
        func best<T>(_ name: String, _ body: () throws -> T) rethrows {
            var times: [Double] = [], cpu: [Double] = []
            for _ in 0..<3 {
                let startCPU = cpuNow()
                let (wall, result) = try timed(body)
                cpu.append(cpuNow() - startCPU)
                times.append(wall)
                keep(result)
            }
            print(String(format: "%-40@ %8.1f ms wall %8.1f ms cpu", name as NSString, times.min()! * 1000, cpu.min()! * 1000))
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: map))
        try best("read file") { try Data(contentsOf: URL(fileURLWithPath: map)) }
        best("validate UTF-8 (String(validating:))") { String(validating: data, as: UTF8.self) }
        try best("MapDocument(data:)") { try MapDocument(data: data) }
        let loads = try (0..<5).map { _ in try timed { try MapDocument(contentsOf: map) }.seconds * 1000 }
        print("MapDocument(contentsOf:) five times, ms: " + loads.map { String(format: "%.0f", $0) }.joined(separator: " "))
        var document = try MapDocument(data: data)
        best("check()") { document.check() }
        print("  diagnostics: \(document.check().count)")
        best("text") { document.text }
        best("data") { document.data }
        let change = try document.setAttribute(.node(id), key: "status", value: "agreed")
        try best("setAttribute") { try document.setAttribute(.node(id), key: "status", value: "agreed") }
        best("perform (apply + re-parse)") { () -> MapDocument in var copy = document; copy.perform(change); return copy }
        document.perform(change)
        // In place (as the app does): a line added then removed, so every later record moves.
        var inPlace: [Double] = []
        for round in 0..<6 {
            let edit = round % 2 == 0 ? try document.addAttribute(.node(id), key: "votes", value: "1")
                : try document.removeAttribute(.node(id), key: "votes")
            inPlace.append(seconds { document.perform(edit) })
        }
        print(String(format: "%-40@ %8.1f ms best, %8.1f ms worst", "perform in place, one line more/less" as NSString,
                     inPlace.min()! * 1000, inPlace.max()! * 1000))
        let out = map + ".phases-save"
        try best("MapFile.save(data)") { try MapFile.save(document.data, to: out) }
        try? FileManager.default.removeItem(atPath: out)
        try best("DotExport whole map") { try DotExport.dot(document.graph) }
    }

    static func dump(map: String) throws -> String {
        let document = try MapDocument(contentsOf: map)
        let graph = document.graph
        var out = "header \(String(describing: graph.header))\nkinds \(graph.kinds)\n"
        for (i, node) in graph.nodes.enumerated() {
            out += "node \(i) \(node) out \(graph.outgoing[i]) in \(graph.incoming[i])\n"
        }
        for edge in graph.edges { out += "edge \(edge)\n" }
        out += "index \(graph.nodeIndex.sorted { $0.key < $1.key })\n"
        for diagnostic in document.check() { out += diagnostic.formatted(file: "m") + "\n" }
        return out
    }

    /// Random edits of every kind (attributes, nodes, links, removals, id changes) and their undo, each
    /// checked against a full parse of the edited text.
    static func fuzzEdits(map: String, count: Int) throws -> Int {
        var document = try MapDocument(contentsOf: map)
        var random = SeededRandom(seed: 7)
        var mismatches = 0
        func compare(_ what: String) {
            let full = MapDocument(text: document.text).graph, g = document.graph
            let same = (header: g.header == full.header, kinds: g.kinds == full.kinds, nodes: g.nodes == full.nodes,
                        edges: g.edges == full.edges, errors: g.syntaxErrors == full.syntaxErrors,
                        adjacency: g.outgoing == full.outgoing && g.incoming == full.incoming,
                        index: g.nodeIndex == full.nodeIndex && g.unresolvedEnds == full.unresolvedEnds)
            guard !(same.header && same.kinds && same.nodes && same.edges && same.errors && same.adjacency && same.index) else { return }
            mismatches += 1
            print("mismatch \(what): \(same)")
        }
        for step in 0..<count {
            let graph = document.graph
            guard !graph.nodes.isEmpty else { break }
            let node = graph.nodes[random.below(graph.nodes.count)].id
            let other = graph.nodes[random.below(graph.nodes.count)].id
            let edge = graph.edges.isEmpty ? nil : graph.edges[random.below(graph.edges.count)]
            let ref: RecordRef = random.chance(30) && edge != nil ? .edge(from: edge!.from, to: edge!.to, relation: edge!.relation) : random.chance(5) ? .header : .node(node)
            let key = random.pick(["status", "note", "votes", "clinical"])
            let value = random.pick(["agreed", "a\nb", "x\ny\nz", "", "smi, cancer"])
            let change: Change
            do {
                switch random.below(10) {
                case 0: change = try document.setAttribute(ref, key: key, value: value)
                case 1: change = try document.addAttribute(ref, key: key, value: value)
                case 2: change = try document.removeAttribute(ref, key: key)
                case 3: change = try document.addNode(kind: random.pick([BuiltinKind.community, .barrier, .improvement]).name, id: "fuzz-\(step)", label: "Fuzz \(step)")
                case 4: change = try document.link(from: node, to: other, relation: random.pick(["affects", "meets", "gathers at"]))
                case 5: change = try document.removeNode(node)
                case 6:
                    guard let edge else { continue }
                    change = try document.unlink(from: edge.from, to: edge.to, relation: edge.relation)
                case 7: change = try document.changeID(node, to: "fuzz-id-\(step)")
                case 8: change = try document.renameNode(node, label: "Renamed \(step)")
                default: change = try document.proposeImprovement(for: node, label: "Idea \(step)")
                }
            } catch { continue }
            document.perform(change)
            compare("at step \(step): \(change.summary)")
            if random.chance(30) {
                document.perform(change.inverse)
                compare("undoing step \(step): \(change.summary)")
            }
        }
        return mismatches
    }
}
