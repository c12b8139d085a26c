import Foundation
import AssetMapTestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// Where the built binary and the example map are, and a scratch folder per test.
enum Fixture {
    static let repositoryRoot = PackageRoot.folder
    static let exampleMap = repositoryRoot.appendingPathComponent("maps/walsall.map")

    /// The test target depends on the `assetmap` executable, so it is built next to the test bundle.
    static let binary: String = {
        var candidates: [URL] = []
        for start in [CommandLine.arguments.first, Bundle.main.executablePath, Bundle.main.bundlePath].compactMap({ $0 }
        ) {
            var directory = URL(fileURLWithPath: start).resolvingSymlinksInPath().deletingLastPathComponent()
            // The bundle may be a folder (…/AssetMapPackageTests.xctest/Contents/MacOS/…): climb a little.
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent("assetmap"))
                directory.deleteLastPathComponent()
            }
        }
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug/assetmap"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !isDirectory($0.path) }
        return (found ?? candidates.last!).path
    }()

    private static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    /// A fresh empty folder, removed by the caller.
    static func scratchFolder() throws -> URL { try TemporaryFolder.create(prefix: "assetmap-e2e") }

    /// A copy of the example map in `folder`.
    static func copyOfExampleMap(in folder: URL, name: String = "walsall.map") throws -> URL {
        let copy = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(at: exampleMap, to: copy)
        return copy
    }

    /// The shell command for a pane: run assetmap, then report how it ended and the tty modes,
    /// so a test can read both off the screen after the app has gone.
    static func appCommand(_ arguments: [String], in folder: URL) -> String {
        let invocation = ([binary] + arguments).map(TmuxSession.quote).joined(separator: " ")
        return "cd \(TmuxSession.quote(folder.path)) && \(invocation); echo \"EXITED $?\"; "
            + "echo \"STTY $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|icrnl|opost)' | tr '\\n' ' ')\"; "
            + "exec sleep 600"
    }

    /// Runs the binary without a terminal; returns status, stdout and stderr.
    static func run(_ arguments: [String], in folder: URL? = nil, stdin: FileHandle? = nil) throws
        -> (status: Int32, output: String, errors: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin ?? FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
