import Testing
import Foundation
@testable import AssetMapCore

/// Which kind a `kind` line declares has one definition, the lexer's: the count made before the load and the
/// parser agree on it whatever the spacing.
@Suite struct KindLines {
    @Test(arguments: [
        "kind event\"Events\"", "kind event \"Events\"", "kind  event\t\"Events\"", "kind event\"Events\" ",
    ])
    func aDeclarationDeclaresItsKindForNodesBeforeAndAfterIt(_ declaration: String) {
        let graph = MapDocument(text: "event a \"A\"\n\(declaration)\nevent b \"B\"\n").graph
        #expect(graph.syntaxErrors == [])
        #expect(graph.nodes.map(\.kind) == ["event", "event"])
        #expect(graph.kinds.last?.name == "event" && graph.kinds.last?.plural == "Events")
    }

    @Test func nodesOfAKindReadInPartsAsInOne() throws {
        // A map long enough to be read in two parts, its kind declared at the top without a blank.
        let text = "kind event\"Events\"\n" + (0..<200).map { "event e\($0) \"Event \($0)\"" }.joined(separator: "\n")
        let inParts = try #require(Parser.load(Data(text.utf8), validate: true, partsFrom: 1))
        #expect(inParts.graph.syntaxErrors == [])
        #expect(inParts.graph.nodes.count == 200)
    }

    @Test func theNameIsTheSecondToken() {
        func name(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { bytes in
                KindLine.name(in: bytes).map {
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)
                }
            }
        }
        #expect(name("kind event\"Events\"") == "event")
        #expect(name("kind event") == "event")
        #expect(name("kind a->b \"X\"") == "a")
        #expect(name("kind \"Events\"") == nil)
        #expect(name("kinds event \"Events\"") == nil)
        #expect(name("kind") == nil)
    }
}
