import Testing
import Foundation
@testable import AssetMapCore
import AssetMapTestSupport

/// The fast paths of loading and checking give what their plain definitions give.
@Suite struct PlainDefinitions {
    /// The id slots behave as a dictionary from id to first node, through inserts, removals (which must keep
    /// every probe chain whole) and shifted node indices; a tiny table makes long collision chains.
    @Test func idSlotsActLikeADictionary() {
        var random = SeededRandom(seed: 7)
        var slots = IDSlots(expected: 2)
        var model: [Int: UInt32] = [:]  // node -> hash
        for step in 0..<4000 {
            // Few distinct hashes, in both halves: chains collide and wrap around within each half.
            let node = Int(random.next() % 300),
                hash = UInt32(random.next() % 40) | (random.next() % 2 == 0 ? 0 : 0x8000_0000)
            switch random.next() % 4 {
            case 0, 1:
                guard model[node] == nil else { break }
                slots.insert(node, hash: hash)
                model[node] = hash
            case 2 where model[node] != nil:
                slots.remove(node, hash: model[node]!)
                model[node] = nil
            case 3 where step % 50 == 0:
                let from = Int(random.next() % 300), delta = 1000
                slots.shiftNodes(from: from, by: delta)
                slots.shiftNodes(from: from + delta, by: -delta)  // and back: the same table
            default: break
            }
            #expect(slots.count == model.count)
            for (node, hash) in model {
                #expect(slots.find(hash: hash) { $0 == node } == node, "step \(step): node \(node) reachable")
            }
        }
        #expect(model.count > 50)
    }

    /// The graph's index finds each id's first node, and nothing for other ids, after a load and after edits.
    @Test func nodeIndexFindsFirstNodes() throws {
        var document = MapDocument(text: "community a \"A\"\nplace b \"B\"\ncommunity a \"Again\"\na -> b gathers\n")
        #expect(
            document.graph.nodeIndex["a"] == 0 && document.graph.nodeIndex["b"] == 1
                && document.graph.nodeIndex["c"] == nil)
        #expect(document.graph.nodeIndex.count == 2 && document.graph.nodeIndex.keys == ["a", "b"])
        document = MapDocument(text: "community a \"A\"\nplace b \"B\"\n")
        document.apply(try document.addNode(kind: "barrier", id: "c", label: "C"))
        document.apply(try document.removeNode("a"))
        #expect(document.graph.nodeIndex.dictionary == ["b": 0, "c": 1])
    }

    /// The lines the load notes as holding a control character are exactly those `Escaping.hasControl` finds
    /// in each line alone: read whole or in two halves, validated or not, CRLF or not, and once edits have
    /// written lines of their own. The line-by-line test agrees with the one that words the message.
    @Test func linesHoldingControlsMatchLineByLine() throws {
        var random = SeededRandom(seed: 11)
        let pieces = [
            "plain text", "\t", "é", "—", "£", "\u{A0}", "\u{1B}", "\u{85}", "\u{9F}", "\u{7F}", "\u{0}", "\r", "\r\n",
            "\u{202E}", "x", "ab cd ef gh ij kl", "0123456789abcdef",
        ]
        for round in 0..<300 {
            let lines = (0..<(1 + round % 40)).map { _ in
                (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            }
            let data = Data(lines.joined(separator: "\n").utf8)
            let loaded = try #require(
                Parser.load(data, validate: round % 2 == 0, partsFrom: round % 3 == 0 ? 1 : Parser.partsFrom))
            var document = MapDocument(text: String(decoding: data, as: UTF8.self))
            #expect(document.lines == loaded.lines)
            if round % 3 == 0, document.lines.count > 1 {
                document.apply(
                    Change(
                        "edit",
                        [Splice(start: 1, removed: [document.lines[1]], inserted: ["\u{1B}new", "plain", "crlf\r"])]))
            }
            for lines in [loaded.lines, document.lines] {
                let expected = lines.withReader { reader in lines.indices.filter { Escaping.hasControl(reader[$0]) } }
                #expect(lines.indicesOfLinesHoldingControls() == expected, "round \(round)")
                for index in lines.indices {
                    #expect(
                        lines.withBytes(index, Escaping.hasControl)
                            == (Escaping.firstControl(inLine: lines[index]) != nil), "\(lines[index].debugDescription)")
                }
            }
        }
    }

    /// The eight-bytes-at-a-time test of plain bytes agrees with a byte-by-byte look, at any alignment.
    @Test func isPlainMatchesByteByByte() {
        func plain(_ b: UInt8) -> Bool {
            (b >= 0x20 && b < 0x7F) || b == 0x09 || (b >= 0xC3 && b != 0xE2) || (b >= 0x80 && b < 0xC0)
        }
        var random = SeededRandom(seed: 9)
        let interesting: [UInt8] = [
            0x0A, 0x09, 0x0D, 0x1B, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE2, 0xFF, 0x00,
        ]
        for round in 0..<2000 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in
                random.next() % 4 == 0
                    ? interesting[Int(random.next() % UInt64(interesting.count))] : UInt8(0x20 + random.next() % 0x5E)
            }
            let start = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))  // words at every alignment
            bytes.withUnsafeBufferPointer { buffer in
                #expect(
                    Escaping.isPlain(UnsafeBufferPointer(rebasing: buffer[start...]))
                        == bytes[start...].allSatisfy(plain), "round \(round)")
            }
        }
    }

    /// Diagnostics written in blocks read exactly as each one formatted on its own line, across block ends.
    @Test func diagnosticsWrittenInBlocksReadAsFormatted() {
        let document = MapDocument(text: LoadInParts.randomMap(3, lines: 400) + "\ncommunity \u{1B}x \"é\"\n")
        var many = document.check()
        while many.count < 3000 { many += many }
        for file in ["m.map", "dir/ä \u{1B}.map"] {
            var written: [UInt8] = [], blocks = 0
            many.writeFormatted(file: file) {
                written.append(contentsOf: $0); blocks += 1
            }
            #expect(String(decoding: written, as: UTF8.self) == many.map { $0.formatted(file: file) + "\n" }.joined())
            #expect(blocks > 1)
        }
        // Numbers are written digit by digit: every width, and the largest.
        for (line, column) in [(1, 1), (9, 10), (10, 99), (1_234_567, 0), (Int(Int32.max), Int.max), (7, -3)] {
            #expect(
                Diagnostic(.warning, line: line, column: column, "m").formatted(file: "f")
                    == "f:\(line):\(column): warning: m")
        }
    }

    /// Lists sorted by position, merged, give what sorting them all together gives.
    @Test func mergedDiagnosticsAreSortedAsOne() {
        var random = SeededRandom(seed: 5)
        for round in 0..<200 {
            let lists = (0..<Int(random.next() % 8)).map { _ in
                (0..<Int(random.next() % 20)).map { _ in
                    Diagnostic(
                        random.next() % 2 == 0 ? .error : .warning, line: Int(random.next() % 10),
                        column: Int(random.next() % 3),
                        ["a", "b", "c"][Int(random.next() % 3)])
                }.sortedByPosition()
            }
            #expect([Diagnostic].mergedByPosition(lists) == Array(lists.joined()).sortedByPosition(), "round \(round)")
        }
    }

    /// Each built-in kind is found by its name, and nothing else is.
    @Test func builtinKindsByName() {
        func byBytes(_ name: String) -> BuiltinKind? {
            Array(name.utf8).withUnsafeBufferPointer { BuiltinKind.named(utf8: $0) }
        }
        for kind in BuiltinKind.allCases { #expect(BuiltinKind.named(kind.name) == kind && byBytes(kind.name) == kind) }
        for name in ["Community", "communitz", "places", "", "kiosk", "barrier "] {
            #expect(BuiltinKind.named(name) == nil && byBytes(name) == nil)
        }
    }

    /// Room for records is counted by whether `->` comes before any `"`: eight bytes at a time as one by one.
    @Test func edgeLinesAreCountedAsByteByByte() {
        var state: UInt64 = 7
        let pieces = ["a", "-", ">", "->", "\"", " ", "é", "bb-cc"]
        for _ in 0..<5000 {
            var line = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for k in 0..<Int(state >> 59) { line += pieces[Int((state >> UInt64(k * 3 % 56)) & 7)] }
            let bytes = Array(line.utf8)
            let arrow = line.range(of: "->").map { line.utf8.distance(from: line.utf8.startIndex, to: $0.lowerBound) }
            let quote = bytes.firstIndex(of: UInt8(ascii: "\""))
            let expected = arrow.map { a in quote.map { a < $0 } ?? true } ?? false
            #expect(bytes.withUnsafeBufferPointer { RecordCount.isEdgeLine($0) } == expected, "\(line)")
        }
    }

    /// `check` turns most keys away by their length alone: only `Vocabulary.keys` may have words.
    @Test func onlyVocabularyKeysHaveWords() {
        let kinds = BuiltinKind.allCases.map(Optional.some) + [nil]
        let someKeys =
            Vocabulary.keys + ["note", "owner", "since", "statuses", "Status", "clinical-area", "due", "conflict", "x"]
        var known = 0
        for kind in kinds {
            for key in someKeys where Vocabulary.words(kind: kind, key: key) != nil {
                #expect(Vocabulary.keys.contains(key), "\(key)")
                known += 1
            }
        }
        #expect(known >= Vocabulary.keys.count, "every vocabulary key has words for some kind")
        for key in Vocabulary.keys { #expect(kinds.contains { Vocabulary.words(kind: $0, key: key) != nil }, "\(key)") }
    }

    /// `check` maps a large file's pages rather than copying them: the same bytes, and a small file is read as ever.
    @Test func aMappedFileReadsAsRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assetmap-mapped-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for lines in [3, 90_000] {
            let path = directory.appendingPathComponent("m\(lines).map").path
            try LoadInParts.randomMap(UInt64(lines), lines: lines).write(
                toFile: path, atomically: true, encoding: .utf8)
            let mapped = try MapDocument.read(path, mapped: true), read = try MapDocument.read(path)
            #expect(mapped == read && (lines < 90_000 || mapped.count >= 1 << 20))
            LoadInParts.expectSame(
                try MapDocument(contentsOf: path, mapped: true).graph,
                MapDocument(text: String(decoding: read, as: UTF8.self)).graph, "\(lines)")
        }
        #expect(throws: MapLoadError.self) {
            try MapDocument.read(directory.appendingPathComponent("none").path, mapped: true)
        }
    }
}
