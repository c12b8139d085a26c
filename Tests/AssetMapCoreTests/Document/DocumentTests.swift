import Testing
import Foundation
@testable import AssetMapCore
import AssetMapTestSupport

let sample = """
    # Walsall — comments are whole lines
    map "Walsall community asset map"
      area: Walsall

    community refugees "Refugees and people seeking asylum"
      plus: yes
      note: Many are housed in contingency hotels
      + and move at short notice.

    organisation rmc "Refugee and Migrant Centre"

    barrier proof-of-address "Asked for proof of address"
      status: open

    improvement cards "Registration cards"
      status: proposed

    refugees -> rmc "trusts"
    proof-of-address -> refugees affects
    cards -> proof-of-address addresses
      owner: Healthwatch Walsall

    """

@Suite struct DocumentRoundTrip {
    @Test(arguments: [
        sample,
        sample.replacingOccurrences(of: "\n", with: "\r\n"),
        String(sample.dropLast()),
        "",
        "\n\n# only comments\n",
        "community  a   \"A\"   \n\t  plus:   yes  \n",
    ])
    func loadThenSaveIsByteIdentical(_ text: String) {
        #expect(MapDocument(text: text).text == text)
    }

    @Test func parsesRecordsAttributesAndContinuations() {
        let doc = MapDocument(text: sample)
        #expect(doc.graph.syntaxErrors == [])
        #expect(doc.graph.header?.title == "Walsall community asset map")
        #expect(doc.graph.nodes.map(\.id) == ["refugees", "rmc", "proof-of-address", "cards"])
        #expect(
            doc.graph.node("refugees")?.value("note")
                == "Many are housed in contingency hotels\nand move at short notice.")
        #expect(doc.graph.edges.map(\.relation) == ["trusts", "affects", "addresses"])
        #expect(doc.graph.edges[2].value("owner") == "Healthwatch Walsall")
        #expect(doc.graph.node("refugees")?.endLine == 8)
    }

    @Test func crlfAttributesHaveNoCarriageReturn() {
        let doc = MapDocument(text: sample.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(doc.graph.node("refugees")?.value("plus") == "yes")
        #expect(doc.graph.edges[0].relation == "trusts")
    }
}

@Suite struct Edits {
    func changedLines(_ before: String, _ after: String) -> (removed: [String], added: [String]) {
        let a = before.components(separatedBy: "\n"), b = after.components(separatedBy: "\n")
        let diff = b.difference(from: a)
        return (
            diff.removals.map {
                if case .remove(_, let e, _) = $0 { return e }; return ""
            },
            diff.insertions.map {
                if case .insert(_, let e, _) = $0 { return e }; return ""
            }
        )
    }

    @Test func settingAnAttributeChangesExactlyThatLine() throws {
        var doc = MapDocument(text: sample)
        let change = try doc.setAttribute(.node("proof-of-address"), key: "status", value: "agreed")
        doc.apply(change)
        let d = changedLines(sample, doc.text)
        #expect(d.removed == ["  status: open"])
        #expect(d.added == ["  status: agreed"])
        doc.apply(change.inverse)
        #expect(doc.text == sample)
    }

    @Test func crlfEditKeepsCRLF() throws {
        let crlf = sample.replacingOccurrences(of: "\n", with: "\r\n")
        var doc = MapDocument(text: crlf)
        doc.perform(try doc.setAttribute(.node("rmc"), key: "when", value: "Mondays"))
        #expect(
            doc.text
                == crlf.replacingOccurrences(
                    of: "\"Refugee and Migrant Centre\"\r\n",
                    with: "\"Refugee and Migrant Centre\"\r\n  when: Mondays\r\n"))
    }

    @Test func removeNodeTakesItsEdgesAndNothingElse() throws {
        var doc = MapDocument(text: sample)
        let change = try doc.removeNode("proof-of-address")
        #expect(change.summary == "delete proof-of-address and 2 edges")
        doc.apply(change)
        #expect(doc.graph.node("proof-of-address") == nil)
        #expect(doc.graph.edges.count == 1)
        let d = changedLines(sample, doc.text)
        #expect(d.added == [])
        #expect(d.removed.count == 5)
        doc.apply(change.inverse)
        #expect(doc.text == sample)
    }

    @Test func addNodeGoesAfterLastOfItsKindAndLinkAfterLastEdgeLeaving() throws {
        var doc = MapDocument(text: sample)
        doc.perform(try doc.addNode(kind: "organisation", id: "glebe", label: "Glebe Centre"))
        doc.perform(try doc.link(from: "refugees", to: "glebe", relation: "gathers at"))
        let lines = doc.text.components(separatedBy: "\n")
        let rmc = lines.firstIndex(of: "organisation rmc \"Refugee and Migrant Centre\"")!
        #expect(lines[rmc + 1] == "")
        #expect(lines[rmc + 2] == "organisation glebe \"Glebe Centre\"")
        let trusts = lines.firstIndex(of: "refugees -> rmc \"trusts\"")!
        #expect(lines[trusts + 1] == "refugees -> glebe \"gathers at\"")
        #expect(doc.graph.syntaxErrors == [])
    }
}

@Suite struct SyntaxErrors {
    @Test(arguments: [
        ("organization rmc \"RMC\"\n", 1, 1, "unknown kind 'organization' (did you mean 'organisation'?)"),
        ("community a \"A\n", 1, 13, "this label has no closing double quote"),
        ("community a \"A\" # c\n", 1, 17, "unexpected '#' (comments are whole lines starting with '#')"),
        (
            "  plus: yes\n", 1, 3,
            "an indented line must follow a record (a node, an edge or the map header); records start at column 1"
        ),
        (
            "community a \"A\"\n  Plus: yes\n", 2, 3,
            "expected an attribute 'key: value' where the key starts with a lower-case letter"
        ),
        ("a -> b\n", 1, 7, "expected a relation after 'b', a word or a quoted label (e.g. affects, \"gathers at\")"),
        (
            "community é \"A\"\n", 1, 11,
            "unexpected 'é' (ids use letters, digits, '_', '.' and '-'; labels go in double quotes)"
        ),
        ("community a \"Ünï\" x\n", 1, 19, "unexpected 'x' at the end of the record"),
        (
            "kind event \"Events\"\n  colour: red\n", 2, 3,
            "a kind declaration takes no attributes; attributes belong to nodes, edges and the map header"
        ),
        ("community a \"A\"\n\n  + more\n  note: x\n", 3, 3, "a '+' continuation line must follow an attribute line"),
        ("a -> b affects\n  + more\n", 2, 3, "a '+' continuation line must follow an attribute line"),
        ("  + more\ncommunity a \"A\"\n", 1, 3, "a '+' continuation line must follow an attribute of a record"),
        (
            "community a \"A\"\n  note\n", 2, 7,
            "expected ':' after attribute key 'note', found the end of the line (keys use a-z, 0-9, '_' and '-')"
        ),
    ])
    func reportsPosition(_ input: (String, Int, Int, String)) {
        let errors = MapDocument(text: input.0).graph.syntaxErrors
        #expect(errors == [Diagnostic(.error, line: input.1, column: input.2, input.3)])
    }

    /// Attribute lines belong to the record above them across blank lines and comments; a `+` line continues the
    /// attribute line above it (after a broken line it is an error too: it never joins an attribute further up),
    /// and lines after a record with an error are skipped with it.
    @Test func attributesAndContinuationsFindTheirRecord() {
        let doc = MapDocument(
            text: """
                community a "A"
                  note: one

                  # a comment
                  + two
                  bad line
                  + three
                  status: open
                community "no id"
                  note: skipped
                  + skipped
                a -> a affects
                """ + "\n")
        let a = doc.graph.nodes[0]
        #expect(a.attributes.map(\.key) == ["note", "status"])
        #expect(
            a.attributes[0].value == "one\ntwo" && a.attributes[0].lineCount == 2 && a.attributes[0].offset == 1)
        #expect(a.attributes[1].offset == 7 && a.attributes[1].valueColumn == 11)
        #expect(a.line == 0 && a.endLine == 8)
        #expect(doc.graph.edges.map(\.line) == [11] && doc.graph.edges[0].endLine == 12)
        #expect(doc.graph.syntaxErrors.map(\.line) == [6, 7, 9])
    }

    @Test func invalidUTF8NamesLineAndColumn() {
        var data = Data("community a \"A\"\ncommunity b \"".utf8)
        data.append(0xFF)
        #expect(throws: MapLoadError.self) { try MapDocument(data: data) }
        do { _ = try MapDocument(data: data) } catch let error as MapLoadError {
            #expect(error.diagnostic.line == 2)
            #expect(error.diagnostic.column == 14)
        } catch { Issue.record("unexpected \(error)") }
    }
}

@Suite struct Suggestions {
    @Test func typosFindTheirWord() {
        #expect(Suggest.closest(to: "organization", among: ["community", "organisation"]) == "organisation")
        #expect(Suggest.closest(to: "opne", among: ["open", "parked"]) == "open")
        #expect(Suggest.closest(to: "xyz", among: ["open", "parked"]) == nil)
        #expect(Suggest.distance("ab", "ba") == 1)
        #expect(Suggest.distance("kitten", "sitting") == 3)
    }

    @Test func messagesNameTheClosestIdOrKindOrListTheKinds() {
        let graph = MapDocument(text: sample).graph
        #expect(Suggest.noSuchNode("refugee", in: graph) == "no node with id 'refugee' (did you mean 'refugees'?)")
        #expect(Suggest.noSuchNode("zzzzzz", in: graph) == "no node with id 'zzzzzz'")
        #expect(
            Suggest.unknownKind("plce", among: ["place", "barrier"]) == "unknown kind 'plce' (did you mean 'place'?)")
        #expect(
            Suggest.unknownKind("club", among: ["place", "barrier"])
                == "unknown kind 'club'; kinds are place, barrier, or declare one with: kind club \"Plural label\"")
        #expect(Suggest.didYouMean("opne", among: ["open"], otherwise: "; no") == " (did you mean 'open'?)")
        #expect(Suggest.didYouMean("xyz", among: ["open"], otherwise: "; no") == "; no")
    }
}

@Suite struct LoadingFiles {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("load-\(UUID().uuidString)").path

    @Test func aFileIsReadWholeAndParsed() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Larger than one read, so the loop that reads to the end is exercised.
        let text = sample + String(repeating: "# padding comment line\n", count: 10_000)
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/a.map"))
        let doc = try MapDocument(contentsOf: dir + "/a.map")
        #expect(doc.text == text)
        #expect(doc.graph.nodes.count == 4)
    }

    @Test func whyAFileCannotBeLoadedIsSaidAtLineOneColumnOne() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data([0x6D, 0x61, 0x70, 0x20, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: dir + "/bad.map"))
        let cases: [(String, MapLoadError.Reason, String, Int)] = [
            (dir + "/missing.map", .noSuchFile, "cannot read the file: no such file", 1),
            (dir, .isDirectory, "cannot read the file: it is a directory", 1),
            (dir + "/bad.map", .invalidUTF8, "the file is not valid UTF-8 (byte 0xFF); save it as UTF-8", 5),
        ]
        for (path, reason, message, column) in cases {
            let error = #expect(throws: MapLoadError.self) { try MapDocument(contentsOf: path) }
            #expect(error?.reason == reason)
            #expect(error?.diagnostic == Diagnostic(.error, line: 1, column: column, message))
        }
    }
}

@Suite struct Tolerance {
    @Test func kindDeclaredWithATabIsUsable() {
        let doc = MapDocument(text: "kind\tevent \"Events\"\nevent fair \"Summer fair\"\n")
        #expect(doc.graph.syntaxErrors == [])
        #expect(doc.graph.node("fair")?.kind == "event")
    }

    @Test func byteOrderMarkIsReadPastAndKept() {
        let text = "\u{FEFF}map \"Title\"\ncommunity a \"A\"\n"
        let doc = MapDocument(text: text)
        #expect(doc.graph.syntaxErrors == [])
        #expect(doc.graph.header?.title == "Title")
        #expect(doc.text == text)
        #expect(doc.lines.first == "map \"Title\"")
    }

    /// An edit at the very top (a node added to a map of comments only) goes after the mark, not before it.
    @Test func byteOrderMarkStaysFirstWhenTheTopIsEdited() throws {
        let text = "\u{FEFF}# a new map\n"
        var doc = MapDocument(text: text)
        let add = try doc.addNode(kind: "community", id: "a", label: "A")
        doc.perform(add)
        #expect(doc.text.hasPrefix("\u{FEFF}community a \"A\"\n"))
        #expect(doc.graph.syntaxErrors == [])
        #expect(MapDocument(text: doc.text).graph.syntaxErrors == [])
        #expect(Array(doc.data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        doc.perform(add.inverse)
        #expect(doc.text == text)
    }
}

@Suite struct Partition {
    /// The binary search every sorted lookup uses gives what a linear search gives.
    @Test func partitioningIndexIsTheFirstElementInTheSecondPart() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<300 {
            let sorted = (0..<random.below(40)).map { _ in random.below(20) }.sorted()
            let x = random.below(22) - 1
            #expect(sorted.partitioningIndex { $0 >= x } == (sorted.firstIndex { $0 >= x } ?? sorted.endIndex))
            let tail = sorted.dropFirst(3)
            #expect(tail.partitioningIndex { $0 > x } == (tail.firstIndex { $0 > x } ?? tail.endIndex))
        }
    }
}
