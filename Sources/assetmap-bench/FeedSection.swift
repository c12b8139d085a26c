import Foundation

/// A whole process of `assetmap import oruk URL`: every page of a 1,000-service feed from the local test server
/// (Tests/FeedServer, on 127.0.0.1), at the default polite pace, into a new map.
enum FeedSection {
    static let services = 1_000

    static func measure(directory: String, runs: Int, report: inout Report) throws {
        let bench =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let assetmap = URL(fileURLWithPath: bench).deletingLastPathComponent().appendingPathComponent("assetmap").path
        var root = URL(fileURLWithPath: bench).deletingLastPathComponent()
        while root.path != "/"
            && !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
        {
            root.deleteLastPathComponent()
        }
        let script = root.appendingPathComponent("Tests/FeedServer/oruk_feed_server.py").path
        guard FileManager.default.isExecutableFile(atPath: assetmap), FileManager.default.fileExists(atPath: script)
        else {
            report.pending.append("import oruk: build the command first and run from the repository")
            return
        }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = [
            script, "--generate", "\(services)", "--page-size", "100", "--lifetime", "600",
        ]
        let out = Pipe()
        server.standardOutput = out
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw BenchError("the feed server did not start")
        }
        let map = "\(directory)/feed-\(services).map"
        var seconds: [Double] = []
        for _ in 0..<runs {
            try? FileManager.default.removeItem(atPath: map)
            let run = try ProcessSection.run([assetmap, "import", "oruk", "http://127.0.0.1:\(port)", "-o", map])
            guard run.exitStatus == 0 else {
                throw BenchError("assetmap import oruk exited \(run.exitStatus.map(String.init) ?? "on a signal")")
            }
            seconds.append(run.seconds)
        }
        report.set(
            "whole process: import oruk of a live \(Report.grouped(services))-service feed (10 pages, local server), median",
            .seconds, size: services, Samples(seconds: seconds).median, target: .init(text: "< 3 s", limit: 3))
    }
}
