import AssetMapCore
import Foundation
import AssetMapTestSupport

/// `assetmap-bench --git`: diff and a clean three-way merge of two 100,000-node maps that differ by a few
/// hundred records, and history over 200 git revisions of a 1,000-node map, each timed as the whole
/// `assetmap` process a person or git would run.
enum GitSection {
    static func run(runs: Int, keep: String?, nodes: Int = 100_000, historyNodes: Int = 1_000, revisions: Int = 200)
        throws
    {
        let me = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0])
        let assetmap = me.deletingLastPathComponent().appendingPathComponent("assetmap").path
        guard FileManager.default.isExecutableFile(atPath: assetmap) else {
            fail(
                "--git times the assetmap program beside the bench: build it first (swift build -c release --product assetmap)"
            )
        }
        let directory = keep ?? NSTemporaryDirectory() + "assetmap-bench-git-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }

        progress("generating \(Report.grouped(nodes)) nodes and two sites' versions")
        let base = MapDocument(text: MapGenerator.generate(nodes: nodes).mapText)
        let (ours, oursChanged) = try sideVersion(of: base, side: "ours", offset: 0)
        let (theirs, theirsChanged) = try sideVersion(of: base, side: "theirs", offset: 1)
        for (name, document) in [("base", base), ("ours", ours), ("theirs", theirs)] {
            try document.data.write(to: URL(fileURLWithPath: "\(directory)/\(name).map"))
        }
        var rows: [(String, Samples, Double)] = []
        progress("assetmap diff")
        rows.append(
            (
                "diff base ours (\(oursChanged) records differ)",
                try sample(runs) {
                    try seconds {
                        try expectExit(
                            runProgram(assetmap, ["diff", "\(directory)/base.map", "\(directory)/ours.map"]), 1)
                    }
                }, 2
            ))
        progress("assetmap merge-file")
        rows.append(
            (
                "merge-file base ours theirs (\(oursChanged) + \(theirsChanged) records, clean)",
                try sample(runs) {
                    try FileManager.default.removeItemIfPresent("\(directory)/result.map")
                    try FileManager.default.copyItem(atPath: "\(directory)/ours.map", toPath: "\(directory)/result.map")
                    return try seconds {
                        try expectExit(
                            runProgram(
                                assetmap,
                                [
                                    "merge-file", "\(directory)/base.map", "\(directory)/result.map",
                                    "\(directory)/theirs.map",
                                ]), 0)
                    }
                }, 2
            ))

        progress("\(revisions) git revisions of a \(Report.grouped(historyNodes))-node map")
        let repository = "\(directory)/history"
        try makeHistory(in: repository, nodes: historyNodes, revisions: revisions)
        progress("assetmap history")
        rows.append(
            (
                "history over \(revisions) revisions of \(Report.grouped(historyNodes)) nodes",
                try sample(runs) {
                    try seconds {
                        try expectExit(
                            runProgram(assetmap, ["history", "\(repository)/site.map", "--format", "csv"]), 0)
                    }
                }, 5
            ))

        printProcessTable("git", runs: runs, rows)
    }

    /// One site's version: attributes set on a hundred nodes, a dated note on fifty barriers, fifty new
    /// nodes each linked at the usual places. The two sides touch different nodes.
    private static func sideVersion(of base: MapDocument, side: String, offset: Int) throws -> (MapDocument, Int) {
        var document = base
        let nodes = base.graph.nodes
        let step = nodes.count / 200
        var changed = 0
        for k in 0..<100 {
            let node = nodes[(2 * k + offset) * step]
            document.apply(
                try document.setAttribute(.node(node.id), key: "\(side)-checked", value: "2026-11-\(10 + k % 20)"))
            changed += 1
        }
        let barriers = nodes.filter { $0.kind == BuiltinKind.barrier.name }
        for k in 0..<50 {
            let barrier = barriers[(2 * k + offset) * (barriers.count / 100)]
            document.apply(
                try document.addAttribute(
                    .node(barrier.id), key: "review", value: "2026-11-2\(offset) \(side) site: discussed"))
            changed += 1
        }
        for k in 0..<50 {
            let id = "\(side)-new-\(k)"
            document.apply(
                try document.addNode(kind: BuiltinKind.community.name, id: id, label: "New group \(k) (\(side))"))
            document.apply(try document.link(from: id, to: nodes[k * step].id, relation: "meets"))
            changed += 2
        }
        return (document, changed)
    }

    /// A git repository where a 1,000-node map is committed `revisions` times, each a few status changes,
    /// notes and additions, dated a day apart.
    private static func makeHistory(in repository: String, nodes: Int, revisions: Int) throws {
        try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
        func git(_ arguments: [String], date: String? = nil) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: repository)
            var environment = ProcessInfo.processInfo.environment
            if let date { environment["GIT_AUTHOR_DATE"] = date; environment["GIT_COMMITTER_DATE"] = date }
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BenchError("git \(arguments.joined(separator: " ")) failed")
            }
        }
        try git(["init", "-q"])
        var document = MapDocument(text: MapGenerator.generate(nodes: nodes, seed: 7).mapText)
        let barriers = document.graph.nodes.filter { $0.kind == BuiltinKind.barrier.name }.map(\.id)
        let statuses = ["discussed", "agreed", "in-progress", "resolved", "parked"]
        for revision in 0..<revisions {
            let date = String(format: "2026-%02d-%02d", 1 + revision / 28, 1 + revision % 28)
            if revision > 0 {
                for k in 0..<3 {
                    let barrier = barriers[(revision * 7 + k * 13) % barriers.count]
                    document.apply(
                        try document.setTracked(
                            .node(barrier), key: "status", value: statuses[(revision + k) % statuses.count], date: date)
                    )
                    document.apply(
                        try document.addAttribute(.node(barrier), key: "review", value: "\(date) revision \(revision)"))
                }
                document.apply(
                    try document.addNode(
                        kind: BuiltinKind.barrier.name, id: "raised-\(revision)",
                        label: "Raised in revision \(revision)"))
            }
            try document.data.write(to: URL(fileURLWithPath: "\(repository)/site.map"))
            try git(["add", "site.map"])
            try git(["commit", "-q", "-m", "revision \(revision)"], date: "\(date)T12:00:00")
        }
    }
}

extension FileManager {
    func removeItemIfPresent(_ path: String) throws {
        if fileExists(atPath: path) { try removeItem(atPath: path) }
    }
}
