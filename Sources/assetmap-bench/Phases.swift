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
        var document = try MapDocument(data: data)
        best("check()") { document.check() }
        print("  diagnostics: \(document.check().count)")
        best("text") { document.text }
        best("data") { document.data }
        let change = try document.setAttribute(.node(id), key: "status", value: "agreed")
        try best("setAttribute") { try document.setAttribute(.node(id), key: "status", value: "agreed") }
        best("perform (apply + re-parse)") { () -> MapDocument in var copy = document; copy.perform(change); return copy }
        document.perform(change)
        let out = map + ".phases-save"
        try best("MapFile.write(data)") { try MapFile.write(document.data, to: out) }
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
}
