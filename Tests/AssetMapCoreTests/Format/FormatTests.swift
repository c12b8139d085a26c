import Testing
@testable import AssetMapCore

@Suite struct Format {
    func formatted(_ text: String) throws -> String {
        var doc = MapDocument(text: text)
        doc.apply(try doc.formatting())
        return doc.text
    }

    let messy =
        "# top   comment  \nmap   \"T\"\n\tarea:Walsall   \n\n  # indented   \ncommunity  a\t\"A \\\"q\\\" \\\\\"  \n   plus:yes\n    +   more  \n    +\n  note:\ncommunity b \"B\"\na->b  \"x y\"\na ->  b \"trusts\"\n  owner:  Health  watch \nkind  group \"Groups\"\ngroup g \"G\""

    @Test func normalisesLayoutWithoutReorderingOrDroppingAnything() throws {
        let expected =
            "# top   comment\nmap \"T\"\n  area: Walsall\n\n  # indented\ncommunity a \"A \\\"q\\\" \\\\\"\n  plus: yes\n  +   more\n  +\n  note:\ncommunity b \"B\"\na -> b \"x y\"\na -> b trusts\n  owner: Health  watch\nkind group \"Groups\"\ngroup g \"G\""
        #expect(try formatted(messy) == expected)
    }

    @Test(arguments: ["", "\n", "community a \"A\"\n"])
    func formattedInputIsUntouched(_ text: String) throws {
        #expect(try MapDocument(text: text).formatting().splices.isEmpty)
    }

    @Test func isIdempotentAndKeepsMeaning() throws {
        for text in [messy, messy + "\n", messy.replacingOccurrences(of: "\n", with: "\r\n")] {
            let once = try formatted(text)
            #expect(try formatted(once) == once)
            let before = MapDocument(text: text).graph, after = MapDocument(text: once).graph
            #expect(before.nodes.map { [$0.kind, $0.id, $0.label] } == after.nodes.map { [$0.kind, $0.id, $0.label] })
            #expect(
                before.nodes.map { $0.attributes.map { [$0.key, $0.value] } }
                    == after.nodes.map { $0.attributes.map { [$0.key, $0.value] } })
            #expect(
                before.edges.map { [$0.from, $0.to, $0.relation] } == after.edges.map { [$0.from, $0.to, $0.relation] })
            #expect(before.header?.title == after.header?.title)
            #expect(once.components(separatedBy: "\n").count == text.components(separatedBy: "\n").count)
        }
    }

    @Test func crlfStaysCRLFAndNoFinalNewlineStaysSo() throws {
        let crlf = "community  a \"A\"  \r\n  plus:yes\r\n"
        #expect(try formatted(crlf) == "community a \"A\"\r\n  plus: yes\r\n")
        #expect(try formatted("community  a \"A\"") == "community a \"A\"")
    }

    @Test func formatIsAnUndoableChange() throws {
        var doc = MapDocument(text: messy)
        let change = try doc.formatting()
        doc.apply(change)
        doc.apply(change.inverse)
        #expect(doc.text == messy)
    }

    @Test func refusesAMapWithSyntaxErrors() {
        let doc = MapDocument(text: "community a \"A\nplace b \"B\"\n")
        #expect(throws: MapDocument.FormatRefused.self) { try doc.formatting() }
    }
}

/// Found by the fuzzer: ":" or "+" followed by a combining mark is one Swift character, so fmt read the
/// line differently from the parser and changed a value.
@Suite struct FormatCombiningMarks {
    @Test func aCombiningMarkAfterTheColonOrPlusKeepsTheValue() throws {
        var document = MapDocument(text: "barrier b \"B\"\n  er:\u{73D}lack t:o\n  +\u{300}x\n  + \u{300}y\n")
        let before = document.graph.nodes[0].attributes.map(\.value)
        document.apply(try document.formatting())
        #expect(MapDocument(text: document.text).graph.nodes[0].attributes.map(\.value) == before)
        #expect(document.text == "barrier b \"B\"\n  er: \u{73D}lack t:o\n  + \u{300}x\n  + \u{300}y\n")
    }
}

/// Found by the fuzzer: trimming the blanks after a lone CR left the CR at the end of the line, where the
/// next reading took it for a CRLF ending, so a second `fmt` changed the line again.
@Suite struct FormatLoneCarriageReturn {
    @Test(arguments: ["# a \r \n", "barrier b \"B\"\n  note: x \r  \n", "barrier b \"B\"\n  # c\t\r\t\r\n"])
    func formattingTwiceChangesNothingMore(text: String) throws {
        var document = MapDocument(text: text)
        document.apply(try document.formatting())
        let again = MapDocument(text: document.text)
        #expect(try again.formatting().splices.isEmpty)
    }
}
