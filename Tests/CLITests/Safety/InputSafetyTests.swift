import Foundation
import Testing
import AssetMapTestSupport

/// Input that used to be read silently wrong: it is refused with its place, or read right.
@Suite struct InputSafety {
    /// A quote opened in any column and never closed swallowed the rest of the file into one cell.
    @Test(arguments: [1, 2, 3, 4])
    func aCSVQuoteNeverClosedIsAnErrorAtItsCell(column: Int) throws {
        let dir = try TemporaryFolder()
        var row = ["Quote Centre", "Organization", "Runs a café", "council"]
        row[column - 1] = "\"" + row[column - 1]
        let text =
            "Label,Type,Description,Tags\r\nPleck Health Centre,Places,,\r\n" + row.joined(separator: ",")
            + "\r\nThe Glebe Centre,Places,\"Lunch, \"\"hot\"\"\",\r\nLast,Places,,\r\n"
        try dir.write("elements.csv", text)
        let result = try dir.run("import", "elements.csv", "-o", "new.map")
        #expect(result.status != 0)
        #expect(
            result.stderr.contains(
                "elements.csv:3:\(column): error: the quote that opens this cell closes before its end"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("new.map")))
        // With no quote after it, the rest of the file was swallowed.
        try dir.write("last.csv", "Label,Type,Description\nA,Places,x\nB,Places,\"open\nC,Places,y\n")
        let last = try dir.run("import", "last.csv", "-o", "new.map")
        #expect(last.status != 0)
        #expect(
            last.stderr.contains("last.csv:3:3: error: a quote opens this cell and is never closed"), "\(last.stderr)")
    }

    /// Quotes closed, doubled and holding line breaks are fine.
    @Test func closedQuotesStillImport() throws {
        let dir = try TemporaryFolder()
        try dir.write(
            "elements.csv", "Label,Type,Description\n\"A, B\",Places,\"two\nlines, \"\"quoted\"\"\"\nC,Places,\"\"\n")
        let result = try dir.run("import", "elements.csv", "-o", "new.map")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.read("new.map").contains("place c \"C\""))
    }

    /// A value that is not UTF-8 (typed in Latin-1) was stored as U+FFFD.
    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let binary = try #require(CLI.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" set w.map rmc \"note=$(printf 'caf\\351')\"", binary.path]
        process.currentDirectoryURL = dir.url
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message == "assetmap: argument 4 is not UTF-8 text ('note=caf\\xe9'); nothing was done\n")
        #expect(try dir.read("w.map") == walsall)
    }
}
