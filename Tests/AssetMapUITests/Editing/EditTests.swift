import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit

@Suite struct SearchAndFollowTests {
    @Test func searchJumpFollowAndBack() throws {
        var h = try Harness(width: 120, height: 40)
        h.press(.char("/"))
        h.type("proof")
        #expect(h.screen.contains("[B] Asked for proof of address"))
        #expect(h.screen.contains("1 match"))
        h.press(.enter)
        #expect(h.app.currentID == "proof-of-address")
        #expect(h.screen.range(of: #"Barriers +2"#, options: .regularExpression) != nil)
        #expect(h.screen.contains("affects → Refugees and people seeking asylum"))
        #expect(h.screen.contains("← addresses Registration cards"))
        h.press(.enter)  // to the links pane
        h.press(.enter)  // follow "affects → Refugees…"
        #expect(h.app.currentID == "refugees")
        h.press(.down, .down, .enter)  // still in the links: the third is "← affects Asked for proof…"
        #expect(h.app.currentID == "proof-of-address")
        h.press(.backspace)
        #expect(h.app.currentID == "refugees")
        h.press(.backspace)
        #expect(h.app.currentID == "proof-of-address")
    }

    @Test func matchesAreRankedAndCoverIdsAndAttributeValues() throws {
        var h = try Harness()
        h.press(.char("/"))
        h.type("r")
        var screen = h.screen
        // Prefix matches of labels come before matches inside words.
        let refugees = screen.range(of: "[C] Refugees and people")!.lowerBound
        let library = screen.range(of: "[P] Central Library")!.lowerBound
        #expect(refugees < library)
        h.press(.ctrl("u"))
        h.type("contingency")
        screen = h.screen
        #expect(screen.contains("[C] Refugees and people seeking asylum"))
        #expect(screen.contains("note: refugees"))
        h.press(.ctrl("u"))
        h.type("rmc")
        #expect(h.screen.contains("[O] Refugee and Migrant Centre"))
        h.press(.ctrl("u"))
        h.type("rfgs")  // letters in order
        #expect(h.screen.contains("[C] Refugees and people"))
        h.press(.escape)
        #expect(!h.screen.contains("Search"))
        #expect(h.app.currentID == "refugees")
    }

    @Test func nextAndPreviousMatch() throws {
        var h = try Harness()
        h.press(.char("/"))
        h.type("zzz")
        h.press(.enter)
        #expect(h.status.contains("No match for 'zzz'"))
        h.press(.escape, .char("/"))
        h.type("o")
        let count = SearchIndex(graph: h.app.document.graph, version: 0).matches("o").count
        h.press(.enter)
        let first = h.app.currentID
        h.press(.char("n"))
        #expect(h.app.currentID != first)
        #expect(h.status.contains("Match 2 of \(count)"))
        h.press(.char("N"))
        #expect(h.app.currentID == first)
        h.press(.char("N"))
        #expect(h.status.contains("Match \(count) of \(count)"))
    }
}

@Suite struct EditTests {
    /// Runs keys that make one edit, then checks undo and redo give back the exact texts.
    func checkUndoRedo(_ h: inout Harness, before: String, after: String) {
        #expect(h.documentText == after)
        #expect(h.status.contains("[+]") == (after != h.fileText))
        h.press(.char("u"))
        #expect(h.documentText == before)
        #expect(h.status.contains("[+]") == (before != h.fileText))
        h.press(.ctrl("r"))
        #expect(h.documentText == after)
    }

    @Test func addNode() throws {
        var h = try Harness()
        h.press(.char("a"))
        #expect(h.screen.contains("Add a node: which kind?"))
        h.press(.down, .enter)  // organisation
        h.type("Food Bank & Café")
        h.press(.enter)
        // The id is made from the label without asking; the status line says how to change it.
        #expect(h.status.contains("Added organisation food-bank-cafe (i changes its id)"))
        #expect(h.app.currentID == "food-bank-cafe")
        let after = sampleMap.replacingOccurrences(
            of: "  when: Mondays and Thursdays\n",
            with: "  when: Mondays and Thursdays\n\norganisation food-bank-cafe \"Food Bank & Café\"\n")
        checkUndoRedo(&h, before: sampleMap, after: after)
    }

    @Test func addNodeMakesAUniqueIdThenTheIdKeyChangesIt() throws {
        var h = try Harness()
        h.press(.char("a"), .enter)  // community
        h.type("Roma")
        h.press(.enter)
        // A community is asked its core20 and plus; Esc skips each.
        #expect(h.screen.contains("New community: core20 (1 of 2)"))
        h.press(.escape)
        #expect(h.screen.contains("New community: plus (2 of 2)"))
        h.press(.escape)
        // "roma" is taken: the id made from the label is unique.
        #expect(h.documentText.contains("community roma-2 \"Roma\"\n"))
        #expect(h.app.currentID == "roma-2")
        h.press(.char("i"), .ctrl("u"))
        h.type("roma")
        h.press(.enter)
        #expect(h.status.contains("already used"))
        h.press(.ctrl("u"))
        h.type("roma-elders")
        h.press(.enter)
        #expect(h.documentText.contains("community roma-elders \"Roma\"\n"))
        #expect(h.app.currentID == "roma-elders")
    }

    @Test func rename() throws {
        var h = try Harness()
        h.press(.char("r"), .ctrl("u"))
        h.type("Refugees \"new\" 中文")
        h.press(.enter)
        let after = sampleMap.replacingOccurrences(
            of: "community refugees \"Refugees and people seeking asylum\"",
            with: "community refugees \"Refugees \\\"new\\\" 中文\"")
        checkUndoRedo(&h, before: sampleMap, after: after)
    }

    @Test func changeIDRewritesTheNodeAndItsLinks() throws {
        var h = try Harness()
        h.press(.char("i"))
        #expect(h.screen.contains("New id for \"Refugees and people seeking asylum\""))
        h.press(.ctrl("u"))
        h.type("people-seeking-asylum")
        h.press(.enter)
        #expect(h.app.currentID == "people-seeking-asylum")
        #expect(h.screen.contains("people-seeking-asylum"))
        // Every line naming the old id as a whole word now names the new one; nothing else changed.
        let after = sampleMap.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.split(separator: " ", omittingEmptySubsequences: false).map {
                $0 == "refugees" ? "people-seeking-asylum" : String($0)
            }
            .joined(separator: " ")
        }.joined(separator: "\n")
        #expect(after != sampleMap)
        checkUndoRedo(&h, before: sampleMap, after: after)
        // A taken id is refused in the status line; the prompt stays open.
        h.press(.char("i"), .ctrl("u"))
        h.type("rmc")
        h.press(.enter)
        #expect(h.screen.contains("already used"))
        #expect(h.app.modal != nil)
    }

    @Test func editAttributeValueMultiLine() throws {
        var h = try Harness()
        h.press(.char("e"))
        #expect(h.screen.contains("note: Many are housed in contingency hotels  (+1 line)"))
        #expect(h.screen.contains("private-contact: ask the hotel desk  [private]"))
        h.press(.down, .enter, .ctrl("u"))
        h.type("First line")
        h.press(.ctrl("o"))
        h.type("second line")
        h.press(.altEnter)
        h.type("third")
        h.press(.enter)
        #expect(h.screen.contains("Attributes of Refugees"))
        h.press(.escape)
        let after = sampleMap.replacingOccurrences(
            of: "  note: Many are housed in contingency hotels\n  + and move at short notice.\n",
            with: "  note: First line\n  + second line\n  + third\n")
        checkUndoRedo(&h, before: sampleMap, after: after)
    }

    @Test func addAndRemoveAttribute() throws {
        var h = try Harness()
        h.press(.char("e"), .char("a"))
        h.type("Bad Key")
        h.press(.enter)
        #expect(h.status.contains("not a valid key"))
        h.press(.ctrl("u"))
        h.type("ward")
        h.press(.enter)
        h.type("Central")
        h.press(.enter, .escape)
        let added = sampleMap.replacingOccurrences(
            of: "  private-contact: ask the hotel desk\n",
            with: "  private-contact: ask the hotel desk\n  ward: Central\n")
        checkUndoRedo(&h, before: sampleMap, after: added)

        h.press(.char("e"), .char("x"))
        #expect(h.screen.contains("Remove plus: yes? y/n"))
        h.press(.char("n"))
        #expect(h.documentText == added)
        h.press(.char("x"), .char("y"), .escape)
        let removed = added.replacingOccurrences(of: "  plus: yes\n", with: "")
        checkUndoRedo(&h, before: added, after: removed)
    }

    @Test func linkWithExistingRelationAndSwappedDirection() throws {
        var h = try Harness()
        h.press(.down)  // Roma communities
        h.press(.char("L"))
        #expect(h.screen.contains("Link Roma communities to…"))
        h.type("library")
        h.press(.enter)
        h.type("gath")
        #expect(h.screen.contains("gathers at"))
        #expect(h.screen.contains("new relation: gath"))
        h.press(.enter)
        // The edge goes after the last edge from roma, or (roma has none) at the end of the file.
        checkUndoRedo(&h, before: sampleMap, after: sampleMap + "roma -> library \"gathers at\"\n")

        // The relation list offers existing relations most used first; Tab swaps the direction.
        h.press(.char("L"))
        h.type("carers")
        h.press(.enter)
        let lines = h.screen.split(separator: "\n").map(String.init)
        let affects = lines.firstIndex { $0.contains("┃affects") }!
        let trusts = lines.firstIndex { $0.contains("┃trusts") }!
        #expect(affects < trusts)
        h.press(.tab)
        #expect(h.screen.contains("Unpaid carers  →  Roma communities"))
        h.press(.down)  // the second choice: affects is first
        h.press(.up, .enter)
        #expect(h.documentText.hasSuffix("carers -> roma affects\n"))
        // Linking the same edge again is refused with the core's message.
        h.press(.char("L"))
        h.type("carers")
        h.press(.enter, .tab, .enter)
        #expect(h.status.contains("already exists"))
    }

    @Test func deleteNodeSaysWhatGoesAndUndoes() throws {
        var h = try Harness(width: 120, height: 40)
        h.press(.char("d"))
        #expect(h.screen.contains("Delete node \"Refugees and people seeking asylum\" (refugees) and 4 edges? y/n"))
        h.press(.char("n"))
        #expect(h.documentText == sampleMap)
        #expect(h.status.contains("Nothing deleted"))
        h.press(.char("d"), .char("y"))
        #expect(!h.documentText.contains("refugees"))
        #expect(h.app.currentID == "roma")
        let after = h.documentText
        checkUndoRedo(&h, before: sampleMap, after: after)
        h.press(.char("u"))
        #expect(h.app.document.graph.node("refugees") != nil)
    }

    @Test func deleteSelectedEdge() throws {
        var h = try Harness(width: 120, height: 40)
        h.press(.tab)  // the links pane
        h.press(.down)  // gathers at → Central Library
        h.press(.char("d"))
        #expect(
            h.screen.contains(
                "Delete the link \"Refugees and people seeking asylum\" gathers at → \"Central Library\"? y/n"))
        h.press(.char("y"))
        let after = sampleMap.replacingOccurrences(of: "refugees -> library \"gathers at\"\n", with: "")
        checkUndoRedo(&h, before: sampleMap, after: after)
        // In the Graph tab, d deletes the selected neighbour's edge.
        h.press(.char("2"), .left)
        h.press(.char("d"))
        #expect(
            h.screen.contains(
                "Delete the link \"Asked for proof of address\" affects → \"Refugees and people seeking asylum\"? y/n"))
        h.press(.char("y"))
        #expect(!h.documentText.contains("proof-of-address -> refugees affects"))
    }

    @Test func undoWithoutLimitAndRedoClearedByNewEdit() throws {
        var h = try Harness()
        var texts = [h.documentText]
        for i in 0..<30 {
            h.press(.char("r"), .ctrl("u"))
            h.type("Name \(i)")
            h.press(.enter)
            texts.append(h.documentText)
        }
        for i in stride(from: 29, through: 0, by: -1) {
            h.press(.char("u"))
            #expect(h.documentText == texts[i])
        }
        h.press(.char("u"))
        #expect(h.status.contains("Nothing to undo"))
        h.press(.ctrl("r"), .ctrl("r"))
        #expect(h.documentText == texts[2])
        h.press(.char("r"), .ctrl("u"))
        h.type("Other")
        h.press(.enter, .ctrl("r"))
        #expect(h.status.contains("Nothing to redo"))
    }

    @Test func editErrorsShowInTheStatusLine() throws {
        var h = try Harness()
        h.press(.char("r"), .ctrl("u"), .enter)
        #expect(h.status.contains("a label cannot be empty"))
        #expect(h.documentText == sampleMap)
    }
}

@Suite struct TextFieldTests {
    @Test func editingKeysAndWideCharacters() {
        var field = TextField("中文ab")
        field.apply(.lineStart)
        field.apply(.cursorRight)
        field.insert("x")
        #expect(field.text == "中x文ab")
        field.apply(.deleteForward)
        #expect(field.text == "中xab")
        field.apply(.lineEnd)
        field.apply(.deleteBackward)
        #expect(field.text == "中xa")
        field.insert("\n")  // not a multi-line field
        #expect(field.text == "中xa")
        field.apply(.clearLine)
        #expect(field.text == "")

        var long = TextField(String(repeating: "中", count: 20) + "end")
        var buffer = Buffer(width: 10, height: 1)
        long.draw(into: &buffer, rect: Rect(x: 0, y: 0, width: 10, height: 1))
        #expect(buffer.row(0).contains("end"))
        long.apply(.lineStart)
        buffer = Buffer(width: 10, height: 1)
        long.draw(into: &buffer, rect: Rect(x: 0, y: 0, width: 10, height: 1))
        #expect(buffer.row(0).hasPrefix("中中中"))
        #expect(buffer[0, 0].style.reverse)  // the cursor
    }

    @Test func multiLineFieldKeepsNewlines() {
        var field = TextField("one", allowsNewlines: true)
        field.apply(.newline)
        field.insert("two")
        #expect(field.text == "one\ntwo")
        field.apply(.lineStart)
        #expect(field.cursor == 4)
        var buffer = Buffer(width: 10, height: 3)
        field.draw(into: &buffer, rect: Rect(x: 0, y: 0, width: 10, height: 3))
        #expect(buffer.text.hasPrefix("one\ntwo"))
    }

    @Test func fuzzyScoresRankExactPrefixWordStartSubstringSubsequence() {
        func s(_ q: String, _ f: String) -> Int? { SearchIndex.score(Array(q.utf8), in: Array(f.utf8)) }
        #expect(s("roma", "roma")! > s("roma", "roma communities")!)
        #expect(s("roma", "roma communities")! > s("comm", "roma communities")!)
        #expect(s("comm", "roma communities")! > s("ommun", "roma communities")!)
        #expect(s("ommun", "roma communities")! > s("rcm", "roma communities")!)
        #expect(s("zz", "roma") == nil)
    }
}
