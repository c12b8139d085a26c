import Foundation
import Testing
import AssetMapTestSupport

/// `assetmap new FILE`: a map of one's own, written once and never over a file.
@Suite struct NewCommandTests {
    @Test func startsAMapWithTheTitleAndAreaGiven() throws {
        let dir = try TemporaryFolder()
        let result = try dir.run("new", "mysite.map", "--title", "Walsall connectors' map", "--area", "Walsall")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Created mysite.map; open it with: assetmap mysite.map"), "\(result.stdout)")
        let text = try dir.read("mysite.map")
        #expect(text.hasSuffix("map \"Walsall connectors' map\"\n  area: Walsall\n"), "\(text)")
        #expect(!text.contains("example-"), "no example records")
        let check = try dir.run("check", "mysite.map")
        #expect(check.status == 0 && check.stdout.isEmpty && check.stderr.isEmpty, "\(check.stdout)\(check.stderr)")
    }

    @Test func neverReplacesAFile() throws {
        let dir = try TemporaryFolder()
        try dir.write("mine.map", "community a \"A\"\n")
        let result = try dir.run("new", "mine.map", "--title", "Other", "--area", "")
        #expect(result.status == 1)
        #expect(result.stderr.contains("mine.map: error: the file already exists"), "\(result.stderr)")
        #expect(try dir.read("mine.map") == "community a \"A\"\n")
    }

    @Test func withoutATerminalTheTitleMustBeGiven() throws {
        let dir = try TemporaryFolder()
        let result = try dir.run("new", "x.map")
        #expect(result.status == 2)
        #expect(result.stderr.contains("give the map's --title and --area"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("x.map")))
    }

    @Test func aTitleThatCannotBeWrittenCreatesNothing() throws {
        let dir = try TemporaryFolder()
        let result = try dir.run("new", "x.map", "--title", "Two\nlines", "--area", "")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("x.map: error: a label must fit on one line; nothing created"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("x.map")))
    }

    @Test func openingAMissingFileWithoutATerminalPointsToNew() throws {
        let dir = try TemporaryFolder()
        let result = try dir.run("nowhere.map")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("nowhere.map: error: no such file (to start a map there: assetmap new nowhere.map"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("nowhere.map")))
    }

    @Test func helpShowsHowToOpenAFile() throws {
        let result = try TemporaryFolder().run("--help")
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: assetmap [FILE] [--strict]"), "\(result.stdout)")
        #expect(result.stdout.contains("assetmap new FILE"))
    }
}
