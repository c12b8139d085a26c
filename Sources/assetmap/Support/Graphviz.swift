import ArgumentParser
import Foundation

/// Runs Graphviz's `dot` (which honours a `layout=` the DOT names) for every picture the exports make.
enum Graphviz {
    /// DOT → SVG, PNG or PDF bytes. Prints how to install Graphviz and exits 1 when it is missing.
    static func render(_ dot: String, format: String) throws -> Data {
        guard let program = findOnPath("dot") else {
            CLI.printError(
                """
                Graphviz is not installed (no 'dot' program on PATH), so only --format dot works here.
                Install it with: sudo apt-get install graphviz   (Debian/Ubuntu)
                             or: brew install graphviz           (macOS)
                """)
            throw ExitCode(1)
        }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("assetmap-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        // Ours alone (0700, never an existing folder): the map's text sits in it while Graphviz runs.
        try FileManager.default.createDirectory(
            at: scratch, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("map.dot"), output = scratch.appendingPathComponent("out"),
            errors = scratch.appendingPathComponent("errors")
        try Data(dot.utf8).write(to: input)
        try Data().write(to: errors)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-T\(format)", "-o", output.path, input.path]
        // A file, not a pipe: Graphviz's warnings on a big map cannot fill a buffer and stall it.
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path) else {
            let message = String(decoding: FileManager.default.contents(atPath: errors.path) ?? Data(), as: UTF8.self)
            CLI.printError("Graphviz's dot failed (exit \(process.terminationStatus)): \(message)")
            throw ExitCode(1)
        }
        return data
    }

    /// Runs another program the exports need (rsvg-convert, pdfunite); exits 1 saying how to install it when missing or failing.
    static func runTool(_ name: String, _ arguments: [String], package: String) throws {
        guard let program = findOnPath(name) else {
            CLI.printError(
                "'\(name)' is not installed; install it with: sudo apt-get install \(package)   (or run script/setup)")
            throw ExitCode(1)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            CLI.printError("\(name) failed (exit \(process.terminationStatus))")
            throw ExitCode(1)
        }
    }

    static func findOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
