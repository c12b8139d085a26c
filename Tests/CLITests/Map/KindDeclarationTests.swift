import Foundation
import Testing
import AssetMapTestSupport

/// A kind declared with its label straight after its name (`kind event"Events"`, which the format reads as
/// `kind event "Events"`): what `add` accepts, the next `check` accepts too.
@Suite struct KindDeclaration {
    @Test(arguments: ["kind event\"Events\"", "kind event \"Events\"", "kind\tevent\t\"Events\""])
    func aNodeAddedOfADeclaredKindChecksClean(_ declaration: String) throws {
        let dir = try TemporaryFolder()
        try dir.write("m.map", "map \"Fairs\"\n\n\(declaration)\n\nevent fete \"Summer fete\"\n")
        #expect(try dir.run("check", "m.map").status == 0)
        let added = try dir.run("add", "m.map", "event", "fair", "Summer fair")
        #expect(added.status == 0, "\(added.stderr)")
        let checked = try dir.run("check", "m.map")
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect(!checked.stdout.contains("unknown kind"), "\(checked.stdout)")
        #expect(try dir.read("m.map").hasSuffix("event fair \"Summer fair\"\n"))
    }
}
