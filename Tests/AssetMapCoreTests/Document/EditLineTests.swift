import Testing
@testable import AssetMapCore
import AssetMapTestSupport

/// Every edit touches only its own lines, keeps the file's line endings and final newline,
/// and its inverse gives back the exact text.
@Suite struct EditLines {
    static let base = """
        # a comment
        map "T"

        community refugees "Refugees"
          plus: yes
          note: first
          + second

        organisation rmc "RMC"

        barrier poa "Proof of address"
          status: open

        refugees -> rmc trusts
        poa -> refugees affects
          owner: someone

        """

    static let variants: [(String, String)] = [
        ("lf", base),
        ("crlf", base.replacingOccurrences(of: "\n", with: "\r\n")),
        ("no final newline", String(base.dropLast())),
        // "\r\n" is one Character, so dropLast removes both.
        ("crlf, no final newline", String(base.replacingOccurrences(of: "\n", with: "\r\n").dropLast())),
    ]

    typealias Edit = @Sendable (MapDocument) throws -> Change

    static let edits: [(String, Edit, removed: Int, added: Int)] = [
        ("set existing", { try $0.setAttribute(.node("poa"), key: "status", value: "agreed") }, 1, 1),
        ("set new", { try $0.setAttribute(.node("rmc"), key: "when", value: "Mondays") }, 0, 1),
        ("set header", { try $0.setAttribute(.header, key: "area", value: "Walsall") }, 0, 1),
        (
            "set edge",
            { try $0.setAttribute(.edge(from: "poa", to: "refugees", relation: "affects"), key: "owner", value: "x") },
            1, 1
        ),
        ("add attribute", { try $0.addAttribute(.node("refugees"), key: "plus", value: "no") }, 0, 1),
        ("unset", { try $0.removeAttribute(.node("poa"), key: "status") }, 1, 0),
        ("unset multi-line", { try $0.removeAttribute(.node("refugees"), key: "note") }, 2, 0),
        ("rename", { try $0.renameNode("rmc", label: "Refugee and Migrant Centre") }, 1, 1),
        ("link", { try $0.link(from: "poa", to: "rmc", relation: "seen at") }, 0, 1),
        ("unlink", { try $0.unlink(from: "refugees", to: "rmc") }, 1, 0),
        ("remove node", { try $0.removeNode("rmc") }, 2, 0),
        ("set title", { try $0.setTitle("New \"title\"") }, 1, 1),
    ]

    /// Split on "\n" bytes: as Characters, "\r\n" is a single one.
    func rawLines(_ text: String) -> [String] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Line contents without "\r": appending after a last line that had no line ending gives it one.
    func lines(_ text: String) -> [String] {
        rawLines(text).map { $0.hasSuffix("\r") ? String($0.utf8.dropLast())! : $0 }
    }

    @Test(arguments: variants.indices, edits.indices)
    func oneEditChangesOnlyItsLines(variant: Int, edit: Int) throws {
        let (variantName, text) = Self.variants[variant]
        let (name, makeChange, removed, added) = Self.edits[edit]
        var doc = MapDocument(text: text)
        let change = try makeChange(doc)
        doc.apply(change)
        let diff = lines(doc.text).difference(from: lines(text))
        #expect(diff.removals.count == removed, "\(name) on \(variantName)")
        #expect(diff.insertions.count == added, "\(name) on \(variantName)")
        #expect(doc.graph.syntaxErrors == [], "\(name) on \(variantName)")
        let crlf = variant % 2 == 1
        for line in rawLines(doc.text).dropLast() {  // the last piece has no "\n" after it
            #expect(line.hasSuffix("\r") == crlf, "\(name) on \(variantName): line ending of \(line)")
        }
        #expect(doc.text.hasSuffix("\n") == text.hasSuffix("\n"))
        #expect(!doc.text.hasSuffix("\r"), "\(name) on \(variantName): a stray \\r at the end")
        doc.apply(change.inverse)
        #expect(doc.text == text, "\(name) on \(variantName): inverse")
    }

    /// A CRLF file cut after its last "\r" (no "\n"): the last line ends in a lone "\r". Edits at its end, then
    /// their inverses, give back exactly its bytes, and the graph is a fresh parse's at every step (found by
    /// fuzzing: undoing the removal of the last record lost that "\r").
    @Test func undoAtTheEndOfAFileEndingInALoneCR() throws {
        let crlf = Array(Self.base.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let cut = String(decoding: crlf.dropLast(), as: UTF8.self), fuzzed = "\u{FEFF}\r\r\nplace a \"A\"\r"
        let atTheEnd: [(String, String, Edit)] = [
            (
                cut, "set the last line",
                {
                    try $0.setAttribute(
                        .edge(from: "poa", to: "refugees", relation: "affects"), key: "owner", value: "x")
                }
            ),
            (
                cut, "remove the last line",
                { try $0.removeAttribute(.edge(from: "poa", to: "refugees", relation: "affects"), key: "owner") }
            ),
            (cut, "remove the last record", { try $0.unlink(from: "poa", to: "refugees") }),
            (cut, "remove a node with the last record", { try $0.removeNode("poa") }),
            (cut, "add after the last line", { try $0.link(from: "poa", to: "rmc", relation: "seen at") }),
            (fuzzed, "rename the last node", { try $0.renameNode("a", label: "Renamed") }),
            (fuzzed, "remove the last node", { try $0.removeNode("a") }),
            (fuzzed, "add after the last line", { try $0.setAttribute(.node("a"), key: "note", value: "x") }),
        ]
        for (text, name, makeChange) in atTheEnd {
            var doc = MapDocument(text: text)
            let change = try makeChange(doc)
            doc.apply(change)
            #expect(RandomEdits.differenceFromFullParse(doc) == nil, "\(name): after")
            doc.apply(change.inverse)
            #expect(doc.text == text, "\(name): undone")
            #expect(RandomEdits.differenceFromFullParse(doc) == nil, "\(name): undone")
        }
    }

    @Test func addNodeAddsItsLineAndASeparatorOnly() throws {
        for (name, text) in Self.variants {
            var doc = MapDocument(text: text)
            let change = try doc.addNode(kind: "place", id: "cafe", label: "Café", attributes: [("when", "Fridays")])
            doc.apply(change)
            let diff = lines(doc.text).difference(from: lines(text))
            #expect(diff.removals.isEmpty, "\(name)")
            #expect(diff.insertions.count == 3, "\(name)")  // the node, its attribute, one blank line
            #expect(doc.graph.node("cafe")?.value("when") == "Fridays")
            doc.apply(change.inverse)
            #expect(doc.text == text)
        }
    }
}
