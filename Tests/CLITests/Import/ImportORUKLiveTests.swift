import Foundation
import Testing
import AssetMapTestSupport

/// A local Open Referral API (Tests/FeedServer, on 127.0.0.1 only) serving the HSDS 1.1 sample package as
/// HSDS 3 pages, with faults on chosen pages.
final class FeedServer {
    let process = Process()
    let port: Int
    let log: String

    init(_ arguments: [String], in dir: TemporaryFolder) throws {
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while root.path != "/"
            && !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
        {
            root.deleteLastPathComponent()
        }
        log = dir.path("requests.log")
        let out = Pipe()
        // The system's Python itself (no version-manager shim between, so a terminate reaches the server).
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [
                root.appendingPathComponent("Tests/FeedServer/oruk_feed_server.py").path, "--lifetime", "60", "--log",
                log,
            ]
            + arguments
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        port = try #require(Int(String(decoding: line, as: UTF8.self)), "the feed server did not start")
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func requests() throws -> [String] {
        try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
            String($0.split(separator: " ")[2])
        }
    }

    deinit {
        // SIGKILL, not terminate-and-wait: nothing the server does can hold the test up.
        kill(process.processIdentifier, SIGKILL)
    }
}

@Suite struct ImportORUKLive {
    static func package() throws -> String {
        try ImportORUKShapes.real("hsds11-sample-package")
    }

    /// The same feed read from the package folder: what a live read must give.
    static func fromPackage(_ dir: TemporaryFolder) throws -> String {
        let result = try dir.run(
            "import", "oruk", try package(), "-o", "package.map", "--source", "sample", "--title", "Sample")
        #expect(result.status == 0, "\(result.stderr)")
        return try dir.read("package.map")
    }

    @Test func everyPageIsReadThroughRetriesAndRateLimits() throws {
        let dir = try TemporaryFolder()
        let server = try FeedServer(
            [
                "--package", try Self.package(), "--page-size", "4", "--fault", "services:2:503once", "--fault",
                "services:3:429once",
            ],
            in: dir)
        let result = try dir.run(
            "import", "oruk", server.url, "-o", "live.map", "--source", "sample", "--title", "Sample", "--pace", "0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.hasPrefix(
                "added 20 nodes and 10 edges; updated 0 nodes and 0 edges\nread HSDS 3 / ORUK 3.0 API pages: 10 organisations, 10 locations (10 physical), 13 services\n"
            ), "\(result.stdout)")
        #expect(result.stderr == "read 4 pages from \(server.url)\n")
        #expect(
            try server.requests() == [
                "/services?page=1", "/services?page=2", "/services?page=2", "/services?page=3", "/services?page=3",
                "/services?page=4",
            ])
        #expect(try dir.read("live.map") == (try Self.fromPackage(dir)))
    }

    @Test func servicesWithoutLocationsOrOrganisationsReadThoseEndpointsToo() throws {
        let dir = try TemporaryFolder()
        let server = try FeedServer(
            ["--package", try Self.package(), "--page-size", "5", "--split", "--organization-ids"], in: dir)
        let result = try dir.run(
            "import", "oruk", server.url + "/", "-o", "live.map", "--source", "sample", "--title", "Sample", "--pace",
            "0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try server.requests() == [
                "/services?page=1", "/services?page=2", "/services?page=3", "/service_at_locations?page=1",
                "/service_at_locations?page=2", "/service_at_locations?page=3", "/organizations?page=1",
                "/organizations?page=2",
            ])
        #expect(try dir.read("live.map") == (try Self.fromPackage(dir)))
    }

    @Test func aFailingPageWritesNothingAndSaysWhichPage() throws {
        let dir = try TemporaryFolder()
        let server = try FeedServer(["--package", try Self.package(), "--fault", "services:3:500"], in: dir)
        let result = try dir.run("import", "oruk", server.url, "-o", "live.map", "--retries", "1", "--pace", "0")
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                \(server.url)/services?page=3: HTTP 500 Internal Server Error (2 tries)
                nothing written: the feed could not be read whole

                """)
        #expect(!FileManager.default.fileExists(atPath: dir.path("live.map")))
        let map = try Self.fromPackage(dir)
        let into = try dir.run("import", "oruk", server.url, "--into", "package.map", "--retries", "0", "--pace", "0")
        #expect(into.status == 1)
        #expect(try dir.read("package.map") == map)
    }

    @Test func aSlowPageTimesOutAndAMalformedOneIsRefused() throws {
        let dir = try TemporaryFolder()
        let slow = try FeedServer(["--package", try Self.package(), "--fault", "services:2:slow=3"], in: dir)
        let timedOut = try dir.run(
            "import", "oruk", slow.url, "-o", "a.map", "--timeout", "1", "--retries", "0", "--pace", "0")
        #expect(timedOut.status == 1)
        #expect(
            timedOut.stderr.hasPrefix("\(slow.url)/services?page=2: no answer in time (1 tries)\n"),
            "\(timedOut.stderr)")
        let broken = try FeedServer(["--package", try Self.package(), "--fault", "services:4:malformed"], in: dir)
        let malformed = try dir.run("import", "oruk", broken.url, "-o", "b.map", "--pace", "0")
        #expect(malformed.status == 1)
        #expect(
            malformed.stderr.hasPrefix(
                "\(broken.url)/services?page=4: the answer is not an Open Referral page (JSON with contents or content)\n"
            ),
            "\(malformed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("a.map")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("b.map")))
    }

    @Test func anUpdateSinceADateFlagsNothing() throws {
        let dir = try TemporaryFolder()
        let server = try FeedServer(["--package", try Self.package()], in: dir)
        let map = try Self.fromPackage(dir)
        let result = try dir.run(
            "import", "oruk", server.url, "--into", "package.map", "--source", "sample", "--modified-after",
            "2026-10-01",
            "--pace", "0")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                added 0 nodes and 0 edges; updated 0 nodes and 0 edges
                read HSDS 3 / ORUK 3.0 API pages: 1 organisation, 1 location (1 physical), 2 services
                a partial read (only services modified after 2026-10-01): nothing is flagged as gone from the feed

                """, "\(result.stdout)")
        #expect(try server.requests() == ["/services?page=1&modified_after=2026-10-01"])
        // Its organisation's third service, not in this update, is kept.
        #expect(try dir.read("package.map") == map)
    }
}
