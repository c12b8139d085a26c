import Testing
import Foundation
@testable import AssetMapCore

/// Record lines of the two usual shapes are read straight from their bytes; everything must read as the lexer
/// reads it, the errors included.
@Suite struct UsualRecords {
    static func both(_ text: String) throws -> (usual: MapGraph, lexed: MapGraph) {
        let usual = try #require(Parser.load(Data(text.utf8), validate: true))
        let lexed = try #require(Parser.load(Data(text.utf8), validate: true, usualShapes: false))
        return (usual.graph, lexed.graph)
    }

    @Test func randomMapsReadAsLexed() throws {
        for seed in 0..<400 {
            let read = try Self.both(LoadInParts.randomMap(UInt64(seed), lines: 2 + seed % 90))
            LoadInParts.expectSame(read.usual, read.lexed, "seed \(seed)")
        }
    }

    /// Lines at the edges of the two shapes: each reads as the lexer reads it, whichever way it is taken.
    @Test func linesAtTheEdgesReadAsLexed() throws {
        let lines = [
            "community c \"C\"", "community\tc2\t\"C 2\"\t ", "community c3\"C3\"", "place p.1-x \"Café — ünïcode 👶🏽\"",
            "community c4 \"with \\\"escape\\\"\"", "community c5 \"unterminated", "community c6 \"C\" extra",
            "community c7",
            "community \"no id\"", "kiosk k \"declared later\"", "unknown u \"U\"", "map \"Title\"", "kind \"x\"",
            "kind kind \"Kinds\"", "Community c8 \"C\"", "_c c9 \"C\"",
            "c -> c2 affects", "c->c2 affects", "c -> c2\"gathers at\"", "c\t->\tc2\taffects\t",
            "c -> c2 \"rel \\\" esc\"",
            "c -> c2 affects -> c3", "c -> c2 affects extra", "c -> c2", "c ->", "-> c2 affects", "c - > c2 affects",
            "c -> -c2 affects", "c -> c2 \"unterminated", "c -> c2 affects # note", "p.1-x -> c affects",
            "c -> c2 'single'",
            "c -> c2 \"\"", "c -> c2 \"ünï ✓\"", "c -> ghost affects", "c -> c2 affects\r", "community c10 \"C\"\r",
            "kind kiosk \"Kiosks\"",
        ]
        for (k, line) in lines.enumerated() {
            let text = "map \"Edges\"\n" + lines[..<k].joined(separator: "\n") + "\n" + line + "\n  status: open\n"
            let read = try Self.both(text)
            LoadInParts.expectSame(read.usual, read.lexed, line)
        }
        let read = try Self.both(lines.joined(separator: "\n"))
        #expect(
            read.usual.edges.count >= 10 && read.usual.nodes.count >= 7 && read.usual.syntaxErrors.count >= 10,
            "\(read.usual.edges.count) \(read.usual.nodes.count) \(read.usual.syntaxErrors.count)")
        LoadInParts.expectSame(read.usual, read.lexed, "all")
    }

    /// What the shapes find in a line: token ranges as the lexer gives them, nil for anything else.
    @Test func shapesOfLines() {
        func shape(_ line: String) -> UsualRecord? { Array(line.utf8).withUnsafeBufferPointer { UsualRecord($0) } }
        let edge = shape("ab -> cd  \"e f\"  ")
        #expect(
            edge?.shape == .edge && edge?.first == 0..<2 && edge?.second == 6..<8 && edge?.third == 10..<15
                && edge?.thirdIsQuoted == true)
        let node = shape("place p\"P\"")
        #expect(node?.shape == .node && node?.first == 0..<5 && node?.second == 6..<7 && node?.third == 7..<10)
        for line in [
            "a -> b", "a -> b c d", "a b c", "a b \"x\\\"y\"", "a -> b \"x", "\"a\" b \"c\"", " a b \"c\"",
            "a b \"c\" #", "",
        ] {
            #expect(shape(line) == nil, "\(line)")
        }
    }
}
