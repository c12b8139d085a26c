import AssetMapCore
import Foundation
import Testing
import AssetMapTestSupport

/// The HTML minutes in a real headless browser: printed to PDF, they are A4 pages holding the minutes' text.
@Suite struct ReportPrintTests {
    func tool(_ path: String, _ arguments: [String], in directory: URL) throws -> String {
        #expect(FileManager.default.isExecutableFile(atPath: path), "\(path) is missing: run script/setup")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = directory.appendingPathComponent(".tool-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(path) \(arguments) failed")
        return String(decoding: try Data(contentsOf: out), as: UTF8.self)
    }

    @Test func htmlMinutesPrintOnA4() throws {
        let scratch = try TemporaryFolder()
        try scratch.write(
            "test.map",
            walsall.replacingOccurrences(
                of: "  status: open\n", with: "  status: open\n  owner: Healthwatch Walsall\n  due: 2020-01-31\n"))
        #expect(try scratch.run("set", "test.map", "proof-of-address", "status=agreed").status == 0)
        #expect(try scratch.run("report", "test.map", "--since", "today", "-o", "minutes.html").status == 0)
        _ = try tool(
            "/usr/bin/chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--user-data-dir=\(scratch.path("profile"))", "--print-to-pdf=\(scratch.path("minutes.pdf"))",
                "file://\(scratch.path("minutes.html"))",
            ], in: scratch.url)
        let info = try tool("/usr/bin/pdfinfo", [scratch.path("minutes.pdf")], in: scratch.url)
        #expect(info.contains("(A4)"), "\(info)")
        let text = try tool("/usr/bin/pdftotext", ["-layout", scratch.path("minutes.pdf"), "-"], in: scratch.url)
        #expect(text.contains("Minutes: Walsall community asset map"))
        #expect(text.contains("Decisions"))
        #expect(text.contains("open → agreed"))
        #expect(text.contains("OVERDUE"))
    }
}
