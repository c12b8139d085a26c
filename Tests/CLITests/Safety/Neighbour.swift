import Foundation
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// A second, unprivileged user for the tests where permissions matter (CI runs them as root). Made
/// once with `useradd`; commands run as it through `setpriv`. Not root, or no `useradd`: the test
/// fails saying so, it never skips.
enum Neighbour {
    static let name = "assetmap-neighbour"

    struct Identity {
        var uid: uid_t
        var gid: gid_t
    }

    private static let made: Result<Identity, NeighbourMissing> = {
        if getpwnam(name) == nil {
            guard geteuid() == 0 else { return .failure(NeighbourMissing("these tests must run as root (CI does)")) }
            let status = runProgram("/usr/sbin/useradd", ["--system", "--user-group", "--no-create-home", name])
            if status != 0 && getpwnam(name) == nil {
                return .failure(NeighbourMissing("useradd \(name) failed (status \(status))"))
            }
        }
        guard let entry = getpwnam(name) else { return .failure(NeighbourMissing("no user \(name)")) }
        return .success(Identity(uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid))
    }()

    struct NeighbourMissing: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The user, or a recorded failure.
    static func identity() throws -> Identity {
        switch made {
        case .success(let identity): return identity
        case .failure(let missing):
            Issue.record("a second user is needed: \(missing)")
            throw missing
        }
    }

    /// Runs `assetmap ARGUMENTS` in `directory` as the neighbour.
    static func run(_ arguments: [String], in directory: URL) throws -> CLI.Result {
        let me = try identity()
        let binary = try #require(CLI.binary)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("neighbour-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("neighbour-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments =
            ["--reuid=\(me.uid)", "--regid=\(me.gid)", "--clear-groups", "--", binary.path] + arguments
        process.currentDirectoryURL = directory
        process.environment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"]
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    static func runProgram(_ path: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
