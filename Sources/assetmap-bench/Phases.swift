import Foundation
import AssetMapCore
import AssetMapTestSupport

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
            print(
                String(
                    format: "%-40@ %8.1f ms wall %8.1f ms cpu", name as NSString, times.min()! * 1000, cpu.min()! * 1000
                ))
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: map))
        try best("read file") { try Data(contentsOf: URL(fileURLWithPath: map)) }
        best("validate UTF-8 (String(validating:))") { String(validating: data, as: UTF8.self) }
        try best("MapDocument(data:)") { try MapDocument(data: data) }
        let loads = try (0..<5).map { _ in try timed { try MapDocument(contentsOf: map) }.seconds * 1000 }
        print(
            "MapDocument(contentsOf:) five times, ms: "
                + loads.map { String(format: "%.0f", $0) }.joined(separator: " "))
        var document = try MapDocument(data: data)
        best("check()") { document.check() }
        print("  diagnostics: \(document.check().count)")
        best("text") { document.text }
        best("data") { document.data }
        let change = try document.setAttribute(.node(id), key: "status", value: "agreed")
        try best("setAttribute") { try document.setAttribute(.node(id), key: "status", value: "agreed") }
        best("perform (apply + re-parse)") { () -> MapDocument in
            var copy = document; copy.perform(change); return copy
        }
        document.perform(change)
        // In place (as the app does): a line added then removed, so every later record moves.
        var inPlace: [Double] = []
        for round in 0..<6 {
            let edit =
                round % 2 == 0
                ? try document.addAttribute(.node(id), key: "votes", value: "1")
                : try document.removeAttribute(.node(id), key: "votes")
            inPlace.append(seconds { document.perform(edit) })
        }
        print(
            String(
                format: "%-40@ %8.1f ms best, %8.1f ms worst", "perform in place, one line more/less" as NSString,
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
        out += "index \(graph.nodeIndex.dictionary.sorted { $0.key < $1.key })\n"
        for diagnostic in document.check() { out += diagnostic.formatted(file: "m") + "\n" }
        return out
    }

    /// Random edits of every kind and their undo, each checked against a full parse of the edited text.
    static func fuzzEdits(map: String, count: Int) throws -> Int {
        var document = try MapDocument(contentsOf: map)
        var random = SeededRandom(seed: 7)
        var mismatches = 0
        for step in 0..<count {
            for mismatch in RandomEdits.step(&document, &random, step: step) {
                mismatches += 1
                print("mismatch \(mismatch)")
            }
        }
        return mismatches
    }
}
