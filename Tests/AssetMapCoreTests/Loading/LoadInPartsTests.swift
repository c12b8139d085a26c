import Testing
import Foundation
@testable import AssetMapCore

/// Reading a file as one buffer gives what reading its lines one by one gives; checking in parts what one pass gives.
@Suite struct LoadInParts {
    /// A random map from a small pool of ids (so ends cross the halves, ids repeat, some are unknown), with
    /// comments, blank lines, continuation lines, vocabulary mistakes and syntax errors.
    static func randomMap(_ seed: UInt64, lines count: Int) -> String {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33) % n
        }
        let kinds = ["community", "organisation", "place", "barrier", "improvement", "kiosk"]
        let labels = ["Café \\\"Ä\\\"", "لاجئون", "华人 👶🏽", "back\\\\slash", "plain"]
        func id() -> String { "n\(next(12))" }
        var lines: [String] = []
        if next(4) > 0 { lines.append("map \"Test — \(seed)\"") }
        if next(3) == 0 { lines.append("kind kiosk \"Kiosks\"") }
        while lines.count < count {
            switch next(20) {
            case 0...4: lines.append("\(kinds[next(kinds.count)]) \(id()) \"\(labels[next(labels.count)])\"")
            case 5...8:
                lines.append(
                    "\(id()) -> \(next(6) == 0 ? "ghost" : id()) \(["affects", "addresses", "\"gathers at\""][next(3)])"
                )
            case 9...11:
                lines.append(
                    "  \(["status", "clinical", "dimension", "note", "conflict"][next(5)]): \(["open", "smi, bogus", "agreed", "x"][next(4)])"
                )
            case 12: lines.append("  + more \(next(9))")
            case 13: lines.append("# comment \(next(9))")
            case 14: lines.append(next(2) == 0 ? "" : "  ")
            case 15:
                lines.append(
                    ["community \"no id\"", "unknown x \"y\"", "a ->", "\"", "  + orphan", "  Bad: key", "n1 -> n2"][
                        next(7)])
            // A kind or header past the middle makes the file read in one piece: only in some maps.
            case 16: lines.append(seed % 8 == 0 && next(4) == 0 ? "kind kiosk \"Kiosks\"" : "  # indented comment")
            case 17: lines.append(seed % 8 == 1 && next(4) == 0 ? "map \"Again\"" : "place p\(next(3)) \"P\"")
            default: lines.append("barrier \(id()) \"B\"\n  status: opne\n\(id()) -> \(id()) affects")
            }
        }
        let eol = seed % 5 == 0 ? "\r\n" : "\n"
        var text =
            (seed % 7 == 0 ? "\u{FEFF}" : "") + lines.joined(separator: "\n").replacingOccurrences(of: "\n", with: eol)
        if seed % 3 != 0 { text += eol }
        return text
    }

    static func expectSame(_ a: MapGraph, _ b: MapGraph, _ context: String) {
        #expect(a.header == b.header, "\(context)")
        #expect(a.kinds == b.kinds, "\(context)")
        #expect(a.nodes == b.nodes, "\(context)")
        #expect(a.edges == b.edges, "\(context)")
        #expect(a.nodeIndex == b.nodeIndex, "\(context)")
        #expect(a.outgoing == b.outgoing, "\(context)")
        #expect(a.incoming == b.incoming, "\(context)")
        #expect(a.syntaxErrors == b.syntaxErrors, "\(context)")
    }

    /// Loading keeps the file as one buffer of bytes with the lines as ranges of it; it must read exactly as the
    /// lines do when each is its own String (the storage of lines written by edits).
    @Test func aFileReadAsOneBufferReadsLikeItsLines() throws {
        for seed in 0..<400 {
            let text = Self.randomMap(UInt64(seed), lines: 1 + seed % 70)
            let loaded = try #require(Parser.load(Data(text.utf8), validate: true))
            // The reference: the file split at "\n", the byte-order mark left out.
            let body = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
            var lines = body.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            if lines.last == "" && !text.utf8.isEmpty && text.utf8.last == 0x0A { lines.removeLast() }
            #expect(Array(loaded.lines) == lines, "seed \(seed)")
            #expect(loaded.lines == MapLines(lines), "seed \(seed)")
            #expect(loaded.hasByteOrderMark == text.hasPrefix("\u{FEFF}"), "seed \(seed)")
            #expect(loaded.hasFinalNewline == text.utf8.last.map { $0 == 0x0A } ?? true, "seed \(seed)")
            Self.expectSame(loaded.graph, Parser.parse(MapLines(lines)), "seed \(seed)")
        }
    }

    /// A long map is read in two parts at once (lines found and checked in two halves, records read in two
    /// parts, ends named in two halves); it must read exactly as one part does, wherever the split falls.
    @Test func readingInPartsGivesWhatOnePartGives() throws {
        var split = 0
        for seed in 0..<400 {
            let text = Self.randomMap(UInt64(seed), lines: 2 + seed % 90)
            let whole = try #require(Parser.load(Data(text.utf8), validate: true, partsFrom: .max))
            let parts = try #require(Parser.load(Data(text.utf8), validate: true, partsFrom: 1))
            #expect(Array(parts.lines) == Array(whole.lines), "seed \(seed)")
            #expect(
                parts.hasByteOrderMark == whole.hasByteOrderMark && parts.hasFinalNewline == whole.hasFinalNewline,
                "seed \(seed)")
            Self.expectSame(parts.graph, whole.graph, "seed \(seed)")
            #expect(parts.graph.unresolvedEnds == whole.graph.unresolvedEnds, "seed \(seed)")
            if !text.contains("kind kiosk") && !text.dropFirst(text.count / 2).contains("map \"") { split += 1 }
        }
        #expect(split > 100, "most maps have no header or kind past the middle, so they are really read in two parts")
    }

    @Test func emptyAndByteOrderMarkOnlyFiles() throws {
        let empty = try #require(Parser.load(Data(), validate: true))
        #expect(empty.lines.isEmpty && empty.hasFinalNewline)
        let mark = try #require(Parser.load(Data([0xEF, 0xBB, 0xBF]), validate: true))
        #expect(Array(mark.lines) == [""] && mark.hasByteOrderMark && !mark.hasFinalNewline)
        #expect(MapDocument(text: "\u{FEFF}").text == "\u{FEFF}")
    }

    @Test func invalidUTF8AnywhereIsRefused() {
        for position in [3, 600, 1190] {
            var bytes = Array(String(repeating: "community a \"A\"\n", count: 75).utf8)
            bytes[position] = 0xFF
            #expect(Parser.load(Data(bytes), validate: true) == nil)
        }
    }

    /// `check` finds `conflict:` lines while reading every node's attributes and every edge for other checks;
    /// `errors()` and `conflicts` look for them on their own. All three must agree, the header's included.
    @Test func conflictsAreFoundWhereverTheyAre() throws {
        let text = """
            map "M"
              conflict: status ours "a" theirs "b"
            community a "A"
              note: x
            barrier b "B"
              status: open
              conflict: nonsense
              conflict: status ours "open" theirs "agreed"
            a -> b affects
            b -> a affects
              conflict: note ours "x" theirs "y"
            """ + "\n"
        let document = MapDocument(text: String(repeating: "# filler\n", count: 5000) + text)
        let found = document.conflicts
        #expect(found.map(\.line) == [5001, 5006, 5007, 5010])
        let fromCheck = document.check(inParallel: true).filter { $0.message.hasPrefix("merge conflict") }
        #expect(fromCheck.map(\.line) == found.map { $0.line + 1 })
        #expect(document.check(inParallel: false).filter { $0.message.hasPrefix("merge conflict") } == fromCheck)
        #expect(document.errors().filter { $0.message.hasPrefix("merge conflict") } == fromCheck)
    }

    @Test func checkInPartsGivesTheSameDiagnostics() {
        var withWarnings = 0
        for seed in 0..<150 {
            let document = MapDocument(text: Self.randomMap(UInt64(seed), lines: 5 + seed % 60))
            #expect(document.check(inParallel: true) == document.check(inParallel: false), "seed \(seed)")
            // Only the errors: the same as check's errors.
            let errors = document.errors(), all = document.check()
            #expect(errors == all.filter { $0.severity == .error }, "seed \(seed)")
            if errors.count < all.count { withWarnings += 1 }
        }
        #expect(withWarnings > 0, "some random maps have warnings too, or errors() is not tried apart from check()")
    }
}
