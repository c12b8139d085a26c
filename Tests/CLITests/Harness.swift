import Foundation
import Testing
import AssetMapTestSupport

/// Runs the built `assetmap` binary, which SwiftPM puts next to the test bundle.
enum CLI {
    static let binary: URL? = {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        // macOS: .../debug/AssetMapPackageTests.xctest/Contents/MacOS
        directories += directories.map {
            $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        return directories.map { $0.appendingPathComponent("assetmap") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL, environment: [String: String]? = nil) throws -> Result {
        guard let binary else {
            Issue.record("the assetmap binary was not found next to the test bundle (\(CommandLine.arguments[0]))")
            throw CancellationError()
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        // Files, not pipes: no deadlock however much either stream writes.
        let out = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let err = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}

extension TemporaryFolder {
    /// Runs the binary in this folder.
    func run(_ arguments: String..., environment: [String: String]? = nil) throws -> CLI.Result {
        try CLI.run(arguments, in: url, environment: environment)
    }
}
