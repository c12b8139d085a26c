import Foundation
import Testing
import AssetMapCore
import AssetMapTestSupport

/// Every edit command writes a map that the loader reads as the reference parser (docs/FORMAT.md) reads it,
/// and that `check` accepts.
@Suite struct EditCommandsAgainstTheReference {
    @Test func everyEditCommandWritesWhatTheReferenceReads() throws {
        let dir = try TemporaryFolder()
        try dir.write("m.map", "map \"Fairs\"\n\nkind event\"Events\"\n\ncommunity families \"Families\"\n")
        let commands: [[String]] = [
            ["add", "m.map", "event", "fair", "Summer \"fair\"", "when=July\nand August"],
            ["add", "m.map", "barrier", "cost", "Cost of entry", "status=open"],
            ["set", "m.map", "fair", "note=busy", "status=agreed"],
            ["link", "m.map", "fair", "families", "gathers at"],
            ["link", "m.map", "cost", "families", "affects", "note=seen"],
            ["set", "m.map", "cost->families", "note=seen twice"],
            ["unset", "m.map", "fair", "note"],
            ["rename", "m.map", "fair", "Winter fair", "--id", "winter-fair"],
            ["unlink", "m.map", "winter-fair", "families"],
            ["fmt", "m.map"],
            ["rm", "m.map", "cost"],
        ]
        for arguments in commands {
            let result = try CLI.run(arguments, in: dir.url)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let data = try Data(contentsOf: dir.url.appendingPathComponent("m.map"))
            let document = try MapDocument(data: data)
            #expect(ReferenceComparison.differences(document, data) == [], "after \(arguments)")
            #expect(try dir.run("check", "m.map").status == 0, "after \(arguments)")
        }
        #expect(try dir.read("m.map").contains("event winter-fair \"Winter fair\""))
    }
}
