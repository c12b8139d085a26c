import Foundation
import Testing

/// A first try: `assetmap` alone opens the example as a copy; `assetmap NEW.map` offers to start a map.
@Suite(.serialized)
struct FirstRunTests {
    @Test func theExampleOpensAsACopyAndTheFirstSaveAsksWhere() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = try Data(contentsOf: Fixture.exampleMap)
        let session = try TmuxSession(shellCommand: Fixture.appCommand([], in: folder), width: 80, height: 24)
        defer { session.kill() }
        try session.waitFor(UIText.tabBar)
        try session.press("4", "t")
        try session.press("s")
        try session.waitFor("Save your copy")
        try session.waitFor("walsall.map")
        try session.press("Enter")
        try session.waitFor("Saved walsall.map")
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
        let copy = try String(contentsOf: folder.appendingPathComponent("walsall.map"), encoding: .utf8)
        #expect(copy.contains("  history: "), "the status change is in the copy")
        #expect(try Data(contentsOf: Fixture.exampleMap) == example, "the bundled example is unchanged")
    }

    @Test func aNewFileStartsAMapWithTheTitleAndAreaTyped() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try TmuxSession(shellCommand: Fixture.appCommand(["new.map"], in: folder), width: 80, height: 24)
        defer { session.kill() }
        try session.waitFor("new.map does not exist. Start a new map there [y/N]?")
        try session.type("y")
        try session.press("Enter")
        try session.waitFor("Title of the map:")
        try session.type("Pleck connectors")
        try session.press("Enter")
        try session.waitFor("Area it covers")
        try session.type("Walsall")
        try session.press("Enter")
        try session.waitFor(UIText.tabBar)
        try session.press("q")
        try AppSession.expectRestored(session, exitStatus: 0)
        let text = try String(contentsOf: folder.appendingPathComponent("new.map"), encoding: .utf8)
        #expect(text.hasSuffix("map \"Pleck connectors\"\n  area: Walsall\n"), "\(text)")
        #expect(!text.contains("example-"), "none of the template's examples")
    }

    @Test func answeringNoCreatesNothing() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try TmuxSession(shellCommand: Fixture.appCommand(["new.map"], in: folder), width: 80, height: 24)
        defer { session.kill() }
        try session.waitFor("[y/N]?")
        try session.press("Enter")
        let screen = try session.waitFor("EXITED 1")
        #expect(screen.contains("Nothing created."))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.map").path))
    }

    @Test func versionIsPrinted() throws {
        let result = try Fixture.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.wholeMatch(of: /assetmap \d+\.\d+\.\d+\n/) != nil, "\(result.output)")
    }
}
